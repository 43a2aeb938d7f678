package lint

import (
	"net/netip"
	"strings"
	"unicode"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// originParts is an AllowedOrigin value, trimmed of surrounding
// whitespace, cut into its parts without judging them: the fields of
// simulate.OriginParts but Lead and Trail, which cutOrigin leaves empty.
type originParts struct {
	scheme    string // before "://"; "" when hasScheme is false
	hasScheme bool
	host      string // an IPv6 host keeps its brackets
	port      string // after the ":" that follows the host
	hasPort   bool
	rest      string // path, query or fragment: from the first "/", "?" or "#" after the host
}

// cutOrigin cuts the AllowedOrigin v with simulate.SplitOrigin. ok is
// false for the values that one rule alone reports, so that the others
// leave them be: blank ones (origin-empty), "null" in any case
// (origin-null), whitespace inside (origin-whitespace), and "*" alone (any
// origin) or with more "*" (S3 rejects those).
func cutOrigin(v string) (o originParts, ok bool) {
	t := strings.TrimSpace(v)
	if t == "" || t == "*" || strings.EqualFold(t, "null") || strings.ContainsFunc(t, unicode.IsSpace) || strings.Count(t, "*") > 1 {
		return o, false
	}
	// t has no whitespace left, so SplitOrigin finds no Lead or Trail.
	p := simulate.SplitOrigin(t)
	return originParts{
		scheme: p.Scheme, hasScheme: p.HasScheme,
		host: p.Host,
		port: p.Port, hasPort: p.HasPort,
		rest: p.Rest,
	}, true
}

// browserForm returns o as a browser would send it: lower-case scheme and
// host, no default port, no path. It keeps a "*" where it was and adds no
// scheme when o has none.
func (o originParts) browserForm() string {
	s := originLower(o.host)
	if o.hasScheme {
		s = originLower(o.scheme) + "://" + s
	}
	if o.hasPort && o.port != originDefaultPort(originLower(o.scheme)) {
		s += ":" + o.port
	}
	return s
}

// withScheme returns the browser form of o with scheme in place of its own.
func (o originParts) withScheme(scheme string) string {
	o.scheme, o.hasScheme = scheme, true
	return o.browserForm()
}

// originDefaultPort is the port browsers leave out of origins of scheme,
// "" when none.
func originDefaultPort(scheme string) string {
	switch scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// originLower lower-cases ASCII letters only, as browsers do when they
// serialize an origin.
func originLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isLocalHost reports whether host (lower case, possibly a glob) names
// the developer's own machine, which no one on the network can pose as:
// localhost and its subdomains, a loopback address (127.0.0.0/8, [::1]),
// or the unspecified address (0.0.0.0, [::]), which reaches the local
// machine too.
func isLocalHost(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return err == nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// schemeMissing reports whether origin-no-scheme reports o: it has no
// scheme, and no leading "*" stands for one. The rules that find other
// mistakes in the value leave it be: the hint of origin-no-scheme
// corrects them all.
func schemeMissing(o originParts) bool {
	return !o.hasScheme && !originReachable(o.browserForm())
}

// originReachable reports whether S3 matches the AllowedOrigin v, as
// written, against some origin a browser sends. The probe is v with its
// "*" replaced by "1" ("https://" before it when v has no scheme): it must
// be a serialized origin, and v must match it.
func originReachable(v string) bool {
	probe := strings.Replace(v, "*", "1", 1)
	if !strings.Contains(probe, "://") {
		probe = "https://" + probe
	}
	ok, _ := simulate.CheckSerializedOrigin(probe)
	return ok && simulate.MatchOrigin(v, probe)
}

// suggestOrigin gives f, a finding about AllowedOrigin j of rule i, the
// hint to write the browser form of o and the fix that writes it, unless
// o has no host or that form would let in more than the user can mean:
// "*", "null" or a wildcard over hosts anyone can own. Every origin rule
// that fixes writes this browser form, so that the fixes of several
// findings on one value are the same edit.
func suggestOrigin(f *Finding, i, j int, o originParts) {
	if o.host == "" {
		f.WithHint("write scheme and host, e.g. %q", "https://app.example.com")
		return
	}
	want := o.browserForm()
	if _, open := openHostWildcard(want); open || want == "*" || want == "null" {
		f.WithHint("corrected, it would read %q, which lets in sites anyone can set up: list your own origins instead", want)
		return
	}
	f.WithHint("write %q", want).
		WithFix(Edit{Op: EditSet, Rule: i, Field: corsconf.AllowedOriginName, Index: j, Value: want})
}
