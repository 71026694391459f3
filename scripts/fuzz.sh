#!/bin/sh
# Runs each fuzz target of package core for a short fixed time (FUZZTIME,
# 15s by default: seven targets, about 110s in all). New crashers are written
# to core/testdata/fuzz/<FuzzName>/ by go test; commit them with the fix.
# Without -fuzz, `go test ./core` replays the committed corpus every time.
set -eu
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-15s}
for target in FuzzOriginMatch FuzzRequestHeaders FuzzDecide FuzzDecideOriginFunc FuzzNew FuzzNewAcceptsValidOrigins FuzzScopePath; do
	echo "== $target ($FUZZTIME)"
	go test ./core -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -parallel 2
done
