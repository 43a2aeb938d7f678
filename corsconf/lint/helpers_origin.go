package lint

import (
	"net/netip"
	"strings"
	"unicode"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// cutOrigin cuts the AllowedOrigin v, trimmed of surrounding whitespace,
// with simulate.SplitOrigin, so that Lead and Trail are empty. ok is
// false for the values that one rule alone reports, so that the others
// leave them be: blank ones (origin-empty), "null" in any case
// (origin-null), whitespace inside (origin-whitespace), and "*" alone (any
// origin) or with more "*" (S3 rejects those).
func cutOrigin(v string) (o simulate.OriginParts, ok bool) {
	t := strings.TrimSpace(v)
	if t == "" || t == "*" || strings.EqualFold(t, "null") || strings.ContainsFunc(t, unicode.IsSpace) || strings.Count(t, "*") > 1 {
		return o, false
	}
	// t has no whitespace left, so SplitOrigin finds no Lead or Trail.
	return simulate.SplitOrigin(t), true
}

// withScheme returns the browser form of o (see
// simulate.OriginParts.Serialized) with scheme in place of its own.
func withScheme(o simulate.OriginParts, scheme string) string {
	o.Scheme, o.HasScheme = scheme, true
	return o.Serialized().String()
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
func schemeMissing(o simulate.OriginParts) bool {
	return !o.HasScheme && !originReachable(o.Serialized().String())
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
func suggestOrigin(f *Finding, i, j int, o simulate.OriginParts) {
	if o.Host == "" {
		f.WithHint("write scheme and host, e.g. %q", "https://app.example.com")
		return
	}
	want := o.Serialized().String()
	if _, open := openHostWildcard(want); open || want == "*" || want == "null" {
		f.WithHint("corrected, it would read %q, which lets in sites anyone can set up: list your own origins instead", want)
		return
	}
	f.WithHint("write %q", want).
		WithFix(Edit{Op: EditSet, Rule: i, Field: corsconf.AllowedOriginName, Index: j, Value: want})
}
