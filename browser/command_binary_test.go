package browser

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// commandVerdict is what the crossgate command printed for one call with
// --json, and the notes it wrote on standard error.
type commandVerdict struct {
	Allowed   bool   `json:"allowed"`
	Cause     string `json:"cause"`
	RootCause string `json:"root_cause"`
	Exit      int    `json:"-"`
	Notes     string `json:"-"`
}

// buildCommand builds cmd/crossgate, the command users run, into the
// test's temporary directory: the tests below run it as a user does,
// pasted copy and flags, rather than calling the check package.
func buildCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crossgate")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/crossgate/crossgate/cmd/crossgate").CombinedOutput()
	if err != nil {
		t.Fatalf("building cmd/crossgate: %v\n%s", err, out)
	}
	return bin
}

// runCommand runs "crossgate check" with args (plus --json), stdin as its
// standard input, and reads its verdict. Exit status 2 (could not check)
// fails the test.
func runCommand(t *testing.T, bin, stdin string, args ...string) commandVerdict {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{"check"}, args...), "--json")...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var v commandVerdict
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		v.Exit = 1
	default:
		t.Fatalf("crossgate check %q: %v\n%s", args, err, errOut.String())
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("crossgate check %q printed no JSON report (%v):\n%s\n%s", args, err, out.String(), errOut.String())
	}
	if v.Allowed != (v.Exit == 0) {
		t.Errorf("crossgate check %q: exit %d with allowed=%v", args, v.Exit, v.Allowed)
	}
	v.Notes = errOut.String()
	return v
}
