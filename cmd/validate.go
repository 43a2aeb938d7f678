package cmd

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const (
	flagFormat = "format"
	flagFrom   = "from"
)

// fromNames lists the values of --from.
const fromNames = "auto, xml, console, cli, cloudformation or terraform"

func fromFlag() cli.Flag {
	return &cli.StringFlag{Name: flagFrom, Value: "auto", Usage: "input format: " + fromNames}
}

// parseFrom reads --from: one of corsconf's formats, or one of the
// formats read by this package (iac_read.go).
func parseFrom(s string) (corsconf.Format, error) {
	for _, f := range []corsconf.Format{corsconf.FormatCloudFormation, corsconf.FormatTerraform} {
		if s == f.String() {
			return f, nil
		}
	}
	f, ok := corsconf.ParseFormat(s)
	if !ok {
		return f, usagef("invalid --from %q: use %s", s, fromNames)
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
			fromFlag(), resourceFlag(), colorFlag(),
		},
		Action: func(c *cli.Context) error {
			in, err := inputFrom(c)
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef("validate needs at least one FILE (or - for standard input)")
			}
			return runValidate(env, validateOptions{format: c.String(flagFormat), in: in, color: c.String(flagColor), files: c.Args().Slice()})
		},
	}
}

type validateOptions struct {
	format, color string
	in            inputOptions
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
		s, _, err := loadInput(env, file, o.in)
		var ue usageError
		if errors.As(err, &ue) {
			return err
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
			failed = errFailure
			continue
		}
		all = append(all, s.diags...)
		if o.format == "text" {
			printSource(p, s)
		}
	}
	if o.format == "json" {
		if err := writeJSONDiagnostics(env.Stdout, all); err != nil {
			return err
		}
	}
	return worst(failed, all)
}

// printSource prints the diagnostics of s, or that it is valid; a
// resource read from a template is named.
func printSource(p *printer, s *source) {
	if s.resource == "" || len(s.diags) > 0 {
		printValidation(p, s.doc, s.diags)
		return
	}
	fmt.Fprintf(p.w, "%s: %s (%s, %s %s)\n", s.doc.Name, p.ok.Sprint("valid"), plural(len(s.doc.Config.Rules), "rule"), s.doc.Format, s.resource)
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
