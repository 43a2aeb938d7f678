package simulate_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// The fuzz targets of the matchers and of Evaluate, checked against the
// reference implementations of fuzz_reference_test.go.

// fuzzConfig builds up to 3 rules: origins, methods and headers each hold
// one line per rule, with values separated by spaces; an empty line is an
// absent list. Bit i of flags gives rule i a MaxAgeSeconds, bit i+3 an
// ExposeHeader.
func fuzzConfig(origins, methods, headers string, flags byte) *corsconf.Config {
	lists := func(s string) [][]string {
		var out [][]string
		for _, line := range strings.SplitN(s, "\n", 3) {
			if line == "" {
				out = append(out, nil)
			} else {
				out = append(out, strings.Split(line, " "))
			}
		}
		return out
	}
	os, ms, hs := lists(origins), lists(methods), lists(headers)
	n := max(len(os), len(ms), len(hs))
	at := func(l [][]string, i int) []string {
		if i < len(l) {
			return l[i]
		}
		return nil
	}
	cfg := &corsconf.Config{Rules: make([]corsconf.Rule, n)}
	for i := range n {
		r := corsconf.Rule{AllowedOrigins: at(os, i), AllowedMethods: at(ms, i), AllowedHeaders: at(hs, i)}
		if flags&(1<<i) != 0 {
			age := int(flags >> 6)
			r.MaxAgeSeconds = &age
		}
		if flags&(1<<(i+3)) != 0 {
			r.ExposeHeaders = []string{"ETag", "x-amz-Request-Id"}
		}
		cfg.Rules[i] = r
	}
	return cfg
}

// unfuzzConfig is the inverse of fuzzConfig, for seeds; ok is false when
// the configuration cannot be written that way.
func unfuzzConfig(cfg *corsconf.Config) (origins, methods, headers string, ok bool) {
	if len(cfg.Rules) == 0 || len(cfg.Rules) > 3 {
		return "", "", "", false
	}
	var o, m, h []string
	for _, r := range cfg.Rules {
		for _, l := range [][]string{r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders} {
			for _, v := range l {
				if v == "" || strings.ContainsAny(v, " \n") {
					return "", "", "", false
				}
			}
		}
		o = append(o, strings.Join(r.AllowedOrigins, " "))
		m = append(m, strings.Join(r.AllowedMethods, " "))
		h = append(h, strings.Join(r.AllowedHeaders, " "))
	}
	return strings.Join(o, "\n"), strings.Join(m, "\n"), strings.Join(h, "\n"), true
}

// specRequestParts returns the Origin, effective method and
// Access-Control-Request-Headers of a spec case.
func specRequestParts(tc *specCase) (origin, method, acrh string) {
	req := specRequest(tc)
	origin = req.Header.Get(hOrigin)
	method = tc.method
	if v, ok := req.Header[hACRM]; ok {
		method = v[0]
	}
	return origin, method, req.Header.Get(hACRH)
}

func FuzzMatch(f *testing.F) {
	for i := range specCases {
		tc := &specCases[i]
		if tc.state != configured {
			continue
		}
		o, m, h, ok := unfuzzConfig(specConfig(f, tc))
		if !ok {
			continue
		}
		origin, method, acrh := specRequestParts(tc)
		f.Add(o, m, h, origin, method, acrh, byte(i))
	}
	f.Add("https://a.com\n*", "GET\nGET PUT", "\n*", "https://a.com", "PUT", "x-amz-date", byte(0xff))
	f.Add("a*a\n*.put", "GET\nPUT", "x-*-id", "a", "GET", "x-request-id,,", byte(0))
	f.Add("*", "GET", "K*", "https://a.com", "GET", "\u212a", byte(1))

	f.Fuzz(func(t *testing.T, origins, methods, headers, origin, method, acrh string, flags byte) {
		// Evaluate takes any header value without panicking.
		rawCfg := fuzzConfig(origins, methods, headers, flags)
		checkEvaluate(t, rawCfg, origin, method, acrh)

		// Header names are ASCII tokens on the wire; the reference folds
		// ASCII case only, so the header inputs are made ASCII here.
		headers, acrh = toASCII(headers), toASCII(acrh)
		if len(origin) > 64 || len(acrh) > 256 {
			t.Skip("long inputs only slow the references down")
		}
		cfg := fuzzConfig(origins, methods, headers, flags)
		got := simulate.NewBucket(cfg).Match(origin, method, acrh)
		names := refNames(acrh)
		want := -1
		for i := range cfg.Rules {
			if refRuleMatches(&cfg.Rules[i], origin, method, names) {
				want = i
				break
			}
		}
		if got != want {
			t.Fatalf("Match(%q, %q, %q) = %d, want %d (the first rule satisfying origin, method and every header)\nrules: %+v",
				origin, method, acrh, got, want, cfg.Rules)
		}
	})
}

