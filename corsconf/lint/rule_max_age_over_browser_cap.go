package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

// Browser caps on Access-Control-Max-Age, in seconds (s3-cors-semantics.md
// §4.5).
const (
	chromiumMaxAge = 7200  // Chromium 76 and later
	firefoxMaxAge  = 86400 // Firefox
)

var ruleMaxAgeOverBrowserCap = &Rule{
	ID:       "max-age-over-browser-cap",
	Severity: corsconf.SeverityNotice,
	Summary:  "MaxAgeSeconds is above 7200, which Chromium caps",
	Rationale: "Browsers cap how long they cache a preflight whatever Access-Control-Max-Age says: Chromium " +
		"(Chrome, Edge, Opera) at 7200 seconds, Firefox at 86400. A higher MaxAgeSeconds buys nothing in " +
		"Chromium, and nothing anywhere above 86400. Requests to presigned URLs gain nothing from any value: " +
		"the preflight cache is keyed by URL, and each presigned URL is new.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <MaxAgeSeconds>86400</MaxAgeSeconds>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <MaxAgeSeconds>7200</MaxAgeSeconds>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			age := c.Cfg.Rules[i].MaxAgeSeconds
			if age == nil || *age <= chromiumMaxAge {
				continue
			}
			path := corsconf.FieldPath(i, corsconf.MaxAgeSecondsName)
			if *age > firefoxMaxAge {
				c.Report(path, "MaxAgeSeconds %d is above every browser's cap: Chromium caches preflights for at most %d s, Firefox for %d s",
					*age, chromiumMaxAge, firefoxMaxAge).
					WithHint("%d has the same effect in Firefox, %d in Chromium", firefoxMaxAge, chromiumMaxAge)
				continue
			}
			c.Report(path, "MaxAgeSeconds %d is above Chromium's cap: it caches preflights for at most %d s (Firefox for %d s)",
				*age, chromiumMaxAge, firefoxMaxAge).
				WithHint("beyond %d only Firefox caches longer", chromiumMaxAge)
		}
	},
}
