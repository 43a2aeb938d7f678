#!/usr/bin/env bash
# Fails when the core packages depend on I/O, AWS, the CLI library or colour:
# corsconf and simulate use the standard library only and do no I/O.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for pkg in ./corsconf ./simulate; do
	[ -d "$pkg" ] || continue
	bad=$(go list -deps "$pkg" | grep -E '^(github\.com/aws|github\.com/urfave|github\.com/fatih)' || true)
	if [ -n "$bad" ]; then
		echo "$pkg depends on: $bad"; status=1
	fi
	direct=$(go list -f '{{join .Imports "\n"}}' "$pkg" | grep -E '^(os|os/.*|net|io/fs|path/filepath|syscall)$' || true)
	if [ -n "$direct" ]; then
		echo "$pkg imports $direct directly"; status=1
	fi
	external=$(go list -f '{{join .Imports "\n"}}' "$pkg" | grep -E '\.' | grep -v '^github.com/s3cors/s3cors/' || true)
	if [ -n "$external" ]; then
		echo "$pkg imports non-standard packages: $external"; status=1
	fi
done
exit $status
