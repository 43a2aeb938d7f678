package lint

import (
	"fmt"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginPortWildcard = &Rule{
	ID:       "origin-port-wildcard",
	Severity: corsconf.SeverityNotice,
	Summary:  `an AllowedOrigin has a "*" in the port of a host other than the local machine`,
	Rationale: "Each port of a host is a different origin: https://app.example.com:* also admits whatever " +
		"else runs on that host, an admin console on :8443 or a test server on :3000. On a developer's " +
		"machine that is the point, since dev servers change ports (http://localhost:*, " +
		"http://127.0.0.1:*, http://[::1]:* and *.localhost are not reported); elsewhere name the ports the " +
		"site uses, or leave the port out for the default one.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com:*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedOrigin>http://localhost:*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			o, ok := cutOrigin(origin)
			if !ok || !o.HasScheme || !strings.Contains(o.Port, "*") || isLocalHost(o.Host) || !originReachable(origin) {
				return
			}
			which := ""
			if o.Port != "*" {
				which = fmt.Sprintf(" that matches %q", ":"+o.Port)
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q admits every port of %q%s: each is another origin, and any service the host runs there gets in",
				origin, o.Host, which).
				WithHint("write %q for the default port, or name the port the site uses", o.Scheme+"://"+o.Host)
		})
	},
}
