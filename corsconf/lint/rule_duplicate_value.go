package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleDuplicateValue = &Rule{
	ID:       "duplicate-value",
	Severity: corsconf.SeverityNotice,
	Summary:  "a value appears twice in one list of a rule",
	Rationale: "A repeated AllowedOrigin or AllowedMethod, or an AllowedHeader or ExposeHeader repeated " +
		"in any letter case (S3 and browsers compare header names without case), changes nothing: " +
		"S3 accepts it and matches as if it were listed once. It only makes the rule longer, counts " +
		"towards the 64 KB limit and often hides a typo in the value that was meant. The fix removes " +
		"the later copy.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedHeader>Content-Type</AllowedHeader>
  <AllowedHeader>content-type</AllowedHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>https://admin.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedHeader>Content-Type</AllowedHeader>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			duplicateValues(c, i, corsconf.AllowedOriginName, "origin", r.AllowedOrigins, exact)
			duplicateValues(c, i, corsconf.AllowedMethodName, "method", r.AllowedMethods, exact)
			duplicateValues(c, i, corsconf.AllowedHeaderName, "allowed header", r.AllowedHeaders, headerKey)
			duplicateValues(c, i, corsconf.ExposeHeaderName, "expose header", r.ExposeHeaders, headerKey)
		}
	},
}

// duplicateValues reports every value of field (list values of rule i)
// equal, once mapped by key, to an earlier value of the same list.
func duplicateValues(c *Context, i int, field, noun string, values []string, key func(string) string) {
	for j, v := range values {
		k := slices.IndexFunc(values[:j], func(w string) bool { return key(w) == key(v) })
		if k < 0 {
			continue
		}
		path := corsconf.ValuePath(i, field, j)
		var f *Finding
		if values[k] == v {
			f = c.Report(path, "%s %q is repeated in %s (first as %s[%d])", noun, v, ruleName(c.Cfg, i), field, k)
		} else {
			f = c.Report(path, "%s %q is repeated in %s (first as %q, %s[%d]): header names are compared without case",
				noun, v, ruleName(c.Cfg, i), values[k], field, k)
		}
		f.WithHint("remove it").
			WithFix(Edit{Op: EditRemove, Rule: i, Field: field, Index: j})
	}
}
