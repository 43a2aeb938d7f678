package lint

import "github.com/s3cors/s3cors/corsconf"

var ruleAllMethods = &Rule{
	ID:       "all-methods",
	Severity: corsconf.SeverityNotice,
	Summary:  "a rule allows all five methods, DELETE included",
	Rationale: "Listing GET, PUT, HEAD, POST and DELETE is usually \"allow everything\" rather than what the " +
		"pages need: few browser applications delete objects, and one that only reads needs GET and HEAD. " +
		"CORS does not authorize requests (credentials and bucket policies do), but a narrower rule keeps " +
		"a stolen or misused page from doing more through the browser than intended. Security scanners " +
		"flag it too (KICS \"S3 Bucket with Unsecured CORS Rule\").",
	Bad: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
  <AllowedMethod>POST</AllowedMethod>
  <AllowedMethod>DELETE</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <AllowedMethod>PUT</AllowedMethod>
  <AllowedMethod>HEAD</AllowedMethod>
  <AllowedMethod>POST</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		for i := range c.Cfg.Rules {
			ms := c.Cfg.Rules[i].AllowedMethods
			if !subset(corsconf.Methods, ms, exact) {
				continue
			}
			c.Report(corsconf.FieldPath(i, corsconf.AllowedMethodName), "%s allows all five methods, DELETE included", ruleName(c.Cfg, i)).
				WithHint("list only the methods the pages use, e.g. GET and HEAD to read")
		}
	},
}
