package interop

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/check"
)

// TestMigrationPages serves each migration page's example with the library
// it starts from and with the page's crossgate translation, and requires
// compare to find the verdicts of the page's calls identical but for the
// differences the page states, each of them found.
func TestMigrationPages(t *testing.T) {
	for _, m := range Migrations {
		t.Run(m.Name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("..", m.Page))
			if err != nil {
				t.Fatal(err)
			}
			a, stopA, err := m.Rival()
			if err != nil {
				t.Fatalf("the library refuses the page's example: %v", err)
			}
			defer stopA()
			b, stopB, err := m.Crossgate()
			if err != nil {
				t.Fatalf("crossgate refuses the page's translation: %v", err)
			}
			defer stopB()
			// Send: the servers are ours, so each actual request is sent
			// too, as the browser would after the preflight.
			diffs, n, err := check.Compare(context.Background(), a+Path, b+Path, MigrationCalls(m.Origins), check.Options{Send: true})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(m.Origins)*4*4*2 {
				t.Fatalf("%d calls compared, want every combination", n)
			}
			found := make([]bool, len(m.Differences))
			for _, c := range check.Group(diffs) {
				i := documentedAs(m.Differences, c)
				if i < 0 {
					t.Errorf("%s differs from the translation on %s: not stated on the page", m.Name, c)
					continue
				}
				found[i] = true
			}
			for i, d := range m.Differences {
				if !found[i] {
					t.Errorf("stated difference not found: %d calls, %s: A %s, B %s", d.Calls, m.Page, d.A, d.B)
				}
				if !says(string(page), d.Says) {
					t.Errorf("%s does not say %q", m.Page, d.Says)
				}
			}
		})
	}
}

// documentedAs is the index of the difference in ds that c is, or -1.
func documentedAs(ds []Documented, c check.DiffClass) int {
	for i, d := range ds {
		if d.A == c.A && d.B == c.B && d.Calls == len(c.Calls) {
			return i
		}
	}
	return -1
}

// says reports whether page holds phrase, however its lines are wrapped.
func says(page, phrase string) bool {
	space := regexp.MustCompile(`\s+`)
	return strings.Contains(space.ReplaceAllString(page, " "), space.ReplaceAllString(phrase, " "))
}
