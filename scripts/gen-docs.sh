#!/usr/bin/env bash
# Writes the man page and the shell completion scripts, generated from the
# command definitions, into DIR (default dist-extra, git-ignored):
# DIR/man/s3cors.1 and DIR/completions/{s3cors.bash,_s3cors,s3cors.fish}.
# Usage: scripts/gen-docs.sh [DIR [VERSION]]. goreleaser runs it before
# building, and the release archives carry the result.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-dist-extra}
rm -rf "$dir/man" "$dir/completions"
go run ./scripts/gendocs "$dir" "${2:-}"
