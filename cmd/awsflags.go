package cmd

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

// Flags of the commands that talk to S3, named as the AWS CLI names them.
const (
	flagBucket      = "bucket"
	flagBucketsFrom = "buckets-from"
	flagProfile     = "profile"
	flagRegion      = "region"
	flagEndpointURL = "endpoint-url"
	flagPathStyle   = "path-style"
	flagTimeout     = "timeout"
	flagMaxAttempts = "max-attempts"
	flagDebug       = "debug"
	flagYes         = "yes"
	flagBackup      = "backup"
	flagConcurrency = "concurrency"
)

// awsFlags are the flags every remote command takes. The SDK's environment
// variables (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
// ...) and shared files apply as they do for the AWS CLI; a flag wins.
func awsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: flagBucket, Aliases: []string{"b"}, Usage: "the `BUCKET` (repeatable)"},
		&cli.StringFlag{Name: flagBucketsFrom, Usage: "read bucket names from `FILE`, one per line (# comments)"},
		&cli.StringFlag{Name: flagProfile, Usage: "use `PROFILE` from the shared AWS config and credentials files"},
		&cli.StringFlag{Name: flagRegion, Usage: "the buckets' `REGION` (default: AWS_REGION, the profile's, or us-east-1)"},
		&cli.StringFlag{Name: flagEndpointURL, Usage: "an S3-compatible store's `URL`, e.g. http://127.0.0.1:7070"},
		&cli.BoolFlag{Name: flagPathStyle, Usage: "path-style addressing (default: on for an IP or localhost endpoint)"},
		&cli.DurationFlag{Name: flagTimeout, Value: 30 * time.Second, Usage: "give up on a call after `DURATION`, retries included"},
		&cli.IntFlag{Name: flagMaxAttempts, Value: 3, Usage: "attempts per call, with backoff (the SDK's standard retryer)"},
		&cli.BoolFlag{Name: flagDebug, Usage: "log each HTTP exchange (method, URL, status, time; never credentials) on standard error"},
		&cli.IntFlag{Name: flagConcurrency, Value: 8, Usage: "buckets handled at once"},
		colorFlag(),
	}
}

// remoteOptions are the parsed common flags of a remote command.
type remoteOptions struct {
	aws         AWSOptions
	buckets     []string
	debug       bool
	concurrency int
	color       string
}

func remoteOptionsFrom(c *cli.Context) (remoteOptions, error) {
	o, err := connectionOptionsFrom(c)
	if err != nil {
		return o, err
	}
	o.buckets, err = bucketNames(c.StringSlice(flagBucket), c.String(flagBucketsFrom))
	return o, err
}

// connectionOptionsFrom reads the common flags but the bucket names: how
// to reach S3 and how many buckets at once (audit lists its buckets).
func connectionOptionsFrom(c *cli.Context) (remoteOptions, error) {
	o := remoteOptions{
		aws: AWSOptions{
			Profile: c.String(flagProfile), Region: c.String(flagRegion), EndpointURL: c.String(flagEndpointURL),
			Timeout: c.Duration(flagTimeout), MaxAttempts: c.Int(flagMaxAttempts),
		},
		debug: c.Bool(flagDebug), concurrency: c.Int(flagConcurrency), color: c.String(flagColor),
	}
	if c.IsSet(flagPathStyle) {
		v := c.Bool(flagPathStyle)
		o.aws.PathStyle = &v
	}
	if o.aws.Timeout <= 0 || o.aws.MaxAttempts < 1 || o.concurrency < 1 {
		return o, usagef("--timeout, --max-attempts and --concurrency must be positive")
	}
	return o, nil
}

// bucketNames gathers --bucket values and the lines of --buckets-from,
// each once, in order, and checks them against S3's naming rules loosely:
// enough to catch a path or a URL given by mistake.
func bucketNames(flags []string, file string) ([]string, error) {
	names := append([]string(nil), flags...)
	if file != "" {
		lines, err := readLines(file)
		if err != nil {
			return nil, err
		}
		names = append(names, lines...)
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] {
			continue
		}
		if len(n) < 3 || len(n) > 63 || strings.ContainsAny(n, "/: \t") {
			return nil, usagef("invalid bucket name %q: 3 to 63 characters, no '/', ':' or spaces (give the name, not s3:// or a URL)", n)
		}
		seen[n] = true
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, usagef("name the bucket with --bucket NAME (repeatable) or --buckets-from FILE")
	}
	return out, nil
}

func readLines(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, unwrapPathError(err))
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#") // bucket names have no '#': the rest is a comment
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, err)
	}
	return out, nil
}
