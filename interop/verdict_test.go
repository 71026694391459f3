package interop

import (
	"context"
	"testing"

	"github.com/crossgate/crossgate/check"
)

// want is the verdict a browser reaches on one call.
type want struct {
	allowed bool
	cause   check.Cause
	// root is the root cause, when it is not the cause.
	root check.Cause
	// warn: allowed, but the command must warn (Vary lost).
	warn bool
}

// expected is what a browser makes of call against lib set up by m: the
// standard's rules applied to what each library answers (the browser suite
// confirms it in Chromium). refused means the library rejects the setup
// or has no option for it.
func expected(lib, m string, call Call) (w want, refused bool) {
	preflighted := call.Method != "GET"
	// rs/cors answers a preflight it refuses with no CORS header at all, so
	// the browser blames the origin whatever was refused; the command finds
	// the root cause by asking again.
	refusal := func(c check.Cause) want {
		if lib == "rs/cors" {
			return want{cause: check.CauseOrigin, root: c}
		}
		return want{cause: c}
	}
	switch m {
	case "correct":
		return want{allowed: true}, false
	case "vary clobbered":
		return want{allowed: true, warn: true}, false
	case "wrong origin":
		return want{cause: check.CauseOrigin}, false
	case "method missing":
		if preflighted {
			return refusal(check.CauseMethod), false
		}
		return want{allowed: true}, false
	case "header not listed":
		if preflighted {
			return refusal(check.CauseHeader), false
		}
		return want{allowed: true}, false
	case "origin set twice":
		return want{cause: check.CauseMalformed}, false
	case "preflight passed to 405":
		if lib != "rs/cors" && lib != "crossgate" {
			return want{}, true
		}
		if preflighted {
			return want{cause: check.CauseStatus}, false
		}
		return want{allowed: true}, false
	case "star with credentials":
		if lib == "crossgate" || lib == "fiber" {
			return want{}, true
		}
		if call.Credentials {
			return want{cause: check.CauseCredentials}, false
		}
		return want{allowed: true}, false
	}
	panic("no expectation for " + m)
}

// TestVerdicts plays every call against every library in every setup and
// checks the command's verdict, cause and warnings.
func TestVerdicts(t *testing.T) {
	const page = "http://localhost:5173"
	for _, lib := range Libraries {
		for _, m := range Misconfigs {
			t.Run(lib.Name+"/"+m.Name, func(t *testing.T) {
				base, stop, err := lib.Start(m.Setup(page))
				_, refused := expected(lib.Name, m.Name, Calls[0])
				if refused != (err != nil) {
					t.Fatalf("setup error %v, want refused %v", err, refused)
				}
				if err != nil {
					return
				}
				defer stop()
				for _, c := range Calls {
					w, _ := expected(lib.Name, m.Name, c)
					r, err := check.Run(context.Background(), c.Check(base, page), check.Options{Send: true})
					if err != nil {
						t.Fatalf("%s: %v", c.Name, err)
					}
					warned := false
					for _, s := range r.Steps {
						warned = warned || s.Mark == check.Warn
					}
					if w.root == "" {
						w.root = w.cause
					}
					if r.Allowed != w.allowed || r.Cause != w.cause || r.RootCause != w.root || warned != w.warn {
						t.Errorf("%s: allowed %v cause %q root cause %q warned %v, want %v %q %q %v\nsteps: %v", c.Name, r.Allowed, r.Cause, r.RootCause, warned, w.allowed, w.cause, w.root, w.warn, r.Steps)
					}
					if !r.Allowed && r.Config == "" {
						t.Errorf("%s: blocked without a crossgate Config that allows it", c.Name)
					}
				}
			})
		}
	}
}
