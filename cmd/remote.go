package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

// The IAM actions the bucket CORS calls need. DeleteBucketCors has no
// action of its own: AWS authorises it with s3:PutBucketCORS.
const (
	actionGet    = "s3:GetBucketCORS"
	actionPut    = "s3:PutBucketCORS"
	actionDelete = "s3:PutBucketCORS"
)

// remote is what the commands that talk to S3 share: the parsed common
// flags, the client (built on first use, so that a command that fails
// before its first call never loads AWS configuration), one timeout per
// call, and the run over many buckets.
type remote struct {
	env    Env
	ctx    context.Context
	opts   remoteOptions
	stderr io.Writer // env.Stderr, safe for concurrent use
	color  bool      // colour on standard output

	once sync.Once
	api  BucketAPI
	err  error
}

// newRemote parses the common flags of a remote command.
func newRemote(c *cli.Context, env Env) (*remote, error) {
	opts, err := remoteOptionsFrom(c)
	if err != nil {
		return nil, err
	}
	on, err := useColor(env, opts.color, env.Stdout)
	if err != nil {
		return nil, err
	}
	r := newRemoteWith(env, c.Context, opts, env.Stderr)
	r.color = on
	return r, nil
}

// newRemoteWith returns the remote of already parsed options, whose
// messages and debug log go to stderr (made safe for concurrent use).
func newRemoteWith(env Env, ctx context.Context, opts remoteOptions, stderr io.Writer) *remote {
	return &remote{env: env, ctx: ctx, opts: opts, stderr: &lockedWriter{w: stderr}}
}

// many reports whether the command acts on several buckets.
func (r *remote) many() bool { return len(r.opts.buckets) > 1 }

// client returns the S3 client, building it on the first call.
func (r *remote) client() (BucketAPI, error) {
	r.once.Do(func() {
		if r.env.NewBucketAPI == nil {
			r.err = errors.New("internal error: this environment has no S3 client")
			return
		}
		o := r.opts.aws
		if r.opts.debug {
			o.Debug = r.stderr
		}
		r.api, r.err = r.env.NewBucketAPI(r.ctx, o)
	})
	return r.api, r.err
}

// callContext bounds one call, its retries included, by --timeout.
func (r *remote) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, r.opts.aws.Timeout)
}

// get returns the bucket's configuration, or nil when it has none.
// optFns are per-call options of the client (a region, a retry watcher).
func (r *remote) get(ctx context.Context, bucket string, optFns ...func(*s3.Options)) (*corsconf.Config, error) {
	ctx, cancel := r.callContext(ctx)
	defer cancel()
	out, err := r.api.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(bucket)}, optFns...)
	if isNoConfiguration(err) {
		return nil, nil
	}
	if err != nil {
		return nil, adviseError(err, bucket, actionGet)
	}
	return toModel(out.CORSRules), nil
}

// put replaces the bucket's configuration with cfg.
func (r *remote) put(ctx context.Context, bucket string, cfg *corsconf.Config) error {
	ctx, cancel := r.callContext(ctx)
	defer cancel()
	_, err := r.api.PutBucketCors(ctx, &s3.PutBucketCorsInput{
		Bucket:            aws.String(bucket),
		CORSConfiguration: &types.CORSConfiguration{CORSRules: fromModel(cfg)},
	})
	return adviseError(err, bucket, actionPut)
}

// remove deletes the bucket's configuration.
func (r *remote) remove(ctx context.Context, bucket string) error {
	ctx, cancel := r.callContext(ctx)
	defer cancel()
	_, err := r.api.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(bucket)})
	return adviseError(err, bucket, actionDelete)
}

// outcome is what one bucket's job produced. Its output is held back and
// written in bucket order, so that concurrent jobs never interleave.
type outcome struct {
	bucket string
	status string // a few words for the progress line and the summary
	err    error  // nil, errProblems or errFailure: the bucket's exit code
	out    bytes.Buffer
	errOut bytes.Buffer
	// state carries what a command's first pass found to its second.
	state any
}

// fail records err, one line of advice, as the bucket's failure.
func (o *outcome) fail(err error) {
	fmt.Fprintf(&o.errOut, "%s: %s\n", appName, err)
	o.status, o.err = "failed", errFailure
}

// problem records a message and exit code 1, with status.
func (o *outcome) problem(status, format string, args ...any) {
	fmt.Fprintf(&o.errOut, "%s: %s\n", appName, fmt.Sprintf(format, args...))
	o.status, o.err = status, errProblems
}

// bucketJob does a command's work on one bucket.
type bucketJob func(ctx context.Context, o *outcome)

