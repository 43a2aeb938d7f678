package simulate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// RuleExplanation says how one rule fared against a request.
type RuleExplanation struct {
	Index         int    // 0-based position in the configuration
	ID            string // the rule's ID, "" when none
	OriginMatch   bool
	MatchedOrigin string // the first AllowedOrigin pattern that matched, "" when none
	MethodMatch   bool
	HeadersMatch  bool
	// UnmatchedHeaders are the requested names (lower-cased, each once, in
	// request order) that no AllowedHeader matches; nil when all match.
	UnmatchedHeaders []string
	Selected         bool // S3 uses this rule (the first that matches all three)
	// Hints name the likely mistakes of a near miss: a rule that does not
	// match, but whose origin matches or nearly matches (a trailing slash,
	// the wrong scheme or port, ...). Each is a short lower-case sentence.
	// Nil for a rule that matches, and for a rule meant for other origins.
	Hints []string
}

// Explain says, for every rule of cfg, whether it matches a request with
// this Origin, effective method and Access-Control-Request-Headers value
// (as S3 evaluates them: see [Bucket.Match]), and for near misses what the
// likely mistake is. It returns nil for a nil cfg.
//
// The matches come from the functions evaluation uses ([MatchOrigin],
// [MatchHeader], [Bucket.Match]), so an explanation never disagrees with
// [Evaluate]. Like [Bucket.Match], Explain does not treat an empty origin
// specially, although S3 evaluates no rule for a request without Origin.
func Explain(cfg *corsconf.Config, origin, method, requestHeaders string) []RuleExplanation {
	if cfg == nil {
		return nil
	}
	return NewBucket(cfg).Explain(origin, method, requestHeaders)
}

// Explain is [Explain] on a prepared bucket; nil for a bucket without
// configuration.
func (b *Bucket) Explain(origin, method, requestHeaders string) []RuleExplanation {
	if !b.configured {
		return nil
	}
	selected := b.Match(origin, method, requestHeaders)
	out := make([]RuleExplanation, len(b.rules))
	specific := false // some rule names this origin other than by "*"
	for i := range b.rules {
		out[i] = explainRule(&b.rules[i], origin, method, requestHeaders)
		out[i].Index, out[i].ID, out[i].Selected = i, b.rules[i].id, i == selected
		named := out[i].OriginMatch && out[i].MatchedOrigin != "*"
		nearMiss := !out[i].OriginMatch && len(out[i].Hints) > 0
		specific = specific || named || nearMiss
	}
	if specific {
		// A rule open to any origin that does not even allow the method is
		// rarely the one meant for this request when another rule names
		// the origin: its hints would only be noise.
		for i := range out {
			if out[i].MatchedOrigin == "*" && !out[i].Selected && !out[i].MethodMatch {
				out[i].Hints = nil
			}
		}
	}
	return out
}

func explainRule(r *rule, origin, method, requestHeaders string) RuleExplanation {
	e := RuleExplanation{
		MethodMatch:      r.matchMethod(method, methodBit(method)),
		HeadersMatch:     r.matchHeaderList(requestHeaders),
		UnmatchedHeaders: unmatchedHeaders(r, requestHeaders),
	}
	for i, p := range r.originList {
		if r.origins[i].matchOrigin(origin) {
			e.OriginMatch, e.MatchedOrigin = true, p
			break
		}
	}
	if e.OriginMatch && e.MethodMatch && e.HeadersMatch {
		return e
	}
	// Method and header hints are only useful for a rule meant for this
	// origin: for a rule written for other sites, "PUT is not allowed" is
	// noise.
	meant := e.OriginMatch
	if !e.OriginMatch {
		e.Hints, meant = originHints(r.originList, origin)
	}
	if !meant {
		return e
	}
	if !e.MethodMatch {
		e.Hints = append(e.Hints, methodHint(r.methods, method))
	}
	if !e.HeadersMatch {
		e.Hints = append(e.Hints, headerHints(r.headerList, e.UnmatchedHeaders)...)
	}
	return e
}

// unmatchedHeaders returns the requested names no AllowedHeader of r
// matches, lower-cased, each once.
func unmatchedHeaders(r *rule, requestHeaders string) []string {
	var out []string
	for name, rest, ok := nextHeader(requestHeaders); ok; name, rest, ok = nextHeader(rest) {
		if r.matchHeader(name) {
			continue
		}
		if name = asciiLower(name); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// methodHint explains why method is not among the rule's allowed methods,
// which S3 compares exactly and case-sensitively (§3.4).
func methodHint(allowed []string, method string) string {
	for _, m := range allowed {
		if m == method || !strings.EqualFold(m, method) {
			continue
		}
		if m != strings.ToUpper(m) {
			return fmt.Sprintf("allowed method %q is not upper case; S3 compares methods case-sensitively and PutBucketCors rejects it: write %q",
				m, strings.ToUpper(m))
		}
		return fmt.Sprintf("method %q is not upper case; S3 compares methods case-sensitively and browsers send %q", method, m)
	}
	switch {
	case method == "HEAD" && slices.Contains(allowed, "GET"):
		return `method "HEAD" is not allowed; "GET" does not cover HEAD in S3: add AllowedMethod "HEAD"`
	case len(allowed) == 0:
		return fmt.Sprintf("method %q is not allowed; the rule allows no method", method)
	}
	return fmt.Sprintf("method %q is not allowed; the rule allows %s", method, quoteList(allowed))
}

// headerGlobs are the prefixes for which several missing names are better
// allowed with one glob than one by one.
var headerGlobs = []string{"x-amz-", "amz-sdk-"}

// headerHints names the requested headers no AllowedHeader matches (§3.5).
func headerHints(allowed, unmatched []string) []string {
	if len(allowed) == 0 {
		return []string{fmt.Sprintf("the rule has no AllowedHeader, so it matches only requests without "+
			"Access-Control-Request-Headers (this one asks for %s)", quoteList(unmatched))}
	}
	var hints []string
	grouped := map[string]bool{}
	for _, name := range unmatched {
		prefix := globPrefix(name)
		if prefix == "" || countPrefix(unmatched, prefix) < 2 {
			hints = append(hints, fmt.Sprintf("requested header %q is not allowed; add AllowedHeader %q", name, name))
			continue
		}
		if !grouped[prefix] {
			grouped[prefix] = true
			names := slices.DeleteFunc(slices.Clone(unmatched), func(n string) bool { return globPrefix(n) != prefix })
			hints = append(hints, fmt.Sprintf("requested headers %s are not allowed; add AllowedHeader %q", quoteList(names), prefix+"*"))
		}
	}
	return hints
}

func globPrefix(name string) string {
	for _, p := range headerGlobs {
		if strings.HasPrefix(name, p) {
			return p
		}
	}
	return ""
}

func countPrefix(names []string, prefix string) int {
	n := 0
	for _, name := range names {
		if strings.HasPrefix(name, prefix) {
			n++
		}
	}
	return n
}

// quoteList returns `"a", "b"`.
func quoteList(vs []string) string {
	var b strings.Builder
	for i, v := range vs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", v)
	}
	return b.String()
}
