package simulate_test

import (
	"testing"

	"github.com/s3cors/s3cors/simulate"
)

func TestSplitOrigin(t *testing.T) {
	t.Parallel()
	type P = simulate.OriginParts
	for _, c := range []struct {
		in   string
		want P
	}{
		{"", P{}},
		{"null", P{Host: "null"}},
		{"https://app.example.com", P{Scheme: "https", HasScheme: true, Host: "app.example.com"}},
		{" HTTPS://A.com:443/x?y#z\t\n", P{Lead: " ", Trail: "\t\n", Scheme: "HTTPS", HasScheme: true, Host: "A.com", Port: "443", HasPort: true, Rest: "/x?y#z"}},
		{"a.com/", P{Host: "a.com", Rest: "/"}},
		{"a.com?q", P{Host: "a.com", Rest: "?q"}},
		{"http://a.com:", P{Scheme: "http", HasScheme: true, Host: "a.com", HasPort: true}},
		{"*://*.a.com:*", P{Scheme: "*", HasScheme: true, Host: "*.a.com", Port: "*", HasPort: true}},
		{"http://[::1]:3000", P{Scheme: "http", HasScheme: true, Host: "[::1]", Port: "3000", HasPort: true}},
		{"[::1]", P{Host: "[::1]"}},
		{"http://[::1", P{Scheme: "http", HasScheme: true, Host: "[", Port: ":1", HasPort: true}},
		{"http://user:pw@a.com:1/", P{Scheme: "http", HasScheme: true, Host: "user", Port: "pw@a.com:1", HasPort: true, Rest: "/"}},
		{"a:b:c", P{Host: "a", Port: "b:c", HasPort: true}},
		{"://", P{HasScheme: true}},
		{"https://", P{Scheme: "https", HasScheme: true}},
		{"\v a.com", P{Host: "\v a.com"}}, // only space, tab, CR and LF are whitespace here
		{"https://a b.com", P{Scheme: "https", HasScheme: true, Host: "a b.com"}},
	} {
		got := simulate.SplitOrigin(c.in)
		if got != c.want {
			t.Errorf("SplitOrigin(%q) = %+v, want %+v", c.in, got, c.want)
		}
		if s := got.String(); s != c.in {
			t.Errorf("SplitOrigin(%q).String() = %q", c.in, s)
		}
	}
}
