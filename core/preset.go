package core

import "time"

// PublicAPI returns the Config of a public, cookie-less, read-mostly API:
// any web page may read it, and no page can act on a user's behalf through
// it. It is a value to start from: change a field before New to widen or
// narrow it (append to Methods, say), and the result is checked as any
// Config is.
//
// What it allows:
//   - Origins "*": every origin, answered with Access-Control-Allow-Origin: *
//     (the same bytes for every origin, so shared caches can keep one copy).
//   - Methods GET, HEAD and POST: reads, and POST for queries too long for a
//     URL (a search, a GraphQL query).
//   - RequestHeaders Content-Type, Accept, Accept-Language and
//     Content-Language: a JSON body, and content negotiation with values
//     longer than the CORS-safelisted ones (Fetch,
//     #cors-safelisted-request-header).
//   - ExposedHeaders ETag, Link, Location and Retry-After: caching,
//     pagination, where a POST put its result, and rate limits.
//   - MaxAge two hours, the most Chromium keeps a preflight answer; Firefox
//     would keep one for 24h, but a policy change would then take a day to
//     reach its users.
//
// What it deliberately does not:
//   - Credentials: cookies and HTTP authentication never ride along, and
//     with Origins "*" New would refuse them anyway (Fetch,
//     #cors-protocol-and-credentials).
//   - Authorization: an API that takes tokens is not public; list the
//     origins that may send them in a Config of its own, with
//     Authorization in RequestHeaders ("*" never covers it).
//   - PUT, PATCH, DELETE: writes deserve a list of origins.
//   - PrivateNetwork: a public API does not live on a private network.
func PublicAPI() Config {
	return Config{
		Origins:        []string{"*"},
		Methods:        []string{"GET", "HEAD", "POST"},
		RequestHeaders: []string{"Content-Type", "Accept", "Accept-Language", "Content-Language"},
		ExposedHeaders: []string{"ETag", "Link", "Location", "Retry-After"},
		MaxAge:         2 * time.Hour,
	}
}
