package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleWildcardOrigin = &Rule{
	ID:       "wildcard-origin",
	Severity: corsconf.SeverityWarning,
	Summary:  `an AllowedOrigin is "*", so any website can read the responses`,
	Rationale: "With AllowedOrigin `*` S3 answers `Access-Control-Allow-Origin: *` to every origin, so a script on " +
		"any website can read what the rule allows (objects, listings, metadata) through a visitor's browser. " +
		"That is right for public assets (fonts, images, public datasets) that anyone may fetch anyway; for " +
		"anything else list the origins of your sites. `*` also rules out credentialed requests: browsers refuse " +
		"a `*` answer to a request made with credentials. Rules that allow PUT, POST or DELETE are reported by " +
		"wildcard-origin-write instead.",
	Bad: `<CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			j := slices.Index(r.AllowedOrigins, "*")
			if j < 0 {
				continue // with writes, wildcard-origin-write says more, but "*" alone is still this finding
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				`origin "*" lets any website read the responses of this rule`).
				WithHint("fine for public assets; otherwise list the origins of your sites")
		}
	},
}
