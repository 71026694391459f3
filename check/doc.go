// Package check plays a fetch() call the way a browser does, against any
// server, and says what the browser would make of each answer: whether the
// call needs a preflight, the exact preflight request, the checks the
// preflight and the actual response must pass (Fetch, #cors-preflight-fetch-0
// and #concept-cors-check), the response headers a script could read, and,
// for a blocked call, the cause and what the server must send instead.
//
// It is the protocol half of the crossgate command; the command only parses
// flags and prints. It uses the standard library and crossgate's core only.
package check
