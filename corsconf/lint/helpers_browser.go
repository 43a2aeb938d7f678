package lint

import (
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// sdkRequestHeaders are the request headers a browser AWS SDK (JavaScript
// v2 and v3) sends on an upload besides the CORS-safelisted ones, lower
// case: the headers a preflight asks S3 to allow. x-amz-security-token
// comes with temporary credentials (Cognito, STS), the checksum pair with
// the default integrity protection of recent SDKs, content-md5 with some
// operations and content-type with any body that is not text/plain,
// application/x-www-form-urlencoded or multipart/form-data. This is the one
// list the rules use; s3-cors-semantics.md §4.1 and §5 C9.
var sdkRequestHeaders = []string{
	"authorization",
	"x-amz-date",
	"x-amz-content-sha256",
	"x-amz-security-token",
	"x-amz-user-agent",
	"amz-sdk-invocation-id",
	"amz-sdk-request",
	"x-amz-checksum-crc32",
	"x-amz-sdk-checksum-algorithm",
	"content-type",
	"content-md5",
}

// presignedHeaders are the headers of sdkRequestHeaders that a plain
// upload to a presigned URL (fetch or XMLHttpRequest, no SDK) may send too:
// allowing only these says nothing about SDK use.
var presignedHeaders = []string{"content-type", "content-md5"}

// requestOnlyHeaders are header names that appear on requests to S3 but
// never on its responses, lower case: exposing one has no effect. Only
// names known never to come back are listed (x-amz-copy-source-version-id,
// x-amz-checksum-* and the SSE-C algorithm do come back and are not).
// Names ending in "-" are prefixes.
var requestOnlyHeaders = []string{
	"accept", "accept-encoding", "access-control-request-headers", "access-control-request-method",
	"amz-sdk-invocation-id", "amz-sdk-request", "authorization", "content-md5", "cookie", "expect", "host",
	"if-match", "if-modified-since", "if-none-match", "if-unmodified-since", "origin", "range", "referer",
	"user-agent", "x-amz-acl", "x-amz-content-sha256", "x-amz-date", "x-amz-decoded-content-length",
	"x-amz-expected-bucket-owner", "x-amz-grant-", "x-amz-metadata-directive", "x-amz-mfa", "x-amz-request-payer",
	"x-amz-sdk-checksum-algorithm", "x-amz-security-token", "x-amz-server-side-encryption-customer-key",
	"x-amz-tagging", "x-amz-tagging-directive", "x-amz-user-agent",
}

// isRequestOnlyHeader reports whether S3 never sends name back.
func isRequestOnlyHeader(name string) bool {
	n := strings.ToLower(name)
	return slices.ContainsFunc(requestOnlyHeaders, func(h string) bool {
		if strings.HasSuffix(h, "-") {
			return strings.HasPrefix(n, h) && len(n) > len(h)
		}
		return n == h
	})
}

// writeMethods are the S3 methods that change the bucket.
var writeMethods = []string{"PUT", "POST", "DELETE"}

// allowsMethod reports whether r allows method as S3 compares methods:
// exactly, case-sensitively.
func allowsMethod(r *corsconf.Rule, method string) bool {
	return slices.Contains(r.AllowedMethods, method)
}

// writeMethodsOf returns the write methods r allows, in the order of
// writeMethods, each once.
func writeMethodsOf(r *corsconf.Rule) []string {
	var out []string
	for _, m := range writeMethods {
		if allowsMethod(r, m) {
			out = append(out, m)
		}
	}
	return out
}

// allowsHeader reports whether a preflight asking for name matches one of
// r's AllowedHeaders, as S3 matches them.
func allowsHeader(r *corsconf.Rule, name string) bool {
	return slices.ContainsFunc(r.AllowedHeaders, func(p string) bool { return simulate.MatchHeader(p, name) })
}

// indexFold returns the index of the first value of list equal to s under
// ASCII case folding, or -1.
func indexFold(list []string, s string) int {
	return slices.IndexFunc(list, func(v string) bool { return strings.EqualFold(v, s) })
}

// uniqueValues returns values without repeats, in first-seen order.
func uniqueValues(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// listPath returns the path of list field of rule i when the rule has
// values there, so that the finding points at the first of them, and the
// rule's path otherwise.
func listPath(i int, field string, values []string) string {
	if len(values) > 0 {
		return corsconf.FieldPath(i, field)
	}
	return corsconf.RulePath(i)
}
