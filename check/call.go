package check

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Call is a fetch() call as its author writes it: the page's origin, the
// URL, the method, the headers the script sets, and whether it sends
// credentials (credentials: "include").
type Call struct {
	URL         string
	Origin      string
	Method      string
	Headers     []Header
	Credentials bool
}

// Header is one request header the script sets.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ParseHeader reads "Name: value" as curl's -H does. The name must be a
// header-name token (RFC 9110 field-name); the value is trimmed of spaces.
func ParseHeader(s string) (Header, error) {
	name, value, ok := strings.Cut(s, ":")
	if !ok {
		return Header{}, fmt.Errorf("header %q has no colon: write it as \"Name: value\", e.g. \"X-Token: 1\"", s)
	}
	name = strings.TrimSpace(name)
	if !isToken(name) {
		return Header{}, fmt.Errorf("header name %q is not a valid header name (letters, digits and !#$%%&'*+-.^_`|~ only)", name)
	}
	value = strings.Trim(value, " \t")
	if strings.ContainsAny(value, "\r\n\x00") {
		return Header{}, fmt.Errorf("header %s: value contains a line break or NUL, which fetch() refuses", name)
	}
	if isForbiddenRequestHeader(name) {
		return Header{}, fmt.Errorf("header %s is a forbidden request header (Fetch, #forbidden-request-header): a script cannot set it, the browser does", name)
	}
	return Header{Name: name, Value: value}, nil
}

// ValidateOrigin reports whether o is an origin a browser sends: a
// serialized origin (scheme "://" host [":" port], lower case, no default
// port, no path) or "null".
func ValidateOrigin(o string) error {
	if o == "null" {
		return nil
	}
	if o == "" {
		return errors.New("no origin: pass --origin with the page's origin, e.g. --origin https://app.example.com")
	}
	u, err := url.Parse(o)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("origin %q is not an origin: write scheme://host[:port], e.g. https://app.example.com", o)
	}
	want := u.Scheme + "://" + strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		want = u.Scheme + "://" + strings.ToLower(u.Hostname())
		if strings.Contains(u.Hostname(), ":") {
			want = u.Scheme + "://[" + strings.ToLower(u.Hostname()) + "]"
		}
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(o, "?") || strings.HasSuffix(o, "#") || (u.Path != "" && u.Path != "/") {
		return fmt.Errorf("origin %q has more than an origin: a browser sends only scheme://host[:port], so write %s", o, want)
	}
	if o != want {
		return fmt.Errorf("origin %q is not written as a browser sends it (lower case, no default port, no trailing slash): write %s", o, want)
	}
	return nil
}

// Validate checks everything a browser would check before sending the call.
func (c *Call) Validate() error {
	if err := ValidateOrigin(c.Origin); err != nil {
		return err
	}
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("URL %q is not an http or https URL", c.URL)
	}
	if u.User != nil {
		return fmt.Errorf("URL %q has credentials in it, which fetch() refuses", c.URL)
	}
	m := NormalizeMethod(c.Method)
	if !isToken(m) {
		return fmt.Errorf("method %q is not a method token", c.Method)
	}
	if isForbiddenMethod(m) {
		return fmt.Errorf("method %s is forbidden: fetch() refuses to send it", m)
	}
	return nil
}
