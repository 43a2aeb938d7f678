package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleExposeHeaderNotSent = &Rule{
	ID:       "expose-header-not-sent",
	Severity: corsconf.SeverityNotice,
	Summary:  "an ExposeHeader names a request header that S3 never sends back",
	Rationale: "ExposeHeader lets scripts read headers of S3's responses. Request headers such as " +
		"Authorization, Content-MD5, x-amz-date, x-amz-acl, x-amz-security-token or x-amz-request-payer never " +
		"appear in a response (S3 answers x-amz-request-payer with x-amz-request-charged), so exposing them " +
		"has no effect; whatever the page meant to read is still hidden. Request headers are allowed with " +
		"AllowedHeader. Only names known never to come back are reported.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <ExposeHeader>ETag</ExposeHeader>
  <ExposeHeader>Authorization</ExposeHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>Authorization</AllowedHeader>
  <ExposeHeader>ETag</ExposeHeader>
  <ExposeHeader>x-amz-version-id</ExposeHeader>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			for j, h := range c.Cfg.Rules[i].ExposeHeaders {
				if !isRequestOnlyHeader(h) {
					continue
				}
				c.Report(corsconf.ValuePath(i, corsconf.ExposeHeaderName, j),
					"ExposeHeader %q is a request header that S3 never sends back: exposing it has no effect", h).
					WithHint("to let pages send it, use AllowedHeader; otherwise remove it")
			}
		}
	},
}
