package simulate

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// explainRule1 is a configuration of one rule.
func explainRule1(origins, methods, headers []string) *corsconf.Config {
	return &corsconf.Config{Rules: []corsconf.Rule{{AllowedOrigins: origins, AllowedMethods: methods, AllowedHeaders: headers}}}
}

// vals returns its arguments: short literals for the tables.
func vals(vs ...string) []string { return vs }

func TestExplainHints(t *testing.T) {
	t.Parallel()
	get := vals("GET")
	tests := []struct {
		name                     string
		origins, methods, header []string
		origin, method, acrh     string
		want                     []string
	}{
		// Origins (§5 C1-C3).
		{"trailing slash", vals("https://app.example.com/"), get, nil, "https://app.example.com", "GET", "",
			vals(`origin pattern "https://app.example.com/" has a trailing slash; browsers send origins without one`)},
		{"trailing slash after a glob", vals("https://*.example.com/"), get, nil, "https://a.example.com", "GET", "",
			vals(`origin pattern "https://*.example.com/" has a trailing slash; browsers send origins without one`)},
		{"path", vals("https://a.com/app"), get, nil, "https://a.com", "GET", "",
			vals(`origin pattern "https://a.com/app" has a path; an origin is only scheme, host and port`)},
		{"query", vals("https://a.com?x=1"), get, nil, "https://a.com", "GET", "",
			vals(`origin pattern "https://a.com?x=1" has a path; an origin is only scheme, host and port`)},
		{"scheme http for https", vals("http://example.com"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "http://example.com" has scheme "http" but the request origin "https://example.com" uses "https"`)},
		{"scheme https for http", vals("https://*.example.com"), get, nil, "http://a.example.com", "GET", "",
			vals(`origin pattern "https://*.example.com" has scheme "https" but the request origin "http://a.example.com" uses "http"`)},
		{"scheme and host both differ", vals("http://example.com"), get, nil, "https://example.org", "GET", "", nil},
		{"different explicit port", vals("https://example.com:8443"), get, nil, "https://example.com:9443", "GET", "",
			vals(`origin pattern "https://example.com:8443" has port 8443 but the request origin "https://example.com:9443" has port 9443`)},
		{"port in pattern only", vals("https://example.com:8443"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "https://example.com:8443" has port 8443 but the request origin "https://example.com" has no port`)},
		{"default port 443", vals("https://example.com:443"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "https://example.com:443" names the default port :443; browsers never send it`)},
		{"default port 80", vals("http://example.com:80"), get, nil, "http://example.com", "GET", "",
			vals(`origin pattern "http://example.com:80" names the default port :80; browsers never send it`)},
		{"dev server ports", vals("http://localhost:3000"), get, nil, "http://localhost:5173", "GET", "",
			vals(`origin pattern "http://localhost:3000" has port 3000 but the request origin "http://localhost:5173" has port 5173; "http://localhost:*" allows any port`)},
		{"dev server without port", vals("http://127.0.0.1"), get, nil, "http://127.0.0.1:8080", "GET", "",
			vals(`origin pattern "http://127.0.0.1" has no port but the request origin "http://127.0.0.1:8080" has port 8080; "http://127.0.0.1:*" allows any port`)},
		{"port glob needs a port", vals("http://localhost:*"), get, nil, "http://localhost", "GET", "",
			vals(`origin pattern "http://localhost:*" has port * but the request origin "http://localhost" has no port`)},
		{"port and host both differ", vals("http://localhost:3000"), get, nil, "http://127.0.0.1:5173", "GET", "", nil},
		{"upper case host", vals("https://App.Example.com"), get, nil, "https://app.example.com", "GET", "",
			vals(`origin pattern "https://App.Example.com" has upper-case letters; S3 compares origins case-sensitively and browsers send lower case`)},
		{"upper case scheme", vals("HTTPS://app.example.com"), get, nil, "https://app.example.com", "GET", "",
			vals(`origin pattern "HTTPS://app.example.com" has upper-case letters; S3 compares origins case-sensitively and browsers send lower case`)},
		{"upper case path is no hint", vals("https://a.com/App"), get, nil, "https://a.com", "GET", "",
			vals(`origin pattern "https://a.com/App" has a path; an origin is only scheme, host and port`)},
		{"apex", vals("https://*.example.com"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "https://*.example.com" does not cover the apex "https://example.com"; add it as its own AllowedOrigin`)},
		{"whitespace", vals(" https://example.com\t"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern " https://example.com\t" has surrounding whitespace; S3 compares it byte for byte`)},
		{"no scheme", vals("example.com"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "example.com" has no scheme; the request origin "https://example.com" starts with "https://"`)},
		{"no scheme with port", vals("localhost:3000"), get, nil, "http://localhost:3000", "GET", "",
			vals(`origin pattern "localhost:3000" has no scheme; the request origin "http://localhost:3000" starts with "http://"`)},
		{"no scheme and apex", vals("*.example.com"), get, nil, "https://example.com", "GET", "", vals(
			`origin pattern "*.example.com" has no scheme; the request origin "https://example.com" starts with "https://"`,
			`origin pattern "*.example.com" does not cover the apex "https://example.com"; add it as its own AllowedOrigin`)},
		{"empty", vals(""), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "" is empty and matches no origin`)},
		{"blank", vals("  "), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "  " is empty and matches no origin`)},
		{"several mistakes in one pattern", vals(" HTTPS://App.example.com:443/ "), get, nil, "https://app.example.com", "GET", "", vals(
			`origin pattern " HTTPS://App.example.com:443/ " has surrounding whitespace; S3 compares it byte for byte`,
			`origin pattern " HTTPS://App.example.com:443/ " has upper-case letters; S3 compares origins case-sensitively and browsers send lower case`,
			`origin pattern " HTTPS://App.example.com:443/ " names the default port :443; browsers never send it`,
			`origin pattern " HTTPS://App.example.com:443/ " has a trailing slash; browsers send origins without one`)},
		{"only needed fixes", vals("*example.com/"), get, nil, "https://example.com", "GET", "",
			vals(`origin pattern "*example.com/" has a trailing slash; browsers send origins without one`)},
		{"several patterns", vals("https://other.com", "https://app.example.com/", "http://app.example.com"), get, nil, "https://app.example.com", "GET", "", vals(
			`origin pattern "https://app.example.com/" has a trailing slash; browsers send origins without one`,
			`origin pattern "http://app.example.com" has scheme "http" but the request origin "https://app.example.com" uses "https"`)},
		{"unrelated origin", vals("https://other.com"), get, nil, "https://example.com", "GET", "", nil},
		{"null origin", vals("https://example.com"), get, nil, "null", "GET", "", nil},

		// The request origin is not one a browser sends.
		{"request trailing slash", vals("https://example.com"), get, nil, "https://example.com/", "GET", "",
			vals(`request origin "https://example.com/" is not what browsers send: it has a trailing slash`)},
		{"request path", vals("https://example.com"), get, nil, "https://example.com/index.html", "GET", "",
			vals(`request origin "https://example.com/index.html" is not what browsers send: it has a path`)},
		{"request upper case", vals("https://example.com"), get, nil, "HTTPS://Example.COM", "GET", "",
			vals(`request origin "HTTPS://Example.COM" is not what browsers send: it has upper-case letters`)},
		{"request default port", vals("https://example.com"), get, nil, "https://example.com:443", "GET", "",
			vals(`request origin "https://example.com:443" is not what browsers send: it names the default port :443`)},
		{"request without scheme", vals("https://example.com"), get, nil, "example.com", "GET", "",
			vals(`request origin "example.com" is not what browsers send: it has no scheme`)},
		{"request said once", vals("https://example.com", "http://example.com"), get, nil, "https://example.com/", "GET", "", vals(
			`request origin "https://example.com/" is not what browsers send: it has a trailing slash`,
			`origin pattern "http://example.com" has scheme "http" but the request origin "https://example.com" uses "https"`)},
		{"request and pattern both wrong", vals("http://localhost:3000"), get, nil, "http://localhost:5173/", "GET", "", vals(
			`request origin "http://localhost:5173/" is not what browsers send: it has a trailing slash`,
			`origin pattern "http://localhost:3000" has port 3000 but the request origin "http://localhost:5173" has port 5173; "http://localhost:*" allows any port`)},
		{"wrong request, unrelated rule", vals("https://other.com"), get, nil, "https://example.com/", "GET", "", nil},

		// Methods (§3.4, C10, C15).
		{"lower-case method in rule", vals("https://example.com"), vals("get"), nil, "https://example.com", "GET", "",
			vals(`allowed method "get" is not upper case; S3 compares methods case-sensitively and PutBucketCors rejects it: write "GET"`)},
		{"lower-case requested method", vals("https://example.com"), get, nil, "https://example.com", "put", "",
			vals(`method "put" is not allowed; the rule allows "GET"`)},
		{"lower-case request for listed method", vals("https://example.com"), vals("PUT"), nil, "https://example.com", "put", "",
			vals(`method "put" is not upper case; S3 compares methods case-sensitively and browsers send "PUT"`)},
		{"HEAD is not GET", vals("https://example.com"), vals("GET", "PUT"), nil, "https://example.com", "HEAD", "",
			vals(`method "HEAD" is not allowed; "GET" does not cover HEAD in S3: add AllowedMethod "HEAD"`)},
		{"method not listed", vals("https://example.com"), vals("GET", "HEAD"), nil, "https://example.com", "PUT", "",
			vals(`method "PUT" is not allowed; the rule allows "GET", "HEAD"`)},
		{"no method", vals("*"), nil, nil, "https://example.com", "PUT", "",
			vals(`method "PUT" is not allowed; the rule allows no method`)},
		{"preflight without method", vals("*"), get, nil, "https://example.com", "OPTIONS", "",
			vals(`method "OPTIONS" is not allowed; the rule allows "GET"`)},
		{"origin near miss and method", vals("https://app.example.com/"), get, nil, "https://app.example.com", "PUT", "", vals(
			`origin pattern "https://app.example.com/" has a trailing slash; browsers send origins without one`,
			`method "PUT" is not allowed; the rule allows "GET"`)},
		{"unrelated origin hides method", vals("https://other.com"), get, nil, "https://example.com", "PUT", "", nil},

		// Headers (§3.5, C9).
		{"header not allowed", vals("*"), vals("PUT"), vals("content-type"), "https://a.com", "PUT", "Content-Type, X-Foo",
			vals(`requested header "x-foo" is not allowed; add AllowedHeader "x-foo"`)},
		{"one x-amz header", vals("*"), vals("PUT"), vals("content-type"), "https://a.com", "PUT", "x-amz-date",
			vals(`requested header "x-amz-date" is not allowed; add AllowedHeader "x-amz-date"`)},
		{"several x-amz headers", vals("*"), vals("PUT"), vals("content-type"), "https://a.com", "PUT",
			"content-type, x-amz-date, X-Amz-Content-Sha256, x-foo, amz-sdk-request, amz-sdk-invocation-id", vals(
				`requested headers "x-amz-date", "x-amz-content-sha256" are not allowed; add AllowedHeader "x-amz-*"`,
				`requested header "x-foo" is not allowed; add AllowedHeader "x-foo"`,
				`requested headers "amz-sdk-request", "amz-sdk-invocation-id" are not allowed; add AllowedHeader "amz-sdk-*"`)},
		{"no AllowedHeader", vals("*"), vals("PUT"), nil, "https://a.com", "PUT", "content-type,x-amz-date", vals(
			`the rule has no AllowedHeader, so it matches only requests without Access-Control-Request-Headers (this one asks for "content-type", "x-amz-date")`)},
		{"method and headers", vals("https://a.com"), get, vals("x-a"), "https://a.com", "PUT", "x-b", vals(
			`method "PUT" is not allowed; the rule allows "GET"`,
			`requested header "x-b" is not allowed; add AllowedHeader "x-b"`)},

		// Matches get no hints.
		{"match", vals("https://a.com"), get, nil, "https://a.com", "GET", "", nil},
		{"match with empty header list", vals("https://a.com"), get, nil, "https://a.com", "GET", " , ", nil},
		{"match despite odd pattern", vals("https://a.com/", "*"), get, nil, "https://a.com", "GET", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Explain(explainRule1(tt.origins, tt.methods, tt.header), tt.origin, tt.method, tt.acrh)
			if len(got) != 1 {
				t.Fatalf("Explain returned %d explanations, want 1", len(got))
			}
			if !reflect.DeepEqual(got[0].Hints, tt.want) {
				t.Errorf("hints:\n got %q\nwant %q", got[0].Hints, tt.want)
			}
		})
	}
}

