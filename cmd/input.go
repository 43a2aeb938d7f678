package cmd

import (
	"fmt"
	"io"
	"os"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// utf8BOM is the byte order mark a UTF-8 file may start with; the readers
// skip it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxInputSize bounds what is read from one file or standard input: far
// above S3's 64 KB limit, far below what could exhaust memory.
const maxInputSize = 64 << 20

// readInput reads the file named by arg, or standard input for "-". It
// returns the name to use in messages.
func readInput(env Env, arg string) (name string, src []byte, err error) {
	if arg == "-" {
		src, err = readLimited(env.Stdin, stdinName)
		return stdinName, src, err
	}
	f, err := os.Open(arg)
	if err != nil {
		return arg, nil, fmt.Errorf("cannot read %s: %w", arg, unwrapPathError(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return arg, nil, fmt.Errorf("cannot read %s: it is a directory", arg)
	}
	src, err = readLimited(f, arg)
	return arg, src, err
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	src, err := io.ReadAll(io.LimitReader(r, maxInputSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", name, unwrapPathError(err))
	}
	if len(src) > maxInputSize {
		return nil, fmt.Errorf("cannot read %s: larger than %d MiB (S3 accepts at most 64 KB)", name, maxInputSize>>20)
	}
	return src, nil
}

// unwrapPathError drops the operation and path that os adds, since the
// message already names the file.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// loadInput reads and checks one input of any format: parse, then
// validate when the document could be read, with --resource
// (iac_read.go). The notes of the reader go to standard error. The error is a usageError
// when --resource does not fit the input, else a failure to read it.
func loadInput(env Env, arg string, in inputOptions) (*source, []byte, error) {
	name, src, err := readInput(env, arg)
	if err != nil {
		return nil, nil, err
	}
	s, err := checkInput(name, src, in)
	if err != nil {
		return nil, nil, err
	}
	printNotes(env, s)
	return s, src, nil
}

// loadValid reads the one FILE of a command that converts, sends or
// compares it, and reports it on standard error, followed by "NAME is
// invalid: note" unless note is "", when S3 would reject it: it then
// returns errProblems.
func loadValid(env Env, arg string, in inputOptions, color, note string) (*corsconf.Document, error) {
	s, _, err := loadInput(env, arg, in)
	if err != nil {
		return nil, err
	}
	if s.diags.HasErrors() {
		on, _ := useColor(env, color, env.Stderr)
		printValidation(newPrinter(env.Stderr, on), s.doc, s.diags)
		if note != "" {
			fmt.Fprintf(env.Stderr, "%s: %s is invalid: %s\n", appName, s.doc.Name, note)
		}
		return nil, errProblems
	}
	return s.doc, nil
}

// lintAnyInput is lintSource for any input format, with --resource
// (iac_read.go); the notes of the reader go to standard error. The error
// is a usageError (such as --fix on a template, which lint cannot
// rewrite), or a failure to read the input.
func lintAnyInput(env Env, name string, src []byte, o lintOptions, opts lint.Options) (*corsconf.Document, []lint.Finding, error) {
	s, err := checkInput(name, src, o.in)
	if err != nil {
		return nil, nil, err
	}
	if f := s.doc.Format; o.fix && f.External() {
		return nil, nil, errNoRewrite("lint --fix", name+" (read as "+f.String()+")", f)
	}
	printNotes(env, s)
	findings := lintDiagnostics(s.doc, s.diags, opts)
	if s.doc.Format.External() {
		for i := range findings {
			findings[i].Fix = nil // --fix does not rewrite templates: nothing is fixable there
		}
	}
	return s.doc, findings, nil
}
