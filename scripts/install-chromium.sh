#!/bin/sh
# install-chromium.sh makes sure Debian's Chromium is at /usr/bin/chromium,
# the browser that the suite in ./browser drives. The suite never downloads a
# browser of its own: a distribution package gets security updates and runs
# the same on every developer machine and CI image.
#
# As root it installs the package; otherwise it prints what to run and fails,
# so a CI step that forgot sudo stops here rather than in the middle of a test.
set -eu

if [ -x /usr/bin/chromium ]; then
	/usr/bin/chromium --version 2>/dev/null || true
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "Chromium is missing: /usr/bin/chromium not found." >&2
	echo "Install it as root with:" >&2
	echo "    apt-get update && apt-get install -y chromium" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version
