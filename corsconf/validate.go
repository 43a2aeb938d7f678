package corsconf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Methods are the only AllowedMethod values PutBucketCors accepts,
// compared case-sensitively (S3 CORSRule reference; V5, V5a), in S3's
// order. Callers must not modify it.
var Methods = []string{"GET", "PUT", "HEAD", "POST", "DELETE"}

// Validate reports every problem in d.Config that Amazon S3's PutBucketCors
// would reject (checks V1-V13 of the S3 CORS specification), all of them in
// one pass, whereas S3 reports only the first. Each diagnostic has
// [SeverityError], a path, the position recorded for that path (if any) and
// the answer S3 would give in S3. Problems of reading the source (syntax,
// unknown fields, V14) are the parsers' business. Call [MarkS3First] on the
// result, together with the parse diagnostics, to mark the one S3 would
// return.
func Validate(d *Document) Diagnostics {
	v := &validation{doc: d}
	rules := d.Config.Rules
	if len(rules) == 0 && !d.incomplete {
		v.report(RootName, "no-rules", errMalformedXML(),
			"to remove CORS from a bucket, delete its configuration (DeleteBucketCors) instead",
			"the configuration has no CORSRule (S3 requires at least one rule)")
	}
	if len(rules) > MaxRules {
		// Point at the first rule over the limit, where the user must cut.
		v.report(RulePath(MaxRules), "too-many-rules", errTooManyRules(),
			"merge rules that allow the same methods and headers",
			"the configuration has %d rules (S3 allows at most %d)", len(rules), MaxRules)
	}
	for i := range rules {
		v.rule(i, &rules[i])
	}
	v.size()
	return v.diags
}

// validation collects the diagnostics of one [Validate] run.
type validation struct {
	doc   *Document
	diags Diagnostics
}

// report adds an error diagnostic at path.
func (v *validation) report(path, id string, s3 *S3Error, hint, format string, args ...any) {
	dg := v.doc.Diag(path, SeverityError, id, format, args...)
	dg.Hint = hint
	dg.S3 = s3
	v.diags = append(v.diags, dg)
}

// rule checks rule i: its structure first, then its values in the order
// S3 most likely checks them.
func (v *validation) rule(i int, r *Rule) {
	v.structure(i, r)
	v.methods(i, r.AllowedMethods)
	v.origins(i, r.AllowedOrigins)
	v.allowedHeaders(i, r.AllowedHeaders)
	v.exposeHeaders(i, r.ExposeHeaders)
	v.id(i, r.ID)
	v.maxAge(i, r.MaxAgeSeconds)
	v.xmlChars(i, r)
}

// structure reports the schema failures of rule i: an empty rule (V2), or
// one without origins (V3) or methods (V4). S3 treats an empty list like
// an absent element.
func (v *validation) structure(i int, r *Rule) {
	if isEmptyRule(r) {
		v.report(RulePath(i), "empty-rule", errMalformedXML(),
			"remove it, or give it AllowedOrigin and AllowedMethod values",
			"the rule is empty (S3 requires at least one AllowedOrigin and one AllowedMethod)")
		return
	}
	if len(r.AllowedOrigins) == 0 {
		v.report(RulePath(i), "missing-origin", errMalformedXML(),
			`add an AllowedOrigin such as "https://example.com", or "*" for any origin`,
			"the rule has no AllowedOrigin (S3 requires at least one)")
	}
	if len(r.AllowedMethods) == 0 {
		v.report(RulePath(i), "missing-method", errMalformedXML(),
			`add an AllowedMethod such as "GET"`,
			"the rule has no AllowedMethod (S3 requires at least one)")
	}
}

func isEmptyRule(r *Rule) bool {
	return r.ID == "" && len(r.AllowedOrigins) == 0 && len(r.AllowedMethods) == 0 &&
		len(r.AllowedHeaders) == 0 && len(r.ExposeHeaders) == 0 && r.MaxAgeSeconds == nil
}

// methods reports every AllowedMethod S3 does not support (V5-V5c).
func (v *validation) methods(i int, ms []string) {
	for j, m := range ms {
		if slices.Contains(Methods, m) {
			continue
		}
		v.report(ValuePath(i, AllowedMethodName, j), "unsupported-method", errUnsupportedMethod(m),
			methodHint(m), "method %q is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)", m)
	}
}

// methodHint returns advice for an unsupported method, or "".
func methodHint(m string) string {
	switch t := strings.TrimSpace(m); strings.ToUpper(t) {
	case "*":
		// The "Troubleshooting CORS" page claims a "*" method matches all
		// methods; S3 rejects it (spec §6.3).
		return "S3 has no method wildcard: list the methods you need, e.g. GET and HEAD"
	case "OPTIONS":
		return "S3 answers preflight OPTIONS requests itself: no rule needs OPTIONS, remove it"
	case "":
		return "remove the empty AllowedMethod"
	default:
		// closest ignores case, so "get" and " GET" get "GET" too.
		if s := Suggest(t, Methods); s != "" {
			return fmt.Sprintf("did you mean %q?", s)
		}
	}
	return ""
}

