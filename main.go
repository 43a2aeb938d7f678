// Command s3cors authors, validates, simulates and applies the CORS
// configurations of Amazon S3 buckets. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/s3cors/s3cors/cmd"
)

// version is stamped at release time: -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cmd.Main(ctx, os.Args, cmd.OSEnv(version))
	stop()
	os.Exit(code)
}
