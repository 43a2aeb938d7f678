package lint

import "github.com/s3cors/s3cors/corsconf"

// ruleDocumentNearSizeLimit's examples are abridged: a configuration near
// 64 KB cannot be shown; testdata/lint holds the full ones.
var ruleDocumentNearSizeLimit = &Rule{
	ID:       "document-near-size-limit",
	Severity: corsconf.SeverityNotice,
	Summary:  "the configuration, as sent to S3, is over 90% of S3's 64 KB limit",
	Rationale: "PutBucketCors rejects a body larger than 64 KB (65,536 bytes), measured on the compact XML " +
		"the SDKs send, whatever format the file is in; validate reports that as document-too-large. " +
		"Over 90% of the limit, a few more origins will not fit. Merge rules that allow the same methods " +
		"and headers, replace lists of subdomains with an origin glob, and drop repeated values " +
		"(duplicate-value, duplicate-rule).",
	Bad: `<!-- over 58,982 bytes (90% of 65,536) as sent to S3 -->
<CORSRule>
  <AllowedOrigin>https://customer-0001.example.com</AllowedOrigin>
  <!-- ... customer-0002 to customer-0920: 59,000 bytes in all -->
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<!-- the same origins as one glob: a few hundred bytes -->
<CORSRule>
  <AllowedOrigin>https://*.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Abridged: true,
	check: func(c *Context) {
		n := c.Cfg.SizeS3()
		if n*10 <= corsconf.MaxDocumentSize*9 || n > corsconf.MaxDocumentSize {
			return // over the limit, corsconf.Validate reports document-too-large
		}
		c.Report(corsconf.RootName, "the configuration is %d bytes as sent to S3, %d%% of S3's limit of %d bytes",
			n, n*100/corsconf.MaxDocumentSize, corsconf.MaxDocumentSize).
			WithHint("merge rules that allow the same methods and headers")
	},
}
