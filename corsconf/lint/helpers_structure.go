package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// ruleName names rule i in messages: `rule 3`, or `rule 3 (ID "x")` when
// it has an ID. Numbers are 0-based, as in paths.
func ruleName(cfg *corsconf.Config, i int) string {
	if id := cfg.Rules[i].ID; id != "" {
		return fmt.Sprintf("rule %d (ID %q)", i, id)
	}
	return fmt.Sprintf("rule %d", i)
}

// ruleNames names rules, joined by conj ("and", "or"): "rule 0", "rule 0
// or rule 2", "rule 0, rule 1 or rule 2".
func ruleNames(cfg *corsconf.Config, idx []int, conj string) string {
	names := make([]string, len(idx))
	for k, i := range idx {
		names[k] = ruleName(cfg, i)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

// headerKey is the form in which S3 compares header names: lower case, as
// simulate lower-cases AllowedHeader patterns.
func headerKey(h string) string { return strings.ToLower(h) }

// exact is the key of values compared byte for byte (origins, methods).
func exact(s string) string { return s }

// sameSet reports whether a and b hold the same values once mapped by key,
// whatever their order and repeats.
func sameSet(a, b []string, key func(string) string) bool {
	return subset(a, b, key) && subset(b, a, key)
}

// subset reports whether every value of a, mapped by key, is a value of b.
func subset(a, b []string, key func(string) string) bool {
	for _, x := range a {
		k := key(x)
		if !slices.ContainsFunc(b, func(y string) bool { return key(y) == k }) {
			return false
		}
	}
	return true
}

// sameRule reports whether a and b are the same rule, its ID aside: the
// same origins and methods (byte for byte), allowed and expose headers
// (without case) and MaxAgeSeconds. S3 treats such rules identically, so
// the later one is never used.
func sameRule(a, b *corsconf.Rule) bool {
	return sameSet(a.AllowedOrigins, b.AllowedOrigins, exact) &&
		sameSet(a.AllowedMethods, b.AllowedMethods, exact) &&
		sameSet(a.AllowedHeaders, b.AllowedHeaders, headerKey) &&
		sameSet(a.ExposeHeaders, b.ExposeHeaders, headerKey) &&
		(a.MaxAgeSeconds == nil) == (b.MaxAgeSeconds == nil) &&
		(a.MaxAgeSeconds == nil || *a.MaxAgeSeconds == *b.MaxAgeSeconds)
}

// firstDuplicate returns the index of the first earlier rule that rule i
// repeats (see sameRule), or -1.
func firstDuplicate(cfg *corsconf.Config, i int) int {
	return slices.IndexFunc(cfg.Rules[:i], func(e corsconf.Rule) bool { return sameRule(&e, &cfg.Rules[i]) })
}

// maxPairwiseRules bounds the rules that compare every rule with the
// earlier ones (duplicate-rule, duplicate-id, shadowed-rule): S3 rejects
// more than 100 rules, which validate reports, and comparing every pair of
// a file of a hundred thousand would only make lint slow.
const maxPairwiseRules = 1000

// tooManyForPairs reports whether c's configuration is past that bound.
func tooManyForPairs(c *Context) bool { return len(c.Cfg.Rules) > maxPairwiseRules }
