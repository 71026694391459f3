package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/check"
)

// TestRootCauses: issue 21 item 1. Against rs/cors with a header or a
// method missing, gin-contrib/cors on a gin group and rs/cors around each
// http.ServeMux route, the console's cause is "origin" every time; the
// command names what to change: the header, the method, or the 404/405
// and where the middleware must be attached, in its text and its JSON.
func TestRootCauses(t *testing.T) {
	const page = "http://localhost:5173"
	bin := filepath.Join(t.TempDir(), "crossgate")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/crossgate/crossgate/cmd/crossgate").CombinedOutput(); err != nil {
		t.Fatalf("building the command: %v\n%s", err, out)
	}
	want := map[string]struct {
		root    check.Cause
		refused []string
		status  int      // the preflight's status
		text    []string // in the text output and in the JSON's diagnosis
	}{
		"rs/cors without Authorization in AllowedHeaders": {check.CauseHeader, []string{"authorization"}, 204, []string{"root cause: header authorization", "Add authorization to the allowed headers"}},
		"rs/cors without PUT in AllowedMethods":           {check.CauseMethod, []string{"PUT"}, 204, []string{"root cause: method PUT", "Add PUT to the allowed methods"}},
		"gin-contrib/cors on a gin group":                 {check.CauseStatus, []string{"404"}, 404, []string{"root cause: status 404", "404 Not Found", "does not run for OPTIONS", "r.Use(cors.New(...)) on the engine"}},
		"rs/cors around each http.ServeMux route":         {check.CauseStatus, []string{"405"}, 405, []string{"root cause: status 405", "405 Method Not Allowed", "does not run for OPTIONS", "ServeMux", "c.Handler(mux)"}},
	}
	for _, a := range Attachments {
		t.Run(a.Name, func(t *testing.T) {
			w, ok := want[a.Name]
			if !ok {
				t.Fatal("no expectation")
			}
			base, stop, err := a.Start(page)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			args := []string{"check", base + Path, "--origin", page, "--method", "PUT", "--header", "Authorization: Bearer x", "--credentials"}

			var out bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stdout = &out
			if err := cmd.Run(); cmd.ProcessState.ExitCode() != 1 {
				t.Fatalf("exit %v, want 1 (blocked):\n%s", err, out.String())
			}
			text := out.String()
			for _, s := range append([]string{"BLOCKED (cause: origin; "}, w.text...) {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}

			out.Reset()
			cmd = exec.Command(bin, append(args, "--json")...)
			cmd.Stdout = &out
			cmd.Run()
			var got struct {
				Cause     check.Cause      `json:"cause"`
				RootCause check.Cause      `json:"root_cause"`
				Refused   []string         `json:"refused"`
				Diagnosis string           `json:"diagnosis"`
				Exchanges []check.Exchange `json:"exchanges"`
			}
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatalf("%v:\n%s", err, out.String())
			}
			if got.Cause != check.CauseOrigin || got.RootCause != w.root || !slices.Equal(got.Refused, w.refused) {
				t.Errorf("JSON cause %q root %q refused %q, want origin %q %q", got.Cause, got.RootCause, got.Refused, w.root, w.refused)
			}
			for _, s := range w.text[1:] {
				if !strings.Contains(got.Diagnosis, s) {
					t.Errorf("JSON diagnosis lacks %q: %s", s, got.Diagnosis)
				}
			}
			if len(got.Exchanges) < 2 || got.Exchanges[0].Name != "preflight" || got.Exchanges[0].Status != w.status {
				t.Errorf("exchanges %+v: want the preflight first, with status %d", got.Exchanges, w.status)
			}
			for _, e := range got.Exchanges {
				if e.Method != "OPTIONS" && e.Method != "GET" {
					t.Errorf("sent %s %s: re-probes send OPTIONS and simple GETs only", e.Method, e.Name)
				}
			}

			// compare with itself agrees, and the library's verdict through
			// the package agrees with the command's.
			r, err := check.Run(context.Background(), check.Call{URL: base + Path, Origin: page, Method: "PUT", Headers: []check.Header{{Name: "Authorization", Value: "Bearer x"}}, Credentials: true}, check.Options{})
			if err != nil || r.RootCause != w.root {
				t.Errorf("check.Run: %v, root %q", err, r.RootCause)
			}
		})
	}
}

// TestCompareUsesRootCauses: rs/cors and crossgate both missing PUT differ
// in the console's words (rs/cors sends no CORS header, so "origin";
// crossgate names the method) but not in what to change: compare finds
// them identical.
func TestCompareUsesRootCauses(t *testing.T) {
	const page = "http://localhost:5173"
	s := correct(page)
	s.Methods = []string{"GET", "POST"}
	a, stopA, err := startRSCors(s)
	if err != nil {
		t.Fatal(err)
	}
	defer stopA()
	b, stopB, err := startCrossgate(s)
	if err != nil {
		t.Fatal(err)
	}
	defer stopB()
	m := check.Matrix{Origins: []string{page, "https://evil.example"}, Methods: []string{"GET", "PUT"}, HeaderSets: [][]check.Header{nil, {{Name: "X-Token", Value: "1"}}}}
	diffs, n, err := check.Compare(context.Background(), a+Path, b+Path, m, check.Options{})
	if err != nil || n != 16 || len(diffs) != 0 {
		t.Errorf("err %v, %d calls, differences %v: want none", err, n, diffs)
	}
}
