package servers_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/core"
)

// refusalRecorder is a refusal hook that keeps, for every refusal a server
// reports, the texts the library writes about it: Refusal.String,
// Reason.String and the SlogRefusals record on a text handler. Servers
// call it from their own goroutines.
type refusalRecorder struct {
	mu    sync.Mutex
	log   bytes.Buffer
	count int
	texts []string
}

// install makes rec p's refusal hook.
func (rec *refusalRecorder) install(p *core.Policy) {
	logRefusal := core.SlogRefusals(slog.New(slog.NewTextHandler(&rec.log, nil)))
	p.OnRefusal(func(r core.Refusal) {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.count++
		rec.texts = append(rec.texts, r.String(), r.Reason.String())
		logRefusal(r)
	})
}

// reported returns how many refusals were reported and every text written
// about them, one line each.
func (rec *refusalRecorder) reported() (int, []string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	texts := append([]string(nil), rec.texts...)
	if rec.log.Len() > 0 {
		texts = append(texts, strings.Split(strings.TrimSuffix(rec.log.String(), "\n"), "\n")...)
	}
	return rec.count, texts
}

// silenceDefaultLog sends slog.Default (where a panicking hook is
// reported) to a buffer until the test ends, and returns it.
func silenceDefaultLog(t *testing.T) *syncBuffer {
	t.Helper()
	buf := &syncBuffer{}
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return buf
}

// syncBuffer is a bytes.Buffer that server goroutines can write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// answerHeaders are the response headers two answers to the same request
// must agree on.
var answerHeaders = []string{
	"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
	"Access-Control-Allow-Headers", "Access-Control-Max-Age", "Access-Control-Expose-Headers",
	"Vary", "X-App",
}

// answer summarizes a response: its status, the headers of answerHeaders
// and its body.
func answer(resp *http.Response, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", resp.Status)
	for _, name := range answerHeaders {
		fmt.Fprintf(&b, "%s: %q\n", name, resp.Header.Values(name))
	}
	fmt.Fprintf(&b, "body: %q", body)
	return b.String()
}

// playHooked plays a row with its refusal hook set. With a panicking hook,
// the server must answer, and answer exactly as it does without a hook.
// With a recording one, a request that reached the middleware must have been
// reported, and every text about it must pass attacks.LogLineProblem; a
// request the server rejects itself (400, 431, and fiber v3's 501 for a
// method outside its RequestMethods) reaches no middleware.
func playHooked(t *testing.T, p *core.Policy, addr string, a attacks.Attack) {
	t.Helper()
	if a.HookPanics {
		log := silenceDefaultLog(t)
		p.OnRefusal(nil)
		want := answer(sendAttack(t, addr, a))
		p.OnRefusal(func(core.Refusal) { panic("refusal hook") })
		for range 2 {
			if got := answer(sendAttack(t, addr, a)); got != want {
				t.Errorf("with a panicking hook the server answered\n%s\nwithout a hook\n%s", got, want)
			}
		}
		if n := strings.Count(log.String(), "refusal hook panicked"); n != 1 {
			t.Errorf("the hook's panic was logged %d times, want once:\n%s", n, log)
		}
		return
	}
	var rec refusalRecorder
	rec.install(p)
	resp, _ := sendAttack(t, addr, a)
	count, texts := rec.reported()
	rejected := resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusRequestHeaderFieldsTooLarge ||
		resp.StatusCode == http.StatusNotImplemented
	if count == 0 && !rejected {
		t.Errorf("answered %s, but no refusal was reported", resp.Status)
	}
	for _, text := range texts {
		if problem := attacks.LogLineProblem(text); problem != "" {
			t.Errorf("the refusal's text: %s", problem)
		}
	}
}
