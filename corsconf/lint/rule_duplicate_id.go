package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleDuplicateID = &Rule{
	ID:       "duplicate-id",
	Severity: corsconf.SeverityWarning,
	Summary:  "two rules have the same ID",
	Rationale: "S3 does not require IDs to be unique, but whatever addresses rules by ID becomes ambiguous: " +
		"the expectations of `s3cors test`, diffs between a local and a deployed configuration, findings " +
		"and the people reading them. The repeat is often a rule copied and changed without renaming.",
	Bad: `<CORSRule>
  <ID>uploads</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>
<CORSRule>
  <ID>uploads</ID>
  <AllowedOrigin>https://admin.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <ID>uploads</ID>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>
<CORSRule>
  <ID>uploads-admin</ID>
  <AllowedOrigin>https://admin.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		if tooManyForPairs(c) {
			return
		}
		rules := c.Cfg.Rules
		for i := range rules {
			id := rules[i].ID
			if id == "" {
				continue // rule-without-id
			}
			j := slices.IndexFunc(rules[:i], func(r corsconf.Rule) bool { return r.ID == id })
			if j < 0 {
				continue
			}
			c.Report(corsconf.FieldPath(i, corsconf.IDName), "rule %d has the same ID %q as rule %d", i, id, j).
				WithHint("give each rule its own ID")
		}
	},
}
