package corsconf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says how serious a [Diagnostic] is. The zero value is invalid, so
// that a forgotten severity is a bug that shows.
type Severity int

// Severities, from the most to the least serious.
const (
	SeverityInvalid Severity = iota // never set on a reported diagnostic
	SeverityError                   // S3 rejects the configuration, or it cannot be read
	SeverityWarning                 // S3 accepts it, but it is wrong or risky
	SeverityNotice                  // worth knowing; nothing is broken
)

// String returns "error", "warning", "notice" or "invalid".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityNotice:
		return "notice"
	}
	return "invalid"
}

// ParseSeverity is the inverse of [Severity.String]; ok is false for any
// other text.
func ParseSeverity(s string) (sev Severity, ok bool) {
	switch s {
	case "error":
		return SeverityError, true
	case "warning":
		return SeverityWarning, true
	case "notice":
		return SeverityNotice, true
	}
	return SeverityInvalid, false
}

// S3Error is the answer Amazon S3 would give to a PutBucketCors request
// carrying the configuration: always HTTP 400 with this code and message.
type S3Error struct {
	Code    string // S3 error code, e.g. "MalformedXML" or "InvalidRequest"
	Message string // S3's message, verbatim
	// Unverified is true when no recording of real S3 backs the code or the
	// message, and the tool follows the specification's recommendation.
	Unverified bool
}

// Diagnostic is one problem found in a document.
type Diagnostic struct {
	File     string   // the document's name, as given
	Pos      Pos      // zero when unknown (for instance a configuration read from S3)
	Path     string   // always set, e.g. "CORSRule[2].AllowedOrigin[0]"
	Severity Severity // never SeverityInvalid
	Rule     string   // stable kebab-case identifier, e.g. "unsupported-method"
	Message  string   // lower case, no final period, values quoted
	Hint     string   // optional advice, e.g. `did you mean "ExposeHeaders"?`
	// S3 is what S3 would answer to this problem; nil when S3 would accept
	// the document (lint findings) or never sees it (a JSON syntax error).
	S3 *S3Error
	// S3First marks the diagnostic S3 would most likely report, since S3
	// stops at the first problem. At most one diagnostic of a run is marked.
	S3First bool
}

// String returns the diagnostic on one line:
//
//	cors.xml:12:7: error: method "PATCH" is not allowed [unsupported-method]
//
// Without a position the path takes its place.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Pos.IsValid() {
		fmt.Fprintf(&b, ":%d:%d", d.Pos.Line, d.Pos.Col)
	} else if d.Path != "" {
		b.WriteString(": " + d.Path)
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Hint != "" {
		b.WriteString("; " + d.Hint)
	}
	fmt.Fprintf(&b, " [%s]", d.Rule)
	return b.String()
}

// Diagnostics is a list of diagnostics. It is deliberately not an error:
// an error means the tool could not run, diagnostics describe the input.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic has [SeverityError].
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == SeverityError })
}

// Count returns the number of diagnostics of severity s.
func (ds Diagnostics) Count(s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders ds by file, line, column, rule and message; diagnostics
// without a position sort by path after those of the same file that have one.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, Compare)
}

// Compare orders diagnostics as [Diagnostics.Sort] does: by file, line,
// column, path, rule and message.
func Compare(a, b Diagnostic) int {
	if c := cmp.Compare(a.File, b.File); c != 0 {
		return c
	}
	if a.Pos.IsValid() != b.Pos.IsValid() {
		if a.Pos.IsValid() {
			return -1
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}
