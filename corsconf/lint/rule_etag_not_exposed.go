package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleETagNotExposed = &Rule{
	ID:       "etag-not-exposed",
	Severity: corsconf.SeverityWarning,
	Summary:  "a rule allows PUT or POST but does not expose ETag, so browser multipart uploads fail",
	Rationale: "JavaScript can read only the CORS-safelisted response headers and those listed in " +
		"Access-Control-Expose-Headers, and S3 never exposes ETag by itself. Browser multipart uploads (AWS SDK " +
		"ManagedUpload and Upload, Uppy, EvaporateJS) must read the ETag of every part to complete the upload: " +
		`without ExposeHeader ETag they fail with "ETagMissing: No access to ETag property on response" or ` +
		"CompleteMultipartUpload InvalidPart. Exposing ETag reveals nothing the page could not compute.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>*</AllowedHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>*</AllowedHeader>
  <ExposeHeader>ETag</ExposeHeader>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			var uploads []string
			for _, m := range []string{"PUT", "POST"} {
				if allowsMethod(r, m) {
					uploads = append(uploads, m)
				}
			}
			if len(uploads) == 0 || indexFold(r.ExposeHeaders, "ETag") >= 0 {
				continue
			}
			c.Report(listPath(i, corsconf.ExposeHeaderName, r.ExposeHeaders),
				"rule allows %s but does not expose %q: browser multipart uploads cannot read part ETags and fail", quoteAll(uploads), "ETag").
				WithHint(`add ExposeHeader "ETag"`).
				WithFix(Edit{Op: EditAppend, Rule: i, Field: corsconf.ExposeHeaderName, Value: "ETag"})
		}
	},
}
