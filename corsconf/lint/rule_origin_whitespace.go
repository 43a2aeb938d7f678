package lint

import (
	"strings"
	"unicode"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginWhitespace = &Rule{
	ID:       "origin-whitespace",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin has whitespace around or inside it, so no browser request can match it",
	Rationale: "S3 keeps an AllowedOrigin exactly as written and compares it byte for byte; browsers never " +
		"send whitespace in the Origin header. An XML formatter that puts the value on its own line, a stray " +
		"space pasted from a document or two origins in one element all leave a value that matches nothing. " +
		"The fix trims whitespace around the value; whitespace inside needs a person: it often separates " +
		"origins that belong in AllowedOrigin elements of their own.",
	Bad: `<CORSRule>
  <AllowedOrigin>
    https://app.example.com
  </AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			t := strings.TrimSpace(origin)
			if t == origin && !strings.ContainsFunc(t, unicode.IsSpace) || t == "" || strings.EqualFold(t, "null") {
				return // no whitespace, or origin-empty or origin-null reports it
			}
			path := corsconf.ValuePath(i, corsconf.AllowedOriginName, j)
			if fields := strings.Fields(t); len(fields) > 1 {
				f := c.Report(path, "origin %q contains whitespace and can never match: browsers send none", origin)
				if strings.Count(t, "://") > 1 {
					f.WithHint("give each origin its own AllowedOrigin: %s", quoteAll(fields))
				} else {
					f.WithHint("remove the whitespace: %q", strings.Join(fields, ""))
				}
				return
			}
			f := c.Report(path, "origin %q has whitespace around it and can never match: S3 compares origins byte for byte", origin)
			if o, ok := cutOrigin(t); ok {
				suggestOrigin(f, i, j, o)
			} else {
				f.WithHint("remove the whitespace if you mean %q", t) // "*", or several (S3 rejects those)
			}
		})
	},
}
