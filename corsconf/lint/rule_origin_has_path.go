package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginHasPath = &Rule{
	ID:       "origin-has-path",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin has a path, query or fragment, so no browser request can match it",
	Rationale: "An origin is a scheme, a host and a port, nothing more: every page of https://app.example.com " +
		"sends Origin: https://app.example.com, never https://app.example.com/app. S3 compares origins byte for " +
		"byte, so an AllowedOrigin with a path, a query or a fragment matches nothing. CORS cannot tell the pages " +
		"of a site apart; the fix keeps scheme://host[:port]. A lone trailing slash is reported by " +
		"origin-trailing-slash.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com/app</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			o, ok := cutOrigin(origin)
			if !ok || o.Host == "" || strings.Trim(o.Rest, "/") == "" || schemeMissing(o) {
				return // no path, only slashes (origin-trailing-slash), or no scheme (origin-no-scheme)
			}
			what := "a path"
			switch o.Rest[0] {
			case '?':
				what = "a query"
			case '#':
				what = "a fragment"
			}
			suggestOrigin(c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q has %s and can never match: browsers send only scheme, host and port", origin, what), i, j, o)
		})
	},
}
