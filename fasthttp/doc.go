// Package fastheader moves a CORS decision between core and fasthttp's
// header types, for the two fiber adapters (fiber v2 and fiber v3). Both
// majors run on fasthttp, and a build selects one fasthttp version for
// every package in it (the main module requires the newer one, which fiber
// v2 runs on too), so one copy of this code serves both: the adapters
// differ only in how they reach the request and response headers.
package corsfasthttp
