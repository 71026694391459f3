package core

import (
	"fmt"
	"slices"
	"strings"
)

// Scope hands every request whose path is prefix, or lies below it, to
// inner: inner's configuration decides its preflight and its actual
// request, whichever middleware runs p. It is how one router-level
// middleware serves several policies, a site-wide one and a stricter one
// for "/admin", without two middlewares layered on one request, where the
// outer one would end the preflight before the inner one could refuse it.
//
// The longest prefix that contains the path wins: after
// p.Scope("/api", a) and p.Scope("/api/admin", b), "/api/admin/users" is
// b's, "/api/items" is a's and "/home" is p's own. Prefixes match whole
// path segments ("/api" never covers "/apix") and ASCII letters in any
// case, since some routers (fiber by default) route "/API/items" where
// "/api/items" goes. They match the path the handler will serve:
// Request.Path, the path as sent, is percent-decoded and cleaned first
// ("//" collapsed, "." and ".." resolved), so "/api//admin",
// "/api/%61dmin" and "/api/x/../admin" are all in "/api/admin"'s scope, in
// every adapter. A path with an encoded slash ("%2F") whose two readings,
// a separator or a byte of its segment, fall under different scopes is
// refused (ReasonPathAmbiguous): routers and file servers disagree on it.
//
// prefix starts with "/", is at most 256 bytes long and has no trailing
// slash, no "." or ".." segment, no empty segment, and nothing a router
// treats as a pattern (":", "*", "{"). An inner policy cannot have scopes
// of its own and cannot be p; register every prefix on the router-level
// policy instead (one level, longest prefix wins, gives any nesting).
// Scope is safe to call while requests are decided; a refused request is
// reported to the hook of the policy that decided it (see OnRefusal), or,
// if that one has none, to p's.
func (p *Policy) Scope(prefix string, inner *Policy) error {
	if err := checkScopePrefix(prefix); err != nil {
		return err
	}
	if inner == nil {
		return scopeError(prefix, "nil policy", "pass the *Policy that core.New returned for this prefix")
	}
	if inner == p {
		return scopeError(prefix, "a policy cannot be a scope of itself", "pass the policy meant for this prefix")
	}
	if inner.scopes.Load() != nil {
		return scopeError(prefix, "the inner policy has scopes of its own",
			"register every prefix on the router-level policy instead: the longest prefix decides")
	}
	if inner.scopedIn.Load() && !p.holds(inner) {
		return scopeError(prefix, "the inner policy is already a scope of another policy",
			"create a policy per router-level policy, or register the prefix on the same one")
	}
	p.scopeMu.Lock()
	defer p.scopeMu.Unlock()
	if p.scopedIn.Load() {
		return scopeError(prefix, "this policy is itself a scope of another policy",
			"register the prefix on the router-level policy: the longest prefix decides")
	}
	old := p.scopes.Load()
	var entries []scope
	if old != nil {
		entries = slices.Clone(old.entries)
	}
	for _, s := range entries {
		if strings.EqualFold(s.prefix, prefix) {
			return scopeError(prefix, fmt.Sprintf("already scoped (as %q)", s.prefix),
				"give each prefix one policy; Reconfigure that policy to change it")
		}
	}
	entries = append(entries, scope{prefix: prefix, policy: inner})
	// Longest first, so that the first match is the most specific.
	slices.SortStableFunc(entries, func(a, b scope) int { return len(b.prefix) - len(a.prefix) })
	inner.scopedIn.Store(true)
	inner.outer.Store(p)
	p.scopes.Store(&scopeTable{entries: entries})
	return nil
}

// scopeTable is an immutable list of a policy's scopes, longest prefix
// first; Scope replaces it whole.
type scopeTable struct {
	entries []scope
}

type scope struct {
	prefix string
	policy *Policy
}

// policyFor returns the policy of the longest prefix that contains path,
// once cleaned (see scopePath), or fallback. ok is false when path has two
// readings that fall under different policies: then no policy decides.
// Its cost is one pass over path, and one comparison of at most
// len(prefix) bytes per scope for each reading.
func (t *scopeTable) policyFor(path string, fallback *Policy) (p *Policy, ok bool) {
	if isCleanPath(path) {
		return matchScope(t, path, fallback), true
	}
	return t.policyForUnclean(path, fallback)
}

// policyForUnclean is policyFor for a path that needs cleaning. It is a
// function of its own so that the clean path, the common one, does not
// pay for the buffer.
//
//go:noinline
func (t *scopeTable) policyForUnclean(path string, fallback *Policy) (*Policy, bool) {
	var s scopePath
	encodedSlash := s.clean(path, true)
	p := matchScope(t, s.bytes(), fallback)
	if !encodedSlash {
		return p, true
	}
	s.clean(path, false)
	return p, matchScope(t, s.bytes(), fallback) == p
}

// matchScope returns the policy of the longest prefix that contains path,
// a cleaned path, or fallback.
func matchScope[P string | []byte](t *scopeTable, path P, fallback *Policy) *Policy {
	for i := range t.entries {
		s := &t.entries[i]
		if pathHasPrefix(path, s.prefix) {
			return s.policy
		}
	}
	return fallback
}

// holds tells whether inner is one of p's scopes.
func (p *Policy) holds(inner *Policy) bool {
	t := p.scopes.Load()
	if t == nil {
		return false
	}
	for _, s := range t.entries {
		if s.policy == inner {
			return true
		}
	}
	return false
}

// pathHasPrefix tells whether path is prefix or lies below it, comparing
// ASCII letters in any case.
func pathHasPrefix[P string | []byte](path P, prefix string) bool {
	if len(path) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(path[i]) != lowerASCII(prefix[i]) {
			return false
		}
	}
	return len(path) == len(prefix) || path[len(prefix)] == '/'
}

// checkScopePrefix refuses a prefix that could not name a path segment
// boundary the same way in every router.
func checkScopePrefix(prefix string) error {
	bad := func(problem, fix string) error { return scopeError(prefix, problem, fix) }
	switch {
	case prefix == "" || prefix[0] != '/':
		return bad("a scope prefix is a path starting with \"/\"", fmt.Sprintf("write %q", "/"+strings.TrimLeft(prefix, "/")))
	case prefix == "/":
		return bad("\"/\" covers every path", "configure the router-level policy itself")
	case len(prefix) > maxScopePrefixLen:
		return bad(fmt.Sprintf("longer than %d bytes", maxScopePrefixLen), "scope a shorter prefix: the routes below it share it")
	case strings.HasSuffix(prefix, "/"):
		return bad("a trailing slash", fmt.Sprintf("write %q: a prefix covers itself and every path below it", strings.TrimRight(prefix, "/")))
	case strings.ContainsAny(prefix, ":*{}?#%\\"):
		return bad("a prefix is a literal path, not a route pattern", "write the literal path segments the routes share")
	}
	for _, seg := range strings.Split(prefix[1:], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return bad("an empty, \".\" or \"..\" segment", "write the path as the router matches it, without empty or dot segments")
		}
		for i := 0; i < len(seg); i++ {
			if seg[i] <= ' ' || seg[i] >= 0x7f {
				return bad("a control byte, space or non-ASCII byte", "write the path percent-decoded in ASCII, as the router matches it")
			}
		}
	}
	return nil
}

// scopeError is the *ConfigError of a Scope call.
func scopeError(prefix, problem, fix string) *ConfigError {
	return &ConfigError{Field: "Scope", Index: -1, Value: prefix, Problem: problem, Fix: fix}
}
