package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

var ruleWildcardOriginUnanchored = &Rule{
	ID:       "wildcard-origin-unanchored",
	Severity: corsconf.SeverityWarning,
	Summary:  `a "*" in an AllowedOrigin also matches origins of other sites or plain http`,
	Rationale: "S3 matches an AllowedOrigin with one `*` as a glob in which `*` stands for any run of characters, " +
		"dots, slashes and colons included; nothing anchors it to a label of a host name. `*example.com` and " +
		"`https://*example.com` also match `https://evilexample.com`, which anyone can register; " +
		"`https://example.com*` matches `https://example.com.evil.net`; `http*://example.com` and `*.example.com` " +
		"admit plain-http origins, whose pages a network attacker can rewrite. The rule crafts such origins " +
		"and reports those S3 would match. Write the scheme, put a dot right after a `*` that stands for " +
		"subdomains (`https://*.example.com`, which does not cover `https://example.com` itself), and use `:*` for " +
		"any port. A `*` that is a whole label under a public suffix or the whole host (`https://*.com`, " +
		"`https://*`) is reported by origin-public-suffix-wildcard.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://*example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://*.example.com</AllowedOrigin>
  <AllowedOrigin>https://example.com</AllowedOrigin>
  <AllowedOrigin>http://localhost:*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		eachOrigin(c, func(i, j int, origin string) {
			leaks := originLeaks(origin)
			if len(leaks) == 0 {
				return
			}
			parts := make([]string, len(leaks))
			for k, l := range leaks {
				parts[k] = fmt.Sprintf("%q (%s)", l.origin, l.why)
			}
			f := c.Report(corsconf.ValuePath(i, corsconf.AllowedOriginName, j),
				"origin %q also matches %s", origin, strings.Join(parts, " and "))
			if leaks[0].hint != "" {
				f.WithHint("%s", leaks[0].hint)
			}
		})
	},
}

// originLeak is an origin a browser can send that an AllowedOrigin pattern
// matches, as S3 matches, although its author most likely did not mean it.
type originLeak struct {
	origin string // crafted from the pattern
	why    string // what the origin is, e.g. `another domain ending in "example.com"`
	hint   string // how to anchor the pattern; "" when there is no obvious way
}

// originLeaks crafts attacker origins for a pattern with one "*" (not "*"
// alone) and returns those S3 matches: another registrable domain ending
// like the pattern, a host under another domain, plain http.
func originLeaks(pattern string) []originLeak {
	if pattern == "*" || strings.Count(pattern, "*") != 1 {
		return nil // "*" is wildcard-origin's; two are rejected by S3
	}
	pre, suf, _ := strings.Cut(pattern, "*")
	var out []originLeak
	for _, l := range candidateLeaks(pre, suf) {
		if simulate.MatchOrigin(pattern, l.origin) && browserOrigin(l.origin) &&
			!slices.ContainsFunc(out, func(o originLeak) bool { return o.origin == l.origin || o.why == l.why }) {
			out = append(out, l)
		}
	}
	return out
}

// candidateLeaks crafts the origins to try for the pattern pre*suf, most
// telling first; originLeaks keeps those S3 matches and a browser sends,
// one per reason.
func candidateLeaks(pre, suf string) []originLeak {
	if i := strings.Index(suf, "://"); i >= 0 && !strings.Contains(pre, "://") {
		// The "*" is in the scheme: http*://example.com.
		return []originLeak{{origin: "http" + suf[i:], why: "plain http", hint: fmt.Sprintf("write %q", "https"+suf[i:])}}
	}
	base := pre // what comes before the crafted part: scheme and host start
	if !strings.Contains(pre, "://") {
		if !strings.HasPrefix("https://", pre) {
			return nil // no scheme a browser sends starts the origin
		}
		base = "https://" // the "*" covers the scheme: *example.com
	}
	out := hostLeaks(base, suf)
	if !strings.Contains(pre, "://") && strings.HasPrefix("http://", pre) {
		// The "*" covers the scheme, so it admits http: *.example.com.
		hint := fmt.Sprintf("write the scheme: %q", "https://*"+suf)
		out = append(out, originLeak{origin: "http://" + suf, why: "plain http", hint: hint},
			originLeak{origin: "http://www" + suf, why: "plain http", hint: hint})
	}
	return out
}

