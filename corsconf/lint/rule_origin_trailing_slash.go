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
			o, ok := cutOrigin(origin)
			if !ok || o.Host == "" || o.Rest == "" || strings.Trim(o.Rest, "/") != "" || schemeMissing(o) {
				return // no trailing slash, a real path (origin-has-path), or no scheme (origin-no-scheme)
			}
			// suggestOrigin writes the browser form every origin rule fixes
			// to, so that several findings on one value make one edit.
			suggestOrigin(c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q ends with a slash and can never match: browsers send origins without one", origin), i, j, o)
		})
	},
}
