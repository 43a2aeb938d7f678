package simulate

import (
	"slices"
	"strings"
)

// forbiddenRequestHeaders are the headers a script cannot set (Fetch
// "forbidden request-header"); names starting with "proxy-" or "sec-" too.
var forbiddenRequestHeaders = []string{
	"accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
	"connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
	"origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
}

func isForbiddenRequestHeader(name string) bool {
	n := strings.ToLower(name)
	return slices.Contains(forbiddenRequestHeaders, n) || strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-")
}

// safelistedMethod reports whether a method needs no preflight by itself.
func safelistedMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "POST" }

// normalizeMethod upper-cases the methods Fetch normalizes (DELETE, GET,
// HEAD, OPTIONS, POST, PUT, in any case) and keeps any other as written.
func normalizeMethod(m string) string {
	for _, n := range []string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"} {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// unsafeHeaderNames returns the lower-cased, de-duplicated names of the
// CORS-unsafe request headers among hs (Fetch "CORS-unsafe request-header
// names"): every name that is not a safelisted header with a safelisted
// value, and every safelisted one when their values together exceed 1024
// bytes. Browsers sort them; keepOrder keeps the order of hs instead.
func unsafeHeaderNames(hs []Field, keepOrder bool) []string {
	var unsafe []string
	total := 0
	for _, h := range hs {
		if safelistedRequestHeader(h.Name, h.Value) {
			total += len(h.Value)
		} else {
			unsafe = append(unsafe, strings.ToLower(h.Name))
		}
	}
	if total > 1024 {
		for _, h := range hs {
			unsafe = append(unsafe, strings.ToLower(h.Name))
		}
	}
	if !keepOrder {
		slices.Sort(unsafe)
		return slices.Compact(unsafe)
	}
	var out []string
	for _, n := range unsafe {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// safelistedRequestHeader implements Fetch's "CORS-safelisted
// request-header" for one name and value. A header given without a value
// is taken as unsafe: its value decides, and none is known.
func safelistedRequestHeader(name, value string) bool {
	if value == "" || len(value) > 128 {
		return false
	}
	switch strings.ToLower(name) {
	case "accept":
		return !strings.ContainsFunc(value, unsafeRequestByte)
	case "accept-language", "content-language":
		return !strings.ContainsFunc(value, func(r rune) bool {
			return !(isAlnum(r) || strings.ContainsRune(" *,-.;=", r))
		})
	case "content-type":
		if strings.ContainsFunc(value, unsafeRequestByte) {
			return false
		}
		essence := strings.ToLower(strings.TrimSpace(strings.SplitN(value, ";", 2)[0]))
		return essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data" || essence == "text/plain"
	case "range":
		return simpleRange(value)
	}
	return false
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// unsafeRequestByte is Fetch's "CORS-unsafe request-header byte".
func unsafeRequestByte(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7F || strings.ContainsRune(`"():<>?@[\]{}`, r)
}

// simpleRange accepts "bytes=N-" and "bytes=N-M" with N <= M.
func simpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	first, last, ok := strings.Cut(rest, "-")
	if !ok || first == "" || !allDigits(first) || (last != "" && !allDigits(last)) {
		return false
	}
	return last == "" || len(first) < len(last) || (len(first) == len(last) && first <= last)
}

func allDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// safelistedResponseHeaders are readable by JavaScript without exposure
// (Fetch "CORS-safelisted response-header name").
var safelistedResponseHeaders = []string{"Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma"}

// s3ResponseHeaders are the headers S3 typically sends on a successful
// object operation, by method, besides CORS headers: what a page may want
// to read. (x-amz-version-id joins them on versioned buckets.)
var s3ResponseHeaders = map[string][]string{
	"GET":    {"Accept-Ranges", "Content-Length", "Content-Type", "Date", "ETag", "Last-Modified", "Server", "x-amz-id-2", "x-amz-request-id", "x-amz-server-side-encryption"},
	"HEAD":   {"Accept-Ranges", "Content-Length", "Content-Type", "Date", "ETag", "Last-Modified", "Server", "x-amz-id-2", "x-amz-request-id", "x-amz-server-side-encryption"},
	"PUT":    {"Content-Length", "Date", "ETag", "Server", "x-amz-id-2", "x-amz-request-id", "x-amz-server-side-encryption"},
	"POST":   {"Date", "ETag", "Location", "Server", "x-amz-id-2", "x-amz-request-id", "x-amz-server-side-encryption"},
	"DELETE": {"Date", "Server", "x-amz-id-2", "x-amz-request-id"},
}

// ResponseHeaders returns the headers S3 typically sends, besides CORS
// headers and Vary, on a successful object operation with method (GET,
// HEAD, PUT, POST or DELETE), in S3's spelling: the headers whose
// readability [Verdict] reports. It returns nil for other methods.
func ResponseHeaders(method string) []string {
	return slices.Clone(s3ResponseHeaders[method])
}

// IsSafelistedResponseHeader reports whether JavaScript can read the
// response header name without Access-Control-Expose-Headers (Fetch
// "CORS-safelisted response-header name"); names compare without case.
func IsSafelistedResponseHeader(name string) bool {
	return slices.ContainsFunc(safelistedResponseHeaders, func(s string) bool { return strings.EqualFold(s, name) })
}

// Readable splits the names of the response headers an endpoint sent
// (besides CORS headers) into those JavaScript can read and those it
// cannot (Fetch: CORS-safelisted response-header names, and the names of
// Access-Control-Expose-Headers expose; "*" there exposes every name, but
// only to requests without credentials).
func Readable(sent []string, expose string, creds Credentials) (read, hidden []string) {
	return readable(sent, expose, creds, false)
}

// readable splits the headers sent (besides CORS headers) into those
// JavaScript can read and those it cannot, given the response's
// Access-Control-Expose-Headers value. "*" there exposes everything, but
// only to requests without credentials. With model set, sent stands for
// what S3 typically sends, and exposed names outside it are taken as
// readable too, since S3 sends them when the operation has them.
func readable(sent []string, expose string, creds Credentials, model bool) (read, hidden []string) {
	exposed := map[string]bool{}
	all := false
	for name, rest, ok := nextHeader(expose); ok; name, rest, ok = nextHeader(rest) {
		exposed[strings.ToLower(name)] = true
		all = all || (name == "*" && creds != CredentialsInclude)
	}
	for _, h := range sent {
		if all || exposed[strings.ToLower(h)] || IsSafelistedResponseHeader(h) {
			read = append(read, h)
		} else {
			hidden = append(hidden, h)
		}
	}
	for name, rest, ok := nextHeader(expose); ok && model; name, rest, ok = nextHeader(rest) {
		if name != "*" && !slices.ContainsFunc(read, func(h string) bool { return strings.EqualFold(h, name) }) {
			read = append(read, name) // exposed: readable whenever S3 sends it
		}
	}
	return read, hidden
}

// nonCORSHeaders returns the names of fs that are neither CORS response
// headers nor Vary, each once, in order.
func nonCORSHeaders(fs Fields) []string {
	var out []string
	for _, f := range fs {
		n := strings.ToLower(f.Name)
		if strings.HasPrefix(n, "access-control-") || n == "vary" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, f.Name) }) {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}
