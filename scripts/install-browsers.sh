#!/bin/sh
# install-browsers.sh makes sure everything the suite in ./browser drives is
# installed: Debian's Chromium (/usr/bin/chromium), Firefox ESR
# (/usr/bin/firefox-esr), WebKitGTK's WebDriver and MiniBrowser
# (/usr/bin/WebKitWebDriver, package webkit2gtk-driver) with the virtual
# display it needs (/usr/bin/Xvfb), nginx (/usr/sbin/nginx, the shared cache), Node.js,
# certutil, and the Firefox driver's npm packages (browser/firefox, npm ci from its
# lock file). The suite never downloads a browser of its own: distribution
# packages get security updates and run the same on every machine.
#
# As root it installs what is missing; otherwise it prints what to run and
# fails, so a CI step that forgot sudo stops here rather than in a test.
set -eu
cd "$(dirname "$0")/.."

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/firefox-esr ] || missing="$missing firefox-esr"
[ -x /usr/bin/WebKitWebDriver ] || missing="$missing webkit2gtk-driver"
[ -x /usr/bin/Xvfb ] || missing="$missing xvfb"
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# certutil puts the HTTPS suite's throwaway CA into Firefox's fresh profile.
command -v certutil >/dev/null 2>&1 || missing="$missing libnss3-tools"

if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "Missing for the browser suite:$missing" >&2
		echo "Install as root with:" >&2
		echo "    apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y $missing
fi

/usr/bin/chromium --version 2>/dev/null || true
/usr/bin/firefox-esr --version 2>/dev/null || true
dpkg-query -W -f='WebKitGTK ${Version}\n' webkit2gtk-driver 2>/dev/null || true
/usr/sbin/nginx -v
node --version

# The Firefox driver, exactly as locked.
if ! (cd browser/firefox && npm ls puppeteer-core >/dev/null 2>&1); then
	(cd browser/firefox && npm ci --no-audit --no-fund)
fi