// each runs job on every outcome, at most --concurrency at once, writes
// their output in order as soon as the ones before are done and, at a
// terminal, a progress line per bucket on standard error.
func (r *remote) each(outs []*outcome, job bucketJob) {
	var (
		mu   sync.Mutex
		done = make([]bool, len(outs))
		next int
		n    int
		wg   sync.WaitGroup
		sem  = make(chan struct{}, r.opts.concurrency)
	)
	progress := r.many() && r.env.IsTerminal != nil && r.env.IsTerminal(r.env.Stderr)
	for i, o := range outs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			job(r.ctx, o)
			mu.Lock()
			defer mu.Unlock()
			done[i], n = true, n+1
			if progress {
				fmt.Fprintf(r.stderr, "%s: [%d/%d] %s: %s\n", appName, n, len(outs), o.bucket, o.status)
			}
			for ; next < len(outs) && done[next]; next++ {
				r.flush(outs[next])
			}
		}()
	}
	wg.Wait()
}

func (r *remote) flush(o *outcome) {
	r.env.Stdout.Write(o.out.Bytes())
	r.stderr.Write(o.errOut.Bytes())
	o.out.Reset()
	o.errOut.Reset()
}

// newOutcomes returns one outcome per bucket of the command line.
func (r *remote) newOutcomes() []*outcome {
	outs := make([]*outcome, len(r.opts.buckets))
	for i, b := range r.opts.buckets {
		outs[i] = &outcome{bucket: b}
	}
	return outs
}

// finish prints the summary of a run over several buckets on standard
// error and returns the worst of the buckets' errors.
func (r *remote) finish(outs []*outcome) error {
	var result error
	for _, o := range outs {
		result = worseError(result, o.err)
	}
	if r.many() {
		fmt.Fprintf(r.stderr, "%s: %s\n", appName, summary(outs))
	}
	return result
}

// summary returns "3 buckets: 2 updated, 1 failed", statuses in order of
// first appearance.
func summary(outs []*outcome) string {
	var order []string
	counts := map[string]int{}
	for _, o := range outs {
		if counts[o.status] == 0 {
			order = append(order, o.status)
		}
		counts[o.status]++
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%d %s", counts[s], s)
	}
	return fmt.Sprintf("%s: %s", plural(len(outs), "bucket"), strings.Join(parts, ", "))
}

// pending returns the outcomes whose first pass left state to act on.
func pending(outs []*outcome) []*outcome {
	var out []*outcome
	for _, o := range outs {
		if o.err == nil && o.state != nil {
			out = append(out, o)
		}
	}
	return out
}

// bucketPath returns where a bucket's file goes: arg itself, or
// arg/<bucket>.<ext> when several buckets are named, when arg is an
// existing directory or when it ends with a path separator.
func (r *remote) bucketPath(arg, bucket, ext string) string {
	if r.many() || strings.HasSuffix(arg, "/") || strings.HasSuffix(arg, string(filepath.Separator)) {
		return filepath.Join(arg, bucket+"."+ext)
	}
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		return filepath.Join(arg, bucket+"."+ext)
	}
	return arg
}

// writeBucketFile writes data to path atomically, creating its directory.
func writeBucketFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(path), unwrapPathError(err))
	}
	return writeFileAtomic(path, data)
}

// canonical returns cfg in canonical form in format f, or in XML for a
// format s3cors reads but does not write in place (CloudFormation,
// Terraform), so that diffs of templates still show the rules.
func canonical(cfg *corsconf.Config, f corsconf.Format) []byte {
	if f.External() {
		f = corsconf.FormatXML
	}
	var b bytes.Buffer
	_ = cfg.Format(&b, f) // f is a concrete format; a bytes.Buffer never fails
	return b.Bytes()
}

// writeBackup saves the configuration a push or delete is about to
// replace, in canonical XML, to --backup. With no previous configuration
// nothing is written, and the note says so.
func (r *remote) writeBackup(o *outcome, arg string, prev *corsconf.Config) error {
	if arg == "" {
		return nil
	}
	path := r.bucketPath(arg, o.bucket, "xml")
	if prev == nil {
		fmt.Fprintf(&o.out, "bucket %q had no CORS configuration: no backup written to %s\n", o.bucket, path)
		return nil
	}
	if err := writeBucketFile(path, canonical(prev, corsconf.FormatXML)); err != nil {
		return fmt.Errorf("bucket %q: no backup, so nothing was changed: %w", o.bucket, err)
	}
	fmt.Fprintf(&o.out, "bucket %q: previous configuration (%s) saved to %s\n", o.bucket, plural(len(prev.Rules), "rule"), path)
	return nil
}

// lockedWriter serialises writes from concurrent jobs and the debug log.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
