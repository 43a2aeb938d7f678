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
	g := compileGlob(strings.ToLower(pattern))
	return g.matchHeader(name)
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
		for i := 0; i < len(name); i++ {
			c := name[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

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
