package check

import (
	"fmt"
	"net/http"
	"strings"
)

// corsCheck is Fetch's CORS check (#concept-cors-check), which every
// response to a CORS request must pass, preflights included. On failure it
// returns the cause and the sentence saying what was wrong; on success the
// sentence saying why it passed.
func corsCheck(h http.Header, origin string, credentials bool) (Cause, string) {
	// Every Access-Control-Allow-Origin line is combined into one value, so
	// two lines can never equal one origin (Fetch, #concept-header-list-get).
	lines := h.Values("Access-Control-Allow-Origin")
	acao := strings.Join(lines, ", ")
	switch {
	case len(lines) == 0:
		return CauseOrigin, "no Access-Control-Allow-Origin header: the browser does not let the page read the response"
	case len(lines) > 1 || strings.Contains(acao, ","):
		return CauseMalformed, fmt.Sprintf("Access-Control-Allow-Origin holds several values (%q): a browser accepts exactly one origin or \"*\"", acao)
	case acao == "*" && !credentials:
		return CauseNone, "Access-Control-Allow-Origin is \"*\": any origin may read it without credentials"
	case acao == "*":
		return CauseCredentials, "Access-Control-Allow-Origin is \"*\", which never allows a request with credentials: the server must name the origin"
	case acao != origin:
		return CauseOrigin, fmt.Sprintf("Access-Control-Allow-Origin is %q, not the page's origin %q (compared byte for byte)", acao, origin)
	case !credentials:
		return CauseNone, fmt.Sprintf("Access-Control-Allow-Origin names the page's origin %q", origin)
	}
	// With credentials, Access-Control-Allow-Credentials must be exactly
	// "true", case-sensitively and on one line.
	if acac := strings.Join(h.Values("Access-Control-Allow-Credentials"), ", "); acac != "true" {
		if acac == "" {
			return CauseCredentials, "no Access-Control-Allow-Credentials: true, which a request with credentials needs"
		}
		return CauseCredentials, fmt.Sprintf("Access-Control-Allow-Credentials is %q, not exactly \"true\"", acac)
	}
	return CauseNone, fmt.Sprintf("Access-Control-Allow-Origin names the page's origin %q and Access-Control-Allow-Credentials is true", origin)
}
