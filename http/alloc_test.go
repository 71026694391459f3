package corshttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/core"
	corshttp "github.com/crossgate/crossgate/http"
)

// writer is a reusable ResponseWriter, so that the measurement counts the
// middleware's allocations, not httptest.ResponseRecorder's.
type writer struct {
	h      http.Header
	status int
}

func (w *writer) Header() http.Header         { return w.h }
func (w *writer) Write(b []byte) (int, error) { return len(b), nil }
func (w *writer) WriteHeader(status int)      { w.status = status }

func TestAllocsAllowedPreflight(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	app := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran++ })
	h := corshttp.Middleware(p)(app)
	req := httptest.NewRequest(http.MethodOptions, "/r", nil)
	req.Header.Set("Origin", allowed)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	req.Header.Set("Access-Control-Request-Headers", "x-token")
	w := &writer{h: http.Header{}}

	allocs := testing.AllocsPerRun(1000, func() {
		// clear keeps the map's storage, so refilling it costs nothing.
		clear(w.h)
		w.status = 0
		h.ServeHTTP(w, req)
	})
	if ran != 0 || w.status != http.StatusNoContent || w.h.Get("Access-Control-Allow-Origin") != allowed {
		t.Fatalf("not an ended allowed preflight: application ran %d times, status %d, headers %v", ran, w.status, w.h)
	}
	if allocs != 0 {
		t.Errorf("allowed preflight: %v allocations per request, want 0", allocs)
	}
}

func BenchmarkAllowedPreflight(b *testing.B) {
	p, err := core.New(config(false))
	if err != nil {
		b.Fatal(err)
	}
	h := corshttp.Middleware(p)(http.NotFoundHandler())
	req := httptest.NewRequest(http.MethodOptions, "/r", nil)
	req.Header.Set("Origin", allowed)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	w := &writer{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}
