#!/usr/bin/env bash
# Debian's Chromium, the browser of the end-to-end suite (e2e/), which
# drives it headless through chromedp.
#
#   scripts/chromium.sh install   install the Debian package chromium unless a chromium is on PATH
#   scripts/chromium.sh path      print the binary's path
#
# S3CORS_CHROMIUM names another binary for the suite to use.
set -euo pipefail

find_chromium() {
	if [ -n "${S3CORS_CHROMIUM:-}" ]; then echo "$S3CORS_CHROMIUM"; return; fi
	command -v chromium || command -v chromium-browser || true
}

case "${1:-}" in
install)
	bin=$(find_chromium)
	if [ -n "$bin" ]; then
		echo "chromium: $bin (already installed)"
		exit 0
	fi
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo -n"
	echo "installing Debian's chromium"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -q chromium >/dev/null 2>&1 || {
		$sudo apt-get update -q >/dev/null
		$sudo apt-get install -y -q chromium >/dev/null
	}
	bin=$(find_chromium)
	[ -n "$bin" ] || { echo "chromium.sh: no chromium on PATH after the install" >&2; exit 1; }
	echo "chromium: $bin"
	;;
path)
	find_chromium
	;;
*)
	echo "usage: scripts/chromium.sh install|path" >&2
	exit 2
	;;
esac
