package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleAllowedHeaderWildcardWrite = &Rule{
	ID:       "allowed-header-wildcard-write",
	Severity: corsconf.SeverityNotice,
	Summary:  `AllowedHeader "*" on a rule that allows PUT, POST or DELETE accepts any request header on writes`,
	Rationale: "With AllowedHeader `*` S3 accepts every header a preflight asks for, so pages of the allowed " +
		"origins can send any header with their writes, including those that change what a write does: " +
		"`x-amz-acl: public-read`, x-amz-grant-full-control, x-amz-website-redirect-location, " +
		"x-amz-server-side-encryption or x-amz-tagging. S3 still checks that the request is signed and " +
		"permitted, so this matters most with credentials held in the browser and with origins you do not " +
		"fully control (x-amz-bypass-governance-retention on DELETE can remove objects under governance-mode " +
		"Object Lock). Listing the headers your uploads send (for example content-type, content-md5 and the " +
		"headers of the AWS SDK, see sdk-headers-not-allowed) keeps the rest out of browsers.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>*</AllowedHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedHeader>content-type</AllowedHeader>
  <AllowedHeader>content-md5</AllowedHeader>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			j := slices.Index(r.AllowedHeaders, "*")
			writes := writeMethodsOf(r)
			if j < 0 || len(writes) == 0 {
				continue
			}
			examples := "x-amz-acl or x-amz-grant-full-control"
			if !allowsMethod(r, "PUT") && !allowsMethod(r, "POST") {
				examples = "x-amz-bypass-governance-retention"
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedHeaderName, j),
				`AllowedHeader "*" accepts any request header on %s, such as %s`, quoteAll(writes), examples).
				WithHint("list the headers your uploads send instead")
		}
	},
}
