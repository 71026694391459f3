#!/usr/bin/env bash
# The project's test command, as the README gives it and CI runs it on a
# fresh machine: it installs what it needs (Chromium, Firefox ESR, WebKitGTK, Xvfb and nginx
# from Debian's packages; the Firefox driver from the npm registry; Go
# modules through the module proxy), then checks formatting, vet and
# staticcheck with every check on (an exception goes in a staticcheck.conf
# beside the code, with its reason) in every module, runs every module's
# tests (with -race where they serve HTTP; the library modules' against the
# oldest framework releases their go.mod files require, then against the
# newest by scripts/versions.sh; the suites module's include
# suites/doctest, which compiles every Go block of README.md and docs/, and
# the interop module's include each docs/migrate page's translation compared
# with the library it replaces), and a short run of every fuzz target.
# scripts/modules.sh lists the modules.
set -euo pipefail
cd "$(dirname "$0")/.."

STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
# shellcheck source=scripts/modules.sh
. scripts/modules.sh

step() { printf '\n==> %s\n' "$*"; }

step "Chromium, Firefox ESR, WebKitGTK with Xvfb, nginx and the Firefox driver for the browser suite"
scripts/install-browsers.sh

step "gofmt"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

for m in "${modules[@]}"; do
	step "go vet and staticcheck in $m"
	(cd "$m" && go vet ./... && go run "$STATICCHECK" -checks all ./...)
done

for m in "${library_modules[@]}" suites; do
	step "$m: tests (race detector on)"
	(cd "$m" && go test -race -count=1 ./...)
done

# The library modules' tests above ran against the oldest framework
# releases their go.mod files require; this runs them again against the
# newest, in a scratch copy.
step "library modules: tests with the newest framework and x/net releases"
scripts/versions.sh --newest

step "footprint: each adapter's go.sum holds only its framework, and adding it upgrades none"
scripts/footprint.sh

step "interop module: the crossgate command against other libraries' servers, and each migration page against the library it replaces"
(cd interop && go test -race -count=1 ./...)

step "browser suite (headless Chromium and Firefox ESR, WebKit on Xvfb, HTTPS, nginx cache)"
(cd browser && go test -count=1 -timeout 20m ./...)

step "benchmark module: outcome checks, and every benchmark run once"
(cd bench && go test -count=1 -run . -bench . -benchtime 1x ./...)

if [ -x scripts/fuzz.sh ]; then
	step "fuzz targets, a short fixed time each"
	scripts/fuzz.sh
fi
step "all passed"
