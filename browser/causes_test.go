package browser

import "github.com/crossgate/crossgate/suites/demo"

// chromiumSays is what Chromium 156 writes in the console and in its CORS
// issue for each cause the demo expects, for a request that was preflighted
// or not. The console line is what a developer reads, so the suite asserts
// it names the real cause: the missing origin, the method, or the header.
func chromiumSays(c demo.Cause, param string, preflighted bool) (text string, codes []string) {
	switch c {
	case demo.CauseOrigin:
		if preflighted {
			return "Response to preflight request doesn't pass access control check: " +
					"No 'Access-Control-Allow-Origin' header is present on the requested resource",
				[]string{"PreflightMissingAllowOriginHeader"}
		}
		return "No 'Access-Control-Allow-Origin' header is present on the requested resource",
			[]string{"MissingAllowOriginHeader"}
	case demo.CauseMethod:
		return "Method " + param + " is not allowed by Access-Control-Allow-Methods in preflight response",
			[]string{"MethodDisallowedByPreflightResponse"}
	case demo.CauseHeader:
		return "Request header field " + param + " is not allowed by Access-Control-Allow-Headers in preflight response",
			[]string{"HeaderDisallowedByPreflightResponse"}
	case demo.CauseWildcard:
		if preflighted {
			return "Response to preflight request doesn't pass access control check: The value of the " +
					"'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' " +
					"when the request's credentials mode is 'include'",
				[]string{"PreflightWildcardOriginNotAllowed"}
		}
		return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the " +
				"wildcard '*' when the request's credentials mode is 'include'",
			[]string{"WildcardOriginNotAllowed"}
	}
	return "", nil
}
