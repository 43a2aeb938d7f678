package simulate_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

type globCase struct {
	pattern, in string
	want        bool
}

// matchOriginCases are AllowedOrigin patterns against Origin values
// (docs/s3-cors-semantics.md section 3.3).
var matchOriginCases = []globCase{
	// A lone "*" matches anything.
	{"*", "https://a.com", true},
	{"*", "null", true},
	{"*", "whatever", true},
	{"*", "", false}, // an empty Origin is no Origin: nothing matches it
	// Without "*": byte for byte, no normalisation.
	{"http://www.example.com", "http://www.example.com", true},
	{"http://www.example.com", "https://www.example.com", false},
	{"http://www.example.com", "http://www.example.com:80", false},
	{"http://www.example.com", "http://www.example.com/", false},
	{"http://www.example.com", "http://WWW.example.com", false},
	{"HTTP://www.example.com", "http://www.example.com", false},
	{"http://www.example.com", "http://www.example.co", false},
	{"null", "null", true},
	{"null", "NULL", false},
	{"", "https://a.com", false},
	{"https://exämple.com", "https://exämple.com", true},
	{"https://exämple.com", "https://exa\u0308mple.com", false},
	// One "*" is an anchored glob: [REC] and [SUITE s3-tests].
	{"http://*.origin.com", "http://test.origin.com", true},
	{"http://*.origin.com", "http://test.origin.com/", false},
	{"http://*.origin.com", "http://a.b.origin.com", true},
	{"http://*.origin.com", "https://test.origin.com", false},
	{"*suffix", "foo.suffix", true},
	{"*suffix", "suffix", true},
	{"*suffix", "foo.suffix.get", false},
	{"start*end", "startend", true},
	{"start*end", "start1end", true},
	{"start*end", "start12end", true},
	{"start*end", "0start12end", false},
	{"start*end", "start12end0", false},
	{"prefix*", "prefix", true},
	{"prefix*", "prefix.suffix", true},
	{"prefix*", "bla.prefix", false},
	{"*.put", "foo.put", true},
	{"*.put", "foo.get", false},
	// Zero-width "*" [SUITE Scality].
	{"*.allowedorigin.com", ".allowedorigin.com", true},
	{"http://www.allowedorigin.*", "http://www.allowedorigin.", true},
	{"http://www.allowedorigin.*", "http://www.allowedorigin", false},
	// "*" spans '.', '/' and ':'.
	{"http://localhost:*", "http://localhost:3000", true},
	{"http://localhost:*", "http://localhost:3000/path", true},
	{"https://*", "https://a.b:8443/", true},
	{"https://*", "null", false},
	// Prefix and suffix may not overlap.
	{"a*a", "a", false},
	{"a*a", "aa", true},
	{"a*a", "aba", true},
	{"ab*bc", "abc", false},
	{"ab*bc", "abbc", true},
	// Case is compared exactly around a glob too.
	{"https://*.Example.com", "https://a.example.com", false},
	// Only the first "*" is a glob; the rest compares byte for byte (S3
	// refuses such patterns, but the matcher must not misbehave).
	{"a**", "ab*", true},
	{"a**", "ab", false},
	{"**", "*", true},
	{"**", "", false},
}

func TestMatchOrigin(t *testing.T) {
	t.Parallel()
	for _, tc := range matchOriginCases {
		if got := simulate.MatchOrigin(tc.pattern, tc.in); got != tc.want {
			t.Errorf("MatchOrigin(%q, %q) = %v, want %v", tc.pattern, tc.in, got, tc.want)
		}
	}
}

// matchHeaderCases are AllowedHeader patterns against requested names
// (section 3.5): like origins, but case-insensitive on both sides.
var matchHeaderCases = []globCase{
	{"*", "x-anything", true},
	{"*", "Authorization", true},
	{"content-type", "content-type", true},
	{"content-type", "Content-Type", true},
	{"CONTENT-TYPE", "content-type", true},
	{"x-AMZ-server-SIDE-encryption", "x-amz-server-side-encryption", true},
	{"x-amz-expected-bucket-owner", "x-AMZ-expected-BUCKET-owner", true},
	{"content-type", "content-type2", false},
	{"content-type", "content-typ", false},
	{"content-type", "content-type ", false},
	{"x-amz-*", "x-amz-date", true},
	{"x-amz-*", "X-Amz-Meta-Foo", true},
	{"X-AMZ-*", "x-amz-date", true},
	{"x-amz-*", "x-amz-", true},
	{"x-amz-*", "x-amz", false},
	{"x-amz-*", "content-type", false},
	{"amz-*", "amz-meta-header-test", true},
	{"amz-*", "x-amz-meta-header-test", false},
	{"*-id", "x-request-ID", true},
	{"*-id", "id", false},
	{"x-*-id", "X-Amz-Request-Id", true},
	{"x-*-id", "x-id", false},
	{"x-*-id", "x--id", true},
	{"a*a", "a", false},
	{"a*a", "A", false},
	{"a*a", "aA", true},
}

func TestMatchHeader(t *testing.T) {
	t.Parallel()
	for _, tc := range matchHeaderCases {
		if got := simulate.MatchHeader(tc.pattern, tc.in); got != tc.want {
			t.Errorf("MatchHeader(%q, %q) = %v, want %v", tc.pattern, tc.in, got, tc.want)
		}
	}
}

