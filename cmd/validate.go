package cmd

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const (
	flagFormat = "format"
	flagFrom   = "from"
)

func fromFlag() cli.Flag {
	return &cli.StringFlag{Name: flagFrom, Value: "auto", Usage: "input format: auto, xml, console or cli"}
}

func parseFrom(s string) (corsconf.Format, error) {
	f, ok := corsconf.ParseFormat(s)
	if !ok {
		return f, usagef("invalid --from %q: use auto, xml, console or cli", s)
	}
	return f, nil
}

func newValidateCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "report everything S3's PutBucketCors would reject",
		ArgsUsage: "FILE|- ...",
		Description: "Reports every problem S3 would reject, all in one run (S3 itself reports only the first),\n" +
			"with S3's error code and message, and marks the one S3 would most likely report first.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: text or json"},
			fromFlag(), colorFlag(),
		},
		Action: func(c *cli.Context) error {
			from, err := parseFrom(c.String(flagFrom))
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef("validate needs at least one FILE (or - for standard input)")
			}
			return runValidate(env, validateOptions{format: c.String(flagFormat), from: from, color: c.String(flagColor), files: c.Args().Slice()})
		},
	}
}

type validateOptions struct {
	format, color string
	from          corsconf.Format
	files         []string
}

func runValidate(env Env, o validateOptions) error {
	if o.format != "text" && o.format != "json" {
		return usagef("invalid --format %q: use text or json", o.format)
	}
	on, err := useColor(env, o.color, env.Stdout)
	if err != nil {
		return err
	}
	var all corsconf.Diagnostics
	var failed error
	p := newPrinter(env.Stdout, on)
	for _, file := range o.files {
		doc, _, diags, err := load(env, file, o.from)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
			failed = errFailure
			continue
		}
		all = append(all, diags...)
		if o.format == "text" {
			printValidation(p, doc, diags)
		}
	}
	if o.format == "json" {
		if err := writeJSONDiagnostics(env.Stdout, all); err != nil {
			return err
		}
	}
	return worst(failed, all)
}

func printValidation(p *printer, doc *corsconf.Document, diags corsconf.Diagnostics) {
	for _, d := range diags {
		p.diagnostic(d)
	}
	if len(diags) == 0 {
		fmt.Fprintf(p.w, "%s: %s (%s, %s)\n", doc.Name, p.ok.Sprint("valid"), plural(len(doc.Config.Rules), "rule"), doc.Format)
	}
}

// worst returns the error for the exit code of a run over many inputs:
// a failure to read any of them wins over problems found.
func worst(failed error, diags corsconf.Diagnostics) error {
	if failed != nil {
		return failed
	}
	if diags.HasErrors() {
		return errProblems
	}
	return nil
}
