package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleWildcardOriginMixed = &Rule{
	ID:       "wildcard-origin-mixed",
	Severity: corsconf.SeverityWarning,
	Summary:  `a rule lists "*" beside other origins, which then gain nothing`,
	Rationale: "When a rule's AllowedOrigin list contains `*`, S3 answers `Access-Control-Allow-Origin: *` for every " +
		"origin that rule matches, listed or not, and never sends Access-Control-Allow-Credentials. The listed " +
		"origins therefore get exactly what any other site gets, and their credentialed requests (fetch with " +
		"`credentials: 'include'`, XMLHttpRequest `withCredentials`) fail, since browsers refuse `*` with credentials. " +
		"To let them use credentials, give them a rule of their own placed before the `*` rule: S3 then echoes " +
		"their origin and adds `Access-Control-Allow-Credentials: true`.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>
<CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			j := slices.Index(r.AllowedOrigins, "*")
			others := slices.DeleteFunc(slices.Clone(r.AllowedOrigins), func(o string) bool { return o == "*" })
			if j < 0 || len(others) == 0 {
				continue
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				`origin "*" beside %s: S3 answers "*" to all of them, so they gain nothing and their credentialed requests fail`,
				quoteAll(uniqueValues(others))).
				WithHint(`move the listed origins to a rule of their own before this one, or remove them`)
		}
	},
}
