package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginUppercase = &Rule{
	ID:       "origin-uppercase",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin has upper-case letters in its scheme or host, so no browser request can match it",
	Rationale: "Browsers send the Origin header with the scheme and the host in lower case, whatever the case of " +
		"the address typed or linked. S3 compares origins case-sensitively (every emulator does; AWS documents " +
		"nothing either way), so https://App.Example.com matches nothing. Lower case is what browsers send in " +
		"any case, so the fix lower-cases the scheme and the host and keeps a \"*\" where it is.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://App.Example.com</AllowedOrigin>
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
			if s := o.Serialized(); !ok || s.Scheme == o.Scheme && s.Host == o.Host || schemeMissing(o) {
				return // lower case, or no scheme (origin-no-scheme)
			}
			suggestOrigin(c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q has upper-case letters and can never match: browsers send scheme and host in lower case "+
					"and S3 compares case-sensitively", origin), i, j, o)
		})
	},
}
