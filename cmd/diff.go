package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

func newDiffCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare buckets' CORS configurations with a file (exit 1 when they differ)",
		ArgsUsage: "FILE|-",
		Description: "Compares rule by rule, in order (S3 uses the first rule that matches): added, removed,\n" +
			"changed and moved rules, then a unified diff of the canonical forms. Exit 0 when every bucket\n" +
			"holds the file's configuration, 1 when one differs (a bucket without configuration differs\n" +
			"from any file), 3 when one cannot be read. An invalid file is reported and nothing is fetched.",
		Flags: append(awsFlags(), fromFlag(), resourceFlag(),
			&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: text or json"}),
		Action: func(c *cli.Context) error {
			format := c.String(flagFormat)
			if format != "text" && format != "json" {
				return usagef("invalid --format %q: use text or json", format)
			}
			r, err := newRemote(c, env)
			if err != nil {
				return err
			}
			in, err := inputFrom(c)
			if err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef("diff takes exactly one FILE (or - for standard input), got %d", c.NArg())
			}
			doc, err := loadValid(env, c.Args().First(), in, r.opts.color, "nothing was compared")
			if errors.Is(err, errProblems) {
				return errFailure // an invalid file is a failure to compare, not a drift
			} else if err != nil {
				return err
			}
			return r.runDiff(doc, format)
		},
	}
}

// bucketDiff is the comparison of one bucket with the file; its JSON form
// is one element of diff --format json's "buckets".
type bucketDiff struct {
	Bucket string `json:"bucket"`
	Equal  bool   `json:"equal"`
	// Configured is false for a bucket without CORS configuration.
	Configured bool         `json:"configured"`
	Changes    []ruleChange `json:"changes"`
	Diff       string       `json:"diff"`
	Error      string       `json:"error,omitempty"`
	current    *corsconf.Config
}

// newBucketDiff compares cur, the bucket's configuration (nil for none),
// with doc; the unified diff is of the canonical forms in doc's format.
func newBucketDiff(bucket string, cur *corsconf.Config, doc *corsconf.Document) *bucketDiff {
	d := &bucketDiff{Bucket: bucket, Configured: cur != nil, current: cur, Changes: []ruleChange{}}
	if cur != nil && cur.Equal(&doc.Config) {
		d.Equal = true
		return d
	}
	d.Changes = compareRules(cur, &doc.Config)
	var old []byte
	if cur != nil {
		old = canonical(cur, doc.Format)
	}
	d.Diff = udiff.Unified("s3://"+bucket, doc.Name, string(old), string(canonical(&doc.Config, doc.Format)))
	return d
}

// writeText writes the comparison: one line when equal, else a header,
// one line per changed rule and the unified diff.
func (d *bucketDiff) writeText(p *printer, file string) {
	switch {
	case d.Equal:
		fmt.Fprintf(p.w, "bucket %q: %s %s\n", d.Bucket, p.ok.Sprint("same as"), file)
		return
	case !d.Configured:
		fmt.Fprintf(p.w, "bucket %q has no CORS configuration; %s differs: %s\n", d.Bucket, file, countChanges(d.Changes))
	default:
		fmt.Fprintf(p.w, "bucket %q differs from %s: %s\n", d.Bucket, file, countChanges(d.Changes))
	}
	for _, c := range d.Changes {
		fmt.Fprintf(p.w, "  %s %s\n", changeColor(p, c.Kind).Sprintf("%-8s", c.Kind), c.describe())
	}
	writeUnified(p, d.Diff)
}

func changeColor(p *printer, kind string) interface{ Sprintf(string, ...any) string } {
	switch kind {
	case changeAdded:
		return p.ok
	case changeRemoved:
		return p.err
	case changeChanged:
		return p.warn
	}
	return p.note
}

// writeUnified writes a unified diff, coloured as git colours it.
func writeUnified(p *printer, diff string) {
	for _, line := range strings.SplitAfter(diff, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
			fmt.Fprint(p.w, p.bold.Sprint(line))
		case strings.HasPrefix(line, "@@"):
			fmt.Fprint(p.w, p.note.Sprint(line))
		case strings.HasPrefix(line, "+"):
			fmt.Fprint(p.w, p.ok.Sprint(line))
		case strings.HasPrefix(line, "-"):
			fmt.Fprint(p.w, p.err.Sprint(line))
		default:
			fmt.Fprint(p.w, line)
		}
	}
}

// runDiff compares every bucket with doc.
func (r *remote) runDiff(doc *corsconf.Document, format string) error {
	if _, err := r.client(); err != nil {
		return err
	}
	outs := r.newOutcomes()
	r.each(outs, func(ctx context.Context, o *outcome) {
		d := r.diffBucket(ctx, o, doc)
		o.state = d
		if format == "text" && d.Error == "" {
			d.writeText(newPrinter(&o.out, r.color), doc.Name)
		}
	})
	if format == "json" {
		if err := writeDiffJSON(r.env.Stdout, doc.Name, outs); err != nil {
			return err
		}
	}
	return r.finish(outs)
}

// diffBucket fetches one bucket's configuration and compares it with doc;
// a bucket that differs has exit code 1.
func (r *remote) diffBucket(ctx context.Context, o *outcome, doc *corsconf.Document) *bucketDiff {
	cur, err := r.get(ctx, o.bucket)
	if err != nil {
		o.fail(err)
		return &bucketDiff{Bucket: o.bucket, Error: err.Error(), Changes: []ruleChange{}}
	}
	d := newBucketDiff(o.bucket, cur, doc)
	switch {
	case d.Equal:
		o.status = "same"
	case !d.Configured:
		o.status, o.err = "no configuration", errProblems
	default:
		o.status, o.err = "differs", errProblems
	}
	return d
}

// writeDiffJSON writes {"file", "equal", "buckets": [...]}.
func writeDiffJSON(w io.Writer, file string, outs []*outcome) error {
	report := struct {
		File    string        `json:"file"`
		Equal   bool          `json:"equal"`
		Buckets []*bucketDiff `json:"buckets"`
	}{File: file, Equal: true}
	for _, o := range outs {
		d := o.state.(*bucketDiff)
		report.Equal = report.Equal && d.Equal
		report.Buckets = append(report.Buckets, d)
	}
	return writeJSON(w, report)
}
