#!/usr/bin/env bash
# run.sh regenerates the comparison behind ../BENCHMARKS.md: every benchmark
# COUNT times, benchstat with one column per library, and the ratios of
# crossgate against each rival, the floors and the targets; then, where
# valgrind is installed, every benchmark's instructions per request counted
# under callgrind, and the same ratios of those.
#
#   ./run.sh                          # COUNT=8 BENCHTIME=100ms: about 15 minutes on 2 cores
#   COUNT=1 BENCHTIME=10ms INSTR=0 ./run.sh   # a smoke run
#   INSTR=only ./run.sh               # the instruction counts alone: 3-6 minutes
#   OUT=results/1 ./run.sh && PREVIOUS=results/1 OUT=results/2 UPDATE=1 ./run.sh
#                                     # two runs, the second compared with the first
#
# Times move with whatever else the machine runs; so that two runs agree,
# the script warms up with a pass it discards (WARMUP=1), runs the suite
# COUNT times over rather than each benchmark COUNT times in a row (a
# burst of load then spoils one sample of many benchmarks, which the
# median discards), pins the benchmark process to one CPU (CPU=, default
# the last; taskset) with GOMAXPROCS=1, so that it never migrates and the
# runtime's background work shares its core, and reports benchstat's
# medians. Instruction counts do not move with the load at all: callgrind
# counts what the benchmark's loop executes, the same on a busy machine as
# on an idle one (within 0.1%), so a close comparison is decided on them.
# valgrind comes from Debian (apt-get install valgrind); INSTR=0 skips it.
#
# Output goes to $OUT (default results/, not committed): raw.txt (go test
# output), bench.txt (names rewritten for benchstat), benchstat.txt,
# benchstat.csv, decide.txt, summary.md (the ratio tables and the targets),
# detail.md (per-framework tables). With UPDATE=1 it also rewrites the
# generated part of ../BENCHMARKS.md and ../docs/benchmarks-detail.md.
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-8}
BENCHTIME=${BENCHTIME:-100ms}
WARMUP=${WARMUP:-1}
OUT=${OUT:-results}
# INSTR: 1 counts instructions too, 0 never, only skips the timed runs;
# the default counts them when valgrind is installed.
INSTR=${INSTR:-auto}
# Iterations of each benchmark under callgrind: the count per request is
# the loop's total divided by them, so the first iteration's extra work
# (a header map growing) weighs a few instructions at most.
INSTR_ITERS=${INSTR_ITERS:-500}
if [ "$INSTR" = auto ]; then
	INSTR=0
	command -v valgrind >/dev/null && INSTR=1
fi
# The collector's pace for the timed runs. The benchmark process holds
# almost no live heap, so at Go's default (100) every framework that
# allocates per request (echo v5, fiber) starts a collection every few
# hundred thousand requests and spends a large share of each 100 ms sample
# collecting, with its write barriers on: samples of one benchmark then
# spread by 10-15%. 400 keeps the heap bounded and warm (no fresh pages)
# and brings that share nearer a server's, whose live heap is larger; it
# spares the libraries that allocate most (the rivals) the most.
GOGC=${GOGC:-400}
export GOGC
# The CPU the benchmarks run on: the last one, away from the first, where
# interrupts and most daemons land.
CPU=${CPU:-$(($(nproc) - 1))}
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then
	pin=(taskset -c "$CPU")
fi
# benchstat has no tagged release; this is the newest pseudo-version the
# module proxy served when the script was written. Pinning it keeps the
# tables reproducible.
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da
# benchstat's notes on small samples go to benchstat.log, not the terminal.
benchstat() { go run "golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}" "$@" 2>>"$OUT/benchstat.log"; }

mkdir -p "$OUT"
: > "$OUT/benchstat.log"

# The outcome tests first: a comparison is only worth running if every
# library's configuration produces the scenario's outcome.
go test -count=1 -run 'Outcomes|Skips' -v . > "$OUT/tests.txt" || {
	cat "$OUT/tests.txt"
	exit 1
}
grep -o 'SKIP .*' "$OUT/tests.txt" | sort -u > "$OUT/skips.txt" || true

