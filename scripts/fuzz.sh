#!/usr/bin/env bash
# Runs each fuzz target for FUZZTIME (default 60s). Crashers are written to
# <pkg>/testdata/fuzz/ by go test: commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
for target in $(go test -list 'Fuzz.*' ./corsconf | grep '^Fuzz'); do
	echo "== corsconf $target"
	go test ./corsconf -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
done
