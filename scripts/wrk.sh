#!/bin/sh
# Loads each adapter's server (internal/loadserver, on 127.0.0.1) with wrk:
# an allowed actual GET and an allowed preflight, DURATION each (10s by
# default), 2 threads, 32 connections. Prints a Markdown table: requests/s,
# latency (ms) and errors, where any response outside 2xx-3xx is an error;
# exits non-zero if any run had one. Needs wrk (Debian: apt-get install wrk)
# and curl.
set -eu
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
WRK_DIR=$(pwd)/scripts/wrk
export WRK_DIR
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/loadserver" ./internal/loadserver
echo "| adapter | request | requests/s | p50 ms | p99 ms | max ms | non-2xx | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
failed=0
for fw in chi gin echo echov5 fiber fiberv3; do
	"$bin/loadserver" -framework "$fw" >"$bin/addr" &
	pid=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$bin/addr" ] && break
		sleep 0.2
	done
	url="http://$(cat "$bin/addr")"
	# Check once that the load is what it claims: the origin is granted.
	if ! curl -s -D - -o /dev/null -H 'Origin: https://app.example.com' "$url/api/items/42" |
		grep -qi '^access-control-allow-origin: https://app.example.com'; then
		echo "$fw: allowed GET not granted" >&2
		failed=1
	fi
	for s in actual preflight; do
		out=$(FRAMEWORK=$fw wrk -t2 -c32 -d"$DURATION" --latency -s "$WRK_DIR/$s.lua" "$url")
		row=$(echo "$out" | grep '^| ')
		echo "$row"
		# The last column is the error count.
		[ "$(echo "$row" | awk -F'|' '{gsub(/ /, "", $9); print $9}')" = 0 ] || failed=1
	done
	kill "$pid"
	wait "$pid" || true
	: >"$bin/addr"
done
exit $failed
