package simulate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// CheckSerializedOrigin reports whether s is a serialized origin as browsers
// send it (lower-case scheme and host, no path, no trailing slash, no default
// port, or "null"), and if not, why: a short phrase such as "it has a path",
// "it has a trailing slash", "it has upper-case letters", "it names the
// default port :443" or "it has no scheme". Only the first problem found is
// named. Hosts are expected in ASCII, as browsers send them (punycode).
func CheckSerializedOrigin(s string) (ok bool, why string) {
	if s == "null" {
		return true, ""
	}
	if why = originProblem(s); why != "" {
		return false, why
	}
	return true, ""
}

func originProblem(s string) string {
	o := SplitOrigin(s)
	switch {
	case s == "":
		return "it is empty"
	case o.Lead != "" || o.Trail != "":
		return "it has surrounding whitespace"
	case strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }):
		return "it has non-ASCII characters"
	case !o.HasScheme:
		return "it has no scheme"
	case !validScheme(strings.ToLower(o.Scheme)):
		return "it has an invalid scheme"
	case hasUpper(o.Scheme) || hasUpper(o.Host):
		return "it has upper-case letters"
	case o.Rest == "/":
		return "it has a trailing slash"
	case strings.HasPrefix(o.Rest, "/"):
		return "it has a path"
	case o.Rest != "":
		return "it has a query or fragment"
	case strings.Contains(o.Host+o.Port, "@"):
		return "it has user information"
	case o.Host == "":
		return "it has no host"
	case !validHost(o.Host):
		return "it has an invalid host"
	case o.HasPort && !validPort(o.Port):
		return "it has an invalid port"
	case o.HasPort && o.Port == defaultPort(o.Scheme):
		return "it names the default port :" + o.Port
	}
	return ""
}

