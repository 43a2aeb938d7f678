package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginTrailingSlash = &Rule{
	ID:       "origin-trailing-slash",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin ends with a slash, so no browser request can match it",
	Rationale: "Browsers send the Origin header as scheme, host and port, never with a trailing slash, " +
		"and S3 compares origins byte for byte. https://app.example.com/ matches nothing.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			trimmed := strings.TrimRight(origin, "/")
			if trimmed == origin || strings.Contains(strings.TrimPrefix(trimmed, schemeOf(trimmed)), "/") {
				return // no trailing slash, or a path (origin-has-path reports it)
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q ends with a slash and can never match: browsers send origins without one", origin).
				WithHint("write %q", trimmed).
				WithFix(Edit{Op: EditSet, Rule: i, Field: corsconf.AllowedOriginName, Index: j, Value: trimmed})
		})
	},
}
