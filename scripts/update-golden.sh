#!/usr/bin/env bash
# Rewrites the golden files of the packages that have them. Review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./corsconf ./cmd -run 'Golden' -update
git status --short testdata
