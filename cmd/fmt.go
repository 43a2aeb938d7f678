package cmd

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const (
	flagWrite = "w"
	flagList  = "l"
	flagDiff  = "d"
)

func newFmtCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "fmt",
		Usage:     "rewrite configurations in canonical form, in their own format",
		ArgsUsage: "FILE|- ...",
		Description: "Without flags, prints each file in canonical form. -l lists the files whose formatting\n" +
			"differs and -d prints a unified diff (both exit 1 when a file differs, for CI); -w rewrites\n" +
			"the files in place, atomically. A file that cannot be read without loss is left alone.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: flagWrite, Usage: "write the result to the file instead of standard output"},
			&cli.BoolFlag{Name: flagList, Usage: "list files whose formatting differs from canonical form"},
			&cli.BoolFlag{Name: flagDiff, Usage: "print a unified diff of the changes"},
			fromFlag(), colorFlag(),
		},
		Action: func(c *cli.Context) error {
			from, err := parseFrom(c.String(flagFrom))
			if err != nil {
				return err
			}
			if from.External() {
				return errNoRewrite("fmt", from.String()+" input", from)
			}
			o := fmtOptions{write: c.Bool(flagWrite), list: c.Bool(flagList), diff: c.Bool(flagDiff), from: from, color: c.String(flagColor), files: c.Args().Slice()}
			if len(o.files) == 0 {
				o.files = []string{"-"}
			}
			return runFmt(env, o)
		},
	}
}

// errNoRewrite is the usage error of a command that would rewrite what
// (fmt, lint --fix) in format f, a CloudFormation template or a Terraform
// file, which s3cors reads but does not write back.
func errNoRewrite(command, what string, f corsconf.Format) error {
	return usagef("%s cannot rewrite %s: s3cors reads templates and Terraform files but does not write into them; s3cors convert --from %s --to %s prints the canonical configuration to paste", command, what, f, f)
}

type fmtOptions struct {
	write, list, diff bool
	from              corsconf.Format
	color             string
	files             []string
}

func runFmt(env Env, o fmtOptions) error {
	on, err := useColor(env, o.color, env.Stderr)
	if err != nil {
		return err
	}
	var result error
	for _, file := range o.files {
		if o.write && file == "-" {
			return usagef("cannot use -w with standard input")
		}
		err := fmtFile(env, o, newPrinter(env.Stderr, on), file)
		var ue usageError
		if errors.As(err, &ue) {
			return err
		}
		if err != nil {
			result = worseError(result, err)
		}
	}
	return result
}

// fmtFile formats one file. Only parse problems stop it: a configuration S3
// would reject is still formatted, since every value it holds is kept.
func fmtFile(env Env, o fmtOptions, p *printer, file string) error {
	name, src, err := readInput(env, file)
	if err != nil {
		fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
		return errFailure
	}
	if o.from == corsconf.FormatAuto {
		if f := detectFormat(name, src); f.External() {
			return errNoRewrite("fmt", name+" (read as "+f.String()+")", f)
		}
	}
	doc, diags := corsconf.Parse(name, src, o.from)
	if len(diags) > 0 {
		diags.Sort()
		printValidation(p, doc, diags)
		return errProblems
	}
	var out bytes.Buffer
	if err := doc.Write(&out, doc.Format); err != nil {
		return err
	}
	changed := !bytes.Equal(src, out.Bytes())
	return fmtResult(env, o, name, src, out.Bytes(), changed)
}

func fmtResult(env Env, o fmtOptions, name string, src, out []byte, changed bool) error {
	if o.list && changed {
		fmt.Fprintln(env.Stdout, name)
	}
	if o.diff && changed {
		fmt.Fprint(env.Stdout, unifiedDiff(name, src, out))
	}
	if o.write {
		if !changed {
			return nil
		}
		if err := writeFileAtomic(name, out); err != nil {
			fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
			return errFailure
		}
		return nil
	}
	if !o.list && !o.diff {
		_, err := env.Stdout.Write(out)
		return err
	}
	if changed {
		return errProblems
	}
	return nil
}

// worseError returns the error with the higher exit code.
func worseError(a, b error) error {
	if a == nil || codeOf(b) > codeOf(a) {
		return b
	}
	return a
}
