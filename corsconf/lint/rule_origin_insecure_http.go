package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginInsecureHTTP = &Rule{
	ID:       "origin-insecure-http",
	Severity: corsconf.SeverityNotice,
	Summary:  "an AllowedOrigin is a plain-HTTP site other than the local machine",
	Rationale: "Pages served over http:// can be rewritten by anyone on the network path (public Wi-Fi, a " +
		"hostile proxy): an attacker who injects a script into http://app.example.com makes requests as that " +
		"origin and reads what the rule allows. The rule is a notice, not a warning: the configuration works " +
		"as meant, plain-HTTP sites are often deliberate (legacy, intranet) and the attack needs a network " +
		"position, whereas the risks reported as warnings are open to any website. Local development origins " +
		"(localhost, *.localhost, loopback addresses such as 127.0.0.1 and [::1], and 0.0.0.0) are not reported: no one else can serve them; nor is a wildcard over hosts anyone can own, " +
		"which origin-public-suffix-wildcard reports.",
	Bad: `<CORSRule>
  <AllowedOrigin>http://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>http://localhost:3000</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			o, ok := cutOrigin(origin)
			if !ok || o.Scheme != "http" || isLocalHost(o.Host) || !originReachable(origin) {
				return // not http, local, or matches nothing (another rule says why)
			}
			if _, open := openHostWildcard(origin); open {
				return // origin-public-suffix-wildcard: anyone can own such a host anyway
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q is plain HTTP: anyone on the network path can inject script into its pages and read "+
					"what the bucket answers", origin).
				WithHint("serve the site over HTTPS and write %q", withScheme(o, "https"))
		})
	},
}
