package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"
)

// maxPolicyFile bounds what WatchFile reads: a policy of 100,000 origins
// is a few megabytes, and a file larger than this is a mistake.
const maxPolicyFile = 64 << 20

// WatchFile keeps p in step with a policy file in the JSON form of Config
// (a Kubernetes ConfigMap, say, that every server of a fleet mounts) until
// ctx is done. Every interval (2s when zero) it reads the file, following
// symbolic links; when the bytes differ from the last ones it read, it
// reconfigures p with them atomically. A file that is missing, unreadable
// or invalid changes nothing: p keeps the policy in force, and report gets
// the error once (nil logs it with slog.Default at level Error); a fixed
// file is picked up at the next tick.
//
// It polls rather than asking the kernel for change events: it needs no
// dependency, and it sees the symbolic-link swap by which Kubernetes
// updates a mounted ConfigMap, which event watchers miss unless they watch
// the right directory. A read every couple of seconds costs nothing a
// server notices. Run it in its own goroutine:
//
//	go policy.WatchFile(ctx, "/etc/cors/policy.json", 0, nil)
func (p *Policy) WatchFile(ctx context.Context, path string, interval time.Duration, report func(error)) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	if report == nil {
		report = func(err error) { slog.Default().Error("CORS policy file not applied", "error", err) }
	}
	w := fileWatch{policy: p, path: path, report: report}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		w.check()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// fileWatch is the state of one WatchFile: what it last read and what it
// last reported, so that an unchanged file costs one read and a lasting
// problem one report.
type fileWatch struct {
	policy   *Policy
	path     string
	report   func(error)
	applied  []byte // the contents in force, once read
	reported string // the last error reported, to report each once
}

// check reads the file once and applies it if it changed.
func (w *fileWatch) check() {
	data, err := readPolicyFile(w.path)
	if err == nil && w.applied != nil && bytes.Equal(data, w.applied) {
		w.reported = ""
		return
	}
	if err == nil {
		var cfg Config
		if err = json.Unmarshal(data, &cfg); err == nil {
			err = w.policy.Reconfigure(cfg)
		}
	}
	if err != nil {
		err = fmt.Errorf("%s: %w (the policy in force is kept)", w.path, err)
		if err.Error() != w.reported {
			w.reported = err.Error()
			w.report(err)
		}
		return
	}
	w.applied, w.reported = data, ""
}

// readPolicyFile reads at most maxPolicyFile bytes of path.
func readPolicyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolicyFile+1))
	if err == nil && len(data) > maxPolicyFile {
		err = errors.New("larger than 64 MiB: not a policy file")
	}
	return data, err
}
