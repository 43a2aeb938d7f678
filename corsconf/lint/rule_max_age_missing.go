package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleMaxAgeMissing = &Rule{
	ID:       "max-age-missing",
	Severity: corsconf.SeverityNotice,
	Summary:  "a rule that allows preflighted requests sets no MaxAgeSeconds",
	Rationale: "Without Access-Control-Max-Age browsers keep a preflight result for 5 seconds, so a page " +
		"that calls the same URL with PUT, DELETE or non-safelisted headers sends an OPTIONS request before " +
		"nearly every call: one more round trip each time. The rule reports rules that allow PUT or DELETE, " +
		"or any AllowedHeader, and set no MaxAgeSeconds. Presigned URLs differ per request and are " +
		"preflighted every time anyway; for them this finding can be ignored.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>DELETE</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>DELETE</AllowedMethod>
  <MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule>
<CORSRule>
  <AllowedOrigin>https://www.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>POST</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			if r.MaxAgeSeconds != nil {
				continue
			}
			var why []string
			if ms := preflightedMethods(r); len(ms) > 0 {
				why = append(why, quoteAll(ms))
			}
			if len(r.AllowedHeaders) > 0 {
				why = append(why, "AllowedHeader "+quoteAll(uniqueValues(r.AllowedHeaders)))
			}
			if len(why) == 0 {
				continue
			}
			c.Report(corsconf.RulePath(i), "rule allows preflighted requests (%s) but sets no MaxAgeSeconds: browsers cache each preflight for 5 s only",
				strings.Join(why, " and ")).
				WithHint("set MaxAgeSeconds, e.g. 3000")
		}
	},
}

// preflightedMethods returns the methods of r that are not CORS-safelisted
// (GET, HEAD and POST are): browsers always preflight them.
func preflightedMethods(r *corsconf.Rule) []string {
	var out []string
	for _, m := range []string{"PUT", "DELETE"} {
		if allowsMethod(r, m) {
			out = append(out, m)
		}
	}
	return out
}
