package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
// never nanoseconds. A field it does not know is an error that names it, so
// that a typo such as "allowed_origins" cannot silently allow nothing.
// Only the form is checked here; New checks the values.
func (c *Config) UnmarshalJSON(data []byte) error {
	// plain has Config's fields and tags without its methods; the outer
	// MaxAge, nearer the top, takes "max_age" from it.
	type plain Config
	var form struct {
		plain
		MaxAge json.RawMessage `json:"max_age"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&form); err != nil {
		return jsonConfigError(err)
	}
	cfg := Config(form.plain)
	if len(form.MaxAge) > 0 && string(form.MaxAge) != "null" {
		d, err := parseMaxAgeJSON(form.MaxAge)
		if err != nil {
			return fmt.Errorf("crossgate: max_age %s: %w", form.MaxAge, err)
		}
		cfg.MaxAge = d
	}
	*c = cfg
	return nil
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

// jsonConfigError rewords encoding/json's errors about a policy: an unknown
// field gets the name it probably meant.
func jsonConfigError(err error) error {
	const unknown = "json: unknown field "
	msg := err.Error()
	if !strings.HasPrefix(msg, unknown) {
		return fmt.Errorf("crossgate: policy JSON: %w", err)
	}
	name, _ := strconv.Unquote(strings.TrimPrefix(msg, unknown))
	hint := "the fields are " + strings.Join(configFieldNames(), ", ")
	if meant := likelyField(name); meant != "" {
		hint = fmt.Sprintf("did you mean %q?", meant)
	}
	return fmt.Errorf("crossgate: policy JSON: unknown field %q: %s", name, hint)
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
		if squash(f) == want {
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