// checkEvaluate evaluates requests built from arbitrary values against a
// configured bucket, a bucket without configuration and a missing bucket,
// and checks the properties every answer has.
func checkEvaluate(t *testing.T, cfg *corsconf.Config, origin, method, acrh string) {
	t.Helper()
	type variant struct {
		method string
		header http.Header
	}
	variants := []variant{
		{"OPTIONS", http.Header{hOrigin: {origin}, hACRM: {method}, hACRH: {acrh}}},
		{"OPTIONS", http.Header{hOrigin: {origin}, hACRH: {acrh}}},
		{"OPTIONS", http.Header{hACRM: {method}}},
		{method, http.Header{hOrigin: {origin}, hACRH: {acrh}}},
		{"GET", http.Header{hOrigin: {origin}, hACRM: {method}}},
		{method, http.Header{hOrigin: {origin, acrh}, hACRM: {}, hACRH: {acrh, origin}}},
		{method, nil},
	}
	buckets := []struct {
		name string
		b    *simulate.Bucket
	}{{"configured", simulate.NewBucket(cfg)}, {"no configuration", simulate.NewBucket(nil)}, {"missing", simulate.MissingBucket()}}
	for _, bk := range buckets {
		for _, v := range variants {
			req := &simulate.Request{Method: v.method, Header: v.header}
			resp := bk.b.Evaluate(req)
			checkAnswer(t, bk.name, bk.b, len(cfg.Rules), req, resp)
		}
	}
}

