package doctest

import (
	"strings"
	"testing"
)

// TestBlocks: Go blocks are found with their first code line, indented
// fences lose their indentation, other languages are left alone, and a
// not-compiled mark needs a reason.
func TestBlocks(t *testing.T) {
	md := strings.Join([]string{
		"# page",                             // 1
		"```sh",                              // 2
		"go test",                            // 3
		"```",                                // 4
		"- item",                             // 5
		"  ```go",                            // 6
		"  x := 1",                           // 7
		"  ```",                              // 8
		"```go not-compiled: two frameworks", // 9
		"r.Use(a)",                           // 10
		"```",                                // 11
	}, "\n")
	bs, err := Blocks("p.md", md)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Line != 7 || bs[0].Code != "x := 1" || bs[0].Skip != "" ||
		bs[1].Line != 10 || bs[1].Skip != "two frameworks" {
		t.Errorf("blocks %+v", bs)
	}
	for _, bad := range []string{"```go not-compiled\nx\n```", "```go not-compiled:\nx\n```", "```go compiled\nx\n```", "```go\nx"} {
		if _, err := Blocks("p.md", bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