// validScheme checks the URL scheme grammar: a letter, then letters, digits,
// "+", "-" or ".".
func validScheme(s string) bool {
	for i, c := range []byte(s) {
		letter := 'a' <= c && c <= 'z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// validHost accepts a lower-case DNS name or IPv4 address, or an IPv6
// address in brackets.
func validHost(h string) bool {
	if strings.HasPrefix(h, "[") {
		inner, ok := strings.CutSuffix(h[1:], "]")
		return ok && inner != "" && strings.Trim(inner, "0123456789abcdef:.") == ""
	}
	return strings.Trim(h, "abcdefghijklmnopqrstuvwxyz0123456789-._") == ""
}

// validPort accepts a port as browsers serialize it: a decimal number up
// to 65535 without leading zeros.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535 && strconv.Itoa(n) == p
}

func hasUpper(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
}

// An originFix is one change to an AllowedOrigin pattern that brings it
// closer to the request's origin. Each names a common mistake (§5 C1-C3).
type originFix uint16

const (
	fixSpace       originFix = 1 << iota // trim surrounding whitespace
	fixCase                              // lower-case scheme and host
	fixNoScheme                          // add the request's scheme
	fixScheme                            // use the request's scheme (http vs https)
	fixApex                              // "*.example.com" -> "example.com"
	fixDefaultPort                       // drop ":443" or ":80"
	fixPort                              // use the request's port
	fixSlash                             // drop a trailing "/"
	fixPath                              // drop a path, query or fragment
	fixLast        = fixPath
)

// originHints explains why none of patterns matches origin. A pattern is a
// near miss when a few of the fixes above make it match; its hints name the
// fixes it needs, and no others. When the request origin is not one a
// browser sends, patterns are first compared to what a browser would send,
// and a hint says so once. Empty patterns always get a hint. meant reports
// whether some pattern is a near miss, so that the rule was probably
// written for this origin.
func originHints(patterns []string, origin string) (hints []string, meant bool) {
	req := SplitOrigin(origin)
	_, why := CheckSerializedOrigin(origin)
	var viaSerialized bool
	for _, p := range patterns {
		if strings.Trim(p, originSpace) == "" {
			hints = appendNew(hints, fmt.Sprintf("origin pattern %q is empty and matches no origin", p))
			continue
		}
		pat := SplitOrigin(p)
		if bf := browserForm(req, pat); why != "" && bf.String() != origin {
			if fixes, ok := nearMiss(pat, bf); ok {
				meant, viaSerialized = true, true
				hints = appendNew(hints, fixHints(pat, bf, fixes)...)
				continue
			}
		}
		if fixes, ok := nearMiss(pat, req); ok {
			meant = true
			hints = appendNew(hints, fixHints(pat, req, fixes)...)
		}
	}
	if viaSerialized {
		hints = slices.Insert(hints, 0, fmt.Sprintf("request origin %q is not what browsers send: %s", origin, why))
	}
	return hints, meant
}

// browserForm is the origin a browser would send instead of req; a request
// origin without a scheme borrows the pattern's.
func browserForm(req, pat OriginParts) OriginParts {
	if !req.HasScheme && pat.HasScheme && !strings.Contains(pat.Scheme, "*") {
		req.Scheme, req.HasScheme = pat.Scheme, true
	}
	return req.Serialized()
}

// nearMiss returns fixes that make pat match req, none of which can be
// left out, and false when all the fixes that apply do not make it match:
// the pattern is for another origin.
func nearMiss(pat, req OriginParts) (originFix, bool) {
	fixes := applicableFixes(pat, req)
	origin := req.String()
	if !MatchOrigin(applyFixes(pat, req, fixes), origin) {
		return 0, false
	}
	for f := originFix(1); f <= fixLast; f <<= 1 {
		if fixes&f != 0 && MatchOrigin(applyFixes(pat, req, fixes&^f), origin) {
			fixes &^= f
		}
	}
	return fixes, true
}

func applicableFixes(pat, req OriginParts) originFix {
	var f originFix
	if pat.Lead != "" || pat.Trail != "" {
		f |= fixSpace
	}
	if hasUpper(pat.Scheme) || hasUpper(pat.Host) {
		f |= fixCase
	}
	switch {
	case !req.HasScheme:
	case !pat.HasScheme:
		f |= fixNoScheme
	case !strings.Contains(pat.Scheme, "*") && !strings.EqualFold(pat.Scheme, req.Scheme):
		f |= fixScheme
	}
	if strings.HasPrefix(pat.Host, "*.") && strings.EqualFold(pat.Host[2:], req.Host) {
		f |= fixApex
	}
	if pat.HasPort != req.HasPort || pat.Port != req.Port {
		if d := defaultPort(strings.ToLower(req.Scheme)); pat.HasPort && !req.HasPort && d != "" && pat.Port == d {
			f |= fixDefaultPort
		} else {
			f |= fixPort
		}
	}
	switch pat.Rest {
	case "":
	case "/":
		f |= fixSlash
	default:
		f |= fixPath
	}
	return f
}

// applyFixes returns pat changed by fixes, toward req.
func applyFixes(pat, req OriginParts, fixes originFix) string {
	o := pat
	if fixes&fixSpace != 0 {
		o.Lead, o.Trail = "", ""
	}
	if fixes&fixCase != 0 {
		o.Scheme, o.Host = asciiLower(o.Scheme), asciiLower(o.Host)
	}
	if fixes&(fixNoScheme|fixScheme) != 0 {
		o.Scheme, o.HasScheme = req.Scheme, true
	}
	if fixes&fixApex != 0 {
		o.Host = o.Host[2:]
	}
	if fixes&(fixDefaultPort|fixPort) != 0 {
		o.Port, o.HasPort = req.Port, req.HasPort
	}
	if fixes&(fixSlash|fixPath) != 0 {
		o.Rest = ""
	}
	return o.String()
}

// fixHints words fixes, in the order of the originFix constants.
func fixHints(pat, req OriginParts, fixes originFix) []string {
	p, origin := pat.String(), req.String()
	var hints []string
	for f := originFix(1); f <= fixLast; f <<= 1 {
		if fixes&f == 0 {
			continue
		}
		var h string
		switch f {
		case fixSpace:
			h = fmt.Sprintf("origin pattern %q has surrounding whitespace; S3 compares it byte for byte", p)
		case fixCase:
			h = fmt.Sprintf("origin pattern %q has upper-case letters; S3 compares origins case-sensitively and browsers send lower case", p)
		case fixNoScheme:
			h = fmt.Sprintf("origin pattern %q has no scheme; the request origin %q starts with %q", p, origin, req.Scheme+"://")
		case fixScheme:
			h = fmt.Sprintf("origin pattern %q has scheme %q but the request origin %q uses %q", p, pat.Scheme, origin, req.Scheme)
		case fixApex:
			h = fmt.Sprintf("origin pattern %q does not cover the apex %q; add it as its own AllowedOrigin", p, origin)
		case fixDefaultPort:
			h = fmt.Sprintf("origin pattern %q names the default port :%s; browsers never send it", p, pat.Port)
		case fixPort:
			h = portHint(pat, req)
		case fixSlash:
			h = fmt.Sprintf("origin pattern %q has a trailing slash; browsers send origins without one", p)
		case fixPath:
			h = fmt.Sprintf("origin pattern %q has a path; an origin is only scheme, host and port", p)
		}
		hints = append(hints, h)
	}
	return hints
}

// portHint covers a different explicit port, a missing or an extra one, and
// suggests a port glob for local development servers (localhost:3000 vs
// :5173), where any port is the same developer.
func portHint(pat, req OriginParts) string {
	h := fmt.Sprintf("origin pattern %q has %s but the request origin %q has %s",
		pat.String(), portPhrase(pat), req.String(), portPhrase(req))
	if req.HasPort && isLoopback(req.Host) {
		h += fmt.Sprintf("; %q allows any port", req.Scheme+"://"+req.Host+":*")
	}
	return h
}

func portPhrase(o OriginParts) string {
	switch {
	case !o.HasPort:
		return "no port"
	case o.Port == "":
		return "an empty port"
	}
	return "port " + o.Port
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "[::1]"
}

// appendNew appends the hints not already in hints.
func appendNew(hints []string, add ...string) []string {
	for _, h := range add {
		if !slices.Contains(hints, h) {
			hints = append(hints, h)
		}
	}
	return hints
}
