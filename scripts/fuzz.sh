#!/usr/bin/env bash
# Runs each fuzz target of every package that has some for FUZZTIME
# (default 60s): the parsers of corsconf, the CloudFormation and Terraform
# readers of cmd, simulate's evaluation. Crashers are written to
# <pkg>/testdata/fuzz/ by go test: commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
for pkg in ./corsconf ./corsconf/lint ./simulate ./cmd; do
	for target in $(go test -list 'Fuzz.*' "$pkg" | grep '^Fuzz' || true); do
		echo "== $pkg $target"
		go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
	done
done
