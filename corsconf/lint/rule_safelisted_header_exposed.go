package lint

import (
	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

var ruleSafelistedHeaderExposed = &Rule{
	ID:       "safelisted-header-exposed",
	Severity: corsconf.SeverityNotice,
	Summary:  "an ExposeHeader names a header browsers expose anyway",
	Rationale: "JavaScript can always read the CORS-safelisted response headers: Cache-Control, " +
		"Content-Language, Content-Length, Content-Type, Expires, Last-Modified and Pragma. Listing one in " +
		"ExposeHeader changes nothing; it only lengthens every response and suggests the list is needed. " +
		"Removing it is safe.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <ExposeHeader>Content-Length</ExposeHeader>
  <ExposeHeader>ETag</ExposeHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <ExposeHeader>Content-Range</ExposeHeader>
  <ExposeHeader>ETag</ExposeHeader>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			for j, h := range c.Cfg.Rules[i].ExposeHeaders {
				if !simulate.IsSafelistedResponseHeader(h) {
					continue
				}
				c.Report(corsconf.ValuePath(i, corsconf.ExposeHeaderName, j),
					"ExposeHeader %q is CORS-safelisted: browsers let scripts read it without exposure", h).
					WithHint("remove it").
					WithFix(Edit{Op: EditRemove, Rule: i, Field: corsconf.ExposeHeaderName, Index: j})
			}
		}
	},
}
