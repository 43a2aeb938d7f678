package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleContentTypeNotAllowed = &Rule{
	ID:       "content-type-not-allowed",
	Severity: corsconf.SeverityWarning,
	Summary:  "a rule allows PUT but not the content-type request header",
	Rationale: "A Content-Type request header is CORS-safelisted only with text/plain, " +
		"application/x-www-form-urlencoded or multipart/form-data. A PUT to a presigned URL with any other " +
		"type (image/png, application/pdf, application/octet-stream) is preflighted with " +
		"Access-Control-Request-Headers: content-type, and S3 refuses the preflight unless an AllowedHeader " +
		"matches it. When sdk-headers-not-allowed already reports content-type for the rule, this rule stays quiet.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>x-requested-with</AllowedHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>Content-Type</AllowedHeader>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			if !allowsMethod(r, "PUT") || allowsHeader(r, "content-type") {
				continue
			}
			path := listPath(i, corsconf.AllowedHeaderName, r.AllowedHeaders)
			f := c.Report(path, "rule allows %q but no AllowedHeader matches %q: presigned PUTs with a type such as %q are preflighted and refused",
				"PUT", "content-type", "image/png").
				WithHint(`add AllowedHeader "content-type"`)
			if reportedContentType(c, r, path) {
				f.yieldsTo = ruleSDKHeadersNotAllowed.ID // which names content-type too
			}
		}
	},
}

// reportedContentType reports whether sdk-headers-not-allowed, which runs
// first unless disabled, reported content-type missing from rule r, whose
// findings are at path: the finding then yields to it.
func reportedContentType(c *Context, r *corsconf.Rule, path string) bool {
	ran := slices.ContainsFunc(c.state.findings, func(f Finding) bool {
		return f.Rule == ruleSDKHeadersNotAllowed.ID && f.Path == path
	})
	return ran && slices.Contains(missingSDKHeaders(r), "content-type")
}
