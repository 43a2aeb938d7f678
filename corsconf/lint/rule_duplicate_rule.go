package lint

import "github.com/s3cors/s3cors/corsconf"

var ruleDuplicateRule = &Rule{
	ID:       "duplicate-rule",
	Severity: corsconf.SeverityWarning,
	Summary:  "a rule repeats an earlier one, so S3 never uses it",
	Rationale: "Two rules with the same origins, methods, allowed headers, expose headers and MaxAgeSeconds " +
		"(in any order, header names without case; the ID may differ) match the same requests, and S3 " +
		"uses the first. The later copy is dead weight that counts towards the 100-rule and 64 KB limits, " +
		"and often a sign that an edit meant for it went elsewhere. The fix removes the later rule.",
	Bad: `<CORSRule>
  <ID>read</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
</CORSRule>
<CORSRule>
  <ID>read-again</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>HEAD</AllowedMethod>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <ID>read</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
</CORSRule>
<CORSRule>
  <ID>read-admin</ID>
  <AllowedOrigin>https://admin.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		if tooManyForPairs(c) {
			return
		}
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			if len(r.AllowedOrigins) == 0 || len(r.AllowedMethods) == 0 {
				continue // S3 rejects it
			}
			j := firstDuplicate(c.Cfg, i)
			if j < 0 {
				continue
			}
			c.Report(corsconf.RulePath(i), "%s repeats %s, which S3 uses first, so it is never used",
				ruleName(c.Cfg, i), ruleName(c.Cfg, j)).
				WithHint("remove it").
				WithFix(Edit{Op: EditRemoveRule, Rule: i})
		}
	},
}
