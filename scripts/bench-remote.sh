#!/usr/bin/env bash
# Times `s3cors pull` against the AWS CLI's `aws s3api get-bucket-cors`
# (Debian's awscli package) on the same local S3-compatible server
# (versitygw, scripts/versitygw.sh), in one run, interleaved so that drift
# hits both alike. Prints each run's times, then the medians and the
# ratio. RUNS sets the number of runs (default 50). scripts/bench.sh calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-50}

# Debian's awscli, installed when missing (needs root or sudo).
aws=/usr/bin/aws
if [ ! -x "$aws" ]; then
	echo "installing Debian's awscli (apt-get install -y awscli)"
	sudo=; [ "$(id -u)" = 0 ] || sudo="sudo -n"
	if ! $sudo apt-get install -y awscli > /dev/null; then
		echo "bench-remote.sh: 'apt-get install -y awscli' failed: install Debian's awscli package and run again" >&2
		exit 1
	fi
fi
echo "baseline: $("$aws" --version 2>&1)"

work=$(mktemp -d)
gw_pid=
cleanup() {
	if [ -n "$gw_pid" ]; then
		kill -TERM "$gw_pid" 2> /dev/null || true
		wait "$gw_pid" 2> /dev/null || true # versitygw stops about 1.5 s after SIGTERM
	fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -trimpath -ldflags '-s -w' -o "$work/s3cors" .
scripts/versitygw.sh install > /dev/null

# A free loopback port: bind port 0 and read what the kernel chose.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
scripts/versitygw.sh serve "$port" "$work/gw" > "$work/gw.log" 2>&1 &
gw_pid=$!
for ((i = 0; i < 200; i++)); do
	(exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
	kill -0 "$gw_pid" 2> /dev/null || { cat "$work/gw.log" >&2; exit 1; }
	sleep 0.05
done

# The keys scripts/versitygw.sh serve sets; nothing from ~/.aws.
export AWS_ACCESS_KEY_ID=s3cors-test AWS_SECRET_ACCESS_KEY=s3cors-test-secret AWS_REGION=us-east-1 \
	AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
	AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
bucket=bench-cors
"$aws" s3api create-bucket --bucket "$bucket" --endpoint-url "$endpoint" > /dev/null
cat > "$work/cors.json" << 'JSON'
{"CORSRules": [
  {"ID": "app", "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "HEAD", "PUT"],
   "AllowedHeaders": ["content-type", "x-amz-*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000},
  {"ID": "public", "AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}
]}
JSON
"$aws" s3api put-bucket-cors --bucket "$bucket" --endpoint-url "$endpoint" --cors-configuration "file://$work/cors.json"

s3cors_cmd=("$work/s3cors" pull --bucket "$bucket" --endpoint-url "$endpoint")
aws_cmd=("$aws" s3api get-bucket-cors --bucket "$bucket" --endpoint-url "$endpoint")
"${s3cors_cmd[@]}" > /dev/null # both must work, and warm the caches
"${aws_cmd[@]}" > /dev/null

# ms CMD...: wall time of one run, in milliseconds with 3 decimals.
ms() {
	local start end
	start=$(date +%s%N)
	"$@" > /dev/null
	end=$(date +%s%N)
	awk "BEGIN{printf \"%.3f\", ($end - $start) / 1000000}"
}

: > "$work/s3cors.ms"
: > "$work/aws.ms"
echo "run   s3cors pull (ms)   aws s3api get-bucket-cors (ms)"
for ((i = 1; i <= runs; i++)); do
	s=$(ms "${s3cors_cmd[@]}")
	a=$(ms "${aws_cmd[@]}")
	echo "$s" >> "$work/s3cors.ms"
	echo "$a" >> "$work/aws.ms"
	printf '%3d   %16s   %30s\n' "$i" "$s" "$a"
done

median() { sort -n "$1" | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
mean() { awk '{s += $1} END {printf "%.3f", s / NR}' "$1"; }
sm=$(median "$work/s3cors.ms") am=$(median "$work/aws.ms")
echo "s3cors pull:               median $sm ms, mean $(mean "$work/s3cors.ms") ms ($runs runs)"
echo "aws s3api get-bucket-cors: median $am ms, mean $(mean "$work/aws.ms") ms ($runs runs)"
echo "ratio (aws / s3cors, medians): $(awk "BEGIN{printf \"%.1f\", $am / $sm}")x (aim: at least 30x)"