// hostLeaks crafts origins of other sites for a "*" in the host, base being
// the scheme and the host up to the "*". A "*" that is a whole label under
// a domain (https://*.example.com, https://*.com) is left alone: what lies
// under a public suffix is origin-public-suffix-wildcard's.
func hostLeaks(base, suf string) []originLeak {
	scheme := base[:strings.Index(base, "://")+3]
	labelStart := base == scheme || strings.HasSuffix(base, ".")
	switch {
	case suf != "" && (isHostByte(suf[0]) || suf[0] == '.' && !labelStart):
		// The "*" is glued to a label: https://*example.com, https://www.ex*.com.
		o := base + "evil" + suf
		if !foreignLabel(o, len(base)) {
			return nil // the label is a subdomain's: https://*-staging.example.com
		}
		if suf[0] == '.' {
			return []originLeak{{origin: o, why: "another domain"}}
		}
		host, _, _ := strings.Cut(suf, ":")
		l := originLeak{origin: o, why: fmt.Sprintf("another domain ending in %q", host)}
		if base == scheme && suf[0] != '-' && suf[0] != '_' && !foreignLabel(base+"evil."+suf, len(base)) {
			l.hint = fmt.Sprintf("for the subdomains of %q write %q", host, base+"*."+suf)
		}
		return []originLeak{l}
	case (suf == "" || suf[0] == ':') && base != scheme:
		// The "*" ends the host: https://example.com*, https://www.example.*.
		l := originLeak{origin: base + ".evil.net" + suf, why: fmt.Sprintf("any host starting with %q", base[len(scheme):])}
		if strings.HasSuffix(base, ".") {
			l.origin = base + "evil.net" + suf
		} else if suf == "" {
			l.hint = fmt.Sprintf("for any port write %q", base+":*")
		}
		return []originLeak{l}
	}
	return nil
}

// isHostByte reports whether b can be part of a host name label.
func isHostByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'
}

// browserOrigin reports whether a browser can send origin: a serialized
// origin whose host labels are not empty and neither start nor end with a
// hyphen.
func browserOrigin(origin string) bool {
	if ok, _ := simulate.CheckSerializedOrigin(origin); !ok || origin == "null" {
		return false
	}
	return !slices.ContainsFunc(strings.Split(simulate.SplitOrigin(origin).Host, "."), func(l string) bool {
		return l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-")
	})
}

// foreignLabel reports whether the host label of origin that contains byte
// at lies within the registrable domain (the part anyone can register,
// estimated without the public suffix list): a different site, not a
// subdomain of the intended one.
func foreignLabel(origin string, at int) bool {
	o := simulate.SplitOrigin(origin)
	host, start := o.Host, len(o.Lead)+len(o.Scheme)+len("://")
	labels := strings.Split(host, ".")
	k := strings.Count(origin[start:at], ".")
	return k >= len(labels)-registrableLabels(host, labels)
}

// sharedSuffixes are domains under which anyone can get a subdomain
// (hosting services), so their registrable domains have one label more.
var sharedSuffixes = []string{
	"appspot.com", "azurewebsites.net", "blogspot.com", "cloudfront.net", "firebaseapp.com", "github.io",
	"gitlab.io", "herokuapp.com", "netlify.app", "pages.dev", "s3.amazonaws.com", "vercel.app", "web.app",
	"workers.dev",
}

// countrySecondLevels are second-level labels under which country code
// domains register names: example.co.uk, example.com.au.
var countrySecondLevels = []string{"ac", "co", "com", "edu", "go", "gov", "ne", "net", "or", "org"}

// registrableLabels estimates how many labels at the end of host form its
// registrable domain: two, three under a country second level or one more
// than a shared suffix.
func registrableLabels(host string, labels []string) int {
	for _, s := range sharedSuffixes {
		if strings.HasSuffix("."+host, "."+s) {
			return strings.Count(s, ".") + 2
		}
	}
	n := len(labels)
	if n >= 3 && len(labels[n-1]) == 2 && slices.Contains(countrySecondLevels, labels[n-2]) {
		return 3
	}
	return 2
}
