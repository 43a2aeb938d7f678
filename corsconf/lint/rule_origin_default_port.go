package lint

import (
	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginDefaultPort = &Rule{
	ID:       "origin-default-port",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin names the default port of its scheme, so no browser request can match it",
	Rationale: "Browsers leave the port out of the Origin header when it is the scheme's default: a page at " +
		"https://app.example.com:443/ sends Origin: https://app.example.com. S3 does not normalise ports, so " +
		"https://app.example.com:443 and http://app.example.com:80 match nothing. The fix drops the port.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com:443</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>https://app.example.com:8443</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Fixable: true,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			o, ok := cutOrigin(origin)
			if !ok || o.Port == "" || o.Serialized().HasPort {
				return // no port, or not the default one of the scheme (if it has one)
			}
			suggestOrigin(c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q names the default port %s and can never match: browsers leave it out", origin, o.Port), i, j, o)
		})
	},
}
