package core

import (
	"errors"
	"fmt"
	"strconv"
)

// ConfigError is one problem New found in a Config. New returns all of them
// joined with errors.Join; ConfigErrors lists them.
type ConfigError struct {
	// Field is the Config field at fault: "Origins", "MaxAge".
	Field string
	// Index is the position of the entry at fault in a list field
	// (Origins[2] has Index 2), or -1 when the problem is the field itself.
	Index int
	// Value is the offending value as written.
	Value string
	// Problem says what is wrong with it.
	Problem string
	// Fix says what to write instead.
	Fix string
	// Replacement is a fix you can apply: the values to write in place of
	// Value, which Fix quotes. Several when the entry packs several values
	// ("a, b" in one entry of a list: write them as separate entries); for
	// MaxAge and PreflightStatus, the one value in Value's form (a
	// time.Duration's String, a decimal status). Applied together with the
	// Replacement or Remove of every other ConfigError New returned, it
	// fixes the problem without causing another. Empty when the fix is a
	// choice only you can make: Fix then says what to decide.
	Replacement []string
	// Remove is true when the fix is to delete the entry (a duplicate, a
	// value that can never match); Replacement is then empty.
	Remove bool
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("crossgate: %s %s: %s; %s", e.where(), strconv.Quote(e.Value), e.Problem, e.Fix)
}

// where names the field and, for a list entry, its index: "Origins[2]".
func (e *ConfigError) where() string {
	if e.Index < 0 {
		return e.Field
	}
	return e.Field + "[" + strconv.Itoa(e.Index) + "]"
}

// ConfigErrors returns every *ConfigError in err, in order: New and
// Reconfigure join all the problems they find, and errors.As finds only
// the first. Nil when err holds none.
func ConfigErrors(err error) []*ConfigError {
	var all []*ConfigError
	var walk func(error)
	walk = func(err error) {
		var ce *ConfigError
		switch e := err.(type) {
		case nil:
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			if errors.As(err, &ce) {
				all = append(all, ce)
			}
		}
	}
	walk(err)
	return all
}

// problems collects ConfigErrors while a Config is compiled.
type problems []error

func (ps *problems) add(field string, index int, value, problem, fix string) {
	*ps = append(*ps, &ConfigError{Field: field, Index: index, Value: value, Problem: problem, Fix: fix})
}

// addField adds a problem of a field that is not a list, whose fix is to
// write value, spelled in Go as code: "write 24*time.Hour (\"24h0m0s\")".
func (ps *problems) addField(field, value, problem, code, replacement, more string) {
	fix := code + " (" + strconv.Quote(replacement) + ")" + more
	if code == "write "+replacement {
		fix = code + more
	}
	*ps = append(*ps, &ConfigError{Field: field, Index: -1, Value: value, Problem: problem,
		Fix: fix, Replacement: []string{replacement}})
}

// addEntry adds the problem of the list entry field[index].
func (ps *problems) addEntry(field string, index int, value string, p *entryProblem) {
	*ps = append(*ps, &ConfigError{Field: field, Index: index, Value: value, Problem: p.problem,
		Fix: p.fix(), Replacement: p.replacement, Remove: p.remove})
}
