package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginNull = &Rule{
	ID:       "origin-null",
	Severity: corsconf.SeverityWarning,
	Summary:  `an AllowedOrigin is "null", which any website can send`,
	Rationale: "Browsers send Origin: null for opaque origins: pages in a sandboxed iframe, file:// pages, " +
		"data: URLs and requests that went through a cross-origin redirect. Any website can put its script " +
		"in a sandboxed iframe and send null, so allowing it lets every site read what the rule allows " +
		"through its visitors' browsers. Serve the pages that need access from a " +
		"real origin and list that instead. A misspelt \"NULL\" or \" null \" matches nothing today; it is " +
		"reported here rather than as a case or whitespace problem, since correcting it would let everyone in.",
	Bad: `<CORSRule>
  <AllowedOrigin>null</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			if !strings.EqualFold(strings.TrimSpace(origin), "null") {
				return
			}
			path := corsconf.ValuePath(i, corsconf.AllowedOriginName, j)
			if origin != "null" {
				c.Report(path, "origin %q matches nothing as written, but it stands for \"null\", which any website can send "+
					"from a sandboxed iframe", origin).
					WithHint("remove it, and list the real origins of the pages that need access")
				return
			}
			c.Report(path, "origin %q lets in every opaque origin: any website can send it from a sandboxed iframe, "+
				"and file:// pages and redirected requests send it too", origin).
				WithHint("remove it, and list the real origins of the pages that need access")
		})
	},
}
