package simulate

import "strings"

// OriginParts is an origin or an AllowedOrigin pattern cut into its parts
// by SplitOrigin, without judging them: String returns the input byte for
// byte.
type OriginParts struct {
	// Lead and Trail are the whitespace (spaces, tabs, CR, LF) before and
	// after the value; the other parts come from what lies between them.
	Lead, Trail string
	// Scheme is what comes before "://"; "" when HasScheme is false.
	Scheme    string
	HasScheme bool
	// Host follows the scheme and ends at the port or Rest. An IPv6 host
	// keeps its brackets.
	Host string
	// Port follows the ":" after the host; it may be "" when HasPort is
	// true ("http://a.com:").
	Port    string
	HasPort bool
	// Rest is the path, query or fragment: from the first "/", "?" or "#"
	// after the host.
	Rest string
}

// originSpace is the whitespace SplitOrigin keeps apart in Lead and Trail.
const originSpace = " \t\r\n"

// SplitOrigin cuts s, an origin or an AllowedOrigin pattern written
// loosely (any case, with or without a scheme, a port, a path or
// surrounding whitespace), into its parts. It never fails: a part that is
// missing is empty, and SplitOrigin(s).String() == s.
func SplitOrigin(s string) OriginParts {
	var o OriginParts
	t := strings.TrimLeft(s, originSpace)
	u := strings.TrimRight(t, originSpace)
	o.Lead, o.Trail = s[:len(s)-len(t)], t[len(u):]
	if i := strings.Index(u, "://"); i >= 0 {
		o.Scheme, o.HasScheme, u = u[:i], true, u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u, o.Rest = u[:i], u[i:]
	}
	hostEnd := 0
	if strings.HasPrefix(u, "[") {
		hostEnd = strings.IndexByte(u, ']') + 1
	}
	if i := strings.IndexByte(u[hostEnd:], ':'); i >= 0 {
		o.Host, o.Port, o.HasPort = u[:hostEnd+i], u[hostEnd+i+1:], true
	} else {
		o.Host = u
	}
	return o
}

// String puts the parts of o back together: for the result of SplitOrigin
// it is the value that was split.
func (o OriginParts) String() string {
	var b strings.Builder
	b.WriteString(o.Lead)
	if o.HasScheme {
		b.WriteString(o.Scheme + "://")
	}
	b.WriteString(o.Host)
	if o.HasPort {
		b.WriteString(":" + o.Port)
	}
	b.WriteString(o.Rest + o.Trail)
	return b.String()
}

// Serialized returns o as a browser would send it (Fetch "serialization of
// an origin"): no whitespace, the ASCII letters of scheme and host in lower
// case, no port when it is the scheme's default, no path, query or
// fragment. It adds nothing: a missing scheme stays missing, and a "*"
// stays where it is. Serialized().String() is the browser form of o.
func (o OriginParts) Serialized() OriginParts {
	o.Lead, o.Trail, o.Rest = "", "", ""
	o.Scheme, o.Host = asciiLower(o.Scheme), asciiLower(o.Host)
	if o.HasPort && o.Port == defaultPort(o.Scheme) {
		o.Port, o.HasPort = "", false
	}
	return o
}

// defaultPort is the port browsers leave out of origins of scheme (URL
// standard "special schemes"), "" when none.
func defaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	case "ftp":
		return "21"
	}
	return ""
}
