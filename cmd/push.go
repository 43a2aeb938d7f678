package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

func newPushCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "push",
		Usage:     "validate a configuration, show the change and apply it to buckets",
		ArgsUsage: "FILE|-",
		Description: "Validates FILE first, as validate does, and sends nothing when S3 would reject it. Then\n" +
			"fetches each bucket's configuration and prints the order-aware diff; a bucket that already\n" +
			"holds it is left alone (\"unchanged\"). At a terminal push asks before changing anything;\n" +
			"elsewhere it needs --yes. --dry-run prints the diff and the exact XML body that would be sent,\n" +
			"and changes nothing. --backup saves each previous configuration (canonical XML) before it is\n" +
			"replaced. After the PUT the configuration is read back and compared with what was sent.",
		Flags: append(awsFlags(), fromFlag(), resourceFlag(),
			&cli.BoolFlag{Name: flagDryRun, Aliases: []string{"n"}, Usage: "show the diff and the request body; change nothing"},
			&cli.BoolFlag{Name: flagYes, Aliases: []string{"y"}, Usage: "apply without asking (required when standard input is not a terminal)"},
			&cli.StringFlag{Name: flagBackup, Usage: "save each previous configuration to `FILE` (DIR/BUCKET.xml with several buckets)"},
		),
		Action: func(c *cli.Context) error {
			r, err := newRemote(c, env)
			if err != nil {
				return err
			}
			o := pushOptions{dryRun: c.Bool(flagDryRun), yes: c.Bool(flagYes), backup: c.String(flagBackup)}
			if !o.dryRun {
				if err := checkConfirmable(env, o.yes, "push", c.Args().First() == "-"); err != nil {
					return err
				}
			}
			in, err := inputFrom(c)
			if err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef("push takes exactly one FILE (or - for standard input), got %d", c.NArg())
			}
			doc, err := loadValid(env, c.Args().First(), in, r.opts.color, "nothing was sent")
			if err != nil {
				return err
			}
			return r.runPush(doc, o)
		},
	}
}

type pushOptions struct {
	dryRun, yes bool
	backup      string
}

// runPush compares every bucket with doc, then, once confirmed, puts doc
// into the buckets that differ.
func (r *remote) runPush(doc *corsconf.Document, o pushOptions) error {
	if _, err := r.client(); err != nil {
		return err
	}
	outs := r.newOutcomes()
	r.each(outs, func(ctx context.Context, out *outcome) { r.planPush(ctx, out, doc) })
	todo := pending(outs)
	if len(todo) == 0 {
		return r.finish(outs)
	}
	if o.dryRun {
		if err := r.printDryRun(todo, doc); err != nil {
			return err
		}
		return r.finish(outs)
	}
	if err := confirmed(r.env, o.yes, pushQuestion(doc.Name, todo)); err != nil {
		for _, out := range todo {
			out.status = "cancelled"
		}
		return worseError(r.finish(outs), err)
	}
	r.each(todo, func(ctx context.Context, out *outcome) { r.applyPush(ctx, out, doc, o.backup) })
	return r.finish(outs)
}

// planPush fetches one bucket's configuration and prints what a push
// would change; the diff is left as the outcome's state when there is a
// change to make.
func (r *remote) planPush(ctx context.Context, o *outcome, doc *corsconf.Document) {
	cur, err := r.get(ctx, o.bucket)
	if err != nil {
		o.fail(err)
		return
	}
	d := newBucketDiff(o.bucket, cur, doc)
	if d.Equal {
		fmt.Fprintf(&o.out, "bucket %q: unchanged (it already holds %s)\n", o.bucket, doc.Name)
		o.status = "unchanged"
		return
	}
	d.writeText(newPrinter(&o.out, r.color), doc.Name)
	o.status, o.state = "to change", d
}

func pushQuestion(file string, todo []*outcome) string {
	if len(todo) == 1 {
		return fmt.Sprintf("Apply %s to bucket %q?", file, todo[0].bucket)
	}
	return fmt.Sprintf("Apply %s to %d buckets?", file, len(todo))
}

// printDryRun prints the request body push would send; nothing is sent.
func (r *remote) printDryRun(todo []*outcome, doc *corsconf.Document) error {
	target := fmt.Sprintf("bucket %q", todo[0].bucket)
	if len(todo) > 1 {
		target = plural(len(todo), "bucket")
	}
	body, err := requestBody(r.ctx, todo[0].bucket, &doc.Config)
	if err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "dry run: nothing was changed; PutBucketCors would send this body to %s:\n%s\n", target, body)
	for _, o := range todo {
		o.status = "would change"
	}
	return nil
}

// errCaptured stops a request that was built only to be shown.
var errCaptured = errors.New("request captured, not sent")

// requestBody returns the exact body of the PutBucketCors request for
// cfg: the SDK's own serializer builds the request (the SDK orders a
// rule's elements by name, which S3 accepts: their order is free), and it
// is captured before it could leave the process. No credentials are
// involved, and nothing is sent.
func requestBody(ctx context.Context, bucket string, cfg *corsconf.Config) ([]byte, error) {
	var body []byte
	client := s3.New(s3.Options{
		Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, Retryer: aws.NopRetryer{},
		BaseEndpoint: aws.String("http://127.0.0.1"), UsePathStyle: true,
		HTTPClient: captureClient{&body},
	})
	_, err := client.PutBucketCors(ctx, &s3.PutBucketCorsInput{
		Bucket:            aws.String(bucket),
		CORSConfiguration: &types.CORSConfiguration{CORSRules: fromModel(cfg)},
	})
	if !errors.Is(err, errCaptured) {
		return nil, fmt.Errorf("cannot build the PutBucketCors request: %v", err)
	}
	return body, nil
}

// captureClient is an SDK HTTP client that keeps the request body and
// sends nothing.
type captureClient struct{ body *[]byte }

func (c captureClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		*c.body = b
	}
	return nil, errCaptured
}

// applyPush saves the backup, puts the configuration, reads it back and
// checks that the bucket holds what was sent.
func (r *remote) applyPush(ctx context.Context, o *outcome, doc *corsconf.Document, backup string) {
	d := o.state.(*bucketDiff)
	if err := r.writeBackup(o, backup, d.current); err != nil {
		o.fail(err)
		return
	}
	if err := r.put(ctx, o.bucket, &doc.Config); err != nil {
		o.fail(err)
		return
	}
	if err := r.verify(ctx, o.bucket, &doc.Config); err != nil {
		o.fail(err)
		return
	}
	fmt.Fprintf(&o.out, "bucket %q: updated (%s), read back and verified\n", o.bucket, plural(len(doc.Config.Rules), "rule"))
	o.status = "updated"
}

// verify reads the bucket's configuration back and compares it with want;
// nil want means none.
func (r *remote) verify(ctx context.Context, bucket string, want *corsconf.Config) error {
	got, err := r.get(ctx, bucket)
	switch {
	case err != nil:
		return fmt.Errorf("%w (the change was sent, but reading it back to verify it failed)", err)
	case want == nil && got != nil:
		return fmt.Errorf("bucket %q: verification failed: the bucket still has a CORS configuration (%s) after the delete", bucket, plural(len(got.Rules), "rule"))
	case want == nil:
		return nil
	case got == nil:
		return fmt.Errorf("bucket %q: verification failed: the bucket has no CORS configuration after the PUT", bucket)
	case !got.Equal(want):
		return fmt.Errorf("bucket %q: verification failed: the configuration read back differs from the one sent (%s); the server changed it, or another client wrote at the same time",
			bucket, countChanges(compareRules(want, got)))
	}
	return nil
}
