package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/core"
	corshttp "github.com/crossgate/crossgate/http"
)

// crossgateServer serves 200 "ok" behind a crossgate policy.
func crossgateServer(t *testing.T, cfg core.Config) string {
	t.Helper()
	mw, err := corshttp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })))
	t.Cleanup(srv.Close)
	return srv.URL
}

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut, false)
	return code, out.String(), errOut.String()
}

const app = "https://app.example"

func TestCheckExitStatus(t *testing.T) {
	url := crossgateServer(t, core.Config{Origins: []string{app}, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"}})
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout (or stderr for status 2)
	}{
		{"allowed GET", []string{"check", url, "--origin", app}, exitAllowed, "ALLOWED"},
		{"same origin", []string{"check", url, "--origin", url, "--header", "X-Other: 1"}, exitAllowed, "same-origin"},
		{"allowed PUT preflight", []string{"check", "--method", "PUT", url, "--origin", app, "--header", "X-Token: 1"}, exitAllowed, "did not send the PUT"},
		{"wrong origin", []string{"check", url, "--origin", "https://evil.example"}, exitBlocked, "BLOCKED (cause: origin)"},
		{"header not listed", []string{"check", url, "--origin", app, "--header", "X-Other: 1"}, exitBlocked, "BLOCKED (cause: header)"},
		{"method not listed", []string{"check", url, "--origin", app, "--method", "DELETE"}, exitBlocked, `Methods:        []string{"DELETE"}`},
		{"invalid origin", []string{"check", url, "--origin", "https://app.example/"}, exitError, "write https://app.example"},
		{"no origin", []string{"check", url}, exitError, "pass --origin"},
		{"header without colon", []string{"check", url, "--origin", app, "--header", "X-Token"}, exitError, "has no colon"},
		{"unreachable", []string{"check", "http://127.0.0.1:1/", "--origin", app}, exitError, "could not reach"},
		{"no URL", []string{"check", "--origin", app}, exitError, "one URL"},
		{"unknown flag", []string{"check", url, "--origin", app, "--nope"}, exitError, "unknown flag --nope"},
		{"unknown command", []string{"chek"}, exitError, "unknown command"},
		{"no command", nil, exitError, "usage"},
		{"POST not sent", []string{"check", url, "--origin", app, "--method", "POST"}, exitError, "only with --send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runArgs(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			where := out
			if code == exitError {
				where = errOut
				if out != "" {
					t.Errorf("status 2 printed to stdout: %s", out)
				}
			}
			if !strings.Contains(where, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, where)
			}
			if strings.Contains(out, "\x1b[") {
				t.Error("colour in a pipe")
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	url := crossgateServer(t, core.Config{Origins: []string{"*"}})
	code, out, _ := runArgs(t, "check", url, "--origin", app, "--credentials", "--json")
	var got struct {
		Allowed   bool                           `json:"allowed"`
		Preflight bool                           `json:"preflight"`
		Cause     string                         `json:"cause"`
		Steps     []struct{ Mark, Text string }  `json:"steps"`
		Headers   map[string]map[string][]string `json:"headers"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if code != exitBlocked || got.Allowed || got.Preflight || got.Cause != "credentials" || len(got.Steps) < 2 ||
		got.Headers["actual"]["Access-Control-Allow-Origin"][0] != "*" {
		t.Errorf("exit %d, %+v", code, got)
	}
}

func TestCompare(t *testing.T) {
	a := crossgateServer(t, core.Config{Origins: []string{app}, Methods: []string{"PUT"}})
	same := crossgateServer(t, core.Config{Origins: []string{app}, Methods: []string{"PUT"}})
	other := crossgateServer(t, core.Config{Origins: []string{app}, Methods: []string{"PUT"}, Credentials: true})
	args := []string{"--origin", app, "--origin", "https://evil.example", "--method", "GET", "--method", "PUT", "--header", "X-Token: 1"}

	code, out, errOut := runArgs(t, append([]string{"compare", a, same}, args...)...)
	if code != exitAllowed || !strings.Contains(out, "IDENTICAL") || !strings.Contains(out, "all 16 calls") {
		t.Errorf("identical servers: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runArgs(t, append([]string{"compare", a, other}, args...)...)
	// Only app's credentialed calls differ: B allows two, and blames the
	// header, not the credentials, for the two with X-Token: two kinds of
	// difference, one line each, with their count.
	if code != exitBlocked || strings.Count(out, "differs") != 2 || !strings.Contains(out, "differs 2 calls (GET, PUT from https://app.example, with credentials; no header): A blocked (credentials), B allowed") ||
		!strings.Contains(out, "B blocked (header)") || !strings.Contains(out, "4 of 16 calls") {
		t.Errorf("different servers: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runArgs(t, append([]string{"compare", a, other, "--verbose"}, args...)...)
	if code != exitBlocked || strings.Count(out, "\n    GET from https://app.example") != 2 || strings.Count(out, "\n    PUT from https://app.example") != 2 {
		t.Errorf("--verbose lists each of the 4 calls under its kind: exit %d\n%s", code, out)
	}
	code, out, _ = runArgs(t, append([]string{"compare", a, other, "--json"}, args...)...)
	var got struct {
		Calls   int `json:"calls"`
		Classes []struct {
			Count int    `json:"count"`
			B     string `json:"b"`
		} `json:"classes"`
		Differences []map[string]any `json:"differences"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitBlocked || got.Calls != 16 || len(got.Classes) != 2 || got.Classes[0].Count != 2 || len(got.Differences) != 4 {
		t.Errorf("--json: %v, exit %d, %+v\n%s", err, code, got, out)
	}
	for _, key := range []string{`"Name"`, `"Value"`, `"Allowed"`} {
		if strings.Contains(out, key) {
			t.Errorf("compare --json has the key %s: keys are lower case", key)
		}
	}
	if !strings.Contains(out, `"name": "X-Token"`) {
		t.Errorf("compare --json lacks the header as {\"name\", \"value\"}:\n%s", out)
	}
	if code, _, _ := runArgs(t, "compare", a, "--origin", app); code != exitError {
		t.Errorf("one URL: exit %d, want 2", code)
	}
}

func TestExplain(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.json")
	os.WriteFile(policy, []byte(`{"origins": ["https://*.example"], "methods": ["PUT"], "request_headers": ["X-Token"], "max_age": "10m"}`), 0o600)
	unknown := filepath.Join(dir, "unknown.json")
	os.WriteFile(unknown, []byte(`{"origin": ["https://app.example"]}`), 0o600)
	invalid := filepath.Join(dir, "invalid.json")
	os.WriteFile(invalid, []byte(`{"origins": ["*"], "credentials": true}`), 0o600)

	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"--config", policy, "--origin", app, "--method", "PUT", "--header", "X-Token: 1"}, exitAllowed, "ALLOWED"},
		{[]string{"--config", policy, "--origin", app, "--method", "POST", "--header", "Content-Type: text/plain"}, exitAllowed, "a simple request"},
		{[]string{"--config", policy, "--origin", app, "--method", "POST", "--header", "Content-Type: application/json"}, exitBlocked, "BLOCKED (cause: header)"},
		{[]string{"--config", policy, "--origin", app, "--method", "PATCH"}, exitBlocked, "BLOCKED (cause: method)"},
		{[]string{"--config", policy, "--origin", "https://example.org"}, exitBlocked, "BLOCKED (cause: origin)"},
		{[]string{"--config", policy, "--origin", app, "--credentials"}, exitBlocked, "BLOCKED (cause: credentials)"},
		{[]string{"--allow-origin", app, "--allow-credentials", "--origin", app, "--credentials"}, exitAllowed, "ALLOWED"},
		{[]string{"--config", unknown, "--origin", app}, exitError, `unknown field "origin"`},
		{[]string{"--config", invalid, "--origin", app}, exitError, "the policy is invalid"},
		{[]string{"--config", filepath.Join(dir, "missing.json"), "--origin", app}, exitError, "no such file"},
		{[]string{"--origin", app}, exitError, "needs a policy"},
		{[]string{"--allow-origin", app, "--max-age", "soon", "--origin", app}, exitError, "max_age"},
	}
	for _, tt := range tests {
		code, out, errOut := runArgs(t, append([]string{"explain"}, tt.args...)...)
		if code != tt.code || !strings.Contains(out+errOut, tt.out) {
			t.Errorf("%q: exit %d (want %d), want %q in:\n%s%s", tt.args, code, tt.code, tt.out, out, errOut)
		}
	}
}

func TestCheckTLSError(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	code, out, errOut := runArgs(t, "check", srv.URL, "--origin", app)
	if code != exitError || out != "" || !strings.Contains(errOut, "could not reach") || !strings.Contains(errOut, "certificate") {
		t.Errorf("self-signed server: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

func TestColour(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if useColour(f) {
		t.Error("colour in a file")
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		t.Setenv("NO_COLOR", "")
		if useColour(tty) {
			t.Error("colour on a terminal with NO_COLOR set")
		}
	}
	url := crossgateServer(t, core.Config{Origins: []string{app}})
	var out bytes.Buffer
	if code := run(context.Background(), []string{"check", url, "--origin", "https://evil.example"}, &out, &out, true); code != exitBlocked ||
		!strings.Contains(out.String(), red+"FAIL"+reset) {
		t.Errorf("exit %d, want a red FAIL:\n%q", code, out.String())
	}
}

// TestHelp: -h and --help on every command print its usage to standard
// output and exit 0, with flags spelled as the README spells them.
func TestHelp(t *testing.T) {
	for _, cmd := range []string{"check", "compare", "explain", "version"} {
		for _, h := range []string{"-h", "--help"} {
			code, out, errOut := runArgs(t, cmd, h)
			if code != exitAllowed || errOut != "" || !strings.Contains(out, "usage:\n  crossgate "+cmd) {
				t.Errorf("%s %s: exit %d\nstdout: %s\nstderr: %s", cmd, h, code, out, errOut)
			}
			if cmd != "version" && (!strings.Contains(out, "  --origin") || strings.Contains(out, " -origin")) {
				t.Errorf("%s %s: flags not spelled --origin:\n%s", cmd, h, out)
			}
		}
	}
	code, out, _ := runArgs(t, "--help")
	if code != exitAllowed || !strings.Contains(out, "crossgate check URL --origin ORIGIN") || !strings.Contains(out, "crossgate version") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
}

// TestVersion: a test binary, like a build from a checkout, has no module
// version: "(devel)".
func TestVersion(t *testing.T) {
	code, out, errOut := runArgs(t, "version")
	if code != exitAllowed || out != "crossgate (devel)\n" {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
	if code, _, _ := runArgs(t, "version", "x"); code != exitError {
		t.Errorf("version x: exit %d", code)
	}
}

// TestErrorsCarryOnePrefix: core's errors begin with "crossgate: "; the
// command's message around one says it once.
func TestErrorsCarryOnePrefix(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"origins": ["https://app.example"], "nope": 1}`), 0o600)
	invalid := filepath.Join(dir, "invalid.json")
	os.WriteFile(invalid, []byte(`{"origins": ["*"], "credentials": true}`), 0o600)
	for _, f := range []string{bad, invalid} {
		code, _, errOut := runArgs(t, "explain", "--config", f, "--origin", app)
		if code != exitError || strings.Count(errOut, "crossgate:") != 1 || !strings.HasPrefix(errOut, "crossgate: ") {
			t.Errorf("%s: exit %d, want one prefix:\n%s", filepath.Base(f), code, errOut)
		}
	}
}

// TestExplainHints: the "*." pattern is suggested only where it covers
// the refused origin safely.
func TestExplainHints(t *testing.T) {
	for origin, pattern := range map[string]string{
		"https://admin.example.com": `"https://*.example.com"`,
		"http://localhost:5173":     "",
		"https://example.org":       "",
		"http://10.0.0.7:8080":      "",
	} {
		code, out, _ := runArgs(t, "explain", "--allow-origin", "https://app.example.com", "--origin", origin)
		if code != exitBlocked || (pattern == "") == strings.Contains(out, "*.") || !strings.Contains(out, pattern) {
			t.Errorf("%s: exit %d, want pattern %q:\n%s", origin, code, pattern, out)
		}
	}
}

// TestCheckPasted: a DevTools copy, as cURL or as fetch, as the argument
// or on standard input, plays the call it describes; the flags say what it
// does not; unknown curl options are left out with a note.
func TestCheckPasted(t *testing.T) {
	url := crossgateServer(t, core.Config{Origins: []string{app}, Methods: []string{"PUT"}, RequestHeaders: []string{"X-Token"}})
	curl := "curl '" + url + "/items/1' \\\n  -X 'PUT' \\\n  -H 'accept: */*' \\\n  -H 'origin: " + app + "' \\\n  -H 'sec-fetch-mode: cors' \\\n  -H 'user-agent: Mozilla/5.0 Chrome/156.0.0.0' \\\n  -H 'x-token: 1' \\\n  --data-raw '{}' \\\n  --compressed"
	fetchCopy := `fetch("` + url + `/items/1", {"headers": {"accept": "*/*", "x-token": "1"}, "body": null, "method": "PUT", "mode": "cors", "credentials": "include"});`
	tests := []struct {
		name  string
		args  []string
		input string
		code  int
		out   string
	}{
		{"curl as the argument", []string{"check", curl}, "", exitAllowed, "ALLOWED"},
		{"curl on standard input", []string{"check", "-"}, curl, exitAllowed, "ALLOWED"},
		{"curl on standard input, no argument", []string{"check", "--json"}, curl, exitAllowed, `"allowed": true`},
		{"--origin overrides the copy's", []string{"check", curl, "--origin", "https://evil.example"}, "", exitBlocked, "BLOCKED (cause: origin)"},
		{"fetch without an origin", []string{"check", "-"}, fetchCopy, exitError, "pass --origin"},
		{"fetch with --origin and credentials", []string{"check", "-", "--origin", app}, fetchCopy, exitBlocked, "BLOCKED (cause: credentials)"},
		{"--credentials=false overrides the copy's", []string{"check", "-", "--origin", app, "--credentials=false"}, fetchCopy, exitAllowed, "ALLOWED"},
		{"not a copy", []string{"check", "-"}, "wget " + url, exitError, "not a DevTools copy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin = strings.NewReader(tt.input)
			defer func() { stdin = os.Stdin }()
			code, out, errOut := runArgs(t, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.out) {
				t.Errorf("exit %d (want %d), want %q in:\n%s%s", code, tt.code, tt.out, out, errOut)
			}
			if strings.HasPrefix(tt.input+strings.Join(tt.args, " "), "curl") || strings.Contains(tt.args[1], "curl") {
				if !strings.Contains(errOut, "note: ignored the curl option --compressed") {
					t.Errorf("no note for --compressed:\n%s", errOut)
				}
			}
		})
	}
}
