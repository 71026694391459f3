package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
)

// TestExplainRefusesSmuggledPolicy: "explain --config" reads a policy file
// as the server does, so none of the catalogue's smuggling files loads,
// and the one line of error names the file and the key, "crossgate:" once.
func TestExplainRefusesSmuggledPolicy(t *testing.T) {
	dir := t.TempDir()
	for i, a := range attacks.PolicyFiles() {
		path := filepath.Join(dir, "policy"+string(rune('a'+i))+".json")
		if err := os.WriteFile(path, []byte(a.JSON), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runArgs(t, "explain", "--config", path, "--origin", attacks.App)
		if code != exitError || !strings.Contains(errOut, path+": policy JSON: ") || !strings.Contains(errOut, a.Key) ||
			strings.Count(errOut, "crossgate:") != 1 {
			t.Errorf("%s: exit %d (want %d), want one line naming %s and %s:\n%s%s", a.Class, code, exitError, path, a.Key, out, errOut)
		}
	}
}
