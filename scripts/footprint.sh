#!/usr/bin/env bash
# footprint.sh measures what adopting each crossgate adapter costs a new
# user, as issue 20 asks: for each adapter, a fresh module with "go 1.22"
# that imports only that adapter (crossgate's modules replaced by this
# checkout), `go mod tidy` with an empty module cache, then the go line
# after tidy, the go.sum lines, the modules and bytes downloaded. rs/cors
# and jub0bs/cors are measured the same way beside them.
#
# It fails when an adapter's go.sum names another framework's modules, or
# when adding an adapter to a project pinned on an older framework release
# (gin v1.10.0, echo and fiber at the oldest release the proxy serves at or
# after the issue's v4.12.0 and v2.52.5) upgrades that framework.
#
# Crossgate's own modules come from this checkout through replace
# directives, so they add no go.sum lines here; a released version adds two
# lines per crossgate module (the top module, plus corsfasthttp for the
# fibers).
#
# Usage: scripts/footprint.sh   (needs the Go module proxy; about 2 minutes)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOFLAGS=-modcacherw GOWORK=off

# name | import path | crossgate modules to replace | framework module prefixes it may name
adapters=(
	"net/http|github.com/crossgate/crossgate/http|.|"
	"chi|github.com/crossgate/crossgate/chi|. chi|github.com/go-chi/"
	"gin|github.com/crossgate/crossgate/gin|. gin|github.com/gin-gonic/"
	"echo v4|github.com/crossgate/crossgate/echo|. echo|github.com/labstack/echo/v4"
	"echo v5|github.com/crossgate/crossgate/echov5|. echov5|github.com/labstack/echo/v5"
	"fasthttp|github.com/crossgate/crossgate/fasthttp|. fasthttp|github.com/valyala/fasthttp"
	"fiber v2|github.com/crossgate/crossgate/fiber|. fasthttp fiber|github.com/gofiber/fiber/v2 github.com/valyala/fasthttp"
	"fiber v3|github.com/crossgate/crossgate/fiberv3|. fasthttp fiberv3|github.com/gofiber/fiber/v3 github.com/valyala/fasthttp"
	"rs/cors v1.11.1|github.com/rs/cors@v1.11.1||"
	"jub0bs/cors v1.0.1|github.com/jub0bs/cors@v1.0.1||"
)
# Every framework's module path; an adapter's go.sum may name only its own.
frameworks="github.com/go-chi/ github.com/gin-gonic/ github.com/labstack/echo/v4 github.com/labstack/echo/v5 github.com/gofiber/ github.com/valyala/fasthttp"

# newmodule dir importpath replaces: a module whose main imports importpath.
newmodule() {
	local dir=$1 imp=$2 reps=$3 path=${2%@*}
	mkdir -p "$dir"
	# A pinned project keeps its go.mod; a new one starts from "go 1.22".
	[ -f "$dir/go.mod" ] || printf 'module example.com/app\n\ngo 1.22\n' >"$dir/go.mod"
	printf 'package main\n\nimport _ "%s"\n\nfunc main() {}\n' "$path" >"$dir/main.go"
	local r
	for r in $reps; do
		local mod=github.com/crossgate/crossgate
		[ "$r" = . ] || mod=$mod/$r
		(cd "$dir" && go mod edit -replace="$mod=$repo/${r#.}" -require="$mod@v0.0.0-00010101000000-000000000000")
	done
	if [[ $imp == *@* ]]; then (cd "$dir" && go mod edit -require="$imp"); fi
}

failed=0
printf '%-18s %-9s %8s %8s %10s  %s\n' adapter "go line" "go.sum" modules "zip bytes" "other frameworks in go.sum"
for row in "${adapters[@]}"; do
	IFS='|' read -r name imp reps own <<<"$row"
	dir=$work/$(echo "$name" | tr -c 'a-z0-9\n' _)
	newmodule "$dir" "$imp" "$reps"
	export GOMODCACHE=$dir.cache
	if ! (cd "$dir" && go mod tidy >"$dir.log" 2>&1); then
		echo "$name: go mod tidy failed:"; cat "$dir.log"; failed=1; continue
	fi
	goline=$(awk '$1=="go"{print $2}' "$dir/go.mod")
	sumlines=$(wc -l <"$dir/go.sum" 2>/dev/null || echo 0)
	zips=$(find "$GOMODCACHE/cache/download" -name '*.zip' 2>/dev/null | wc -l)
	bytes=$(find "$GOMODCACHE/cache/download" -name '*.zip' -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
	others=""
	if [ -n "$reps" ]; then
		for fw in $frameworks; do
			allowed=0
			for o in $own; do [[ $fw == "$o"* || $o == "$fw"* ]] && allowed=1; done
			[ $allowed = 1 ] && continue
			if grep -q "^$fw" "$dir/go.sum" 2>/dev/null; then others="$others $fw"; fi
		done
	fi
	printf '%-18s %-9s %8s %8s %10s  %s\n' "$name" "$goline" "$sumlines" "$zips" "$bytes" "${others:-none}"
	[ -z "$others" ] || failed=1
done

# A project pinned on an older framework release adds crossgate's adapter:
# the framework must stay where it was.
echo
printf '%-10s %-32s %-10s %-10s\n' adapter framework before after
pins=(
	"gin|github.com/crossgate/crossgate/gin|. gin|github.com/gin-gonic/gin|v1.10.0"
	"echo v4|github.com/crossgate/crossgate/echo|. echo|github.com/labstack/echo/v4|v4.12.0 v4.13.4"
	"fiber v2|github.com/crossgate/crossgate/fiber|. fasthttp fiber|github.com/gofiber/fiber/v2|v2.52.5 v2.52.6"
)
for row in "${pins[@]}"; do
	IFS='|' read -r name imp reps fw versions <<<"$row"
	dir=$work/pin_$(echo "$name" | tr -c 'a-z0-9\n' _)
	export GOMODCACHE=$work/pincache
	pinned=""
	# The issue's release first; the proxy here may serve only later ones.
	for v in $versions; do
		rm -rf "$dir"; mkdir -p "$dir"
		printf 'module example.com/app\n\ngo 1.22\n' >"$dir/go.mod"
		printf 'package main\n\nimport _ "%s"\n\nfunc main() {}\n' "$fw" >"$dir/main.go"
		if (cd "$dir" && go get "$fw@$v" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1); then pinned=$v; break; fi
	done
	if [ -z "$pinned" ]; then echo "$name: none of $versions could be fetched"; failed=1; continue; fi
	newmodule "$dir" "$imp" "$reps"
	printf 'package main\n\nimport (\n\t_ "%s"\n\t_ "%s"\n)\n\nfunc main() {}\n' "$fw" "$imp" >"$dir/main.go"
	(cd "$dir" && go mod tidy >"$dir.log" 2>&1) || { cat "$dir.log"; failed=1; continue; }
	after=$(cd "$dir" && go list -m -f '{{.Version}}' "$fw")
	printf '%-10s %-32s %-10s %-10s\n' "$name" "$fw" "$pinned" "$after"
	[ "$after" = "$pinned" ] || failed=1
done

if [ $failed != 0 ]; then
	echo "footprint: FAILED (an adapter's go.sum names another framework, or adding it upgraded a framework)" >&2
	exit 1
fi
echo "footprint: every adapter holds only its own framework, and upgrades none"
