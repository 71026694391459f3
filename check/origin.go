package check

import (
	"net/url"
	"strings"
)

// originOf serializes the origin of an http(s) URL as a browser does
// (HTML, #ascii-serialisation-of-an-origin): scheme "://" host, with the
// port only when it is not the scheme's default, lower case.
func originOf(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port()
	if port == "" || (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		return scheme + "://" + host
	}
	return scheme + "://" + host + ":" + port
}
