package lint

import (
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginEmpty = &Rule{
	ID:       "origin-empty",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin is empty or blank, so it matches no request",
	Rationale: "S3 accepts an empty AllowedOrigin but matches it against nothing: browsers never send an " +
		"empty Origin header, and S3 treats a request without one as not CORS at all. It is usually a " +
		"template variable that expanded to nothing or an element left behind. The fix removes the value " +
		"when the rule has another origin; when it is the rule's only one, removing it would leave a rule S3 " +
		"rejects, so the rule needs the origin it was meant for.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin></AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			if strings.TrimSpace(origin) != "" {
				return
			}
			what := "empty"
			if origin != "" {
				what = "blank"
			}
			f := c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q is %s and matches no request: browsers never send an empty origin", origin, what)
			if slices.ContainsFunc(c.Cfg.Rules[i].AllowedOrigins, func(o string) bool { return strings.TrimSpace(o) != "" }) {
				f.WithHint("remove it").
					WithFix(Edit{Op: EditRemove, Rule: i, Field: corsconf.AllowedOriginName, Index: j})
			} else {
				f.WithHint("write the origin this rule is for, e.g. %q", "https://app.example.com")
			}
		})
	},
}
