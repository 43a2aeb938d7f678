package simulate

import "strings"

// MatchOrigin reports whether origin matches the AllowedOrigin pattern as
// S3 matches it: "*" alone matches any origin; otherwise the pattern is a
// whole-string, case-sensitive glob in which the first "*" matches any run
// of characters, the empty run included, and the rest compares byte for
// byte. Prefix and suffix may not overlap, so "a*a" does not match "a". An
// empty origin matches nothing: S3 does not treat such a request as CORS.
func MatchOrigin(pattern, origin string) bool {
	g := compileGlob(pattern)
	return g.matchOrigin(origin)
}

// MatchHeader reports whether the requested header name matches the
// AllowedHeader pattern: like [MatchOrigin] but compared ASCII
// case-insensitively, since S3 compares header names that way.
func MatchHeader(pattern, name string) bool {
	g := compileGlob(asciiLower(pattern))
	return g.matchHeader(name)
}

// OriginPatternCovers reports whether the AllowedOrigin pattern q matches
// every origin the AllowedOrigin pattern p matches, as [MatchOrigin]
// matches. A literal p is covered when q matches it; a glob p only by a
// glob q (a literal matches one origin, a glob infinitely many), as
// glob.covers decides. Case matters: S3 compares origins byte for byte.
func OriginPatternCovers(q, p string) bool {
	gp := compileGlob(p)
	if gp.literal() {
		return MatchOrigin(q, p)
	}
	return compileGlob(q).covers(gp)
}

// HeaderPatternCovers is [OriginPatternCovers] for AllowedHeader patterns,
// matched as [MatchHeader] matches: without regard to ASCII case. A name n
// matches p when the ASCII-lower-cased n is matched, byte for byte, by the
// ASCII-lower-cased p, so containment is decided on the lower-cased
// patterns. A lower-cased literal has no ASCII upper case, so MatchHeader
// tests exactly whether q matches the names it stands for.
func HeaderPatternCovers(q, p string) bool {
	gp := compileGlob(asciiLower(p))
	if gp.literal() {
		return MatchHeader(q, gp.prefix)
	}
	return compileGlob(asciiLower(q)).covers(gp)
}

// glob is an AllowedOrigin or AllowedHeader pattern split at its first "*".
type glob struct {
	any            bool // the pattern is "*" alone
	star           bool // the pattern has a "*"
	prefix, suffix string
}

func compileGlob(pattern string) glob {
	if pattern == "*" {
		return glob{any: true}
	}
	if i := strings.IndexByte(pattern, '*'); i >= 0 {
		return glob{star: true, prefix: pattern[:i], suffix: pattern[i+1:]}
	}
	return glob{prefix: pattern}
}

// literal reports whether g has no "*": it matches its prefix alone.
func (g glob) literal() bool { return !g.any && !g.star }

// covers reports whether the glob q matches every string the glob p
// matches; p has a "*" ([OriginPatternCovers] tells for a literal p).
//
// A glob P*S matches s when len(s) >= len(P)+len(S), s has prefix P and s
// has suffix S. Claim: P1*S1 is covered by P2*S2 when P1 has prefix P2 and
// S1 has suffix S2. Proof: let s be matched by P1*S1. s has prefix P1,
// which has prefix P2, so s has prefix P2; likewise s has suffix S1, which
// has suffix S2, so s has suffix S2; and len(s) >= len(P1)+len(S1) >=
// len(P2)+len(S2) because len(P1) >= len(P2) and len(S1) >= len(S2). So s
// is matched by P2*S2. (The condition is also necessary: P1+x+S1 is matched
// for every x, and letting x vary shows that P2 can only constrain P1 and
// S2 only S1. Being necessary is not needed for soundness.)
//
// "*" alone is the glob with empty prefix and suffix: it covers every
// glob, and only "*" covers it. matchOrigin lets "*" match any non-empty
// origin rather than any string, but no pattern matches the empty origin,
// so the claim holds for origins too. A literal q never covers a glob p,
// which matches infinitely many strings.
func (q glob) covers(p glob) bool {
	switch {
	case q.any:
		return true
	case p.any:
		return false
	}
	return q.star && strings.HasPrefix(p.prefix, q.prefix) && strings.HasSuffix(p.suffix, q.suffix)
}

func (g *glob) matchOrigin(s string) bool {
	switch {
	case s == "":
		return false
	case g.any:
		return true
	case !g.star:
		return s == g.prefix
	}
	return len(s) >= len(g.prefix)+len(g.suffix) && strings.HasPrefix(s, g.prefix) && strings.HasSuffix(s, g.suffix)
}

// matchHeader compares with a lower-cased pattern, folding ASCII case in s.
func (g *glob) matchHeader(s string) bool {
	switch {
	case g.any:
		return true
	case !g.star:
		return foldEqual(s, g.prefix)
	}
	return len(s) >= len(g.prefix)+len(g.suffix) &&
		foldEqual(s[:len(g.prefix)], g.prefix) && foldEqual(s[len(s)-len(g.suffix):], g.suffix)
}

// foldEqual reports whether s equals lower, a lower-case string, when
// ASCII letters of s are lower-cased. Header names are ASCII tokens.
func foldEqual(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// nextHeader splits the next name off an Access-Control-Request-Headers
// value: S3 splits on ",", trims spaces and tabs and drops empty items.
// It returns ok false when no name is left. It does not allocate.
func nextHeader(list string) (name, rest string, ok bool) {
	for list != "" {
		i := strings.IndexByte(list, ',')
		if i < 0 {
			name, list = list, ""
		} else {
			name, list = list[:i], list[i+1:]
		}
		name = trimSpaceTab(name)
		if name != "" {
			return name, list, true
		}
	}
	return "", "", false
}

// RequestedHeaders returns the names of an Access-Control-Request-Headers
// value as S3 reads them: split on ",", trimmed, empty items dropped,
// lower-cased, in request order.
func RequestedHeaders(list string) []string {
	var names []string
	for name, rest, ok := nextHeader(list); ok; name, rest, ok = nextHeader(rest) {
		names = append(names, asciiLower(name))
	}
	return names
}

// allowHeaders is the Access-Control-Allow-Headers value S3 sends for an
// Access-Control-Request-Headers value: the names lower-cased, joined by
// ", "; "" when there are none.
func allowHeaders(list string) string {
	var b strings.Builder
	for name, rest, ok := nextHeader(list); ok; name, rest, ok = nextHeader(rest) {
		if b.Len() > 0 {
			b.WriteString(", ")
		} else {
			b.Grow(len(list))
		}
		b.WriteString(name)
	}
	return asciiLower(b.String())
}

// asciiLower lower-cases the ASCII letters of s and keeps every other
// byte, valid UTF-8 or not: how S3 lower-cases header names, and browsers
// the scheme and host of an origin. It returns s itself, without
// allocating, when s has no upper-case ASCII letter.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// trimSpaceTab trims spaces and tabs, as S3 does around requested names.
func trimSpaceTab(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
