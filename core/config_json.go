package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// UnmarshalJSON reads a policy written as data:
//
//	{"origins": ["https://app.example.com"], "methods": ["PUT"], "credentials": true, "max_age": "10m"}
//
// max_age is a duration string ("10m", "1h") or a whole number of seconds,
// never nanoseconds. Keys match exactly, as jq, a grep and a reviewer read
// them: encoding/json alone would take "Credentials", or "credentialſ"
// through Unicode folding, for "credentials", and let a repeated key
// override the first, so that a file could say one thing to a reader and
// another to the server. A key it does not know, or one written twice, is
// an error that names it (and the field probably meant), so that a typo
// such as "allowed_origins" cannot silently allow nothing. Only the form is
// checked here; New checks the values.
func (c *Config) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err == io.EOF {
		return errors.New(`crossgate: policy JSON: empty: write an object such as {"origins": [...]}`)
	}
	if err != nil {
		return fmt.Errorf("crossgate: policy JSON: %w", err)
	}
	if tok == nil { // null sets nothing, as encoding/json has it
		return endOfJSON(dec)
	}
	if tok != json.Delim('{') {
		return fmt.Errorf(`crossgate: policy JSON: write an object such as {"origins": [...]}, not %s`, jsonKind(tok))
	}
	var cfg Config
	fields := reflect.ValueOf(&cfg).Elem()
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("crossgate: policy JSON: %w", err)
		}
		// Inside an object, Token returns each key, unescaped, as a string.
		key := tok.(string)
		index, known := configFieldIndex(key)
		if !known {
			return unknownFieldError(key)
		}
		if seen[key] {
			return fmt.Errorf("crossgate: policy JSON: field %q is written twice: readers disagree on which one counts, so write it once", key)
		}
		seen[key] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("crossgate: policy JSON: %s: %w", key, err)
		}
		if err := setConfigField(&cfg, fields.Field(index), key, raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fmt.Errorf("crossgate: policy JSON: %w", err)
	}
	if err := endOfJSON(dec); err != nil {
		return err
	}
	*c = cfg
	return nil
}

// endOfJSON checks that dec has nothing left to read but white space.
func endOfJSON(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("crossgate: policy JSON: more than one JSON value: write one object")
	}
	return nil
}

// setConfigField decodes raw, the value of key, into field, one of cfg's;
// max_age has its own forms.
func setConfigField(cfg *Config, field reflect.Value, key string, raw json.RawMessage) error {
	if key == "max_age" {
		if string(raw) == "null" {
			return nil
		}
		d, err := parseMaxAgeJSON(raw)
		if err != nil {
			return fmt.Errorf("crossgate: policy JSON: max_age %s: %w", raw, err)
		}
		cfg.MaxAge = d
		return nil
	}
	err := json.Unmarshal(raw, field.Addr().Interface())
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Errorf("crossgate: policy JSON: %s must be %s, not a JSON %s", key, jsonForm(field.Kind()), typeErr.Value)
	}
	if err != nil {
		return fmt.Errorf("crossgate: policy JSON: %s: %w", key, err)
	}
	return nil
}

// jsonForm says what a field of this kind is written as.
func jsonForm(k reflect.Kind) string {
	switch k {
	case reflect.Slice:
		return `a list of strings, such as ["GET", "PUT"]`
	case reflect.Bool:
		return "true or false"
	default:
		return "a whole number"
	}
}

// jsonKind names a token that should have been an object.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "true or false"
	default:
		return "a number"
	}
}

// MarshalJSON writes the form UnmarshalJSON reads, max_age as a duration
// string ("10m0s"), so that Policy.Config can be saved and loaded again.
func (c Config) MarshalJSON() ([]byte, error) {
	type plain Config
	form := struct {
		plain
		MaxAge string `json:"max_age,omitempty"`
	}{plain: plain(c)}
	if c.MaxAge != 0 {
		form.MaxAge = c.MaxAge.String()
	}
	return json.Marshal(form)
}

// parseMaxAgeJSON reads max_age: a quoted duration or a whole number of
// seconds.
func parseMaxAgeJSON(raw json.RawMessage) (time.Duration, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseMaxAge(s)
	}
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, errors.New(`write a duration such as "10m" or a whole number of seconds`)
	}
	return secondsMaxAge(n)
}

// parseMaxAge reads a duration string, or a whole number of seconds
// written as text (the environment's form).
func parseMaxAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return secondsMaxAge(n)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New(`write a duration such as "10m" or a whole number of seconds`)
	}
	return d, nil
}

// secondsMaxAge turns a number of seconds into a duration; a fraction is an
// error rather than a rounding the user did not ask for.
func secondsMaxAge(n float64) (time.Duration, error) {
	if n != math.Trunc(n) || math.Abs(n) > float64(math.MaxInt64/int64(time.Second)) {
		return 0, fmt.Errorf("%v is not a whole number of seconds", n)
	}
	return time.Duration(n) * time.Second, nil
}

// unknownFieldError names key, which no field has, and the field it
// probably stands for. The key is quoted with Go's escapes for anything
// but ASCII, so that a look-alike letter ("credentialſ") shows.
func unknownFieldError(key string) error {
	hint := "the fields are " + strings.Join(configFieldNames(), ", ")
	if meant := likelyField(key); meant != "" {
		hint = fmt.Sprintf("did you mean %q?", meant)
		if strings.EqualFold(key, meant) {
			hint += " Keys match exactly: no other letter case, no look-alike letter."
		}
	}
	return fmt.Errorf("crossgate: policy JSON: unknown field %+q: %s", key, hint)
}

// configField is a field of Config that has a data form.
type configField struct {
	index int
	// name is its json tag's name: the JSON form's, and upper-cased the
	// environment's.
	name string
}

// configFields lists Config's fields that have a JSON name, in order.
func configFields() []configField {
	t := reflect.TypeFor[Config]()
	var fields []configField
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields = append(fields, configField{i, name})
		}
	}
	return fields
}

// configFieldIndex returns the index in Config of the field whose JSON
// name is exactly name.
func configFieldIndex(name string) (int, bool) {
	for _, f := range configFields() {
		if f.name == name {
			return f.index, true
		}
	}
	return 0, false
}

// configFieldNames returns the names of configFields.
func configFieldNames() []string {
	var names []string
	for _, f := range configFields() {
		names = append(names, f.name)
	}
	return names
}

// likelyField returns the field that name, a misspelt or borrowed field
// name ("allowed_origins", "AllowOrigins", "maxAge"), stands for, or "".
func likelyField(name string) string {
	squash := func(s string) string {
		s = strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(s))
		for _, noise := range []string{"allowed", "allow", "access", "control", "cors"} {
			s = strings.ReplaceAll(s, noise, "")
		}
		return strings.TrimSuffix(s, "s")
	}
	want := squash(name)
	for _, f := range configFieldNames() {
		// EqualFold also folds the look-alikes ("ſ" for "s", the Kelvin
		// sign for "k") that encoding/json would have accepted.
		if strings.EqualFold(name, f) || strings.EqualFold(squash(f), want) {
			return f
		}
	}
	switch want {
	case "header", "headers":
		return "request_headers"
	case "exposeheader":
		return "exposed_headers"
	}
	return ""
}
