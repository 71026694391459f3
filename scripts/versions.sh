#!/usr/bin/env bash
# versions.sh proves both ends of the framework versions each library module
# supports (issue 20). Each library module's go.mod requires the oldest
# release of its framework (and of golang.org/x/net) with which its whole
# suite passes, because minimum version selection forces what we require on
# every user; the newest releases are what a user who upgrades gets.
#
#   minimum: each library module's tests as its go.mod says.
#   newest:  in a scratch copy of this checkout, each library module's
#            framework and x/net upgraded to their newest releases
#            (go get <framework>@latest golang.org/x/net@latest; go mod
#            tidy), then the same tests. Without -u: the other modules stay
#            at the versions the newest framework asks for, as for a user
#            who upgrades the framework (-u would also take every transitive
#            dependency's newest release, some of which ask for a newer Go
#            than the framework does).
#
# When x/net ships a newer public-suffix list, core's table tests fail in
# the newest pass (the table is generated from the list of the x/net the
# top module requires): run go generate in core with that x/net and raise
# the top module's requirement to it.
#
# It prints one row per module: the framework, the version go.mod selects
# and the newest tested, the go line before and after the upgrade, and
# whether each pass passed; it fails if any did not.
#
# Usage: scripts/versions.sh            both passes
#        scripts/versions.sh --newest   the newest pass only (scripts/test.sh
#                                       runs the minimum pass as its
#                                       per-module tests already)
# Needs the Go module proxy; the newest pass takes about 2 minutes here (2
# cores, module cache warm), both passes about 2.5.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/modules.sh
. "$repo/scripts/modules.sh"

run_minimum=1
case "${1:-}" in
"") ;;
--newest) run_minimum=0 ;;
*) echo "usage: $0 [--newest]" >&2; exit 2 ;;
esac

# The framework modules each library module builds on; the first is the
# one the table names. golang.org/x/net is upgraded in every module.
declare -A frameworks=(
	[.]="golang.org/x/net"
	[fasthttp]="github.com/valyala/fasthttp"
	[chi]="github.com/go-chi/chi/v5"
	[gin]="github.com/gin-gonic/gin"
	[echo]="github.com/labstack/echo/v4"
	[echov5]="github.com/labstack/echo/v5"
	[fiber]="github.com/gofiber/fiber/v2 github.com/valyala/fasthttp"
	[fiberv3]="github.com/gofiber/fiber/v3 github.com/valyala/fasthttp"
)
for m in "${library_modules[@]}"; do
	if [ -z "${frameworks[$m]:-}" ]; then
		echo "versions.sh: library module $m has no framework listed here" >&2
		exit 1
	fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
logs=$scratch/logs
mkdir -p "$logs" "$scratch/repo"
# The scratch copy is of the working tree (uncommitted edits included),
# without .git: nothing here may touch the checkout's go.mod files.
tar -C "$repo" --exclude=./.git -cf - . | tar -C "$scratch/repo" -xf -

version() { (cd "$1" && go list -m -f '{{.Version}}' "$2"); }
goline() { awk '$1 == "go" {print $2}' "$1/go.mod"; }
log() { echo "$logs/$(echo "$1" | tr -c 'a-z0-9\n' _)-$2.log"; }

# testmodule dir name pass: the module's tests as the README's test command
# runs them; a failure's log is listed for the report.
testmodule() {
	local out
	out=$(log "$2" "$3")
	if (cd "$1" && go test -race -count=1 ./...) >"$out" 2>&1; then
		echo pass
	else
		echo "$out" >>"$logs/failed"
		echo FAIL
	fi
}

rows=()
for m in "${library_modules[@]}"; do
	read -r -a fws <<<"${frameworks[$m]}"
	mingo=$(goline "$repo/$m")
	minresult="not run (test.sh)"
	if [ $run_minimum = 1 ]; then
		echo "minimum: $m" >&2
		minresult=$(testmodule "$repo/$m" "$m" minimum)
	fi

	dir=$scratch/repo/$m
	upgrade=()
	for f in "${fws[@]}" golang.org/x/net; do
		[[ " ${upgrade[*]} " == *" $f@latest "* ]] || upgrade+=("$f@latest")
	done
	echo "newest: $m with ${upgrade[*]}" >&2
	upgraded=1
	if ! (cd "$dir" && go get "${upgrade[@]}" && go mod tidy) >"$(log "$m" upgrade)" 2>&1; then
		upgraded=0
		log "$m" upgrade >>"$logs/failed"
	fi
	newgo="?" newresult="FAIL (upgrade)"
	if [ $upgraded = 1 ]; then
		newgo=$(goline "$dir")
		newresult=$(testmodule "$dir" "$m" newest)
	fi
	# One row per framework module, the results on the first.
	for f in "${fws[@]}"; do
		new="?"
		[ $upgraded = 1 ] && new=$(version "$dir" "$f")
		rows+=("$m|$f|$(version "$repo/$m" "$f")|$new|$mingo|$newgo|$minresult|$newresult")
		mingo="" newgo="" minresult="" newresult=""
	done
done

row() { printf '%-9s %-28s %-9s %-9s %-7s %-11s %-18s %s\n' "$@"; }
echo
row module framework minimum newest "go" "go (newest)" "tests (minimum)" "tests (newest)"
for r in "${rows[@]}"; do
	IFS='|' read -r -a cols <<<"$r"
	row "${cols[@]}"
done

if [ -s "$logs/failed" ]; then
	while read -r f; do
		printf '\n--- %s\n' "$(basename "$f")"
		grep -vE '^go: (found|downloading|upgraded|added)' "$f" | tail -40
	done <"$logs/failed"
	echo "versions.sh: a pass failed (logs above)" >&2
	exit 1
fi
