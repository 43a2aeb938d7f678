package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

const flagPrefix = "prefix"

// auditFormats are the values of audit --format.
var auditFormats = []string{"text", "json", "sarif"}

// auditPageSize is the MaxBuckets of each ListBuckets page: the listing
// holds one page of names at a time.
const auditPageSize = 1000

func newAuditCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "audit",
		Usage: "lint the CORS configuration of every bucket the credentials can list",
		Description: "Lists the buckets (ListBuckets, paginated; --prefix narrows it), reads each bucket's CORS\n" +
			"configuration, --concurrency at a time, and lints them all as one report, as lint does, each\n" +
			"configuration named s3://BUCKET. Buckets without a configuration are listed as such.\n" +
			"Each bucket is read in the region the listing gives for it.\n" +
			"Exit 1 when a finding at or above --fail-on exists, 3 when a bucket could not be read.\n" +
			"The credentials need s3:ListAllMyBuckets and s3:GetBucketCORS.",
		Flags: slices.Concat(
			[]cli.Flag{
				&cli.StringFlag{Name: flagPrefix, Usage: "only the buckets whose names start with `PREFIX`"},
				&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: " + strings.Join(auditFormats, ", ")},
			},
			ruleSelectionFlags(),
			[]cli.Flag{&cli.StringFlag{Name: flagConfig, Usage: "settings `FILE` (default: the nearest .s3cors.yaml above the working directory)"}},
			auditAWSFlags()),
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("audit takes no arguments (got %q): it audits every bucket it can list; narrow it with --prefix", c.Args().First())
			}
			ro, err := connectionOptionsFrom(c)
			if err != nil {
				return err
			}
			o := auditOptions{
				remote: ro, prefix: c.String(flagPrefix), format: c.String(flagFormat), failOn: c.String(flagFailOn),
				config: c.String(flagConfig), enable: splitIDs(c.StringSlice(flagEnable)), disable: splitIDs(c.StringSlice(flagDisable)),
			}
			return runAudit(c.Context, env, o)
		},
	}
}

// auditAWSFlags are the common remote flags but those naming buckets:
// audit finds its buckets by listing them.
func auditAWSFlags() []cli.Flag {
	return slices.DeleteFunc(awsFlags(), func(f cli.Flag) bool {
		name := f.Names()[0]
		return name == flagBucket || name == flagBucketsFrom
	})
}

type auditOptions struct {
	remote                         remoteOptions
	prefix, format, failOn, config string
	enable, disable                []string
}

// check validates the options and returns the --fail-on severity.
func (o auditOptions) check() (corsconf.Severity, error) {
	if !slices.Contains(auditFormats, o.format) {
		return 0, usagef("invalid --format %q: use %s", o.format, strings.Join(auditFormats, ", "))
	}
	failOn, err := parseFailOn(o.failOn)
	if err != nil {
		return 0, err
	}
	return failOn, nil
}

// auditName is the document name of a bucket's configuration.
func auditName(bucket string) string { return "s3://" + bucket }

// auditBucket is a listed bucket.
type auditBucket struct {
	name, region string // region: "" when the listing did not say
}

// auditResult is what reading and linting one bucket gave: findings, no
// configuration, or an error (already turned into advice).
type auditResult struct {
	bucket   string
	noCORS   bool
	err      error
	findings []lint.Finding
}

func runAudit(ctx context.Context, env Env, o auditOptions) error {
	failOn, err := o.check()
	if err != nil {
		return err
	}
	on, err := useColor(env, o.remote.color, env.Stdout)
	if err != nil {
		return err
	}
	// Settings as lint finds them for standard input: s3:// names have no
	// directory, so the working directory's .s3cors.yaml (or --config).
	opts, err := newLintConfigCache(o.config).options(auditName("bucket"), o.enable, o.disable)
	if err != nil {
		return err
	}
	prog := newAuditProgress(env.Stderr, env.IsTerminal != nil && env.IsTerminal(env.Stderr))
	// The debug log goes through the progress line, as the messages do.
	rem := newRemoteWith(env, ctx, o.remote, prog)
	if _, err := rem.client(); err != nil {
		return err
	}
	r := &auditReport{lint: lintReport{version: env.Version}}
	listErr := auditAll(ctx, rem, o, opts, prog, r.add)
	prog.finish()
	if listErr != nil && r.buckets == 0 {
		return listErr // nothing to report
	}
	r.sort()
	bw := bufio.NewWriterSize(env.Stdout, 64<<10)
	if err := r.write(bw, o.format, on); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return r.result(ctx, env.Stderr, listErr, failOn)
}

