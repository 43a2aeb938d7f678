package lint

import "github.com/s3cors/s3cors/corsconf"

const (
	nearRulesLimit = 90 // from this many rules, the limit is close
)

// ruleTooManyRules shares its ID with the error corsconf.Validate reports
// above 100 rules (hence Validation); its own check reports only the
// notice from 90 to 100 rules, so that no configuration gets both.
var ruleTooManyRules = &Rule{
	ID:       "too-many-rules",
	Severity: corsconf.SeverityNotice,
	Summary:  "the configuration has 90 to 100 rules, close to S3's limit of 100 (over 100 is an error S3 rejects)",
	Rationale: "PutBucketCors rejects a configuration of more than 100 rules (InvalidRequest \"The number of " +
		"CORS rules should not exceed allowed limit of 100 rules.\"); validate reports that as an error " +
		"with this ID, and so does lint. From 90 to 100 rules lint adds a notice: the next few origins " +
		"will not fit. Rules that allow the same methods and headers can be merged into one rule with " +
		"several AllowedOrigin values, or an origin glob such as https://*.example.com.",
	Bad: `<!-- 95 rules in all: S3 accepts them, but only 5 more fit -->
<CORSRule>
  <ID>customer-001</ID>
  <AllowedOrigin>https://customer-001.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>
<!-- ... customer-002 to customer-095, alike -->`,
	Good: `<!-- the 95 rules merged: one rule, 95 origins -->
<CORSRule>
  <ID>customers</ID>
  <AllowedOrigin>https://customer-001.example.com</AllowedOrigin>
  <!-- ... customer-002 to customer-095 -->
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Validation: true,
	Abridged:   true,
	check: func(c *Context) {
		n := len(c.Cfg.Rules)
		if n < nearRulesLimit || n > corsconf.MaxRules {
			return // over the limit, corsconf.Validate reports the error
		}
		c.Report(corsconf.RootName, "the configuration has %d rules, close to S3's limit of %d", n, corsconf.MaxRules).
			WithHint("merge rules that allow the same methods and headers")
	},
}
