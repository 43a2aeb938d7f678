package simulate_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/s3cors/s3cors/corsconf"
)

// The reference implementations below are written from
// docs/s3-cors-semantics.md section 3.3 and 3.5, independently of match.go:
// a glob is compiled to an anchored regular expression, and checked again
// by brute force over every split of the input.

// latin1 maps each byte of s to the rune of the same value, so that any
// byte string, valid UTF-8 or not, becomes a valid UTF-8 string on which a
// regexp works byte by byte.
func latin1(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// asciiLower lower-cases A-Z only: HTTP field names are ASCII tokens.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// toASCII replaces every non-ASCII byte by '?'.
func toASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= utf8.RuneSelf {
			b[i] = '?'
		}
	}
	return string(b)
}

// refGlob is the reference matcher: pattern "*" matches anything; else the
// first "*" of pattern matches any run of bytes, the empty run included, and
// everything else must be equal (ASCII case folded when fold is set); the
// match spans the whole input.
func refGlob(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = asciiLower(pattern), asciiLower(s)
	}
	if pattern == "*" {
		return true
	}
	expr := `^` + regexp.QuoteMeta(latin1(pattern)) + `$`
	if i := strings.IndexByte(pattern, '*'); i >= 0 {
		expr = `(?s)^` + regexp.QuoteMeta(latin1(pattern[:i])) + `.*` + regexp.QuoteMeta(latin1(pattern[i+1:])) + `$`
	}
	return regexp.MustCompile(expr).MatchString(latin1(s))
}

// bruteGlob is a second reference for refGlob: s matches when it splits
// into head + middle + tail with head and tail equal to the parts of the
// pattern around its first "*". It is cubic; callers keep s short.
func bruteGlob(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = asciiLower(pattern), asciiLower(s)
	}
	if pattern == "*" {
		return true
	}
	i := strings.IndexByte(pattern, '*')
	if i < 0 {
		return pattern == s
	}
	head, tail := pattern[:i], pattern[i+1:]
	for k1 := 0; k1 <= len(s); k1++ {
		for k2 := k1; k2 <= len(s); k2++ {
			if s[:k1] == head && s[k2:] == tail {
				return true
			}
		}
	}
	return false
}

// refNames parses Access-Control-Request-Headers: split on ",", trim
// spaces and tabs, drop empty items.
func refNames(acrh string) []string {
	var names []string
	for _, n := range strings.Split(acrh, ",") {
		if n = strings.Trim(n, " \t"); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// refRuleMatches says whether rule r satisfies origin, method and every
// requested name (section 3.2).
func refRuleMatches(r *corsconf.Rule, origin, method string, names []string) bool {
	if origin == "" { // no browser sends an empty Origin; S3 treats it as absent
		return false
	}
	if !slices.ContainsFunc(r.AllowedOrigins, func(p string) bool { return refGlob(p, origin, false) }) {
		return false
	}
	if !slices.Contains(r.AllowedMethods, method) {
		return false
	}
	for _, n := range names {
		if !slices.ContainsFunc(r.AllowedHeaders, func(p string) bool { return refGlob(p, n, true) }) {
			return false
		}
	}
	return true
}

// TestFuzzReferences checks the fuzz references against the hand-written
// tables, so that a wrong reference cannot hide a wrong matcher.
func TestFuzzReferences(t *testing.T) {
	t.Parallel()
	for _, tc := range matchOriginCases {
		nonEmpty := tc.in != "" // MatchOrigin matches no empty origin; the references are plain globs
		if got := nonEmpty && refGlob(tc.pattern, tc.in, false); got != tc.want {
			t.Errorf("refGlob(%q, %q) = %v, want %v", tc.pattern, tc.in, got, tc.want)
		}
		if got := nonEmpty && bruteGlob(tc.pattern, tc.in, false); got != tc.want {
			t.Errorf("bruteGlob(%q, %q) = %v, want %v", tc.pattern, tc.in, got, tc.want)
		}
	}
	for _, tc := range matchHeaderCases {
		if got := refGlob(tc.pattern, tc.in, true); got != tc.want {
			t.Errorf("refGlob(%q, %q, fold) = %v, want %v", tc.pattern, tc.in, got, tc.want)
		}
	}
	if got, want := refNames(" \tA ,,b\t,"), []string{"A", "b"}; !slices.Equal(got, want) {
		t.Errorf("refNames = %q, want %q", got, want)
	}
}

// refASCIILower lower-cases the ASCII letters of s and keeps every other
// byte, valid UTF-8 or not.
func refASCIILower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
