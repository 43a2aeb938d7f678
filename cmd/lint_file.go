package cmd

import (
	"bytes"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// lintedFile is one input after lint: its source, document and findings
// (validation errors and lint findings, sorted).
type lintedFile struct {
	name     string
	src      []byte
	doc      *corsconf.Document
	opts     lint.Options
	findings []lint.Finding
	lines    []int // where each line of src starts, built by line; nil when src changes
}

// line returns line n (1-based) of src without its line ending ("\n" or
// "\r\n"), as raw bytes (a BOM included on line 1). ok is false when src
// has no line n. The line starts are found once, on the first call.
func (lf *lintedFile) line(n int) ([]byte, bool) {
	if lf.lines == nil {
		lf.lines = []int{0}
		for i := 0; ; {
			j := bytes.IndexByte(lf.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			lf.lines = append(lf.lines, i)
		}
	}
	if n < 1 || n > len(lf.lines) {
		return nil, false
	}
	end := len(lf.src)
	if n < len(lf.lines) {
		end = lf.lines[n] - 1 // the '\n'
	}
	return bytes.TrimSuffix(lf.src[lf.lines[n-1]:end], []byte{'\r'}), true
}

// lintFailure is an input that could not be linted, and why.
type lintFailure struct {
	name, msg string
}
