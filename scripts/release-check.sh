#!/usr/bin/env bash
# Checks .goreleaser.yaml and makes a snapshot build of every target with
# goreleaser v2.15.1, installed from the Go module proxy into .tools/bin
# (reused when present). Then runs the host binary's --version.
set -euo pipefail
cd "$(dirname "$0")/.."
GORELEASER_VERSION=v2.15.1
tools="$PWD/.tools/bin"
if ! "$tools/goreleaser" --version 2>/dev/null | grep -q "${GORELEASER_VERSION#v}"; then
	echo "installing goreleaser $GORELEASER_VERSION into .tools/bin"
	GOBIN="$tools" go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION"
fi
"$tools/goreleaser" check
"$tools/goreleaser" release --snapshot --clean --skip=publish
bin=$(find dist -path "*$(go env GOOS)_$(go env GOARCH)*" -name s3cors -type f | head -n 1)
echo "host binary: $bin"
"$bin" --version
ls dist/*.tar.gz dist/*.zip dist/checksums.txt
