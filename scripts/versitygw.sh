#!/usr/bin/env bash
# versitygw, the S3-compatible gateway the integration tests run against
# (Apache-2.0, https://github.com/versity/versitygw), pinned to one version
# and kept in .tools/bin (git-ignored).
#
#   scripts/versitygw.sh install          install it unless .tools/bin/versitygw is already this version
#   scripts/versitygw.sh path             print the binary's absolute path
#   scripts/versitygw.sh serve PORT DIR [BUCKET]...
#                                         run it in the foreground on 127.0.0.1:PORT, storing under DIR,
#                                         with the access key "s3cors-test" and the secret key "s3cors-test-secret",
#                                         and with the BUCKETs created (the posix backend's buckets are directories)
#
# The integration tests (cmd/integration_test.go) start their own server;
# `serve` is for trying s3cors by hand:
#   AWS_ACCESS_KEY_ID=s3cors-test AWS_SECRET_ACCESS_KEY=s3cors-test-secret \
#     s3cors pull --endpoint-url http://127.0.0.1:PORT --bucket NAME
set -euo pipefail
cd "$(dirname "$0")/.."

version=v1.8.0
bin="$PWD/.tools/bin/versitygw"

# installed_version prints the module version the binary was built from.
installed_version() {
	go version -m "$bin" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/versity/versitygw" { print $3 }'
}

case "${1:-}" in
install)
	if [ -x "$bin" ] && [ "$(installed_version)" = "$version" ]; then
		echo "versitygw $version: $bin (already installed)"
		exit 0
	fi
	echo "installing versitygw $version into .tools/bin"
	# Outside the module: its dependencies never enter go.mod.
	GOBIN="$PWD/.tools/bin" GOFLAGS= go install "github.com/versity/versitygw/cmd/versitygw@$version"
	[ "$(installed_version)" = "$version" ] || { echo "versitygw.sh: $bin is not $version after install" >&2; exit 1; }
	;;
path)
	echo "$bin"
	;;
serve)
	[ $# -ge 3 ] || { echo "usage: scripts/versitygw.sh serve PORT DIR [BUCKET]..." >&2; exit 2; }
	port=$2
	dir=$(mkdir -p "$3" && cd "$3" && pwd)
	mkdir -p "$dir/meta" "$dir/data"
	shift 3
	for bucket in "$@"; do mkdir -p "$dir/data/$bucket"; done
	[ -x "$bin" ] || "$PWD/scripts/versitygw.sh" install >&2
	# Without --sidecar, configurations over about 4 KB fail (extended attributes).
	exec "$bin" --access s3cors-test --secret s3cors-test-secret --port "127.0.0.1:$port" --quiet \
		posix --sidecar "$dir/meta" "$dir/data"
	;;
*)
	echo "usage: scripts/versitygw.sh install|path|serve PORT DIR [BUCKET]..." >&2
	exit 2
	;;
esac
