// Package core decides CORS for any Go web framework: from the few request
// headers the CORS protocol reads, which response headers to write and
// whether a preflight ends there. It follows the [Fetch standard]'s CORS
// protocol and knows nothing about frameworks; the adapters (corschi,
// corsgin, corsecho, corsfiber) only carry a request in and a [Decision] out.
//
// # Policies
//
// A [Config] is a policy as a person writes it: allowed origins (exact,
// "*", "*." subdomain and ":*" port patterns), methods, request and exposed
// headers, credentials, preflight cache age. [New] checks all of it and
// reports every problem at once, each a [*ConfigError] naming the value and
// saying what to write instead ([ConfigErrors] lists them); [CheckOrigin]
// checks one origin entry the same way. A Config can also be read from JSON
// ([Config.UnmarshalJSON]) or the environment ([ConfigFromEnv]).
//
// New compiles the Config into a [*Policy], which is safe for concurrent
// use and never changes under a request: [Policy.Reconfigure] swaps the
// compiled form atomically, [Policy.WatchFile] keeps it in step with a
// file, [Policy.Config] reads back the configuration in force, and
// [Policy.Scope] hands path prefixes to stricter policies, the longest
// prefix deciding.
//
// # The flow of a request
//
//	New(Config) -> *Policy
//	adapter: framework request -> Request -> Policy.Decide -> Decision -> response headers, end or next
//	refused: Policy.OnRefusal hook (SlogRefusals) -> a log line saying why
//	support: Policy.Explain(Probe) -> what a browser would make of a fetch() call
//
// [Policy.Decide] classifies the request (not CORS, actual, preflight:
// [Fetch, CORS protocol]), checks the origin, and for a preflight the
// requested method and headers ([Fetch, CORS-preflight fetch]); it returns a
// [Decision] that points at answers precomputed by New, so that deciding
// costs tens of nanoseconds and allocates nothing, whatever the request
// holds. A refusal carries a [Reason] and is reported to the hook set with
// [Policy.OnRefusal]: the server log says what the browser only hints at.
// The hook gets each request value cut to [MaxRefusalValueLen] bytes, every
// text about a refusal escapes them, and a hook that panics is recovered.
//
// # Writing an adapter
//
// A net/http-based framework needs two calls: [FromHTTP] reads a
// [Request] from an *http.Request without copying, and [WriteHTTP] writes
// a Decision into an http.Header. A framework with its own request type
// (fasthttp) fills a Request itself and writes the fields that
// [Decision.Len] and [Decision.Header] give, then deletes [Decision.Stale]
// when an earlier layer answered, and appends [Decision.Vary] to Vary
// (never replacing it). If [Decision.End], it answers [Decision.Status]
// with no body; otherwise it calls the next handler.
//
// The aliasing rules a fast adapter must respect:
//   - A Request's strings and slices may alias the framework's buffers:
//     Decide keeps none of them after it returns, but the Decision may hold
//     the Request's origin, method and header lines until the adapter has
//     written it, so write the Decision before the request ends.
//   - The lines Header returns are either precomputed by New with their
//     capacity equal to their length, or a full-slice expression over the
//     Request's own lines: a net/http adapter can install them in an
//     http.Header as they are, without allocating, while an append anywhere
//     else copies instead of writing into them. Never modify their elements.
//   - An adapter that keeps lines in fixed arrays needs room for
//     [MaxHeaderLines]+1 of them, so that Decide sees the excess and refuses.
//   - [MayBePreflight] tells whether the Access-Control-Request-* headers
//     need reading at all.
//
// The conformance suite (internal/conformance in the repository) plays the
// same scenarios against every adapter over real HTTP.
//
// [Fetch standard]: https://fetch.spec.whatwg.org/
// [Fetch, CORS protocol]: https://fetch.spec.whatwg.org/#http-cors-protocol
// [Fetch, CORS-preflight fetch]: https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
package core
