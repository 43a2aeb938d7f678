package lint

import "github.com/s3cors/s3cors/corsconf"

var ruleRuleWithoutID = &Rule{
	ID:       "rule-without-id",
	Severity: corsconf.SeverityNotice,
	Summary:  "a rule has no ID in a configuration of several rules",
	Rationale: "With more than one rule, findings, simulation results, `s3cors test` expectations and diffs " +
		"can name a rule without ID only by its index, which changes whenever a rule is added, removed " +
		"or moved. An ID (up to 255 characters) names the rule's purpose and survives reordering.",
	Bad: `<CORSRule>
  <ID>read</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>
<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <ID>read</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>
<CORSRule>
  <ID>upload</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		if len(c.Cfg.Rules) < 2 {
			return
		}
		for i := range c.Cfg.Rules {
			if c.Cfg.Rules[i].ID != "" {
				continue
			}
			c.Report(corsconf.RulePath(i), "rule %d has no ID, so it can only be named by its index", i).
				WithHint("add an ID that says what the rule is for")
		}
	},
}
