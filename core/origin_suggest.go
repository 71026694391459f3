package core

import (
	"slices"
	"strconv"
	"strings"
)

// A refusal reason lists what the policy allows, and with 100,000 origins
// that list would put megabytes in every log line. So the text is bounded:
//
//   - Reason.Allowed in a Decision, precomputed by New, lists every entry
//     when they fit in maxAllowedText bytes, and otherwise the first entries
//     in the order of Config.Origins followed by "and N more";
//   - a Refusal (the hook) and Explain, which build text anyway, name
//     instead the suggestions entries closest to the refused origin, since
//     the common mistake is a typo in one tenant's name. Closest means the
//     smallest edit distance among a bounded sample: the entries next to
//     the refused origin in sorted order (a typo near the end: the TLD, the
//     port), next to the pattern its parent domain would have (a typo in a
//     pattern's base), and next to it in the order of the text read
//     backwards (a typo near the start: the first label). The cost is under
//     10 µs whatever the policy (BenchmarkHookedRefusalAtScale), and only
//     for a refusal that a hook or Explain describes: Decide,
//     allocation-free, shows the summary.
const (
	maxAllowedText = 256
	suggestions    = 3
	// neighbourhood is how many entries each side of the refused origin's
	// place in each order are compared.
	neighbourhood = 5
	// maxCompared bounds the bytes of each string that the edit distance
	// reads (editDistance needs at most 64 for its bit vectors).
	maxCompared = 64
)

// originReasons are a large policy's entries in the two orders
// allowedNear searches: sorted (the exact origins, then the patterns, each
// sorted), and by their text read backwards.
type originReasons struct {
	exact      []string // shared with the matcher's exactSet
	patterns   []string
	byReversed []int32 // indexes into exact followed by patterns
}

func (x *originReasons) entry(i int32) string {
	if int(i) < len(x.exact) {
		return x.exact[i]
	}
	return x.patterns[int(i)-len(x.exact)]
}

func (x *originReasons) len() int { return len(x.exact) + len(x.patterns) }

// indexForReasons prepares the text of refusal reasons: the whole list for
// a small policy, else a summary and the sorted orders allowedNear
// searches. exact holds the exact origins as the matcher keeps them.
func (m *originMatcher) indexForReasons(rules []originRule, exact []string) {
	size := 0
	for _, r := range rules {
		size += len(r.String()) + len(", ")
	}
	if size <= maxAllowedText+len(", ") {
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = r.String()
		}
		m.allowed = strings.Join(names, ", ")
		return
	}
	first := make([]string, 0, suggestions)
	for _, r := range rules[:min(len(rules), maxAllowedText/len("https://a.b"))] {
		first = append(first, r.String())
	}
	m.allowed = listSome(first, len(rules))
	x := &originReasons{exact: exact}
	if len(exact) <= linearScanMax {
		x.exact = slices.Sorted(slices.Values(exact))
	}
	for _, r := range m.patterns {
		x.patterns = append(x.patterns, r.String())
	}
	slices.Sort(x.patterns)
	x.byReversed = make([]int32, x.len())
	for i := range x.byReversed {
		x.byReversed[i] = int32(i)
	}
	slices.SortFunc(x.byReversed, func(a, b int32) int { return compareReversed(x.entry(a), x.entry(b)) })
	if m.tables == nil {
		m.tables = &originTables{}
	}
	m.tables.reasons = x
}

// listSome joins entries from the start of list while they fit in
// maxAllowedText bytes (at least one), and says how many of total it left out.
func listSome(list []string, total int) string {
	var b strings.Builder
	n := 0
	for _, e := range list {
		if n > 0 && b.Len()+len(", ")+len(e) > maxAllowedText {
			break
		}
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e)
		n++
	}
	if n < total {
		b.WriteString(" and " + strconv.Itoa(total-n) + " more")
	}
	return b.String()
}

// compareReversed orders strings by their bytes read from the end.
func compareReversed(a, b string) int {
	i, j := len(a)-1, len(b)-1
	for ; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if a[i] != b[j] {
			return int(a[i]) - int(b[j])
		}
	}
	return (i + 1) - (j + 1)
}

// allowedNear is the list a refusal of origin shows: the summary for a
// small policy, else the entries closest to origin and how many others
// there are.
func (m *originMatcher) allowedNear(origin string) string {
	if m.tables == nil || m.tables.reasons == nil {
		return m.allowed
	}
	x := m.tables.reasons
	head, tail := origin, origin
	if len(origin) > maxCompared {
		head, tail = origin[:maxCompared], origin[len(origin)-maxCompared:]
	}
	// The pattern a subdomain of origin's parent would match, for a typo
	// in a pattern tenant's base: "https://*.t1.tenant.example" for
	// "https://app.t1.tenant.example".
	asPattern := ""
	if scheme, rest, ok := strings.Cut(head, "://"); ok {
		if _, parent, ok := strings.Cut(rest, "."); ok {
			asPattern = scheme + "://*." + parent
		}
	}
	var sample [6*neighbourhood + 3]int32
	n := 0
	add := func(i int32) {
		if !slices.Contains(sample[:n], i) {
			sample[n] = i
			n++
		}
	}
	near := func(list []string, offset int, key string) {
		at, _ := slices.BinarySearch(list, key)
		for i := max(0, at-neighbourhood); i < min(len(list), at+neighbourhood+1); i++ {
			add(int32(offset + i))
		}
	}
	near(x.exact, 0, head)
	near(x.patterns, len(x.exact), asPattern)
	at, _ := slices.BinarySearchFunc(x.byReversed, tail, func(e int32, t string) int { return compareReversed(x.entry(e), t) })
	for i := max(0, at-neighbourhood); i < min(len(x.byReversed), at+neighbourhood+1); i++ {
		add(x.byReversed[i])
	}
	type scored struct {
		entry    int32
		distance int
	}
	ranked := make([]scored, n)
	fromOrigin, fromPattern := newDistanceFrom(head), newDistanceFrom(asPattern[:min(len(asPattern), maxCompared)])
	for k, i := range sample[:n] {
		e := x.entry(i)
		e = e[:min(len(e), maxCompared)]
		from := fromOrigin
		if asPattern != "" && strings.Contains(e, "://*.") {
			from = fromPattern
		}
		ranked[k] = scored{i, from.to(e)}
	}
	slices.SortFunc(ranked, func(a, b scored) int {
		if a.distance != b.distance {
			return a.distance - b.distance
		}
		return int(a.entry - b.entry)
	})
	closest := make([]string, 0, suggestions)
	for _, s := range ranked[:min(len(ranked), suggestions)] {
		closest = append(closest, x.entry(s.entry))
	}
	return listSome(closest, x.len())
}

// distanceFrom computes edit distances from one string of at most 64 bytes,
// with the bit-parallel algorithm of Myers (1999, in Hyyrö's formulation):
// one pass over the other string, a few word operations per byte.
type distanceFrom struct {
	n   int
	peq [256]uint64 // bit i of peq[c] is set when the string's byte i is c
}

func newDistanceFrom(s string) *distanceFrom {
	d := &distanceFrom{n: len(s)}
	for i := 0; i < len(s); i++ {
		d.peq[s[i]] |= 1 << i
	}
	return d
}

// to returns the Levenshtein distance from d's string to t.
func (d *distanceFrom) to(t string) int {
	if d.n == 0 {
		return len(t)
	}
	pv, mv := ^uint64(0), uint64(0)
	last := uint64(1) << (d.n - 1)
	score := d.n
	for i := 0; i < len(t); i++ {
		eq := d.peq[t[i]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score
}
