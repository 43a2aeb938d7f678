#!/usr/bin/env bash
# Runs the whole test suite: static checks, then every Go test (unit,
# golden, CLI, fuzz seeds, integration against versitygw) with the race
# detector, and the end-to-end suite in headless Chromium (e2e/). .ci/run
# calls exactly this. The integration tests fail when versitygw cannot be
# installed or started, the browser suite when Chromium cannot;
# S3CORS_SKIP_INTEGRATION=1 and S3CORS_SKIP_BROWSER=1 skip them (for a
# machine without access to the Go module proxy or Debian's packages),
# never in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted=$(find . -name '*.go' -not -path './.tools/*' -not -path './dist/*' -print0 | xargs -0 gofmt -l)
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== dependency direction"
scripts/check-deps.sh

echo "== versitygw (the S3-compatible server of the integration tests)"
if [ "${S3CORS_SKIP_INTEGRATION:-}" = 1 ] && [ -n "${CI:-}" ]; then
	echo "S3CORS_SKIP_INTEGRATION=1 is refused in CI: the integration tests must run there"; exit 1
elif [ "${S3CORS_SKIP_INTEGRATION:-}" = 1 ]; then
	echo "not installed: S3CORS_SKIP_INTEGRATION=1 (the integration tests skip)"
else
	scripts/versitygw.sh install
fi

echo "== chromium (the browser of the end-to-end suite)"
if [ "${S3CORS_SKIP_BROWSER:-}" = 1 ] && [ -n "${CI:-}" ]; then
	echo "S3CORS_SKIP_BROWSER=1 is refused in CI: the browser suite must run there"; exit 1
elif [ "${S3CORS_SKIP_BROWSER:-}" = 1 ]; then
	echo "not installed: S3CORS_SKIP_BROWSER=1 (the browser suite skips)"
else
	scripts/chromium.sh install
fi

echo "== go test"
go test -race -count=1 ./...
