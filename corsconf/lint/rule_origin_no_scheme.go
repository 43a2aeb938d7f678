package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

var ruleOriginNoScheme = &Rule{
	ID:       "origin-no-scheme",
	Severity: corsconf.SeverityWarning,
	Summary:  "an AllowedOrigin has no scheme, so no browser request can match it",
	Rationale: "An origin always starts with its scheme: browsers send https://app.example.com, never " +
		"app.example.com, and S3 compares the whole string, so example.com or localhost:3000 matches nothing. " +
		"The rule cannot tell whether the site is served over https:// or http://, so it suggests both and " +
		"fixes nothing. A value whose leading \"*\" stands for the scheme as well, such as *.example.com, does " +
		"match (it also admits plain http; wildcard-origin-unanchored reports that).",
	Bad: `<CORSRule>
  <AllowedOrigin>app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			o, ok := cutOrigin(origin)
			if !ok || !schemeMissing(o) {
				return // a scheme, or a leading "*" that stands for it
			}
			path := corsconf.ValuePath(i, corsconf.AllowedOriginName, j)
			t := strings.TrimLeft(strings.TrimSpace(origin), "/") // "//app.example.com": scheme-relative
			if fixed, ok := schemeTypo(t); ok {
				c.Report(path, "origin %q misspells the scheme separator \"://\" and can never match: browsers always send it", origin).
					WithHint("write %q", fixed)
				return
			}
			f := c.Report(path, "origin %q has no scheme and can never match: browsers always send one, \"https://\" or \"http://\"", origin)
			if p, ok := cutOrigin(t); ok && p.Host != "" {
				f.WithHint("write %q, or %q for a plain-HTTP site", withScheme(p, "https"), withScheme(p, "http"))
			} else {
				f.WithHint("write scheme and host, e.g. %q", "https://app.example.com")
			}
		})
	},
}

// schemeTypo returns the browser form of t when it starts with https or
// http followed by a mangled "://" ("https:/", "https//", "http:"), and
// false otherwise.
func schemeTypo(t string) (string, bool) {
	for _, s := range []string{"https", "http"} {
		// EqualFold matches the ASCII s with ASCII letters only: in len(s)
		// bytes a non-ASCII rune leaves too few runes, and a stray byte
		// folds to no letter.
		if len(t) <= len(s) || !strings.EqualFold(t[:len(s)], s) || t[len(s)] != ':' && t[len(s)] != '/' {
			continue
		}
		if o, ok := cutOrigin(s + "://" + strings.TrimLeft(t[len(s):], ":/")); ok && o.Host != "" {
			return o.Serialized().String(), true
		}
	}
	return "", false
}
