package core

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ConfigFromEnv reads a policy from environment variables named prefix, an
// underscore, and a field's JSON name upper-cased:
//
//	CORS_ORIGINS="https://a.example, https://b.example"
//	CORS_METHODS="PUT DELETE"
//	CORS_CREDENTIALS=true
//	CORS_MAX_AGE=10m
//
// Lists are split on commas and white space; booleans are strconv's
// ("true", "1", "false"...); max age is a duration or a whole number of
// seconds. A variable with the prefix that names no field is an error (a
// typo such as CORS_ALLOWED_ORIGINS must not silently allow nothing), and
// every error names its variable. Only the form is checked; New checks the
// values.
func ConfigFromEnv(prefix string) (Config, error) {
	return configFromLookup(prefix, os.Environ())
}

// configFromLookup reads the variables of environ ("NAME=value" lines)
// that start with prefix + "_".
func configFromLookup(prefix string, environ []string) (Config, error) {
	var cfg Config
	if prefix == "" {
		return cfg, errors.New(`crossgate: ConfigFromEnv needs a prefix, such as "CORS"`)
	}
	lead := prefix + "_"
	v := reflect.ValueOf(&cfg).Elem()
	fields := map[string]reflect.Value{}
	for _, f := range configFields() {
		fields[lead+strings.ToUpper(f.name)] = v.Field(f.index)
	}
	var errs []error
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, lead) {
			continue
		}
		field, ok := fields[name]
		if !ok {
			hint := ""
			if meant := likelyField(strings.TrimPrefix(name, lead)); meant != "" {
				hint = fmt.Sprintf(" (did you mean %s%s?)", lead, strings.ToUpper(meant))
			}
			errs = append(errs, fmt.Errorf("crossgate: %s names no policy field%s", name, hint))
			continue
		}
		if err := setFromEnv(field, value); err != nil {
			errs = append(errs, fmt.Errorf("crossgate: %s=%q: %w", name, value, err))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return cfg, errors.Join(errs...)
}

// setFromEnv parses value into field by the field's type.
func setFromEnv(field reflect.Value, value string) error {
	switch field.Interface().(type) {
	case []string:
		field.Set(reflect.ValueOf(strings.FieldsFunc(value, func(r rune) bool {
			return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
		})))
	case bool:
		b, err := strconv.ParseBool(strings.TrimSpace(value))
		if err != nil {
			return errors.New(`write "true" or "false"`)
		}
		field.SetBool(b)
	case int:
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil {
			return errors.New("write a whole number")
		}
		field.SetInt(int64(n))
	default: // MaxAge, the one time.Duration
		d, err := parseMaxAge(value)
		if err != nil {
			return err
		}
		field.SetInt(int64(d))
	}
	return nil
}
