// Package must holds the one body of every adapter's Must.
package must

// Value returns v, or panics with err, unchanged, when err is not nil: the
// panic's text is the error's, and a recover can still pick it apart with
// errors.As.
func Value[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
