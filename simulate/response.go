package simulate

import (
	"strings"
)

// Field is one response header, with the name as S3 writes it.
type Field struct {
	Name, Value string
}

// Fields are response headers in the order S3 writes them.
type Fields []Field

// Get returns the value of header name (compared case-insensitively) and
// whether it is present.
func (fs Fields) Get(name string) (string, bool) {
	for _, f := range fs {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Response is S3's answer to a [Request].
type Response struct {
	// Status is S3's HTTP status. For OPTIONS it is S3's own answer (200,
	// 400 or 403). For other methods S3 runs the operation: Status is that
	// of a successful operation (200, or 204 for DELETE and a POST
	// upload; 404 for a missing bucket), and CORS only decides which
	// headers are added.
	Status int
	// Headers are the CORS headers, Vary, and for OPTIONS answers
	// Content-Length or Content-Type, with S3's names and values.
	Headers Fields
	// Error is S3's error for 400, 403 and 404 answers, nil otherwise.
	Error *Error
	// MatchedRule is the index of the rule that produced the headers, -1
	// when no rule matched (or none was looked at).
	MatchedRule int
	// Preflight is true when S3 handled the request as a CORS preflight.
	Preflight bool
	// Unverified lists where the answer follows a recommendation because
	// no recording of real S3 shows it; empty when every part is recorded.
	Unverified []string
}

// Error is an S3 error response body.
type Error struct {
	Code         string // e.g. "AccessForbidden"
	Message      string // verbatim, S3's spelling included
	Method       string // the Method element of CORS errors, "" when absent
	ResourceType string // "OBJECT" or "BUCKET" for CORS errors, "" when absent
}

// XML returns the error body as S3 writes it, with the given request ID
// and host ID.
func (e *Error) XML(requestID, hostID string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>")
	xmlEscape(&b, e.Code)
	b.WriteString("</Code><Message>")
	xmlEscape(&b, e.Message)
	b.WriteString("</Message>")
	if e.Method != "" {
		b.WriteString("<Method>")
		xmlEscape(&b, e.Method)
		b.WriteString("</Method>")
	}
	if e.ResourceType != "" {
		b.WriteString("<ResourceType>" + e.ResourceType + "</ResourceType>")
	}
	b.WriteString("<RequestId>")
	xmlEscape(&b, requestID)
	b.WriteString("</RequestId><HostId>")
	xmlEscape(&b, hostID)
	b.WriteString("</HostId></Error>")
	return b.String()
}

// xmlEscaper escapes text content as S3 does: quotes stay as they are.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func xmlEscape(b *strings.Builder, s string) { xmlEscaper.WriteString(b, s) }
