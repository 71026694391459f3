package core

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestConfigJSON(t *testing.T) {
	full := `{"origins": ["https://app.example.com", "https://*.example.org"], "methods": ["PUT"],
		"request_headers": ["X-Token"], "exposed_headers": ["X-Request-Id"], "credentials": true,
		"max_age": "10m", "preflight_status": 200, "pass_preflight": true, "private_network": true,
		"dangerously_allow_insecure_origins": false}`
	want := Config{Origins: []string{"https://app.example.com", "https://*.example.org"}, Methods: []string{"PUT"},
		RequestHeaders: []string{"X-Token"}, ExposedHeaders: []string{"X-Request-Id"}, Credentials: true,
		MaxAge: 10 * time.Minute, PreflightStatus: 200, PassPreflight: true, PrivateNetwork: true}
	var got Config
	if err := json.Unmarshal([]byte(full), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	// What MarshalJSON writes, UnmarshalJSON reads back.
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var again Config
	if err := json.Unmarshal(data, &again); err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("round trip through %s: %+v, %v", data, again, err)
	}
	for in, d := range map[string]time.Duration{`"1h"`: time.Hour, `600`: 10 * time.Minute, `"600"`: 10 * time.Minute, `-1`: -time.Second, `null`: 0} {
		var c Config
		if err := json.Unmarshal([]byte(`{"origins": ["*"], "max_age": `+in+`}`), &c); err != nil || c.MaxAge != d {
			t.Errorf("max_age %s: %v, %v; want %v", in, c.MaxAge, err, d)
		}
	}
}

func TestConfigJSONRefuses(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"allowed_origins": ["https://a.example"]}`, `unknown field "allowed_origins": did you mean "origins"?`},
		{`{"AllowOrigins": ["https://a.example"]}`, `did you mean "origins"?`},
		{`{"allow_credentials": true}`, `did you mean "credentials"?`},
		{`{"maxAge": 600}`, `did you mean "max_age"?`},
		{`{"zebra": 1}`, `the fields are origins, methods`},
		{`{"max_age": 1.5}`, `max_age 1.5: 1.5 is not a whole number of seconds`},
		{`{"max_age": "ten minutes"}`, `max_age "ten minutes"`},
		{`{"max_age": 600000000000}`, `max_age 600000000000`},
		{`{"origins": "https://a.example"}`, `origins must be a list of strings, such as ["GET", "PUT"], not a JSON string`},
		{`{"origins": [1]}`, `origins must be a list of strings`},
		{`{"credentials": "yes"}`, `credentials must be true or false, not a JSON string`},
		{`{"preflight_status": 1.5}`, `preflight_status must be a whole number`},
		// Keys match exactly: encoding/json alone folds case and Unicode
		// look-alikes, and lets a repeated key win last, so a file could
		// read one way to jq or a grep and another to the server.
		{`{"credentials": false, "credentialſ": true}`, `unknown field "credential\u017f": did you mean "credentials"? Keys match exactly`},
		{`{"dangerouſly_allow_inſecure_originſ": true}`, `unknown field "dangerou\u017fly_allow_in\u017fecure_origin\u017f": did you mean "dangerously_allow_insecure_origins"?`},
		{`{"Credentials": true}`, `unknown field "Credentials": did you mean "credentials"? Keys match exactly`},
		{`{"ORIGINS": ["*"]}`, `unknown field "ORIGINS": did you mean "origins"?`},
		{`{"credentials": false, "credentials": true}`, `field "credentials" is written twice`},
		{`{"credentials": false, "cred\u0065ntials": true}`, `field "credentials" is written twice`},
		{`{"origins": ["https://a.example"], "methods": ["PUT"], "origins": ["*"]}`, `field "origins" is written twice`},
		{`["https://a.example"]`, `write an object`},
		{`"https://a.example"`, `write an object`},
	}
	for _, tt := range tests {
		var c Config
		err := json.Unmarshal([]byte(tt.in), &c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.in, err, tt.want)
		}
		// Called directly, as a decoder of another format might.
		if err := c.UnmarshalJSON([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("UnmarshalJSON(%s): error %v, want one containing %q", tt.in, err, tt.want)
		}
	}
	// What json.Unmarshal would have refused as a whole is refused when
	// UnmarshalJSON is called directly too.
	for _, in := range []string{`{"origins": ["*"]} {"credentials": true}`, `{"origins": ["*"]`, `null {}`} {
		if err := new(Config).UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("UnmarshalJSON(%s) accepted it", in)
		}
	}
}

// TestConfigJSONKeysExact: a key written with a JSON escape is the key it
// spells (as jq reads it too), null sets nothing, and the JSON form of a
// nested Config keeps the same rules.
func TestConfigJSONKeysExact(t *testing.T) {
	var c Config
	if err := json.Unmarshal([]byte(`{"cred\u0065ntials": true, "origins": ["https://a.example"]}`), &c); err != nil || !c.Credentials {
		t.Errorf("escaped key: %+v, %v; want credentials on", c, err)
	}
	if err := json.Unmarshal([]byte(`null`), &c); err != nil || !c.Credentials {
		t.Errorf("null: %+v, %v; want the Config unchanged", c, err)
	}
	var file struct {
		Policy Config `json:"policy"`
	}
	err := json.Unmarshal([]byte(`{"policy": {"credentials": false, "credentialſ": true}}`), &file)
	if err == nil || !strings.Contains(err.Error(), `unknown field "credential\u017f"`) {
		t.Errorf("nested Config: %+v, %v; want the look-alike key refused", file.Policy, err)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := []string{
		"CORS_ORIGINS=https://a.example, https://b.example\thttps://c.example",
		"CORS_METHODS=PUT,DELETE",
		"CORS_CREDENTIALS=true",
		"CORS_MAX_AGE=600",
		"CORS_PREFLIGHT_STATUS=200",
		"OTHER_ORIGINS=https://ignored.example",
	}
	got, err := configFromLookup("CORS", env)
	want := Config{Origins: []string{"https://a.example", "https://b.example", "https://c.example"},
		Methods: []string{"PUT", "DELETE"}, Credentials: true, MaxAge: 10 * time.Minute, PreflightStatus: 200}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v\nwant %+v", got, err, want)
	}
	_, err = configFromLookup("CORS", []string{"CORS_ALLOWED_ORIGINS=https://a.example", "CORS_CREDENTIALS=yes", "CORS_MAX_AGE=1.5"})
	for _, part := range []string{
		"CORS_ALLOWED_ORIGINS names no policy field (did you mean CORS_ORIGINS?)",
		`CORS_CREDENTIALS="yes": write "true" or "false"`,
		`CORS_MAX_AGE="1.5": 1.5 is not a whole number of seconds`,
	} {
		if err == nil || !strings.Contains(err.Error(), part) {
			t.Errorf("error %v, want one containing %q", err, part)
		}
	}
	t.Setenv("CROSSGATE_TEST_ORIGINS", "https://env.example")
	if cfg, err := ConfigFromEnv("CROSSGATE_TEST"); err != nil || len(cfg.Origins) != 1 || cfg.Origins[0] != "https://env.example" {
		t.Errorf("ConfigFromEnv = %+v, %v", cfg, err)
	}
}
