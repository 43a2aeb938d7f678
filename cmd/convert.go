package cmd

import (
	"bytes"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const (
	flagTo     = "to"
	flagOutput = "output"
)

func newConvertCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "convert a configuration between S3 XML, console JSON and AWS CLI JSON",
		ArgsUsage: "FILE|-",
		Description: "Prints the configuration in canonical form in the --to format. Rule order, value order,\n" +
			"duplicates, empty strings, IDs and MaxAgeSeconds are kept. An invalid input is reported as\n" +
			"validate reports it, and nothing is written.",
		Flags: []cli.Flag{
			fromFlag(),
			&cli.StringFlag{Name: flagTo, Usage: "output format: xml, console or cli (required)"},
			&cli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of standard output"},
			colorFlag(),
		},
		Action: func(c *cli.Context) error {
			o := convertOptions{output: c.String(flagOutput), color: c.String(flagColor)}
			var err error
			if o.from, err = parseFrom(c.String(flagFrom)); err != nil {
				return err
			}
			if o.to, err = parseTo(c.String(flagTo)); err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usagef("convert takes exactly one FILE (or - for standard input), got %d", c.NArg())
			}
			o.input = c.Args().First()
			return runConvert(env, o)
		},
	}
}

func parseTo(s string) (corsconf.Format, error) {
	if s == "" {
		return corsconf.FormatAuto, usagef("convert needs --to xml, console or cli")
	}
	f, ok := corsconf.ParseFormat(s)
	if !ok || f == corsconf.FormatAuto {
		return f, usagef("invalid --to %q: use xml, console or cli", s)
	}
	return f, nil
}

type convertOptions struct {
	input, output, color string
	from, to             corsconf.Format
}

func runConvert(env Env, o convertOptions) error {
	doc, _, diags, err := load(env, o.input, o.from)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		on, err := useColor(env, o.color, env.Stderr)
		if err != nil {
			return err
		}
		printValidation(newPrinter(env.Stderr, on), doc, diags)
		return errProblems
	}
	var out bytes.Buffer
	if err := doc.Write(&out, o.to); err != nil {
		return err
	}
	if n := len(doc.Comments); n > 0 && o.to != corsconf.FormatXML {
		fmt.Fprintf(env.Stderr, "%s: note: %s of %s not kept: JSON has no comments\n", appName, plural(n, "XML comment"), doc.Name)
	}
	if o.output == "" || o.output == "-" {
		_, err = env.Stdout.Write(out.Bytes())
		return err
	}
	return writeFileAtomic(o.output, out.Bytes())
}
