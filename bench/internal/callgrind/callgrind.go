// Package callgrind lets a benchmark count the instructions of its timed
// loop when it runs under valgrind --tool=callgrind: an instruction count
// is the same whatever else the machine is doing, where a time moves with
// the load, so comparisons of close libraries are decided on it.
//
// The calls are valgrind's client requests: a no-op sequence of
// instructions that valgrind recognizes, and that costs a few cycles
// outside valgrind. Run the benchmarks with
//
//	valgrind --tool=callgrind --collect-atstart=no ./bench.test -test.benchtime 2000x ...
//
// and each Stop writes a callgrind.out file whose "desc: Trigger" line
// names the benchmark and whose "totals:" line counts its loop's
// instructions.
//
// For a profile by function, set CALLGRIND_MARKS=off and pick the function
// with --toggle-collect: callgrind then attributes every instruction to its
// function, which it cannot do when collection starts mid-call.
package callgrind

import (
	"os"
	"runtime"
)

// Callgrind's client request codes (callgrind.h: VG_USERREQ_TOOL_BASE('C','T')
// and the enumeration after it), and valgrind's own RUNNING_ON_VALGRIND.
const (
	requestDumpStatsAt   = 0x43540000 + 3
	requestZeroStats     = 0x43540000 + 1
	requestToggleCollect = 0x43540000 + 2
	requestRunningOn     = 0x1001
)

// request passes args (the request code and up to five arguments) to
// valgrind and returns its answer, 0 when not running under valgrind.
func request(args *[6]uintptr) uintptr { return clientRequest(args) }

// on tells whether Start and Stop talk to callgrind: under valgrind,
// unless CALLGRIND_MARKS=off.
var on = os.Getenv("CALLGRIND_MARKS") != "off" && request(&[6]uintptr{requestRunningOn}) != 0

// Start zeroes callgrind's counters and turns collection on for the
// calling goroutine's thread, which it locks to the goroutine until Stop:
// callgrind collects per thread, and a goroutine moved to another thread
// would be counted there. Outside valgrind it does nothing.
func Start() {
	if !on {
		return
	}
	runtime.LockOSThread()
	request(&[6]uintptr{requestZeroStats})
	request(&[6]uintptr{requestToggleCollect})
}

// Stop turns collection off and dumps the counts since Start under name.
// Outside valgrind it does nothing.
func Stop(name string) {
	if !on {
		return
	}
	request(&[6]uintptr{requestToggleCollect})
	b := append([]byte(name), 0) // callgrind reads a C string
	request(&[6]uintptr{requestDumpStatsAt, uintptr(unsafePointer(b))})
	runtime.KeepAlive(b)
	runtime.UnlockOSThread()
}
