package corsconf

import (
	"bytes"
	"io"
)

// Format writes c to w in format f, in canonical form: fixed element and key
// order, 2-space indentation, a final newline; XML carries the declaration
// and the S3 namespace. Absent fields are left out.
func (c *Config) Format(w io.Writer, f Format) error {
	switch f {
	case FormatXML:
		return c.formatXML(w, true)
	case FormatConsole, FormatCLI:
		return c.formatJSON(w, f)
	}
	return errUnknownFormat(f)
}

// MarshalS3 returns c as a compact XML body for PutBucketCors: the size
// S3 sees, give or take element order (the Go SDK orders the elements of a
// rule by name; S3 ignores that order).
func (c *Config) MarshalS3() []byte {
	var b bytes.Buffer
	_ = c.formatXML(&b, false) // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}

// SizeS3 returns len(c.MarshalS3()) without building the document.
func (c *Config) SizeS3() int {
	var n byteCounter
	_ = c.formatXML(&n, false) // a byteCounter never fails
	return int(n)
}

type byteCounter int

func (n *byteCounter) Write(p []byte) (int, error) {
	*n += byteCounter(len(p))
	return len(p), nil
}