func TestRequestedHeaders(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"content-type", []string{"content-type"}},
		{"Content-Type", []string{"content-type"}},
		{"content-type,,expires", []string{"content-type", "expires"}},                      // [SUITE Scality]
		{"x-amz-date,x-amz-content-sha256", []string{"x-amz-date", "x-amz-content-sha256"}}, // [REC opt-get-allowed-no-space]
		{"x-AMZ-expected-BUCKET-owner, x-amz-server-side-encryption", []string{"x-amz-expected-bucket-owner", "x-amz-server-side-encryption"}},
		{" \tAuthorization ,\tX-Amz-Date\t", []string{"authorization", "x-amz-date"}},
		{"b, a", []string{"b", "a"}}, // request order kept
		{"a, A", []string{"a", "a"}}, // duplicates kept
		{",", nil},
		{" , ,\t", nil},
		{"a,", []string{"a"}},
		{",a", []string{"a"}},
		{"a b", []string{"a b"}}, // only the ends are trimmed
		{"a\n", []string{"a\n"}}, // only spaces and tabs are trimmed
	} {
		got := simulate.RequestedHeaders(tc.in)
		if !slices.Equal(got, tc.want) {
			t.Errorf("RequestedHeaders(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// benchConfig is a realistic configuration of n rules in which only the
// last one matches benchPreflight: the earlier ones name other sites, with
// exact and wildcard origins.
func benchConfig(n int) *corsconf.Config {
	age := 3000
	cfg := &corsconf.Config{Rules: make([]corsconf.Rule, n)}
	for i := range n - 1 {
		cfg.Rules[i] = corsconf.Rule{
			ID:             fmt.Sprintf("site-%d", i),
			AllowedOrigins: []string{fmt.Sprintf("https://app%d.example.com", i), fmt.Sprintf("https://*.app%d.example.net", i)},
			AllowedMethods: []string{"GET", "HEAD", "PUT"},
			AllowedHeaders: []string{"authorization", "content-type", "x-amz-*"},
			ExposeHeaders:  []string{"ETag", "x-amz-version-id"},
			MaxAgeSeconds:  &age,
		}
	}
	cfg.Rules[n-1] = corsconf.Rule{
		ID:             "upload",
		AllowedOrigins: []string{"https://www.example.org", "https://*.example.org"},
		AllowedMethods: []string{"GET", "PUT", "POST"},
		AllowedHeaders: []string{"Authorization", "Content-Type", "x-amz-*"},
		ExposeHeaders:  []string{"ETag", "x-amz-request-id"},
		MaxAgeSeconds:  &age,
	}
	return cfg
}

const (
	benchOrigin  = "https://static.example.org"
	benchHeaders = "authorization, content-type, x-amz-date"
)

func benchPreflight() *simulate.Request {
	return simulate.NewPreflight(benchOrigin, http.MethodPut, benchHeaders)
}

func TestMatchBenchConfig(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 100} {
		b := simulate.NewBucket(benchConfig(n))
		resp := b.Evaluate(benchPreflight())
		if resp.Status != http.StatusOK || resp.MatchedRule != n-1 {
			t.Errorf("%d rules: Status %d, MatchedRule %d; want 200, %d", n, resp.Status, resp.MatchedRule, n-1)
		}
	}
}

func benchmarkEvaluate(b *testing.B, n int) {
	bucket := simulate.NewBucket(benchConfig(n))
	req := benchPreflight()
	b.ReportAllocs()
	for b.Loop() {
		if resp := bucket.Evaluate(req); resp.MatchedRule != n-1 {
			b.Fatalf("MatchedRule = %d", resp.MatchedRule)
		}
	}
}

func BenchmarkEvaluate10Rules(b *testing.B)  { benchmarkEvaluate(b, 10) }
func BenchmarkEvaluate100Rules(b *testing.B) { benchmarkEvaluate(b, 100) }

func benchmarkMatch(b *testing.B, n int) {
	bucket := simulate.NewBucket(benchConfig(n))
	b.ReportAllocs()
	for b.Loop() {
		if i := bucket.Match(benchOrigin, http.MethodPut, benchHeaders); i != n-1 {
			b.Fatalf("Match = %d", i)
		}
	}
}

func BenchmarkMatch10Rules(b *testing.B)  { benchmarkMatch(b, 10) }
func BenchmarkMatch100Rules(b *testing.B) { benchmarkMatch(b, 100) }

// TestMatchDoesNotAllocate holds Bucket.Match to its documented promise:
// it does not allocate, whether a rule matches or not.
func TestMatchDoesNotAllocate(t *testing.T) {
	for _, n := range []int{1, 10, 100} {
		bucket := simulate.NewBucket(benchConfig(n))
		for _, tc := range []struct{ origin, method, headers string }{
			{benchOrigin, http.MethodPut, benchHeaders},                                    // last rule
			{"https://app0.example.com", http.MethodGet, ""},                               // first rule, no headers
			{"https://a.app0.example.net", http.MethodHead, " X-Amz-Date ,,Authorization"}, // glob origin and header
			{benchOrigin, http.MethodDelete, benchHeaders},                                 // no rule: method
			{benchOrigin, http.MethodPut, "authorization, x-custom"},                       // no rule: header
			{"https://evil.example", http.MethodGet, ""},                                   // no rule: origin
		} {
			allocs := testing.AllocsPerRun(100, func() {
				bucket.Match(tc.origin, tc.method, tc.headers)
			})
			if allocs != 0 {
				t.Errorf("%d rules: Match(%q, %q, %q) allocates %v times per call, want 0", n, tc.origin, tc.method, tc.headers, allocs)
			}
		}
	}
}
