package lint

import (
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginPublicSuffixWildcard = &Rule{
	ID:       "origin-public-suffix-wildcard",
	Severity: corsconf.SeverityWarning,
	Summary:  `an AllowedOrigin has a "*" over hosts that anyone can own, such as https://*.com or https://*.github.io`,
	Rationale: "A \"*\" that stands for a whole label right under a public suffix (com, co.uk) or a " +
		"multi-tenant hosting domain (github.io, vercel.app, s3.amazonaws.com, herokuapp.com) admits sites " +
		"that anyone can register or deploy in minutes, and so lets them read what the rule allows through " +
		"their visitors' browsers; https://* admits every host. Put the \"*\" under a domain you control " +
		"(https://*.example.com) or list your own hosts (https://myapp.github.io). The rule knows a short list " +
		"of such suffixes, not the whole Public Suffix List.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://*.github.io</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://myapp.github.io</AllowedOrigin>
  <AllowedOrigin>https://*.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			suffix, open := openHostWildcard(origin)
			if !open {
				return
			}
			path := corsconf.ValuePath(i, corsconf.AllowedOriginName, j)
			var f *Finding
			if suffix == "" {
				f = c.Report(path, "origin %q admits every host, so any website can read the responses", origin)
			} else {
				f = c.Report(path, "origin %q admits every host under %q, where anyone can register a domain or host a site", origin, suffix)
			}
			f.WithHint("list the origins of your sites, or put the \"*\" under a domain you control, e.g. %q",
				"https://*.example.com")
		})
	},
}

// openHostWildcard reports whether S3 matches the AllowedOrigin v against
// hosts anyone can own: its host is "*" (suffix "") or its "*" stands for
// the whole label right under one of openSuffixes (suffix is that one).
// Values that match no browser origin as written are not reported.
func openHostWildcard(v string) (suffix string, open bool) {
	o, ok := cutOrigin(v)
	if !ok || !originReachable(v) {
		return "", false
	}
	if o.Host == "*" {
		return "", true
	}
	before, after, found := strings.Cut(o.Host, "*")
	suffix, dot := strings.CutPrefix(after, ".")
	if !found || !dot || before != "" && !strings.HasSuffix(before, ".") || !isOpenSuffix(suffix) {
		return "", false // a "*" glued to a label (shop*.com) is wildcard-origin-unanchored's
	}
	return suffix, true
}

// isOpenSuffix reports whether anyone can get a host right under s: a
// public suffix, a multi-tenant hosting domain, or any domain of AWS's
// amazonaws.com and on.aws, where every service hands out hosts to its
// customers.
func isOpenSuffix(s string) bool {
	return slices.Contains(openSuffixes, s) || strings.HasSuffix(s, ".amazonaws.com") || strings.HasSuffix(s, ".on.aws")
}

// openSuffixes are domains right under which anyone can own a host: public
// suffixes and multi-tenant hosting domains. The list is short and not
// exhaustive; the Public Suffix List (publicsuffix.org) has thousands more.
var openSuffixes = []string{
	// Generic top-level domains.
	"com", "net", "org", "info", "biz", "io", "co", "app", "dev", "ai", "xyz", "me", "online", "site", "cloud",
	// Country codes and their common second levels.
	"uk", "co.uk", "org.uk", "de", "fr", "nl", "eu", "es", "it", "ch", "se", "pl", "ru", "in", "co.in",
	"jp", "co.jp", "cn", "com.cn", "br", "com.br", "au", "com.au", "ca", "us", "mx", "com.mx",
	// Hosting: every customer gets a host right under these.
	"amazonaws.com", "on.aws", "cloudfront.net", "elasticbeanstalk.com",
	"github.io", "gitlab.io", "herokuapp.com", "vercel.app", "now.sh", "netlify.app", "netlify.com",
	"pages.dev", "workers.dev", "web.app", "firebaseapp.com", "appspot.com", "run.app",
	"azurewebsites.net", "azurestaticapps.net", "cloudapp.net", "blob.core.windows.net",
	"onrender.com", "fly.dev", "glitch.me", "surge.sh", "ngrok.io", "ngrok-free.app", "trycloudflare.com",
	"blogspot.com", "wordpress.com",
}
