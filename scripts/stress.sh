#!/usr/bin/env bash
# stress.sh runs test suites N times while busy loops keep every core of
# the machine busy, and prints how often each test failed. A suite that
# only passes on an idle machine fails here, as it would on a shared CI
# runner; a new suite must pass it (CONTRIBUTING.md).
#
# Usage: scripts/stress.sh [N]         N runs of every suite (default 10)
#
# Environment:
#   STRESS_N        N, when no argument is given
#   STRESS_SUITES   the suites, to replace SUITES below (same format)
#   STRESS_LOAD     busy loops to run (default: one per core; 0: none)
#   STRESS_TIMEOUT  go test -timeout of each run (default 20m); a suite may
#                   give its own -timeout, which wins
#   STRESS_COMMIT   test this commit (e.g. HEAD) from a clean export instead
#                   of the working tree, so that uncommitted edits in a
#                   shared tree do not break the runs
#   STRESS_LOGS     where the logs go (default: a new temporary directory)
#
# Each run's `go test -v` output is kept in STRESS_LOGS, and so are the
# artifacts of a failed run (t.ArtifactDir: the cache tests' nginx logs and
# configuration, the browsers' screenshots and consoles); the summary
# counts, per test, the runs that printed "--- FAIL: Test...", and per
# package the runs that failed with no test named (build failure, panic,
# timeout).
set -euo pipefail
set -f # suite arguments are words, never file patterns (-run Test.*)
cd "$(dirname "$0")/.."

# The suites, one a line: a module directory (relative to the repository
# root), a '|', then the arguments of `go test` in it: each library module
# (scripts/modules.sh) and the cross-framework suites with -race, the soak
# alone without it, and the browser module.
SUITES='
.        | -race ./...
fasthttp | -race ./...
chi      | -race ./...
gin      | -race ./...
echo     | -race ./...
echov5   | -race ./...
fiber    | -race ./...
fiberv3  | -race ./...
suites   | -race ./...
suites   | -run Soak ./servers
browser  | ./...
'
SUITES=${STRESS_SUITES:-$SUITES}
N=${1:-${STRESS_N:-10}}
LOAD=${STRESS_LOAD:-$(nproc)}
TIMEOUT=${STRESS_TIMEOUT:-20m}
LOGS=${STRESS_LOGS:-$(mktemp -d -t stress.XXXXXX)}
mkdir -p "$LOGS"

case $N in '' | *[!0-9]*) echo "stress.sh: N must be a number of runs, got '$N'" >&2; exit 2 ;; esac

seconds() { # 20m -> 1200; 90s -> 90; 1h -> 3600
	local v=$1
	case $v in
	*h) echo $((${v%h} * 3600)) ;;
	*m) echo $((${v%m} * 60)) ;;
	*s) echo "${v%s}" ;;
	*) echo "stress.sh: STRESS_TIMEOUT must end in s, m or h, got '$v'" >&2; exit 2 ;;
	esac
}

