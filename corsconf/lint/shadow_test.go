package lint_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
	"github.com/s3cors/s3cors/simulate"
)

// TestShadowedRuleProperty checks that shadowed-rule and duplicate-rule
// claim "never used" only when it is true: over random small
// configurations, for every rule either reports, no request built from
// that rule's own values and matched by that rule alone is matched by
// simulate to that rule; an earlier rule always takes it.
func TestShadowedRuleProperty(t *testing.T) {
	const cases = 20000
	rng := rand.New(rand.NewPCG(2024, 11))
	opts := onlyRules("shadowed-rule", "duplicate-rule")
	count := map[string]int{}
	requests := 0
	for n := range cases {
		cfg := randomConfig(rng)
		b := simulate.NewBucket(cfg)
		for _, f := range lint.Lint(corsconf.NewDocument("random", cfg), opts) {
			i := ruleIndexOf(t, f.Path)
			count[f.Rule]++
			r := &cfg.Rules[i]
			alone := simulate.NewBucket(&corsconf.Config{Rules: []corsconf.Rule{*r}})
			for _, q := range requestsFor(rng, r) {
				if alone.Match(q.origin, q.method, q.headers) != 0 {
					continue // the generator made a request the rule does not match (e.g. origin "")
				}
				requests++
				if got := b.Match(q.origin, q.method, q.headers); got < 0 || got >= i {
					t.Fatalf("case %d: %v\nbut origin %q, method %q, headers %q is matched by rule %d\n%s",
						n, f.Diagnostic, q.origin, q.method, q.headers, got, cfg.MarshalS3())
				}
			}
		}
	}
	t.Logf("%d configurations: %d shadowed-rule and %d duplicate-rule findings, %d requests checked",
		cases, count["shadowed-rule"], count["duplicate-rule"], requests)
	if count["shadowed-rule"] < cases/10 || count["duplicate-rule"] == 0 {
		t.Errorf("too few findings exercised: %v", count)
	}
}

// onlyRules returns options that disable every rule but ids.
func onlyRules(ids ...string) lint.Options {
	opts := lint.Options{Disable: map[string]bool{}}
	for _, r := range lint.Rules() {
		opts.Disable[r.ID] = true
	}
	for _, id := range ids {
		delete(opts.Disable, id)
	}
	return opts
}

// ruleIndexOf returns i of a path "CORSRule[i]".
func ruleIndexOf(t *testing.T, path string) int {
	t.Helper()
	s, ok := strings.CutPrefix(path, corsconf.RuleName+"[")
	s, ok2 := strings.CutSuffix(s, "]")
	i, err := strconv.Atoi(s)
	if !ok || !ok2 || err != nil {
		t.Fatalf("finding at %q, not at a rule", path)
	}
	return i
}

// The random configurations use few characters, so that patterns often
// contain one another; upper case letters test header case folding. A
// second "*" (S3 rejects it) is sometimes left in: simulate then treats it
// as a literal character.
const (
	originChars = "aAb."
	headerChars = "aAxX-"
)

func randomConfig(rng *rand.Rand) *corsconf.Config {
	cfg := &corsconf.Config{}
	for range 1 + rng.IntN(5) {
		var r corsconf.Rule
		if len(cfg.Rules) > 0 && rng.IntN(3) == 0 {
			r = narrowed(rng, &cfg.Rules[rng.IntN(len(cfg.Rules))])
		} else {
			r = randomRule(rng)
		}
		cfg.Rules = append(cfg.Rules, r)
	}
	return cfg
}

func randomRule(rng *rand.Rand) corsconf.Rule {
	var r corsconf.Rule
	for range 1 + rng.IntN(2) {
		r.AllowedOrigins = append(r.AllowedOrigins, randomPattern(rng, originChars))
	}
	for _, m := range []string{"GET", "PUT", "HEAD", "get"} {
		if rng.IntN(2) == 0 && (m != "get" || rng.IntN(5) == 0) {
			r.AllowedMethods = append(r.AllowedMethods, m)
		}
	}
	if len(r.AllowedMethods) == 0 {
		r.AllowedMethods = []string{"GET"}
	}
	if rng.IntN(5) < 3 {
		for range 1 + rng.IntN(3) {
			r.AllowedHeaders = append(r.AllowedHeaders, randomPattern(rng, headerChars))
		}
	}
	if rng.IntN(4) == 0 {
		r.ExposeHeaders = []string{"ETag"}
	}
	return r
}

