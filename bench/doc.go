// Package bench compares crossgate's adapters with the CORS middlewares that
// users come from, under identical requests, and checks that every
// library's configuration really produces the outcome each scenario is
// about, so that no comparison is won by doing less work.
//
// It is a nested module so that users of github.com/crossgate/crossgate
// never download rs/cors, jub0bs/cors, go-chi/cors or gin-contrib/cors.
// Run ./run.sh to regenerate the tables in ../BENCHMARKS.md.
package bench
