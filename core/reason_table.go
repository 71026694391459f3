package core

import "strconv"

// allowedList names the part of a policy a refusal is about, and so what its
// Reason lists as allowed.
type allowedList uint8

const (
	listNone allowedList = iota
	listOrigins
	listMethods
	listHeaders
)

// reasonFacts is everything the library says about one ReasonCode, in one
// place: the log sentence (Reason.String), whether the policy's allowed
// list follows it, the change Explain suggests, and which of the policy's lists a
// Reason carries.
type reasonFacts struct {
	// sentence builds the log line's sentence from the quoted request value.
	sentence func(v string) string
	// listsAllowed appends " (allowed: ...)" when the Reason has a list.
	listsAllowed bool
	// fix is the change to the Config that would allow the request, or why
	// none should, from the unquoted value.
	fix func(v string) string
	// list is the part of the policy the Reason's Allowed describes.
	list allowedList
}

// reasons is indexed by ReasonCode.
var reasons = [...]reasonFacts{
	ReasonNone: {sentence: func(string) string { return "allowed" }},
	ReasonOriginNotAllowed: {
		sentence:     func(v string) string { return "origin " + v + " not allowed" },
		listsAllowed: true,
		fix:          originFix,
		list:         listOrigins,
	},
	ReasonOriginNull: {
		sentence: func(string) string {
			return `origin "null" is never allowed: any sandboxed page or data: URL sends it`
		},
		fix: func(string) string {
			return "no change should allow it: serve the page from a real origin and list that"
		},
		list: listOrigins,
	},
	ReasonOriginMalformed: {
		sentence: func(v string) string { return "origin " + v + " is not an origin a browser sends" },
		fix: func(string) string {
			return "no change can allow it: browsers never send this origin; check the page's URL"
		},
		list: listOrigins,
	},
	ReasonOriginMultiple: {
		sentence: func(string) string { return "several Origin header lines" },
		fix:      func(string) string { return "fix the proxy that duplicates the Origin header" },
		list:     listOrigins,
	},
	ReasonMethodNotAllowed: {
		sentence:     func(v string) string { return "method " + v + " not allowed" },
		listsAllowed: true,
		fix:          methodFix,
		list:         listMethods,
	},
	ReasonMethodMalformed: {
		sentence: func(v string) string { return "Access-Control-Request-Method " + v + " is not one method token" },
		fix:      func(string) string { return "no change can allow it: it is not a method" },
	},
	ReasonHeaderNotAllowed: {
		sentence:     func(v string) string { return "request header " + v + " not allowed" },
		listsAllowed: true,
		fix:          func(v string) string { return "add " + strconv.Quote(v) + " to RequestHeaders" },
		list:         listHeaders,
	},
	ReasonHeaderAuthorization: {
		sentence: func(string) string {
			return `request header "authorization" must be listed in RequestHeaders: "*" does not cover it`
		},
		fix:  func(string) string { return `add "Authorization" to RequestHeaders: "*" never covers it` },
		list: listHeaders,
	},
	ReasonHeadersMalformed: {
		sentence: func(v string) string {
			if v == `""` {
				return oversizedHeaderList
			}
			return "Access-Control-Request-Headers element " + v + " is not a header name"
		},
		fix:  func(string) string { return "no change can allow it: browsers never send such a header list" },
		list: listHeaders,
	},
	ReasonCredentialsNotAllowed: {
		sentence: func(string) string { return "credentials requested but the policy has no Credentials" },
		fix:      func(string) string { return `set Credentials: true, with exact origins (not "*")` },
	},
	ReasonOriginFuncRefused: {
		sentence: func(v string) string {
			return "origin " + v + " not allowed: no entry of Origins matches it and OriginFunc refused it"
		},
		listsAllowed: true,
		fix: func(v string) string {
			return "add " + strconv.Quote(v) + " to Origins, or make OriginFunc approve it (the tenant may be missing from its store)"
		},
		list: listOrigins,
	},
	ReasonOriginFuncPanicked: {
		sentence: func(v string) string { return "origin " + v + " refused: OriginFunc panicked" },
		fix: func(string) string {
			return "fix OriginFunc: it panicked for this origin, and must return false for an origin it does not know"
		},
		list: listOrigins,
	},
	ReasonOriginInsecure: {
		sentence: func(v string) string {
			return "origin " + v + " refused: plain http with Credentials, so OriginFunc was not asked (anyone on the network path can impersonate it)"
		},
		fix: func(string) string {
			return "serve the page over https; only if the network path is trusted, set DangerouslyAllowInsecureOrigins"
		},
		list: listOrigins,
	},
	ReasonPathAmbiguous: {
		sentence: func(v string) string {
			return "path " + v + " is ambiguous: read with its encoded slash as a separator or not, it falls under different scopes"
		},
		fix: func(string) string {
			return "no change should allow it: call the resource by its path without an encoded slash (%2F)"
		},
	},
}

// oversizedHeaderList is the sentence for an Access-Control-Request-Headers
// refused as a whole, before any of it is read.
var oversizedHeaderList = "Access-Control-Request-Headers larger than any browser sends (more than " +
	strconv.Itoa(MaxHeaderLines) + " lines, " + strconv.Itoa(maxRequestHeadersLen) + " bytes or " +
	strconv.Itoa(maxEmptyElements) + " empty elements)"

// factsOf returns the facts of code, or nil for a code this version does
// not know.
func factsOf(code ReasonCode) *reasonFacts {
	if int(code) >= len(reasons) {
		return nil
	}
	return &reasons[code]
}