func TestExplainFields(t *testing.T) {
	t.Parallel()
	cfg := &corsconf.Config{Rules: []corsconf.Rule{
		{ID: "reads", AllowedOrigins: vals("https://a.com", "https://*.a.com"), AllowedMethods: vals("GET")},
		{AllowedOrigins: vals("https://x.com", "https://*.a.com"), AllowedMethods: vals("PUT"), AllowedHeaders: vals("x-amz-*")},
		{ID: "uploads", AllowedOrigins: vals("*"), AllowedMethods: vals("PUT"), AllowedHeaders: vals("*")},
		{ID: "later", AllowedOrigins: vals("*"), AllowedMethods: vals("PUT"), AllowedHeaders: vals("*")},
	}}
	got := Explain(cfg, "https://b.a.com", "PUT", "x-amz-date, Content-Type, content-type")
	want := []RuleExplanation{
		{Index: 0, ID: "reads", OriginMatch: true, MatchedOrigin: "https://*.a.com", HeadersMatch: false,
			UnmatchedHeaders: vals("x-amz-date", "content-type"), Hints: vals(
				`method "PUT" is not allowed; the rule allows "GET"`,
				`the rule has no AllowedHeader, so it matches only requests without Access-Control-Request-Headers (this one asks for "x-amz-date", "content-type")`)},
		{Index: 1, OriginMatch: true, MatchedOrigin: "https://*.a.com", MethodMatch: true,
			UnmatchedHeaders: vals("content-type"), Hints: vals(`requested header "content-type" is not allowed; add AllowedHeader "content-type"`)},
		{Index: 2, ID: "uploads", OriginMatch: true, MatchedOrigin: "*", MethodMatch: true, HeadersMatch: true, Selected: true},
		{Index: 3, ID: "later", OriginMatch: true, MatchedOrigin: "*", MethodMatch: true, HeadersMatch: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Explain:\n got %+v\nwant %+v", got, want)
	}
	if got := Explain(nil, "https://a.com", "GET", ""); got != nil {
		t.Errorf("Explain(nil) = %+v, want nil", got)
	}
	if got := Explain(&corsconf.Config{}, "https://a.com", "GET", ""); len(got) != 0 {
		t.Errorf("Explain(empty) = %+v, want none", got)
	}
}

// TestExplainSelected checks that Explain agrees with evaluation on every
// combination of a set of configurations and requests.
func TestExplainSelected(t *testing.T) {
	t.Parallel()
	rules := []corsconf.Rule{
		{AllowedOrigins: vals("https://app.example.com"), AllowedMethods: vals("GET", "HEAD")},
		{AllowedOrigins: vals("https://app.example.com/", "http://*.example.com"), AllowedMethods: vals("PUT"), AllowedHeaders: vals("x-amz-*", "content-type")},
		{AllowedOrigins: vals("*"), AllowedMethods: vals("GET")},
		{AllowedOrigins: vals("http://localhost:*"), AllowedMethods: vals("GET", "PUT", "POST", "DELETE", "HEAD"), AllowedHeaders: vals("*")},
		{AllowedOrigins: vals("null", "https://*.example.com"), AllowedMethods: vals("get", "POST"), AllowedHeaders: vals("Authorization")},
		{AllowedOrigins: vals("", " https://a.com"), AllowedMethods: vals("DELETE")},
	}
	var configs []*corsconf.Config
	for i := range rules {
		for j := range rules {
			configs = append(configs, &corsconf.Config{Rules: []corsconf.Rule{rules[i], rules[j]}})
		}
	}
	reversed := slices.Clone(rules)
	slices.Reverse(reversed)
	configs = append(configs, &corsconf.Config{Rules: rules}, &corsconf.Config{Rules: reversed})
	origins := vals("https://app.example.com", "https://app.example.com/", "http://app.example.com", "https://example.com",
		"http://localhost:5173", "http://localhost", "null", "", "https://a.com", "HTTPS://APP.EXAMPLE.COM", "whatever")
	methods := vals("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "get")
	headers := vals("", " , ", "content-type", "x-amz-date, Content-Type", "authorization", "x-foo", "X-AMZ-ACL,,x-amz-date")
	n := 0
	for _, cfg := range configs {
		b := NewBucket(cfg)
		for _, o := range origins {
			for _, m := range methods {
				for _, h := range headers {
					n++
					checkExplanation(t, cfg, o, b.Match(o, m, h), Explain(cfg, o, m, h), fmt.Sprintf("%q %q %q", o, m, h))
				}
			}
		}
	}
	if n < 10000 {
		t.Errorf("only %d combinations checked", n)
	}
}

func checkExplanation(t *testing.T, cfg *corsconf.Config, origin string, match int, es []RuleExplanation, req string) {
	t.Helper()
	if len(es) != len(cfg.Rules) {
		t.Fatalf("%s: %d explanations for %d rules", req, len(es), len(cfg.Rules))
	}
	for i, e := range es {
		all := e.OriginMatch && e.MethodMatch && e.HeadersMatch
		switch {
		case e.Index != i:
			t.Errorf("%s: rule %d has Index %d", req, i, e.Index)
		case e.Selected != (i == match):
			t.Errorf("%s: rule %d Selected %v, Bucket.Match %d", req, i, e.Selected, match)
		case all != (i == match) && (match < 0 || i <= match):
			t.Errorf("%s: rule %d matches %v, Bucket.Match %d", req, i, all, match)
		case all && e.Hints != nil:
			t.Errorf("%s: rule %d matches but has hints %q", req, i, e.Hints)
		case e.HeadersMatch != (len(e.UnmatchedHeaders) == 0):
			t.Errorf("%s: rule %d HeadersMatch %v with unmatched %q", req, i, e.HeadersMatch, e.UnmatchedHeaders)
		case e.OriginMatch && !MatchOrigin(e.MatchedOrigin, origin), !e.OriginMatch && e.MatchedOrigin != "":
			t.Errorf("%s: rule %d OriginMatch %v with MatchedOrigin %q", req, i, e.OriginMatch, e.MatchedOrigin)
		case e.OriginMatch && e.MethodMatch && !all && e.Hints == nil:
			t.Errorf("%s: rule %d fails on headers only without hints", req, i)
		}
	}
}

func TestExplainLooseOriginRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range vals("", "null", " https://a.com:443/x?y#z ", "a.com", "[::1]:80", "http://[::1", "http://[::1]:3000",
		"*://*:*", "https://", "http://user:pw@a.com:1/", "://", ":", "a:b:c", "\thttps://A.com:\n") {
		if got := SplitOrigin(s).String(); got != s {
			t.Errorf("SplitOrigin(%q).String() = %q", s, got)
		}
	}
}

func TestCheckSerializedOrigin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in  string
		ok  bool
		why string
	}{
		{"https://app.example.com", true, ""},
		{"http://localhost:5173", true, ""},
		{"https://example.com:8443", true, ""},
		{"http://127.0.0.1:8080", true, ""},
		{"http://[::1]:3000", true, ""},
		{"chrome-extension://abcdefghijklmnop", true, ""},
		{"https://xn--bcher-kva.example", true, ""},
		{"http://example.com:443", true, ""}, // not http's default port
		{"null", true, ""},
		{"", false, "it is empty"},
		{" https://a.com", false, "it has surrounding whitespace"},
		{"https://a.com\n", false, "it has surrounding whitespace"},
		{"https://bücher.example", false, "it has non-ASCII characters"},
		{"example.com", false, "it has no scheme"},
		{"NULL", false, "it has no scheme"},
		{"1http://a.com", false, "it has an invalid scheme"},
		{"://a.com", false, "it has an invalid scheme"},
		{"HTTPS://a.com", false, "it has upper-case letters"},
		{"https://App.example.com", false, "it has upper-case letters"},
		{"http://[::ABCD]", false, "it has upper-case letters"},
		{"https://a.com/", false, "it has a trailing slash"},
		{"https://a.com/app", false, "it has a path"},
		{"https://a.com:8443/app", false, "it has a path"},
		{"https://a.com?x", false, "it has a query or fragment"},
		{"https://a.com#top", false, "it has a query or fragment"},
		{"https://user@a.com", false, "it has user information"},
		{"https://user:pw@a.com", false, "it has user information"},
		{"https://", false, "it has no host"},
		{"https://:443", false, "it has no host"},
		{"https://*.example.com", false, "it has an invalid host"},
		{"https://a b.com", false, "it has an invalid host"},
		{"http://[::1", false, "it has an invalid host"},
		{"http://a.com:", false, "it has an invalid port"},
		{"http://a.com:*", false, "it has an invalid port"},
		{"http://a.com:080", false, "it has an invalid port"},
		{"http://a.com:65536", false, "it has an invalid port"},
		{"https://a.com:443", false, "it names the default port :443"},
		{"http://a.com:80", false, "it names the default port :80"},
		{"wss://a.com:443", false, "it names the default port :443"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			ok, why := CheckSerializedOrigin(tt.in)
			if ok != tt.ok || why != tt.why {
				t.Errorf("CheckSerializedOrigin(%q) = %v, %q; want %v, %q", tt.in, ok, why, tt.ok, tt.why)
			}
		})
	}
}

