package core

// isTchar marks the bytes allowed in an HTTP token (RFC 9110, section 5.6.2),
// which method names and header names are. A table lookup keeps the
// per-byte check on the hot path to one load.
var isTchar = [256]bool{}

func init() {
	for c := '0'; c <= '9'; c++ {
		isTchar[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		isTchar[c] = true
		isTchar[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		isTchar[c] = true
	}
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar[s[i]] {
			return false
		}
	}
	return true
}

// lowerASCII maps A-Z to a-z and leaves every other byte alone.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldASCII reports whether s equals lower, a lower-case string, ignoring
// ASCII case in s. Header names are ASCII tokens, so this is all the case
// folding they need, and it allocates nothing.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	// Browsers send names in lower case (Fetch,
	// #cors-unsafe-request-header-names): one memory comparison settles
	// them, where the loop below costs a branch per byte.
	if s == lower {
		return true
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

// toLowerASCII lower-cases a token; used at construction only.
func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

// isOWS reports optional whitespace (RFC 9110, section 5.6.3).
func isOWS(c byte) bool { return c == ' ' || c == '\t' }
