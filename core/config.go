package core

import "time"

// Config is a CORS policy as a person writes it. New checks it and compiles
// it; nothing in it is read again afterwards.
//
// Its JSON form (see UnmarshalJSON) and its environment form (see
// ConfigFromEnv) use the snake_case names of the json tags.
type Config struct {
	// Origins lists the origins allowed to read responses, each written as a
	// browser serializes it: "https://app.example.com", "http://localhost:5173".
	// Patterns: "*" alone allows any origin (not with Credentials); a leading
	// "*." allows subdomains at any depth but never the domain itself
	// ("https://*.example.com"); a ":*" port allows any port
	// ("http://localhost:*"); both combine ("https://*.example.com:*").
	Origins []string `json:"origins,omitempty"`
	// Methods lists the methods a preflight may ask for, case-sensitively
	// (Fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT).
	// GET, HEAD and POST are always allowed: browsers never preflight them
	// for their method alone. "*" allows any method.
	Methods []string `json:"methods,omitempty"`
	// RequestHeaders lists the request headers a preflight may ask for,
	// case-insensitively. "*" allows any name except Authorization, which
	// must always be listed (Fetch, #cors-non-wildcard-request-header-name).
	RequestHeaders []string `json:"request_headers,omitempty"`
	// ExposedHeaders lists the response headers that scripts may read beyond
	// the CORS-safelisted ones. "*" exposes all, only without Credentials.
	ExposedHeaders []string `json:"exposed_headers,omitempty"`
	// Credentials allows requests with cookies or HTTP authentication
	// (Access-Control-Allow-Credentials: true).
	Credentials bool `json:"credentials,omitempty"`
	// MaxAge is how long a browser may cache a preflight answer, in whole
	// seconds up to 24h. Zero omits the header (browsers then cache for 5s);
	// a negative value sends 0, which turns caching off.
	MaxAge time.Duration `json:"max_age,omitempty"`
	// PreflightStatus is the status of an allowed preflight; 0 means 204.
	// Some old clients want 200.
	PreflightStatus int `json:"preflight_status,omitempty"`
	// PassPreflight hands allowed preflights to the next handler after
	// writing their headers, for applications that answer OPTIONS themselves.
	// Refused preflights are always ended.
	PassPreflight bool `json:"pass_preflight,omitempty"`
	// PrivateNetwork answers Access-Control-Request-Private-Network: true
	// with Access-Control-Allow-Private-Network: true (the legacy Private
	// Network Access protocol; Chrome 142+ asks the user instead).
	PrivateNetwork bool `json:"private_network,omitempty"`
	// DangerouslyAllowInsecureOrigins permits, together with Credentials,
	// plain-http origins other than loopback, "*." patterns over a public
	// suffix (or over a domain whose every child is one), and "*." matches of
	// hosts registered under the public suffixes below a pattern
	// ("attacker-bucket.s3.amazonaws.com" under "https://*.amazonaws.com").
	// Anyone can impersonate such an origin.
	DangerouslyAllowInsecureOrigins bool `json:"dangerously_allow_insecure_origins,omitempty"`
	// OriginFunc, when set, decides origins that no entry of Origins
	// matches, at run time: the tenants in a database, say. Origins may then
	// be empty. It is asked only about a request with exactly one Origin
	// line that is a well-formed serialized origin (a lower-case http or
	// https scheme, a host, a port other than the default), never about
	// "null", a malformed or oversized value, or several lines; an origin
	// it approves is echoed exactly, never "*". With Credentials, a
	// plain-http origin other than loopback is refused without asking,
	// unless DangerouslyAllowInsecureOrigins. A panic refuses the request
	// (ReasonOriginFuncPanicked) and is logged once. New asks it once about
	// an origin no site can have and refuses a function that approves it;
	// that catches a function approving everything, not one that matches
	// by suffix or prefix (docs/origins.md shows a safe match). The string
	// it gets is a copy it may keep (one allocation per call): adapters'
	// strings can view buffers the server reuses.
	// It decides origins only: methods, headers and credentials stay the
	// policy's. It runs inside Decide, so it must be quick and safe for
	// concurrent use; it is not part of the JSON or environment forms.
	OriginFunc func(origin string) bool `json:"-"`
}
