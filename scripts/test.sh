#!/usr/bin/env bash
# Runs the whole test suite: static checks, then every Go test (unit,
# golden, CLI, fuzz seeds, integration against versitygw) with the race
# detector. .ci/run calls exactly this. The integration tests fail when
# versitygw cannot be installed or started; S3CORS_SKIP_INTEGRATION=1 skips
# them (for a machine without access to the Go module proxy), never in CI.
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

echo "== go test"
go test -race -count=1 ./...
