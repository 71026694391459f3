#!/usr/bin/env bash
# run.sh regenerates the comparison behind ../BENCHMARKS.md: every benchmark
# COUNT times, benchstat with one column per library, and the ratios of
# crossgate against each rival, the floor and the targets.
#
#   ./run.sh                      # about 6-8 minutes on 2 cores
#   COUNT=1 BENCHTIME=10ms ./run.sh   # a smoke run
#
# Output goes to $OUT (default results/): raw.txt (go test output),
# bench.txt (names rewritten for benchstat), benchstat.txt, benchstat.csv,
# decide.txt, ratios.md.
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-100ms}
OUT=${OUT:-results}
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
	go version
	grep -m1 'model name' /proc/cpuinfo || true
	echo "cores: $(nproc)"
} > "$OUT/machine.txt"

go test -run '^$' -bench . -skip '^BenchmarkScale$' -benchtime "$BENCHTIME" -count "$COUNT" -timeout 60m . | tee "$OUT/raw.txt" >/dev/null

# The benchmarks are named Benchmark<Framework>/<scenario>/<library>;
# benchstat groups only by key=value name parts, so the last part becomes
# library=<library> for -col /library.
sed -E 's#^(Benchmark(NetHTTP|Gin|EchoV5|Echo|FiberV3|Fiber)/[^/[:space:]]+)/([a-z0-9]+)(-[0-9]+)?([[:space:]])#\1/library=\3\4\5#' \
	"$OUT/raw.txt" > "$OUT/bench.txt"

benchstat -filter '-.name:Decide' -table .name -col '/library@(crossgate rscors jub0bs gochicors gincontrib echo fiber floor none)' \
	"$OUT/bench.txt" > "$OUT/benchstat.txt"
benchstat -format csv -filter '-.name:Decide' -table .name -col /library \
	"$OUT/bench.txt" > "$OUT/benchstat.csv"
benchstat -filter '.name:Decide' "$OUT/bench.txt" > "$OUT/decide.txt"
benchstat -format csv -filter '.name:Decide' "$OUT/bench.txt" > "$OUT/decide.csv"

{
	# Load from other processes makes every number noisy: the ratios are
	# only worth reading when this stayed well under the core count.
	echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$OUT/machine.txt"
go run ./cmd/ratios -skips "$OUT/skips.txt" -decide "$OUT/decide.csv" "$OUT/benchstat.csv" > "$OUT/ratios.md"
echo "wrote $OUT/benchstat.txt, $OUT/decide.txt and $OUT/ratios.md"
