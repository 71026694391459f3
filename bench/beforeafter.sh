#!/usr/bin/env bash
# beforeafter.sh compares crossgate and the floor at an earlier commit and
# in the work tree, built side by side and alternated ROUNDS times on one
# CPU, so that both builds see the same machine: what BENCHMARKS.md's
# "What this round changed" table comes from.
#
#   bench/beforeafter.sh dea4299            # ROUNDS=5 BENCHTIME=100ms: about 6 minutes
#
# Output in $OUT (default results/beforeafter): before.txt, after.txt (go
# test output) and benchstat.txt (benchstat before.txt after.txt).
set -euo pipefail
cd "$(dirname "$0")"
base=${1:?usage: beforeafter.sh <commit>}
ROUNDS=${ROUNDS:-5}
BENCHTIME=${BENCHTIME:-100ms}
OUT=${OUT:-results/beforeafter}
CPU=${CPU:-$(($(nproc) - 1))}
BENCH=${BENCH:-'Benchmark(NetHTTP|Gin|Echo|EchoV5|Fiber|FiberV3)/.*/(crossgate|floor)$'}
mkdir -p "$OUT"
out=$(cd "$OUT" && pwd)
tree=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git worktree add -q --detach "$tree" "$base"
(cd "$tree/bench" && go test -c -o "$out/before.test" .)
go test -c -o "$out/after.test" .
: > "$out/before.txt"
: > "$out/after.txt"
for _ in $(seq "$ROUNDS"); do
	for b in before after; do
		GOMAXPROCS=1 taskset -c "$CPU" "$out/$b.test" -test.run '^$' -test.bench "$BENCH" \
			-test.benchtime "$BENCHTIME" -test.count 1 >> "$out/$b.txt"
	done
done
go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da "$out/before.txt" "$out/after.txt" > "$out/benchstat.txt"
echo "wrote $out/benchstat.txt"
