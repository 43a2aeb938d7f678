package cmd

import (
	"fmt"
	"io"
	"os"

	"github.com/s3cors/s3cors/corsconf"
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

// load reads and checks one input: parse, then validate when the document
// could be read. The returned error is set only when the input could not
// be read at all.
func load(env Env, arg string, from corsconf.Format) (*corsconf.Document, []byte, corsconf.Diagnostics, error) {
	name, src, err := readInput(env, arg)
	if err != nil {
		return nil, nil, nil, err
	}
	doc, diags := corsconf.Check(name, src, from)
	return doc, src, diags, nil
}
