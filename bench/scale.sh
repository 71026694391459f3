#!/usr/bin/env bash
# scale.sh runs BenchmarkScale (one actual request against policies of 1 to
# 100,000 exact origins or 1 to 10,000 patterns; crossgate, jub0bs/cors,
# rs/cors) and tabulates it with one column per library; scale.md is the
# table of BENCHMARKS.md, with its targets. run.sh leaves it
# out: it is about policy size, not per-request overhead.
#
#   ./scale.sh                       # COUNT=3 BENCHTIME=100ms: about 2 minutes on 2 cores
#   COUNT=1 BENCHTIME=10ms ./scale.sh
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-3}
BENCHTIME=${BENCHTIME:-100ms}
OUT=${OUT:-results}
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da
mkdir -p "$OUT"

go test -run '^$' -bench '^BenchmarkScale$' -benchtime "$BENCHTIME" -count "$COUNT" -timeout 30m . | tee "$OUT/scale-raw.txt" >/dev/null
# Scale/<policy>/<outcome>/<library>: the last part becomes library=<library>.
sed -E 's#^(BenchmarkScale/[^/[:space:]]+/[^/[:space:]]+)/([a-z0-9-]+)(-[0-9]+)?([[:space:]])#\1/library=\2\3\4#' \
	"$OUT/scale-raw.txt" > "$OUT/scale-bench.txt"
go run "golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}" -filter .unit:sec/op \
	-col '/library@(crossgate-decide crossgate jub0bs rscors)' "$OUT/scale-bench.txt" > "$OUT/scale.txt" 2>"$OUT/scale-benchstat.log"
go run "golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}" -format csv -filter .unit:sec/op \
	-col /library "$OUT/scale-bench.txt" > "$OUT/scale.csv" 2>>"$OUT/scale-benchstat.log"
go run ./cmd/ratios -scale "$OUT/scale.csv" > "$OUT/scale.md"
echo "wrote $OUT/scale.txt and $OUT/scale.md"
