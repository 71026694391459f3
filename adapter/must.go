package adapter

// Must is the one body of every adapter's Must: it returns v, or panics with err, unchanged, when err is not nil: the
// panic's text is the error's, and a recover can still pick it apart with
// errors.As.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
