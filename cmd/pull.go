package cmd

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

func newPullCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "pull",
		Usage: "print or save buckets' CORS configurations in canonical form",
		Description: "Fetches the configuration of each bucket and prints it in canonical form in the --to format,\n" +
			"or writes it atomically to -o FILE. With several buckets (or when -o names a directory or\n" +
			"ends with /), each goes to DIR/BUCKET.xml or DIR/BUCKET.json. A bucket without a configuration\n" +
			"is reported and the command exits 1.",
		Flags: append(awsFlags(),
			&cli.StringFlag{Name: flagTo, Value: "xml", Usage: "output format: xml, console or cli"},
			&cli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Usage: "write to `FILE` (or DIR with several buckets) instead of standard output"},
		),
		Action: func(c *cli.Context) error {
			to, err := parseTo(c.String(flagTo))
			if err != nil {
				return err
			}
			if c.NArg() > 0 {
				return usagef("pull takes no arguments (name buckets with --bucket), got %q", c.Args().First())
			}
			r, err := newRemote(c, env)
			if err != nil {
				return err
			}
			output := c.String(flagOutput)
			if output == "-" {
				output = ""
			}
			if r.many() && output == "" {
				return usagef("pull of %d buckets needs -o DIR: each bucket goes to DIR/BUCKET.%s", len(r.opts.buckets), extension(to))
			}
			return r.runPull(to, output)
		},
	}
}

// extension is the file extension of format f.
func extension(f corsconf.Format) string {
	if f == corsconf.FormatXML {
		return "xml"
	}
	return "json"
}

func (r *remote) runPull(to corsconf.Format, output string) error {
	if _, err := r.client(); err != nil {
		return err
	}
	outs := r.newOutcomes()
	r.each(outs, func(ctx context.Context, o *outcome) { r.pullBucket(ctx, o, to, output) })
	return r.finish(outs)
}

// pullBucket fetches one bucket's configuration and prints or writes it.
func (r *remote) pullBucket(ctx context.Context, o *outcome, to corsconf.Format, output string) {
	cfg, err := r.get(ctx, o.bucket)
	switch {
	case err != nil:
		o.fail(err)
		return
	case cfg == nil:
		o.problem("no configuration", "bucket %q has no CORS configuration", o.bucket)
		return
	}
	data := canonical(cfg, to)
	o.status = "pulled"
	if output == "" {
		o.out.Write(data)
		return
	}
	path := r.bucketPath(output, o.bucket, extension(to))
	if err := writeBucketFile(path, data); err != nil {
		o.fail(fmt.Errorf("bucket %q: %w", o.bucket, err))
		return
	}
	o.status = "saved"
}
