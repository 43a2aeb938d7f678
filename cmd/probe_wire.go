package cmd

import (
	"bytes"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/s3cors/s3cors/simulate"
)

// What probe sees of the bytes on the wire: the head of an answer as
// received, merged as a browser reads it, and redacted before printing.

// headLimit bounds what the recorder keeps of one connection: far more
// than any response head.
const headLimit = 64 << 10

// headRecorder keeps the first bytes read from a connection. The
// transport reads on its own goroutine, hence the lock.
type headRecorder struct {
	mu  sync.Mutex
	buf []byte
}

func (r *headRecorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = r.buf[:0]
}

func (r *headRecorder) write(p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if room := headLimit - len(r.buf); room > 0 {
		r.buf = append(r.buf, p[:min(len(p), room)]...)
	}
}

func (r *headRecorder) bytes() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.buf)
}

// recordingConn is a connection whose reads are copied to a recorder.
type recordingConn struct {
	net.Conn
	rec *headRecorder
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.rec.write(p[:n])
	return n, err
}

// parseHead returns the header fields of the first final (non-1xx)
// HTTP/1.x response head in b, names and order as received; ok is false
// when b holds no complete head.
func parseHead(b []byte) (fields []simulate.Field, ok bool) {
	for {
		end := bytes.Index(b, []byte("\r\n\r\n"))
		if end < 0 || !bytes.HasPrefix(b, []byte("HTTP/1.")) {
			return nil, false
		}
		lines := strings.Split(string(b[:end]), "\r\n")
		status := strings.Fields(lines[0])
		if len(status) < 2 {
			return nil, false
		}
		if code, err := strconv.Atoi(status[1]); err == nil && code >= 100 && code < 200 {
			b = b[end+4:]
			continue
		}
		return headerLines(lines[1:]), true
	}
}

func headerLines(lines []string) []simulate.Field {
	fs := []simulate.Field{}
	for _, line := range lines {
		if (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) && len(fs) > 0 {
			fs[len(fs)-1].Value += " " + strings.TrimSpace(line) // obsolete line folding
			continue
		}
		name, value, found := strings.Cut(line, ":")
		if found {
			fs = append(fs, simulate.Field{Name: name, Value: strings.TrimSpace(value)})
		}
	}
	return fs
}

// mergeFields returns fs as a browser reads them: one field per name
// (compared case-insensitively, first spelling kept), the values of a
// repeated header joined with ", " (Fetch "get a header"). A repeated
// Access-Control-Allow-Origin then equals no origin, as in a browser.
func mergeFields(fs []simulate.Field) simulate.Fields {
	var out simulate.Fields
	for _, f := range fs {
		i := slices.IndexFunc(out, func(o simulate.Field) bool { return strings.EqualFold(o.Name, f.Name) })
		if i < 0 {
			out = append(out, f)
		} else {
			out[i].Value += ", " + f.Value
		}
	}
	return out
}

// Redaction: signatures, credentials and tokens never reach the output.

const redacted = "REDACTED"

// secretParams are query parameters of presigned URLs (SigV4 and SigV2)
// that carry a signature, a credential or a token, lower-cased.
var secretParams = []string{"x-amz-signature", "x-amz-credential", "x-amz-security-token", "signature", "awsaccesskeyid"}

// secretHeaders are request and response headers whose values are
// credentials, lower-cased.
var secretHeaders = []string{"authorization", "cookie", "set-cookie", "x-amz-security-token", "proxy-authorization"}

// redactURL returns raw with user information and secret query
// parameters replaced by REDACTED; an unparsable URL is replaced whole.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return redacted + " (unparsable URL)"
	}
	if u.User != nil {
		u.User = url.User(redacted)
	}
	u.RawQuery = redactQuery(u.RawQuery)
	return u.String()
}

// redactQuery keeps the query's order and spelling, but the values of
// secret parameters.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if slices.Contains(secretParams, strings.ToLower(name)) {
			parts[i] = k + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}

// redactFields redacts, in place, credential headers and the URLs of
// Location headers.
func redactFields(fs []simulate.Field) {
	for i, f := range fs {
		switch n := strings.ToLower(f.Name); {
		case slices.Contains(secretHeaders, n):
			fs[i].Value = redacted
		case n == "location" || n == "content-location":
			fs[i].Value = redactURL(f.Value)
		}
	}
}

// requestTarget is the request line's target for u, redacted.
func requestTarget(u *url.URL) string {
	r, err := url.Parse(redactURL(u.String()))
	if err != nil {
		return "/"
	}
	return r.RequestURI()
}

// printableBody returns the first keep bytes of body as text: invalid
// UTF-8 and control characters other than newlines and tabs are shown
// as U+FFFD, and a cut is marked.
func printableBody(body []byte, keep int) string {
	cut := len(body) > keep
	if cut {
		body = body[:keep]
	}
	s := strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(strings.ReplaceAll(string(body), "\r\n", "\n"), "\uFFFD"))
	if cut {
		s += " [...]"
	}
	return s
}

// sortedKeys returns the keys of h in order.
func sortedKeys[V any](h map[string]V) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