// result says why the report is partial, if it is, and returns the exit
// error: a failure when the run was interrupted, the listing failed or a
// bucket could not be read, else problems when a finding is at or above
// failOn.
func (r *auditReport) result(ctx context.Context, stderr io.Writer, listErr error, failOn corsconf.Severity) error {
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "%s: interrupted: the report covers %s\n", appName, plural(r.buckets, "bucket"))
		return errFailure
	case listErr != nil:
		fmt.Fprintf(stderr, "%s: %s (the report covers the %s listed before)\n", appName, listErr, plural(r.buckets, "bucket"))
		return errFailure
	case len(r.lint.failures) > 0:
		return errFailure
	case r.lint.failing(failOn):
		return errProblems
	}
	return nil
}

// auditAll lists the buckets and reads and lints each, o.concurrency at a
// time, handing each result to add in the calling goroutine. The listing
// runs ahead of the readers by at most one page and the channels' room,
// so memory does not grow with the number of buckets (beyond what add
// keeps). It returns the error that stopped the listing, if any.
func auditAll(ctx context.Context, rem *remote, o auditOptions, opts lint.Options, prog *auditProgress, add func(auditResult)) error {
	n := o.remote.concurrency
	buckets := make(chan auditBucket, 2*n)
	results := make(chan auditResult, 2*n)
	var listErr error
	go func() {
		defer close(buckets)
		listErr = listBuckets(ctx, rem.api, o.prefix, prog.listed, func(b auditBucket) bool {
			select {
			case buckets <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	pace := newAuditPacer(n, prog)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for b := range buckets {
				if res, ok := readBucket(ctx, rem, b, opts, pace); ok {
					results <- res
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	for res := range results {
		if res.err != nil {
			fmt.Fprintf(prog, "%s: %s\n", appName, res.err)
		}
		add(res)
		prog.done(res.err != nil)
	}
	return listErr // written before buckets was closed, so before results was
}

// listBuckets pages through ListBuckets: it calls page with the number
// of buckets of each page and whether it is the last, then each for every
// bucket of the page, in the listing's order, until each returns false.
func listBuckets(ctx context.Context, api BucketAPI, prefix string, page func(n int, last bool), each func(auditBucket) bool) error {
	in := &s3.ListBucketsInput{MaxBuckets: aws.Int32(auditPageSize)}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	pages := s3.NewListBucketsPaginator(api, in)
	for pages.HasMorePages() {
		out, err := pages.NextPage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil // interrupted: said once, by runAudit
			}
			return adviseListError(err)
		}
		page(len(out.Buckets), !pages.HasMorePages())
		for _, b := range out.Buckets {
			if !each(auditBucket{name: aws.ToString(b.Name), region: aws.ToString(b.BucketRegion)}) {
				return nil
			}
		}
	}
	return nil
}

// adviseListError turns an error of ListBuckets into one line of advice.
// adviseError words it for a bucket; the listing concerns none.
func adviseListError(err error) error {
	var ae apiError
	if errors.As(err, &ae) && slices.Contains([]string{"AccessDenied", "Forbidden", "AllAccessDisabled"}, ae.ErrorCode()) {
		return errors.New("cannot list the buckets: access denied: the credentials need the IAM permission s3:ListAllMyBuckets")
	}
	msg := adviseError(err, "", "s3:ListAllMyBuckets").Error()
	return errors.New("cannot list the buckets: " + strings.TrimPrefix(msg, `bucket "": `))
}

// readBucket reads and lints the configuration of b. ok is false when the
// run was interrupted: the bucket is then not reported at all.
func readBucket(ctx context.Context, rem *remote, b auditBucket, opts lint.Options, pace *auditPacer) (res auditResult, ok bool) {
	if err := pace.acquire(ctx); err != nil {
		return res, false
	}
	cfg, err := rem.get(ctx, b.name, pace.watch, inRegion(b.region))
	pace.release()
	res.bucket = b.name
	switch {
	case ctx.Err() != nil:
		return res, false
	case err != nil:
		res.err = err
	case cfg == nil:
		res.noCORS = true
	default:
		res.findings = lintBucket(auditName(b.name), cfg, opts)
	}
	return res, true
}

// inRegion sends a call to region, the bucket's as the listing gave it, so
// that buckets of every region can be read with one client; "" keeps the
// client's region.
func inRegion(region string) func(*s3.Options) {
	return func(so *s3.Options) {
		if region != "" {
			so.Region = region
		}
	}
}

// lintBucket lints a configuration read from S3 as lint lints a file, so
// that the findings are those of `s3cors pull -b B | s3cors lint -`: its
// S3 XML form goes through lintSource. Positions in that XML mean nothing
// to the reader, so they are dropped: each finding's path says where.
func lintBucket(name string, cfg *corsconf.Config, opts lint.Options) []lint.Finding {
	_, findings := lintSource(name, cfg.MarshalS3(), corsconf.FormatXML, opts)
	for i := range findings {
		findings[i].Pos = corsconf.Pos{}
	}
	sortFindings(findings)
	return slices.Clip(findings)
}
