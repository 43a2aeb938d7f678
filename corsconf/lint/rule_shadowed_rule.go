package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

var ruleShadowedRule = &Rule{
	ID:       "shadowed-rule",
	Severity: corsconf.SeverityWarning,
	Summary:  "earlier rules match every request a rule matches, so S3 never uses it",
	Rationale: "S3 uses the first rule whose origin, method and requested headers all match, and that " +
		"rule alone makes the answer. A rule whose every request is already matched by earlier rules " +
		"is dead: its ExposeHeader and MaxAgeSeconds are never sent, which is how an ETag that was " +
		"\"exposed\" stays unreadable. Usually the broader rule was meant to come last. The check " +
		"proves coverage with S3's matching: for each method and origin of the rule, one earlier rule " +
		"must allow that method, an origin pattern matching everything the origin matches, and every " +
		"header the rule allows. Coverage that needs several earlier rules for one request's headers " +
		"is not reported. An exact repeat of an earlier rule is reported by duplicate-rule instead.",
	Bad: `<CORSRule>
  <AllowedOrigin>https://*.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>
<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <ExposeHeader>ETag</ExposeHeader>
</CORSRule>`,
	Good: `<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <ExposeHeader>ETag</ExposeHeader>
</CORSRule>
<CORSRule>
  <AllowedOrigin>https://*.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	check: func(c *Context) {
		if tooManyForPairs(c) {
			return
		}
		for i := range c.Cfg.Rules {
			if firstDuplicate(c.Cfg, i) >= 0 {
				continue // duplicate-rule
			}
			by := shadowers(c.Cfg, i)
			if by == nil {
				continue
			}
			c.Report(corsconf.RulePath(i), "%s is never used: every request it matches is matched first by %s",
				ruleName(c.Cfg, i), ruleNames(c.Cfg, by, "or")).
				WithHint("remove it, or move it before %s if it was meant to take precedence", ruleName(c.Cfg, by[0]))
		}
	},
}

// shadowers returns the earlier rules that together match every request
// rule i matches, in order, or nil when that cannot be proved.
//
// Rule i matches a request when the method is one of its methods, the
// origin matches one of its origins and every requested header matches one
// of its AllowedHeaders. It is shadowed when, for each of its methods m and
// origins o, one earlier rule allows m, has an origin matching every origin
// o matches, and covers every AllowedHeader of rule i (see
// [coversHeaders]): any request rule i matches has such an m and o, and
// then that earlier rule matches it too, so S3 stops there. Different
// (m, o) pairs may be covered by different earlier rules, but the headers
// of one request must all be covered by the one rule covering its pair:
// coverage by a union of rules for headers is ignored (sound, not
// complete).
func shadowers(cfg *corsconf.Config, i int) []int {
	r := &cfg.Rules[i]
	if len(r.AllowedOrigins) == 0 || len(r.AllowedMethods) == 0 {
		return nil // S3 rejects it; nothing is shadowed vacuously
	}
	// Whether an earlier rule covers rule i's headers does not depend on
	// the method and origin: decide it once per rule, and only for rules
	// that allow the method and cover the origin (the cheap tests).
	candidates := make([]int8, i) // 0 undecided, 1 covers, -1 does not
	var by []int
	for _, m := range r.AllowedMethods {
		for _, o := range r.AllowedOrigins {
			j := coveringRule(cfg, candidates, m, o)
			if j < 0 {
				return nil
			}
			if !slices.Contains(by, j) {
				by = append(by, j)
			}
		}
	}
	slices.Sort(by)
	return by
}

// coveringRule returns the first earlier rule j that allows method m, has
// an origin covering the origin pattern o and covers the headers of rule
// len(candidates), deciding candidates[j] when first needed; -1 if none.
func coveringRule(cfg *corsconf.Config, candidates []int8, m, o string) int {
	headers := cfg.Rules[len(candidates)].AllowedHeaders
	for j := range candidates {
		e := &cfg.Rules[j]
		if candidates[j] < 0 || !slices.Contains(e.AllowedMethods, m) ||
			!slices.ContainsFunc(e.AllowedOrigins, func(q string) bool { return simulate.OriginPatternCovers(q, o) }) {
			continue
		}
		if candidates[j] == 0 {
			candidates[j] = -1
			if coversHeaders(e.AllowedHeaders, headers) {
				candidates[j] = 1
			}
		}
		if candidates[j] > 0 {
			return j
		}
	}
	return -1
}

// coversHeaders reports whether the AllowedHeaders of an earlier rule,
// earlier, allow every header name the AllowedHeaders hs allow: each
// pattern of hs is covered by one pattern of earlier (an earlier "*"
// covers them all). When hs is empty, the rule matches only requests
// without requested headers, which every rule matches.
func coversHeaders(earlier, hs []string) bool {
	for _, h := range hs {
		if !slices.ContainsFunc(earlier, func(q string) bool { return simulate.HeaderPatternCovers(q, h) }) {
			return false
		}
	}
	return true
}
