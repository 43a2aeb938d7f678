#!/usr/bin/env bash
# Runs the whole test suite: static checks, then every Go test (unit,
# golden, CLI, fuzz seeds) with the race detector. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.tools/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== dependency direction"
scripts/check-deps.sh

echo "== go test"
go test -race -count=1 ./...
