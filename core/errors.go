package core

import (
	"fmt"
	"strconv"
)

// ConfigError is one problem New found in a Config. New returns all of them
// joined with errors.Join; errors.As picks them apart.
type ConfigError struct {
	// Field is the Config field at fault, with an index for list entries:
	// "Origins[2]", "MaxAge".
	Field string
	// Value is the offending value as written.
	Value string
	// Problem says what is wrong with it.
	Problem string
	// Fix says what to write instead.
	Fix string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("crossgate: %s %s: %s; %s", e.Field, strconv.Quote(e.Value), e.Problem, e.Fix)
}

// problems collects ConfigErrors while a Config is compiled.
type problems []error

func (ps *problems) add(field string, index int, value, problem, fix string) {
	if index >= 0 {
		field = field + "[" + strconv.Itoa(index) + "]"
	}
	*ps = append(*ps, &ConfigError{Field: field, Value: value, Problem: problem, Fix: fix})
}