func checkAnswer(t *testing.T, state string, b *simulate.Bucket, nRules int, req *simulate.Request, resp simulate.Response) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s bucket, %s %q: "+format+"\nresponse: %+v", append([]any{state, req.Method, req.Header}, append(args, resp)...)...)
	}
	ok := 200
	if req.Method == http.MethodDelete || req.Method == http.MethodPost {
		ok = 204 // a successful DELETE or POST upload
	}
	switch resp.Status {
	case ok, 400, 403, 404:
	default:
		fail("status %d", resp.Status)
	}
	if (resp.Error != nil) != (resp.Status != ok) {
		fail("error %v with status %d", resp.Error, resp.Status)
	}
	if resp.MatchedRule < -1 || resp.MatchedRule >= nRules || (state != "configured" && resp.MatchedRule != -1) {
		fail("MatchedRule %d of %d rules", resp.MatchedRule, nRules)
	}
	if resp.Preflight != (req.Method == http.MethodOptions) {
		fail("Preflight %v", resp.Preflight)
	}
	first := func(name string) (string, bool) {
		if v := req.Header[name]; len(v) > 0 {
			return v[0], true
		}
		return "", false
	}
	origin, _ := first(hOrigin)
	acrm, hasACRM := first(hACRM)
	acrh := strings.Join(req.Header[hACRH], ",") // repeated lines combine, as HTTP says
	if origin == "" && resp.MatchedRule >= 0 {
		fail("a request without Origin matched")
	}
	if origin == "" && req.Method == http.MethodOptions && resp.Status != 400 {
		fail("OPTIONS without Origin: want 400")
	}
	corsHeaders := 0
	for _, f := range resp.Headers {
		if strings.HasPrefix(f.Name, "Access-Control-") || f.Name == vary {
			corsHeaders++
		}
	}
	if resp.MatchedRule < 0 {
		if corsHeaders > 0 {
			fail("CORS headers without a matched rule")
		}
		return
	}
	effective := req.Method // OPTIONS without ACRM stays OPTIONS
	if hasACRM {
		effective = acrm
	}
	if want := b.Match(origin, effective, acrh); resp.MatchedRule != want {
		fail("MatchedRule %d, Match says %d", resp.MatchedRule, want)
	}
	if resp.Status != ok {
		fail("status %d with a matched rule", resp.Status)
	}
	allowOrigin, _ := resp.Headers.Get(acao)
	if allowOrigin != "*" && allowOrigin != origin {
		fail("%s %q is neither * nor the origin", acao, allowOrigin)
	}
	if v, ok := resp.Headers.Get(acac); ok != (allowOrigin != "*") || (ok && v != "true") {
		fail("%s %q present %v", acac, v, ok)
	}
	if _, ok := resp.Headers.Get(acam); !ok {
		fail("no %s", acam)
	}
	var lower []string
	for _, n := range refNames(acrh) {
		lower = append(lower, refASCIILower(n)) // S3 folds ASCII only; other bytes stay as sent
	}
	if v, ok := resp.Headers.Get(acah); ok != (len(lower) > 0) || v != strings.Join(lower, ", ") {
		fail("%s %q, want %q", acah, v, strings.Join(lower, ", "))
	}
	if v, _ := resp.Headers.Get(vary); v != varyAll {
		fail("Vary %q", v)
	}
}

func FuzzMatchOrigin(f *testing.F) {
	for _, tc := range matchOriginCases {
		f.Add(tc.pattern, tc.in)
	}
	for _, tc := range matchHeaderCases {
		f.Add(tc.pattern, tc.in)
	}
	for i := range specCases {
		tc := &specCases[i]
		if tc.state != configured {
			continue
		}
		origin, _, acrh := specRequestParts(tc)
		for _, r := range specConfig(f, tc).Rules {
			for _, p := range r.AllowedOrigins {
				f.Add(p, origin)
			}
			for _, p := range r.AllowedHeaders {
				for _, n := range refNames(acrh) {
					f.Add(p, n)
				}
			}
		}
	}
	f.Add("*\xff", "\xff\xfe\xff")
	f.Add("a\n*", "a\n\nb")

	f.Fuzz(func(t *testing.T, pattern, origin string) {
		got := simulate.MatchOrigin(pattern, origin)
		if want := origin != "" && refGlob(pattern, origin, false); got != want {
			t.Fatalf("MatchOrigin(%q, %q) = %v, want %v", pattern, origin, got, want)
		}
		if len(origin) <= 64 {
			if want := origin != "" && bruteGlob(pattern, origin, false); got != want {
				t.Fatalf("MatchOrigin(%q, %q) = %v, brute force says %v", pattern, origin, got, want)
			}
		}
		// A pattern always matches itself: "*" is then matched by "*".
		if origin != "" && !simulate.MatchOrigin(origin, origin) {
			t.Fatalf("MatchOrigin(%q, itself) = false", origin)
		}
		// Header patterns: the same glob, ASCII case-insensitive. Header
		// names are ASCII tokens; non-ASCII names are not compared here.
		if isASCII(pattern) && isASCII(origin) {
			got := simulate.MatchHeader(pattern, origin)
			if want := refGlob(pattern, origin, true); got != want {
				t.Fatalf("MatchHeader(%q, %q) = %v, want %v", pattern, origin, got, want)
			}
			if up := strings.ToUpper(origin); simulate.MatchHeader(pattern, up) != got {
				t.Fatalf("MatchHeader(%q, %q) != MatchHeader(%q, %q)", pattern, up, pattern, origin)
			}
		}
	})
}
