#!/usr/bin/env bash
# Times whole commands against a baseline measured in the same run, since
# these machines are noisy: `s3cors validate` of the 100-rule configuration
# against a hello-world Go binary (the floor: process start). Prints the
# ratio. Then runs the Go benchmarks. RUNS sets the repetitions (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -ldflags '-s -w' -o "$work/s3cors" .
mkdir -p "$work/hello"
cat > "$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
(cd "$work/hello" && printf 'module hello\ngo 1.26.0\n' > go.mod && go build -trimpath -ldflags '-s -w' -o "$work/hello-bin" .)

# time_runs CMD...: total wall time of $runs runs, in milliseconds.
time_runs() {
	local start end
	start=$(date +%s%N)
	for ((i = 0; i < runs; i++)); do "$@" > /dev/null; done
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}

config=testdata/bench/100-rules.xml
"$work/s3cors" validate "$config" > /dev/null # warm the page cache
hello_ms=0 version_ms=0 validate_ms=0 lint_ms=0
for round in 1 2 3; do # interleaved rounds, so drift hits all alike
	h=$(time_runs "$work/hello-bin")
	s=$(time_runs "$work/s3cors" --version)
	v=$(time_runs "$work/s3cors" validate "$config")
	l=$(time_runs "$work/s3cors" lint --fail-on error "$config")
	hello_ms=$((hello_ms + h)) version_ms=$((version_ms + s)) validate_ms=$((validate_ms + v)) lint_ms=$((lint_ms + l))
done
n=$((runs * 3))
per_run() { awk "BEGIN{printf \"%.3f\", $1/$n}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$hello_ms}"; }
echo "hello-world:                  $(per_run $hello_ms) ms per run ($n runs)"
echo "s3cors --version:             $(per_run $version_ms) ms per run, ratio $(ratio $version_ms) (process start)"
echo "s3cors validate (100 rules):  $(per_run $validate_ms) ms per run, ratio $(ratio $validate_ms)"
echo "s3cors lint (100 rules):      $(per_run $lint_ms) ms per run, ratio $(ratio $lint_ms)"

if [ "${GO_BENCH:-1}" = 1 ]; then
	go test ./corsconf ./corsconf/lint ./simulate -run '^$' -bench . -benchmem
	go test ./cmd -run '^$' -bench RunTest -benchtime 1x
fi

# --- Remote (issue 5, item 10): `s3cors pull` against Debian's awscli
# `aws s3api get-bucket-cors` on a local versitygw, in the same run.
# REMOTE_BENCH=0 skips it; REMOTE_RUNS sets its runs (default 50).
if [ "${REMOTE_BENCH:-1}" = 1 ]; then
	RUNS=${REMOTE_RUNS:-50} scripts/bench-remote.sh
fi
