package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleWildcardOriginWrite = &Rule{
	ID:       "wildcard-origin-write",
	Severity: corsconf.SeverityWarning,
	Summary:  `an AllowedOrigin "*" allows PUT, POST or DELETE, so any website can write from a visitor's browser and read the answers`,
	Rationale: "CORS is not access control: S3 still authenticates every write (signature, presigned URL, bucket " +
		"policy, ACL), and a rule cannot stop a request from reaching S3; it only decides which web pages may " +
		"send preflighted requests and read the responses. With `*` and a write method, any website can do so: " +
		"a page that gets hold of a presigned URL or of credentials kept in the browser (Cognito, a token in local " +
		"storage), or any page at all when the bucket accepts anonymous writes, can make a visitor's browser " +
		"upload, overwrite or delete objects and read the answers. `*` does not grant write permission by itself. " +
		"List the origins of your application instead.",
	Bad: `<CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod>
</CORSRule>
<CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			r := &c.Cfg.Rules[i]
			j := slices.Index(r.AllowedOrigins, "*")
			writes := writeMethodsOf(r)
			if j < 0 || len(writes) == 0 {
				continue
			}
			c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				`origin "*" with %s: any website can have a visitor's browser send these requests and read the answers`, quoteAll(writes)).
				WithHint("list the origins of your application; CORS does not authenticate, S3 still checks signatures and policies")
		}
	},
}
