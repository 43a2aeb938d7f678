package simulate

import (
	"net/http"
	"strings"
)

// Resource says what a request addresses. It changes only the ResourceType
// element of S3's 403 preflight answers.
type Resource int

// The resources a request can address.
const (
	ResourceObject Resource = iota // an object key: https://bucket.s3.amazonaws.com/key
	ResourceBucket                 // the bucket itself: https://bucket.s3.amazonaws.com/
)

// Request is an HTTP request as S3 receives it: what matters to CORS is the
// method and the Origin, Access-Control-Request-Method and
// Access-Control-Request-Headers headers. Other headers are ignored, as S3
// ignores them (an actual request's own headers are never checked).
type Request struct {
	Method   string      // "OPTIONS" for a preflight, else the operation's method
	Header   http.Header // request headers; keys in canonical form
	Resource Resource
}

// Header names S3 reads and writes.
const (
	HeaderOrigin           = "Origin"
	HeaderRequestMethod    = "Access-Control-Request-Method"
	HeaderRequestHeaders   = "Access-Control-Request-Headers"
	HeaderAllowOrigin      = "Access-Control-Allow-Origin"
	HeaderAllowCredentials = "Access-Control-Allow-Credentials"
	HeaderAllowMethods     = "Access-Control-Allow-Methods"
	HeaderAllowHeaders     = "Access-Control-Allow-Headers"
	HeaderExposeHeaders    = "Access-Control-Expose-Headers"
	HeaderMaxAge           = "Access-Control-Max-Age"
	HeaderVary             = "Vary"
)

// NewPreflight returns the OPTIONS request a browser sends before method,
// with Access-Control-Request-Headers when requestHeaders is not "".
func NewPreflight(origin, method, requestHeaders string) *Request {
	h := http.Header{HeaderOrigin: {origin}, HeaderRequestMethod: {method}}
	if requestHeaders != "" {
		h[HeaderRequestHeaders] = []string{requestHeaders}
	}
	return &Request{Method: http.MethodOptions, Header: h}
}

// get returns the first value of header name (canonical) and whether the
// header is present.
func (r *Request) get(name string) (string, bool) {
	v, ok := r.Header[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// requestHeaders returns Access-Control-Request-Headers, its lines joined
// by "," as HTTP combines repeated header lines.
func (r *Request) requestHeaders() string {
	return strings.Join(r.Header[HeaderRequestHeaders], ",")
}
