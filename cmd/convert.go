package cmd

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const (
	flagTo        = "to"
	flagOutput    = "output"
	flagBucketRef = "bucket-ref"
)

func newConvertCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "convert a configuration between S3 XML, console JSON, AWS CLI JSON, CloudFormation and Terraform",
		ArgsUsage: "FILE|-",
		Description: "Prints the configuration in canonical form in the --to format. Rule order, value order,\n" +
			"duplicates, empty strings, IDs and MaxAgeSeconds are kept. An invalid input is reported as\n" +
			"validate reports it, and nothing is written.\n\n" +
			"--to cloudformation writes the CorsConfiguration property of an AWS::S3::Bucket in YAML\n" +
			"(cloudformation-json: in JSON), to paste under the bucket's Properties. --to terraform writes\n" +
			"an aws_s3_bucket_cors_configuration resource whose bucket is --bucket-ref; Terraform keeps\n" +
			"cors_rule blocks as a set, so rule order is lost (a note says so on standard error).\n\n" +
			"--from cloudformation reads the CorsConfiguration of an AWS::S3::Bucket from a template (YAML\n" +
			"or JSON) or a snippet; --from terraform reads the cors_rule blocks of a .tf file. With several\n" +
			"buckets, --resource names the one to read. Values must be literals.",
		Flags: []cli.Flag{
			fromFlag(), resourceFlag(),
			&cli.StringFlag{Name: flagTo, Usage: "output format: " + convertToNames + " (required)"},
			&cli.StringFlag{Name: flagBucketRef, Value: defaultBucketRef, Usage: "with --to terraform: the bucket argument, a `REFERENCE` or a \"quoted\" bucket name"},
			&cli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of standard output"},
			colorFlag(),
		},
		Action: func(c *cli.Context) error {
			o := convertOptions{output: c.String(flagOutput), color: c.String(flagColor)}
			var err error
			if o.in, err = inputFrom(c); err != nil {
				return err
			}
			if o.to, o.iac, err = parseConvertTo(c.String(flagTo)); err != nil {
				return err
			}
			if c.IsSet(flagBucketRef) && o.iac != iacTerraform {
				return usagef("--bucket-ref applies to --to terraform only")
			}
			if o.iac == iacTerraform {
				if o.bucket, err = parseBucketRef(c.String(flagBucketRef)); err != nil {
					return err
				}
			}
			if c.NArg() != 1 {
				return usagef("convert takes exactly one FILE (or - for standard input), got %d", c.NArg())
			}
			o.input = c.Args().First()
			return runConvert(env, o)
		},
	}
}

// parseTo reads a --to that names one of corsconf's own formats (pull,
// init).
func parseTo(s string) (corsconf.Format, error) {
	f, ok := corsconf.ParseFormat(s)
	if !ok || f == corsconf.FormatAuto {
		return f, usagef("invalid --to %q: use xml, console or cli", s)
	}
	return f, nil
}

// convertToNames lists the values of convert --to.
const convertToNames = "xml, console, cli, cloudformation, cloudformation-json or terraform"

// parseConvertTo reads convert --to: one of corsconf's formats, or an
// infrastructure-as-code format (iac.go).
func parseConvertTo(s string) (corsconf.Format, iacFormat, error) {
	if s == "" {
		return corsconf.FormatAuto, iacNone, usagef("convert needs --to " + convertToNames)
	}
	for _, n := range iacFormatNames {
		if n.name == s {
			return corsconf.FormatAuto, n.f, nil
		}
	}
	f, ok := corsconf.ParseFormat(s)
	if !ok || f == corsconf.FormatAuto {
		return f, iacNone, usagef("invalid --to %q: use %s", s, convertToNames)
	}
	return f, iacNone, nil
}

type convertOptions struct {
	input, output, color string
	in                   inputOptions
	to                   corsconf.Format
	iac                  iacFormat // set instead of to for an IaC format
	bucket               hclwrite.Tokens
}

func runConvert(env Env, o convertOptions) error {
	doc, err := loadValid(env, o.input, o.in, o.color, "")
	if err != nil {
		return err
	}
	var out bytes.Buffer
	var notes []string
	if o.iac != iacNone {
		if notes, err = writeIaC(&out, &doc.Config, o.iac, o.bucket); err != nil {
			return err
		}
	} else if err := doc.Write(&out, o.to); err != nil {
		return err
	}
	if n := len(doc.Comments); n > 0 && o.to != corsconf.FormatXML {
		why := "JSON has no comments"
		if o.iac != iacNone {
			why = "not written to " + o.iac.String() + " output"
		}
		fmt.Fprintf(env.Stderr, "%s: note: %s of %s not kept: %s\n", appName, plural(n, "XML comment"), doc.Name, why)
	}
	for _, note := range notes {
		fmt.Fprintf(env.Stderr, "%s: %s\n", appName, note)
	}
	if o.output == "" || o.output == "-" {
		_, err = env.Stdout.Write(out.Bytes())
		return err
	}
	return writeFileAtomic(o.output, out.Bytes())
}