// origins reports every AllowedOrigin with more than one "*" (V6). Any
// other string is accepted, "" included (spec §2.1, "Accepted").
func (v *validation) origins(i int, os []string) {
	for j, o := range os {
		if n := strings.Count(o, "*"); n > 1 {
			v.report(ValuePath(i, AllowedOriginName, j), "origin-multiple-wildcards", errOriginWildcards(o),
				`split it into several AllowedOrigin values with one "*" each`,
				"origin %q has %d wildcards (S3 allows at most one \"*\" per origin)", o, n)
		}
	}
}

// allowedHeaders reports every AllowedHeader with more than one "*" (V7).
// The characters are not checked: whether S3 does is disputed, and it most
// likely accepts any (spec V9).
func (v *validation) allowedHeaders(i int, hs []string) {
	for j, h := range hs {
		if n := strings.Count(h, "*"); n > 1 {
			v.report(ValuePath(i, AllowedHeaderName, j), "header-multiple-wildcards", errHeaderWildcards(h),
				`use one "*", e.g. "x-amz-*", or "*" alone for any header`,
				"allowed header %q has %d wildcards (S3 allows at most one \"*\" per header)", h, n)
		}
	}
}

// exposeHeaders reports every ExposeHeader with a "*" (V8) and every other
// one that is not an RFC 9110 token (V9).
func (v *validation) exposeHeaders(i int, hs []string) {
	for j, h := range hs {
		path := ValuePath(i, ExposeHeaderName, j)
		switch {
		case strings.Contains(h, "*"):
			v.report(path, "expose-header-wildcard", errExposeWildcard(h),
				`list each response header JavaScript must read, e.g. "ETag"`,
				"expose header %q contains \"*\" (S3 does not support wildcards in ExposeHeader)", h)
		case !isRFC9110Token(h):
			v.report(path, "expose-header-invalid", errExposeInvalid(h), exposeInvalidHint(h),
				"expose header %q is not a valid header name (use letters, digits and !#$%%&'*+-.^_`|~ only)", h)
		}
	}
}

func exposeInvalidHint(h string) string {
	switch t := strings.TrimSpace(h); {
	case h == "" || t == "":
		return "remove the empty ExposeHeader"
	case strings.Contains(h, ","):
		return "give each header its own ExposeHeader"
	case isRFC9110Token(t):
		return fmt.Sprintf("remove the spaces: %q", t)
	}
	return ""
}

// isRFC9110Token reports whether s is a token of RFC 9110 §5.6.2: one or
// more tchar, which are ALPHA, DIGIT and !#$%&'*+-.^_`|~.
func isRFC9110Token(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		isAlnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !isAlnum && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}

// id reports an ID longer than 255 characters (V12). S3 counts
// characters, not bytes.
func (v *validation) id(i int, id string) {
	if n := utf8.RuneCountInString(id); n > maxIDLength {
		v.report(FieldPath(i, IDName), "id-too-long", errIDTooLong(), "",
			"the rule ID is %d characters long (S3 allows at most %d)", n, maxIDLength)
	}
}

// maxAge reports a MaxAgeSeconds S3's schema refuses (V10): its type is a
// 32-bit integer. Whether S3 refuses negative values is UNVERIFIED
// (CloudFormation enforces a minimum of 0).
func (v *validation) maxAge(i int, m *int) {
	switch {
	case m == nil:
	case *m < 0:
		s3 := errMalformedXML()
		s3.Unverified = true
		v.report(FieldPath(i, MaxAgeSecondsName), "invalid-max-age", s3, "",
			"value %d of MaxAgeSeconds is negative (use 0 to %d)", *m, math.MaxInt32)
	case int64(*m) > math.MaxInt32:
		v.report(FieldPath(i, MaxAgeSecondsName), "invalid-max-age", errMalformedXML(),
			"browsers cap the preflight cache anyway (Chromium at 7200, Firefox at 86400 seconds)",
			"value %d of MaxAgeSeconds is too large (S3 stores a 32-bit integer: use 0 to %d)", *m, math.MaxInt32)
	}
}

// size reports a configuration whose PutBucketCors body exceeds
// [MaxDocumentSize] (V13). The size is that of the compact XML the SDKs
// send, whatever the source format.
func (v *validation) size() {
	if n := v.doc.Config.SizeS3(); n > MaxDocumentSize {
		v.report(RootName, "document-too-large", errTooLarge(),
			"merge rules that allow the same methods and headers",
			"the configuration is %d bytes as sent to S3 (S3 allows at most %d bytes)", n, MaxDocumentSize)
	}
}
