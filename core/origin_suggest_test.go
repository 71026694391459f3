package core

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// levenshtein is the textbook dynamic programme, for checking distanceFrom.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDistanceFromIsLevenshtein(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		n := rng.IntN(65)
		var b strings.Builder
		for range n {
			b.WriteByte("abc.:/-"[rng.IntN(7)])
		}
		return b.String()
	}
	for range 5000 {
		a, b := word(), word()
		if got, want := newDistanceFrom(a).to(b), levenshtein(a, b); got != want {
			t.Fatalf("distance %q -> %q = %d, want %d", a, b, got, want)
		}
	}
}

func TestCompareReversed(t *testing.T) {
	for _, c := range []struct {
		a, b string
		sign int
	}{{"ab", "bb", -1}, {"b", "ab", -1}, {"ab", "ab", 0}, {"ba", "ab", -1}, {"", "a", -1}} {
		got := compareReversed(c.a, c.b)
		if got < 0 && c.sign >= 0 || got > 0 && c.sign <= 0 || got == 0 && c.sign != 0 {
			t.Errorf("compareReversed(%q, %q) = %d, want sign %d", c.a, c.b, got, c.sign)
		}
	}
}
