package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleHeadMissing = &Rule{
	ID:       "head-missing",
	Severity: corsconf.SeverityNotice,
	Summary:  "a rule allows GET but not HEAD",
	Rationale: "S3 compares methods exactly: GET does not cover HEAD. Cross-origin HEAD requests (existence " +
		"checks, size probes before a download, video and audio players, some upload libraries) then match " +
		"no rule and get no CORS headers, so the browser hides the answer. HEAD reads no more than GET does; " +
		"adding it to a rule that allows GET exposes nothing new.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			if !allowsMethod(r, "GET") || allowsMethod(r, "HEAD") {
				continue
			}
			c.Report(corsconf.FieldPath(i, corsconf.AllowedMethodName),
				"rule allows %q but not %q: cross-origin HEAD requests get no CORS headers", "GET", "HEAD").
				WithHint(`add AllowedMethod "HEAD"`).
				WithFix(Edit{Op: EditAppend, Rule: i, Field: corsconf.AllowedMethodName, Value: "HEAD"})
		}
	},
}
