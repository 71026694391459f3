package core_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/core"
)

// TestAttackPolicyFiles plays the catalogue's configuration smuggling rows:
// each file fails to load, with an error that names the key, so it can
// never configure a policy.
func TestAttackPolicyFiles(t *testing.T) {
	for _, a := range attacks.PolicyFiles() {
		t.Run(a.Class, func(t *testing.T) {
			var c core.Config
			err := json.Unmarshal([]byte(a.JSON), &c)
			if err == nil {
				t.Fatalf("loaded %s as %+v", a.JSON, c)
			}
			if !strings.Contains(err.Error(), a.Key) {
				t.Errorf("error %q does not name the key %s", err, a.Key)
			}
		})
	}
}