{
	# The tree measured: set COMMIT when running from an exported tree.
	echo "commit: ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
	if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet HEAD -- ..; then
		echo "warning: the work tree has uncommitted changes"
	fi
	uptime
	# Other work on the machine moves every time: two runs agree within
	# 10% on a quiet machine (load under half the cores), not on a busy one.
	awk -v cores="$(nproc)" '$1 > cores / 2 { printf "warning: load average %s on %d cores: the times will move between runs; the instruction counts will not\n", $1, cores }' /proc/loadavg
	go version
	grep -m1 'model name' /proc/cpuinfo || true
	echo "cores: $(nproc)"
	if [ "$INSTR" != only ]; then
		echo "timed: $WARMUP discarded + $COUNT passes of $BENCHTIME, GOMAXPROCS=1, GOGC=$GOGC${pin:+, pinned to CPU $CPU}"
	fi
	if [ "$INSTR" != 0 ]; then
		echo "counted: $(valgrind --version) --tool=callgrind, $INSTR_ITERS iterations"
	fi
} > "$OUT/machine.txt"

# The benchmarks are named Benchmark<Framework>/<scenario>/<library>;
# benchstat groups only by key=value name parts, so the last part becomes
# library=<library> for -col /library.
libcol() {
	sed -E 's#^(Benchmark(NetHTTP|Gin|EchoV5|Echo|FiberV3|Fiber)/[^/[:space:]]+)/([a-z0-9]+)(-[0-9]+)?([[:space:]])#\1/library=\3\4\5#'
}
libs='/library@(crossgate rscors jub0bs gochicors gincontrib echo fiber floor writeonly none)'

if [ "$INSTR" != only ]; then
	go test -c -o "$OUT/bench.test" .
	: > "$OUT/raw.txt"
	for pass in $(seq $((WARMUP + COUNT))); do
		dst="$OUT/raw.txt"
		[ "$pass" -le "$WARMUP" ] && dst=/dev/null # warming up: caches, CPU frequency, the page cache
		GOMAXPROCS=1 "${pin[@]}" "$OUT/bench.test" -test.run '^$' -test.bench . -test.skip '^BenchmarkScale$' \
			-test.benchtime "$BENCHTIME" -test.count 1 -test.timeout 60m >> "$dst"
		echo "load after pass $pass: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
	done
	libcol < "$OUT/raw.txt" > "$OUT/bench.txt"

	benchstat -filter '-.name:Decide' -table .name -col "$libs" \
		"$OUT/bench.txt" > "$OUT/benchstat.txt"
	benchstat -format csv -filter '-.name:Decide' -table .name -col /library \
		"$OUT/bench.txt" > "$OUT/benchstat.csv"
	benchstat -filter '.name:Decide' "$OUT/bench.txt" > "$OUT/decide.txt"
	benchstat -format csv -filter '.name:Decide' "$OUT/bench.txt" > "$OUT/decide.csv"
fi

if [ "$INSTR" != 0 ]; then
	# Under callgrind, every benchmark runs INSTR_ITERS iterations; the
	# harness (internal/callgrind) turns counting on around the loop alone
	# and dumps the count under the benchmark's name. Without cgo and with
	# asynchronous preemption off: callgrind trips over the signals both
	# send. One process, one thread counted: GOMAXPROCS=1.
	CGO_ENABLED=0 go test -c -o "$OUT/bench-instr.test" .
	rm -rf "$OUT/callgrind"
	mkdir -p "$OUT/callgrind"
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --collect-atstart=no \
		--callgrind-out-file="$OUT/callgrind/cg.%p" "$OUT/bench-instr.test" -test.run '^$' -test.bench . \
		-test.skip '^BenchmarkScale$' -test.benchtime "${INSTR_ITERS}x" -test.timeout 60m > "$OUT/instr-run.txt" 2> "$OUT/valgrind.log"
	# Each dump is one benchmark: its name on the "desc: Trigger" line, its
	# loop's instructions on "totals:". Written as benchmark lines, so
	# that benchstat and the ratios read them like times.
	# In the order they ran (cg.<pid>.<n>), which is the tables' order.
	for f in $(cd "$OUT/callgrind" && ls cg.*.* | sort -t. -k3 -n); do
		awk -v n="$INSTR_ITERS" '/^desc: Trigger: Client Request: /{name=substr($0, 32)}
			/^totals:/{printf "%s\t%d\t%.1f instr/op\n", name, n, $2/n}' "$OUT/callgrind/$f"
	done | libcol > "$OUT/instr.txt"
	benchstat -filter '-.name:Decide' -table .name -col "$libs" "$OUT/instr.txt" > "$OUT/instr-benchstat.txt"
	benchstat -format csv -filter '-.name:Decide' -table .name -col /library "$OUT/instr.txt" > "$OUT/instr.csv"
	benchstat -format csv -filter '.name:Decide' "$OUT/instr.txt" > "$OUT/instr-decide.csv"
