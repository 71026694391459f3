package core

import (
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"
)

//go:generate go run ./internal/suffixgen

// suffixRule tells what the public-suffix list says of one name.
type suffixRule uint8

const (
	suffixNormal    suffixRule = 1 << iota // the name is a public suffix
	suffixWildcard                         // every child of the name is one
	suffixException                        // the name is not one, despite a wildcard above it
)

// suffixesBelow indexes the rules of the public-suffix list that lie below
// a registrable domain ("s3.amazonaws.com" below "amazonaws.com"): what a
// "*." pattern over a domain someone owns can still reach. x/net's
// PublicSuffix answers the same question but allocates on every call (its
// IP-address check builds an error), and Decide allocates nothing.
type suffixesBelow struct {
	rules map[string]suffixRule
	// owners are the domains with at least one rule below them: only
	// patterns over one of these need the check at match time.
	owners map[string]bool
	// longest is the longest rule name: no longer name can be a rule.
	longest int
}

// theSuffixesBelow is built from the generated table on first use, by the
// first New whose policy has a credentialed "*." pattern.
var theSuffixesBelow = sync.OnceValue(func() *suffixesBelow {
	x := &suffixesBelow{rules: map[string]suffixRule{}, owners: map[string]bool{}}
	for _, line := range strings.Split(strings.TrimSuffix(suffixesBelowText, "\n"), "\n") {
		kind, name := suffixNormal, line
		if n, ok := strings.CutPrefix(line, "*."); ok {
			kind, name = suffixWildcard, n
		} else if n, ok := strings.CutPrefix(line, "!"); ok {
			kind, name = suffixException, n
		}
		x.rules[name] |= kind
		x.longest = max(x.longest, len(name))
		above := name
		if kind != suffixWildcard {
			_, above, _ = strings.Cut(name, ".")
		}
		for d := above; d != ""; _, d, _ = strings.Cut(d, ".") {
			if ps, _ := publicsuffix.PublicSuffix(d); ps == d {
				break
			}
			x.owners[d] = true
		}
	}
	return x
})

// hasRulesBelow reports whether some public suffix lies below domain.
func hasRulesBelow(domain string) bool { return theSuffixesBelow().owners[domain] }

// reachesSuffixBelow reports whether host, which ends in "." followed by a
// base domain baseLen bytes long, has its public suffix below that base:
// whether the host's registrable domain is one anyone can register under a
// suffix the base's owner provides, such as "attacker.s3.amazonaws.com"
// under "amazonaws.com". It follows the list's algorithm (the longest
// matching rule wins; an exception rule prevails), restricted to the names
// between host and base. It allocates nothing and looks up at most one name
// per label, only as long as a rule can be.
func (x *suffixesBelow) reachesSuffixBelow(host string, baseLen int) bool {
	end := len(host) - baseLen - 1 // the dot before the base
	parentWildcard := x.rules[host[end+1:]]&suffixWildcard != 0
	found := false
	for i := end; i > 0; {
		dot := strings.LastIndexByte(host[:i], '.')
		name := host[dot+1:]
		if len(name) > x.longest {
			break
		}
		rule := x.rules[name]
		if rule&suffixException != 0 {
			// The public suffix is the exception's parent, host[i+1:].
			return i != end
		}
		if rule&suffixNormal != 0 || parentWildcard {
			found = true
		}
		parentWildcard = rule&suffixWildcard != 0
		i = dot
	}
	return found
}

// underWildcardRule reports whether every child of domain is a public
// suffix ("*.sch.uk", "*.compute.amazonaws.com" are rules of the list), so
// that "*." over domain matches only names anyone can register. The probe
// label is one no rule lists: a child the list treats as a suffix by its
// wildcard alone.
func underWildcardRule(domain string) bool {
	probe := "_probe." + domain
	ps, _ := publicsuffix.PublicSuffix(probe)
	return ps == probe
}
