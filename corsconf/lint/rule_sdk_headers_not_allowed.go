package lint

import (
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleSDKHeadersNotAllowed = &Rule{
	ID:       "sdk-headers-not-allowed",
	Severity: corsconf.SeverityWarning,
	Summary:  "a rule allows uploads but not all the headers browser AWS SDKs send",
	Rationale: "A browser AWS SDK signs its requests in headers (authorization, x-amz-date, " +
		"x-amz-content-sha256, x-amz-security-token with temporary credentials) and adds x-amz-user-agent, " +
		"amz-sdk-invocation-id, amz-sdk-request, checksum headers (x-amz-checksum-crc32, " +
		"x-amz-sdk-checksum-algorithm), content-md5 and a content-type. None is CORS-safelisted, so every " +
		"upload is preflighted with all of them in Access-Control-Request-Headers, and S3 refuses the " +
		"preflight (403 \"This CORS request is not allowed\") unless the rule allows every one. The rule " +
		"checks rules that allow PUT or POST and either allow no header at all or allow some of the SDK's " +
		"own headers; a rule that allows only content-type or content-md5 looks made for presigned URLs, " +
		"which need no SDK header (content-type-not-allowed checks those). AllowedHeader `x-amz-*` and " +
		"`amz-sdk-*` cover most of the list.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>authorization</AllowedHeader>
  <AllowedHeader>content-type</AllowedHeader>
  <AllowedHeader>x-amz-date</AllowedHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>authorization</AllowedHeader>
  <AllowedHeader>content-type</AllowedHeader>
  <AllowedHeader>content-md5</AllowedHeader>
  <AllowedHeader>x-amz-*</AllowedHeader>
  <AllowedHeader>amz-sdk-*</AllowedHeader>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			if missing := missingSDKHeaders(r); len(missing) > 0 {
				c.Report(listPath(i, corsconf.AllowedHeaderName, r.AllowedHeaders),
					"uploads from a browser AWS SDK send headers this rule does not allow: %s", quoteAll(missing)).
					WithHint("add AllowedHeader %s", quoteAll(sdkHeaderSuggestions(missing)))
			}
		}
	},
}

// missingSDKHeaders returns the headers of sdkRequestHeaders that r does
// not allow, when r allows uploads and either no header or some of the
// SDK's own; nil otherwise. Uploads are PUT, or POST on a rule that allows
// headers: a POST-only rule without any serves HTML form uploads (presigned
// POST), which send no SDK header.
func missingSDKHeaders(r *corsconf.Rule) []string {
	if !allowsMethod(r, "PUT") && !(allowsMethod(r, "POST") && len(r.AllowedHeaders) > 0) {
		return nil
	}
	var missing []string
	sdkOwn := false
	for _, h := range sdkRequestHeaders {
		switch {
		case !allowsHeader(r, h):
			missing = append(missing, h)
		case !slices.Contains(presignedHeaders, h):
			sdkOwn = true
		}
	}
	if len(r.AllowedHeaders) > 0 && !sdkOwn {
		return nil // made for presigned URLs, or for something else
	}
	return missing
}

// sdkHeaderSuggestions replaces the missing names that share a prefix
// with one glob when two or more do: x-amz-* and amz-sdk-*.
func sdkHeaderSuggestions(missing []string) []string {
	var out []string
	for _, h := range missing {
		s := h
		for _, p := range []string{"x-amz-", "amz-sdk-"} {
			if strings.HasPrefix(h, p) && countPrefixed(missing, p) >= 2 {
				s = p + "*"
			}
		}
		out = append(out, s)
	}
	return uniqueValues(out)
}

func countPrefixed(names []string, prefix string) int {
	n := 0
	for _, h := range names {
		if strings.HasPrefix(h, prefix) {
			n++
		}
	}
	return n
}
