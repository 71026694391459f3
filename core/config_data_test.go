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
		{`{"origins": "https://a.example"}`, `origins`},
	}
	for _, tt := range tests {
		var c Config
		err := json.Unmarshal([]byte(tt.in), &c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.in, err, tt.want)
		}
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