fi

{
	# Load from other processes makes every number noisy: the ratios are
	# only worth reading when this stayed well under the core count.
	echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$OUT/machine.txt"
: > "$OUT/summary.md"
if [ "$INSTR" != only ]; then
	go run ./cmd/ratios -skips "$OUT/skips.txt" -decide "$OUT/decide.csv" -detail "$OUT/detail.md" \
		"$OUT/benchstat.csv" > "$OUT/summary.md"
fi
if [ "$INSTR" != 0 ]; then
	go run ./cmd/ratios -unit instr/op -decide "$OUT/instr-decide.csv" -detail "$OUT/instr-detail.md" \
		"$OUT/instr.csv" > "$OUT/instr-summary.md"
	{
		echo "### Instructions per request"
		echo
		echo "The same ratios of instruction counts (callgrind, $INSTR_ITERS iterations of each benchmark's loop; the same"
		echo "on a loaded machine as on an idle one). They and the times part where a cost is not in the"
		echo "instructions: a copy that waits on store forwarding, a map lookup's cache misses, the collector;"
		echo "the targets are judged on the times, and where the two disagree the text below says why."
		echo
		cat "$OUT/instr-summary.md"
	} >> "$OUT/summary.md"
fi
# Two runs agree when every ratio of one is within 10% of the other's:
# PREVIOUS names the earlier run's OUT, and the comparison goes to
# compare.md (and into the summary).
if [ -n "${PREVIOUS:-}" ] && [ "$INSTR" != only ]; then
	go run ./cmd/ratios -compare "$PREVIOUS/benchstat.csv" "$OUT/benchstat.csv" > "$OUT/compare.md"
	{
		echo "### Two runs"
		echo
		echo "This run against the one before it on the same machine (\`PREVIOUS=\` that run's output): $(tail -1 "$OUT/compare.md")"
		echo "The ratio by ratio comparison is in docs/benchmarks-detail.md."
		echo
	} >> "$OUT/summary.md"
fi
echo "wrote $OUT/summary.md and the tables beside it"

if [ "${UPDATE:-0}" = 1 ]; then
	{
		echo "# Benchmarks in detail"
		echo
		echo "Generated by \`bench/run.sh\` (\`UPDATE=1\`); the summary and how to read it are in"
		echo "[BENCHMARKS.md](../BENCHMARKS.md). Ratios are crossgate's time divided by the"
		echo "other library's, from benchstat's medians of $COUNT runs of $BENCHTIME (after $WARMUP discarded),"
		echo "one CPU (taskset, GOMAXPROCS=1)."
		echo
		echo '```'
		cat "$OUT/machine.txt"
		echo '```'
		echo
		cat "$OUT/detail.md" 2>/dev/null || true
		if [ -f "$OUT/instr-detail.md" ]; then
			echo "## Instructions per request"
			echo
			cat "$OUT/instr-detail.md"
		fi
		if [ -f "$OUT/compare.md" ]; then
			echo "## Two runs"
			echo
			echo "crossgate's time ÷ the floor and ÷ the fastest rival in this run and the one before it, and how far apart each pair is:"
			echo
			cat "$OUT/compare.md"
			echo
		fi
		echo "## benchstat"
		echo
		echo '```'
		cat "$OUT/decide.txt" 2>/dev/null || true
		echo
		cat "$OUT/benchstat.txt" 2>/dev/null || true
		echo
		cat "$OUT/instr-benchstat.txt" 2>/dev/null || true
		echo '```'
	} > ../docs/benchmarks-detail.md
	# The summary replaces what lies between the two markers.
	awk -v summary="$OUT/summary.md" -v machine="$OUT/machine.txt" '
		/<!-- generated by bench\/run.sh: begin -->/ {
			print; print ""
			print "```"; while ((getline l < machine) > 0) print l; print "```"; print ""
			while ((getline l < summary) > 0) print l
			skip = 1; next
		}
		/<!-- generated by bench\/run.sh: end -->/ { skip = 0 }
		!skip' ../BENCHMARKS.md > "$OUT/BENCHMARKS.md"
	mv "$OUT/BENCHMARKS.md" ../BENCHMARKS.md
	echo "rewrote ../BENCHMARKS.md and ../docs/benchmarks-detail.md"
fi
