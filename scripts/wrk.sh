#!/bin/sh
# End to end: loads each framework's server (suites/cmd/loadserver, on
# 127.0.0.1) with wrk, with crossgate and with no middleware, on an allowed
# actual GET and an allowed preflight, for policies of 1 and 10,000 tenant
# patterns. The two servers of a row are loaded one after the other, in
# ROUNDS alternations, and the row keeps each one's best round. Prints a
# Markdown table: requests/s with crossgate as a percentage of none, and p99
# latency; exits non-zero if any run had an error (a socket error or any
# response outside 2xx-3xx).
#
#   scripts/wrk.sh                        # DURATION=5s ROUNDS=2: about 9 minutes
#   DURATION=1s ROUNDS=1 PATTERNS=1 FRAMEWORKS=chi scripts/wrk.sh
#   AGAINST=none PATTERNS=1 scripts/wrk.sh   # none against none: the noise
#   BASE=writeonly scripts/wrk.sh         # crossgate against a server that writes
#                                         # the same headers without deciding
#
# wrk runs with 2 threads and 32 connections. The machine's cores are shared
# by wrk and the server: with PIN=1 (the default, on two or more cores) the
# server runs on CPU 1 and wrk on CPU 0 (taskset), so that neither steals
# the other's core. Needs wrk (Debian: apt-get install wrk), curl, taskset.
set -eu
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-2}
PATTERNS=${PATTERNS:-1 10000}
FRAMEWORKS=${FRAMEWORKS:-chi gin echo echov5 fiber fiberv3}
PIN=${PIN:-1}
AGAINST=${AGAINST:-crossgate}
BASE=${BASE:-none}
[ "$(nproc)" -ge 2 ] || PIN=0
WRK_DIR=$(pwd)/scripts/wrk
export WRK_DIR
bin=$(mktemp -d)
# start runs in a command substitution, a subshell: the servers' process
# ids go to a file, not a variable.
pids="$bin/pids"
: >"$pids"
stop() {
	for p in $(cat "$pids"); do kill "$p" 2>/dev/null || true; done
	: >"$pids"
}
trap 'stop; rm -rf "$bin"' EXIT
go -C suites build -o "$bin/loadserver" ./cmd/loadserver
server_cpu="" wrk_cpu=""
if [ "$PIN" = 1 ]; then
	server_cpu="taskset -c 1" wrk_cpu="taskset -c 0"
fi

# start <framework> <middleware> <patterns>: starts a server and prints its
# URL once it listens.
start() {
	out="$bin/addr.$1.$2.$3"
	: >"$out"
	$server_cpu "$bin/loadserver" -framework "$1" -middleware "$2" -patterns "$3" >"$out" &
	echo $! >>"$pids"
	for _ in $(seq 50); do
		[ -s "$out" ] && break
		sleep 0.1
	done
	echo "http://$(cat "$out")"
}

# load <url> <actual|preflight>: one wrk run; prints its result line's fields.
load() {
	$wrk_cpu wrk -t2 -c32 -d"$DURATION" --latency -s "$WRK_DIR/$2.lua" "$1" | grep '^result ' | cut -d' ' -f2-
}

echo "| framework | patterns | request | $BASE req/s | $AGAINST req/s | $AGAINST ÷ $BASE | $BASE p99 ms | $AGAINST p99 ms |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
failed=0
for n in $PATTERNS; do
	ORIGIN=$("$bin/loadserver" -patterns "$n" -print-origin)
	export ORIGIN
	for fw in $FRAMEWORKS; do
		none=$(start "$fw" "$BASE" "$n")
		cg=$(start "$fw" "$AGAINST" "$n")
		# Check once that the load is what it claims: the origin is granted.
		if [ "$AGAINST" = crossgate ] && ! curl -s -D - -o /dev/null -H "Origin: $ORIGIN" "$cg/api/items/42" |
			grep -qi "^access-control-allow-origin: $ORIGIN"; then
			echo "$fw, $n patterns: allowed GET not granted" >&2
			failed=1
		fi
		for s in actual preflight; do
			best_none="0 0 0 0 0 0" best_cg="0 0 0 0 0 0"
			for _ in $(seq "$ROUNDS"); do
				for mw in none crossgate; do
					url=$none
					[ $mw = crossgate ] && url=$cg
					r=$(load "$url" $s)
					[ -n "$r" ] || r="0 0 0 0 0 1"
					# Any error fails the run; the best round counts.
					[ "$(echo "$r" | cut -d' ' -f6)" = 0 ] || failed=1
					if [ $mw = none ]; then
						best_none=$(printf '%s\n%s\n' "$best_none" "$r" | sort -k1,1nr | head -1)
					else
						best_cg=$(printf '%s\n%s\n' "$best_cg" "$r" | sort -k1,1nr | head -1)
					fi
				done
			done
			echo "$fw $n $s $best_none $best_cg" | awk '{
				printf "| %s | %d | %s | %d | %d | %.1f%% | %.2f | %.2f |\n",
					$1, $2, $3, $4, $10, 100 * $10 / $4, $6, $12 }'
		done
		stop
	done
done
exit $failed
