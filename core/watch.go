package core

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"time"
)

// maxPolicyFile bounds what WatchFile reads: a policy of 100,000 origins
// is a few megabytes, and a file larger than this is a mistake.
const maxPolicyFile = 64 << 20

// mtimeGranularity is the coarsest modification-time step a file system
// may have (FAT's two seconds; most record nanoseconds). A file whose
// modification time was this close to the moment it was read could have
// been written again since without its time changing, so it is read again
// rather than trusted unchanged.
const mtimeGranularity = 2 * time.Second

// WatchFile keeps p in step with a policy file in the JSON form of Config
// (a Kubernetes ConfigMap, say, that every server of a fleet mounts) until
// ctx is done. Every interval (2s when zero) it looks at the file, following
// symbolic links, and reads it only when its size, modification time or
// identity changed (or its time is too recent to be sure); when the bytes
// differ from the last ones it read, it reconfigures p with them
// atomically. A file that is missing, unreadable, not a regular file (a
// named pipe or a device is refused, never opened for a blocking read) or
// invalid changes nothing: p keeps the policy in force, and report gets the
// error once (nil logs it with slog.Default at level Error); an invalid
// version is parsed once and reported once, and a fixed file is picked up
// at the next tick. It returns within an interval of ctx ending.
//
// It polls rather than asking the kernel for change events: it needs no
// dependency, and it sees the symbolic-link swap by which Kubernetes
// updates a mounted ConfigMap, which event watchers miss unless they watch
// the right directory. A tick on an unchanged file costs one stat. Run it
// in its own goroutine:
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
	for ctx.Err() == nil {
		w.check()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// fileWatch is the state of one WatchFile: what the file looked like when
// it was last read, a digest of what was read and what became of it, so
// that an unchanged file costs one stat, a version is parsed once, and a
// lasting problem is reported once.
type fileWatch struct {
	policy *Policy
	path   string
	report func(error)

	stat   os.FileInfo // the opened file's, at the last read; nil to read again
	readAt time.Time   // when the last read began

	digest   [sha256.Size]byte // of the bytes last parsed
	parsed   bool              // whether digest holds anything
	rejected error             // why those bytes were not applied, or nil

	reported string // the last error reported, to report each once

	reads, parses int // what the watch did, for its tests
}

// check looks at the file once and applies it if it changed.
func (w *fileWatch) check() {
	info, err := os.Stat(w.path)
	if err == nil && !info.Mode().IsRegular() {
		err = notRegular(w.path, info.Mode())
	}
	if err != nil {
		w.stat = nil
		w.problem(err)
		return
	}
	if w.unchanged(info) {
		w.settle()
		return
	}
	readAt := time.Now()
	data, opened, err := readRegularFile(w.path)
	w.reads++
	if err != nil {
		w.stat = nil
		w.problem(err)
		return
	}
	w.stat, w.readAt = opened, readAt
	digest := sha256.Sum256(data)
	if w.parsed && digest == w.digest {
		w.settle()
		return
	}
	w.parses++
	w.digest, w.parsed = digest, true
	var cfg Config
	err = json.Unmarshal(data, &cfg)
	if err == nil {
		err = w.policy.Reconfigure(cfg)
	}
	w.rejected = nil
	if err != nil {
		// A new version: reported even when an earlier one failed alike.
		w.rejected = fmt.Errorf("%s: %w (the policy in force is kept)", w.path, err)
		w.reported = ""
	}
	w.settle()
}

// unchanged tells whether info, the file's now, shows the file last read,
// unmodified since: the same file, size and modification time, that time
// older than the read by more than mtimeGranularity.
func (w *fileWatch) unchanged(info os.FileInfo) bool {
	return w.stat != nil && os.SameFile(info, w.stat) && info.Size() == w.stat.Size() &&
		info.ModTime().Equal(w.stat.ModTime()) && info.ModTime().Before(w.readAt.Add(-mtimeGranularity))
}

// settle reports the error of the version in force in the file, if any,
// once; a valid one clears the last report, so that a later problem is
// reported again.
func (w *fileWatch) settle() {
	if w.rejected == nil {
		w.reported = ""
		return
	}
	w.problem(w.rejected)
}

// problem reports err unless it is the problem last reported.
func (w *fileWatch) problem(err error) {
	key := problemKey(err)
	if key == w.reported {
		return
	}
	w.reported = key
	w.report(err)
}

// problemKey is what makes two errors one problem. A missing file is one
// problem whichever call noticed it: a file removed between the tick's
// stat and its open fails the open ("open ...: no such file") and then
// every later stat ("stat ...: no such file"), and must be reported once.
func problemKey(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "missing"
	}
	return err.Error()
}

// readRegularFile reads at most maxPolicyFile bytes of path, which must be
// a regular file, and returns them with the opened file's FileInfo. It
// opens without blocking where the system allows (openNonBlocking) and
// checks the opened file, not only the path: opening a named pipe for
// reading would otherwise wait for a writer forever, and a path can be
// swapped between a stat and an open.
func readRegularFile(path string) ([]byte, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, notRegular(path, info.Mode())
	}
	if info.Size() > maxPolicyFile {
		return nil, nil, fmt.Errorf("%s: larger than 64 MiB: not a policy file", path)
	}
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, maxPolicyFile+1)); err != nil {
		return nil, nil, err
	}
	if buf.Len() > maxPolicyFile {
		return nil, nil, errors.New(path + ": larger than 64 MiB: not a policy file")
	}
	return buf.Bytes(), info, nil
}

// notRegular is the error for a path that is not a regular file.
func notRegular(path string, mode os.FileMode) error {
	kind := "not a regular file"
	switch {
	case mode&os.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&os.ModeDevice != 0:
		kind = "a device"
	case mode.IsDir():
		kind = "a directory"
	case mode&os.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("%s: %s, not a regular file: WatchFile reads only regular files", path, kind)
}
