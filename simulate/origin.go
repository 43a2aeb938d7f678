package simulate

import (
	"net/url"
	"strings"
)

// OriginOf returns the serialized origin a browser sends for a page at
// pageURL (Fetch "serialization of an origin"): lower-case scheme and host,
// the port only when it is not the scheme's default, no path. ok is false
// when pageURL is not an absolute http or https URL with a host.
// Hosts are not converted to punycode: an internationalized host is
// returned as written.
func OriginOf(pageURL string) (origin string, ok bool) {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if port == "" || (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		return scheme + "://" + host, true
	}
	return scheme + "://" + host + ":" + port, true
}

// IsPageURL reports whether s is an http(s) URL with a path (other than a
// lone "/"), a query or a fragment: a page's address rather than an
// origin. An origin with only a trailing slash is not taken for a page: it
// is the classic mistake, and S3 compares it as it is.
func IsPageURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	if sc := strings.ToLower(u.Scheme); sc != "http" && sc != "https" {
		return false
	}
	return (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#")
}