// TestCheckSerializedOriginOriginOf checks that the origins browsers send,
// as OriginOf computes them, pass.
func TestCheckSerializedOriginOriginOf(t *testing.T) {
	t.Parallel()
	for _, page := range vals("https://App.Example.com:443/x/y?z", "http://localhost:5173/", "http://[::1]:3000/a", "HTTP://A.COM:80") {
		o, ok := OriginOf(page)
		if !ok {
			t.Fatalf("OriginOf(%q) failed", page)
		}
		if ok, why := CheckSerializedOrigin(o); !ok {
			t.Errorf("CheckSerializedOrigin(%q) = false, %q", o, why)
		}
	}
}

// FuzzExplain checks that Explain agrees with Bucket.Match for any pattern
// and request, never panics, and that SplitOrigin keeps every byte.
func FuzzExplain(f *testing.F) {
	f.Add("https://app.example.com/", "https://app.example.com", "GET", "")
	f.Add(" HTTPS://*.Example.com:443/x ", "https://example.com:443/", "HEAD", "x-amz-date, x-amz-acl")
	f.Add("localhost:*", "http://[::1", "get", ",,")
	f.Add("*", "null", "OPTIONS", "content-type")
	f.Fuzz(func(t *testing.T, pattern, origin, method, acrh string) {
		cfg := &corsconf.Config{Rules: []corsconf.Rule{
			{AllowedOrigins: vals(pattern), AllowedMethods: vals(method, "GET"), AllowedHeaders: vals("x-amz-*")},
			{AllowedOrigins: vals(pattern, "https://"+pattern), AllowedMethods: vals("PUT"), AllowedHeaders: vals(acrh)},
		}}
		es := Explain(cfg, origin, method, acrh)
		checkExplanation(t, cfg, origin, NewBucket(cfg).Match(origin, method, acrh), es, fmt.Sprintf("%q %q %q %q", pattern, origin, method, acrh))
		for _, e := range es {
			for _, h := range e.Hints {
				if h == "" {
					t.Errorf("empty hint in %+v", e)
				}
			}
		}
		if got := SplitOrigin(pattern).String(); got != pattern {
			t.Errorf("SplitOrigin(%q).String() = %q", pattern, got)
		}
	})
}