// narrowed returns a rule that matches at most what r matches, often less:
// values dropped, globs made longer. It is where most shadowing comes from.
func narrowed(rng *rand.Rand, r *corsconf.Rule) corsconf.Rule {
	out := r.Clone()
	out.AllowedMethods = keepSome(rng, out.AllowedMethods)
	out.AllowedOrigins = keepSome(rng, out.AllowedOrigins)
	for k, o := range out.AllowedOrigins {
		if i := strings.IndexByte(o, '*'); i >= 0 && rng.IntN(2) == 0 {
			// p*s -> p+x*s or p*x+s, or the literal p+x+s
			x := randomString(rng, originChars, 1+rng.IntN(2))
			switch rng.IntN(3) {
			case 0:
				out.AllowedOrigins[k] = o[:i] + x + o[i:]
			case 1:
				out.AllowedOrigins[k] = o[:i+1] + x + o[i+1:]
			default:
				out.AllowedOrigins[k] = o[:i] + x + o[i+1:]
			}
		}
	}
	if len(out.AllowedHeaders) > 0 && rng.IntN(2) == 0 {
		out.AllowedHeaders = keepSome(rng, out.AllowedHeaders)
	}
	for k, h := range out.AllowedHeaders {
		if rng.IntN(3) == 0 {
			out.AllowedHeaders[k] = flipCase(rng, h)
		}
	}
	if rng.IntN(2) == 0 {
		out.ExposeHeaders = append(out.ExposeHeaders, "x-amz-version-id")
	}
	return out
}

// keepSome returns a non-empty random subset of a non-empty list.
func keepSome(rng *rand.Rand, l []string) []string {
	var out []string
	for _, v := range l {
		if rng.IntN(3) > 0 {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		out = []string{l[rng.IntN(len(l))]}
	}
	return out
}

// randomPattern returns "*", a literal or a glob of up to 3 characters.
func randomPattern(rng *rand.Rand, chars string) string {
	if rng.IntN(8) == 0 {
		return "*"
	}
	s := randomString(rng, chars, rng.IntN(4))
	for range rng.IntN(2) + rng.IntN(8)/7 { // 0 to 2 stars, rarely 2
		i := rng.IntN(len(s) + 1)
		s = s[:i] + "*" + s[i:]
	}
	return s
}

func randomString(rng *rand.Rand, chars string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rng.IntN(len(chars))]
	}
	return string(b)
}

func flipCase(rng *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && rng.IntN(2) == 0 {
			b[i] = c ^ 0x20
		}
	}
	return string(b)
}

type request struct{ origin, method, headers string }

// requestsFor returns requests built from r's own values: each of its
// methods with origins taken from, or generated to match, its
// AllowedOrigins, and Access-Control-Request-Headers values made of
// subsets of names taken from, or generated to match, its AllowedHeaders
// (in any case); no header at all when it has none.
func requestsFor(rng *rand.Rand, r *corsconf.Rule) []request {
	var origins []string
	for _, o := range r.AllowedOrigins {
		origins = append(origins, instances(rng, o, originChars+"c*/")...)
	}
	var names []string
	for _, h := range r.AllowedHeaders {
		for _, n := range instances(rng, h, headerChars+"z*") {
			names = append(names, n, flipCase(rng, n))
		}
	}
	lists := []string{""}
	if len(names) > 0 {
		lists = append(lists, strings.Join(names, ", "))
		for _, n := range names {
			lists = append(lists, n)
		}
		for range 4 {
			var sub []string
			for _, n := range names {
				if rng.IntN(2) == 0 {
					sub = append(sub, n)
				}
			}
			lists = append(lists, strings.Join(sub, ","))
		}
	}
	var out []request
	for _, m := range r.AllowedMethods {
		for _, o := range origins {
			for _, l := range lists {
				out = append(out, request{o, m, l})
			}
		}
	}
	return out
}

// instances returns strings the pattern p matches (as S3 splits it, at its
// first "*"): p itself when it is a literal, else the prefix and suffix
// around fills of 0 to 3 characters from fill.
func instances(rng *rand.Rand, p, fill string) []string {
	i := strings.IndexByte(p, '*')
	if i < 0 {
		return []string{p}
	}
	out := []string{p[:i] + p[i+1:]}
	for k := range 4 {
		out = append(out, p[:i]+randomString(rng, fill, 1+k%3)+p[i+1:])
	}
	return out
}

// TestLargeExampleRules checks that the lint checks near S3's limits
// (too-many-rules, document-near-size-limit) stay silent once
// corsconf.Validate reports the error over the limit.
func TestLargeExampleRules(t *testing.T) {
	t.Run("over-the-limits", func(t *testing.T) {
		cfg := &corsconf.Config{}
		for i := range 101 {
			origins := make([]string, 10)
			for k := range origins {
				origins[k] = fmt.Sprintf("https://customer-%03d-%d.example.com", i, k)
			}
			cfg.Rules = append(cfg.Rules, corsconf.Rule{AllowedOrigins: origins, AllowedMethods: []string{"GET"}})
		}
		doc := corsconf.NewDocument("big", cfg)
		if n := len(cfg.MarshalS3()); n <= corsconf.MaxDocumentSize {
			t.Fatalf("the test configuration is %d bytes, not over the limit", n)
		}
		for _, id := range []string{"too-many-rules", "document-near-size-limit"} {
			if got := findingsOf(lint.Lint(doc, onlyRules(id)), id); len(got) > 0 {
				t.Errorf("lint reports %v where Validate reports the error", got[0].Diagnostic)
			}
		}
		want := map[string]bool{"too-many-rules": false, "document-too-large": false}
		for _, d := range corsconf.Validate(doc) {
			if _, ok := want[d.Rule]; ok {
				want[d.Rule] = true
			}
		}
		for id, ok := range want {
			if !ok {
				t.Errorf("Validate does not report %s", id)
			}
		}
	})
}