snapshot=
loops=()
running=
cleanup() {
	# Always end the busy loops and the run under way, however the script
	# ends: the run has a process group of its own (set -m), so its test
	# binaries and servers go with it.
	if [ -n "$running" ]; then
		kill -- "-$running" 2>/dev/null || true
		wait "$running" 2>/dev/null || true
	fi
	if [ ${#loops[@]} -gt 0 ]; then
		kill "${loops[@]}" 2>/dev/null || true
		wait "${loops[@]}" 2>/dev/null || true
	fi
	if [ -n "$snapshot" ]; then rm -rf "$snapshot"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${STRESS_COMMIT:-}" ]; then
	commit=$(git rev-parse --verify "$STRESS_COMMIT^{commit}")
	snapshot=$(mktemp -d -t stress-tree.XXXXXX)
	git archive "$commit" | tar -x -C "$snapshot"
	# Installed, not committed: the Firefox driver's node_modules.
	while IFS= read -r nm; do
		ln -s "$PWD/$nm" "$snapshot/$nm"
	done < <(find . -maxdepth 4 -name node_modules -type d -prune -not -path './.git/*' | sed 's|^\./||')
	echo "testing commit $commit in $snapshot"
	cd "$snapshot"
fi

# Suites as arrays of directory and arguments.
dirs=() args=()
while IFS= read -r line; do
	[ -n "${line//[[:space:]]/}" ] || continue
	dir=$(echo "${line%%|*}" | xargs)
	arg=$(echo "${line#*|}" | xargs)
	if [ ! -d "$dir" ]; then
		echo "stress.sh: no module directory '$dir' (suite: $line)" >&2
		exit 2
	fi
	dirs+=("$dir") args+=("$arg")
done <<<"$SUITES"

# Each loop ends by itself after the longest the runs can take (every run
# reaching its timeout), should the trap never run (kill -9).
bound=$(($(seconds "$TIMEOUT") * N * ${#dirs[@]} + 600))
for ((i = 0; i < LOAD; i++)); do
	timeout "$bound" sh -c 'while :; do :; done' &
	loops+=($!)
done
echo "stress: $N run(s) of ${#dirs[@]} suite(s), $LOAD busy loop(s) on $(nproc) core(s), logs in $LOGS"

failed_runs=0
for ((run = 1; run <= N; run++)); do
	for s in "${!dirs[@]}"; do
		log="$LOGS/run$run-suite$s.log"
		out="$LOGS/run$run-suite$s.artifacts" # what the tests saved (t.ArtifactDir), kept when the run fails
		mkdir -p "$out"
		start=$SECONDS
		# In the background and waited for, so that a signal ends the script
		# (and, through the trap, the run) at once rather than after it.
		set -m
		# shellcheck disable=SC2086 # the arguments are words
		(cd "${dirs[$s]}" && exec go test -count=1 -v -timeout "$TIMEOUT" -artifacts -outputdir "$out" ${args[$s]}) >"$log" 2>&1 &
		running=$!
		set +m
		if wait "$running"; then
			running=
			status=ok
			rm -rf "$out"
		else
			running=
			status=FAIL
			failed_runs=$((failed_runs + 1))
		fi
		printf 'run %d/%d  %-8s %-40s %s (%ds)\n' "$run" "$N" "${dirs[$s]}" "${args[$s]}" "$status" $((SECONDS - start))
	done
done

# Per test: the runs whose output has "--- FAIL: Name". The package is the
# one named by the "FAIL\tpackage" line that closes its output (go test
# prints each package's output in one piece). A failed package with no
# failed test named is counted under the package itself.
echo
echo "failures per test over $N run(s) (logs in $LOGS):"
for s in "${!dirs[@]}"; do
	for ((run = 1; run <= N; run++)); do
		log="$LOGS/run$run-suite$s.log"
		awk -v suite="${dirs[$s]}" '
			/^[[:space:]]*--- FAIL: / { sub(/^[[:space:]]*--- FAIL: /, ""); sub(/ \(.*$/, ""); pending[++n] = $0; next }
			/^panic: test timed out/ { timedout = 1; next }
			timedout && /^\t\t[^[:space:]]+ \(/ { sub(/^\t\t/, ""); sub(/ \(.*$/, ""); pending[++n] = $0 " (timed out)"; next }
			/^FAIL[[:space:]]+[^[:space:]]+/ {
				pkg = $2
				if (n == 0) print pkg " (no test named: build failure, panic or exit)"
				for (i = 1; i <= n; i++) print pkg "." pending[i]
				n = 0; timedout = 0
			}
			/^(ok|\?)[[:space:]]/ { n = 0; timedout = 0 }
			END { for (i = 1; i <= n; i++) print suite ": " pending[i] }
		' "$log" | sort -u
	done
done | sort | uniq -c | sort -rn | sed 's/^/  /' | tee "$LOGS/summary.txt"
if [ ! -s "$LOGS/summary.txt" ]; then
	echo "  none"
fi
echo "$failed_runs failed run(s) of $((N * ${#dirs[@]}))"
[ "$failed_runs" -eq 0 ]
