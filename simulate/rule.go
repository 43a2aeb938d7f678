package simulate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// rule is a CORSRule prepared for evaluation: patterns split once, methods
// as a bit set, and the header values a match produces computed once.
type rule struct {
	id            string
	origins       []glob
	foldedOrigins []glob   // lower-cased, to tell when only case stops a match
	originList    []string // the AllowedOrigin values, as written
	headerList    []string // the AllowedHeader values, as written
	methods       []string // as written, for methods outside the bit set
	methodBits    uint8    // S3's five methods, see methodBit
	headers       []glob   // lower-cased
	anyOrigin     bool     // the origins include the literal "*"
	allowMethods  string   // Access-Control-Allow-Methods
	exposeHeaders string   // Access-Control-Expose-Headers, "" for none
	maxAge        string   // Access-Control-Max-Age, "" when not set
}

func compile(r *corsconf.Rule) rule {
	c := rule{
		id:            r.ID,
		methods:       r.AllowedMethods,
		originList:    r.AllowedOrigins,
		headerList:    r.AllowedHeaders,
		anyOrigin:     slices.Contains(r.AllowedOrigins, "*"),
		allowMethods:  strings.Join(r.AllowedMethods, ", "),
		exposeHeaders: strings.Join(r.ExposeHeaders, ", "),
	}
	for _, o := range r.AllowedOrigins {
		c.origins = append(c.origins, compileGlob(o))
		c.foldedOrigins = append(c.foldedOrigins, compileGlob(strings.ToLower(o)))
	}
	for _, h := range r.AllowedHeaders {
		c.headers = append(c.headers, compileGlob(asciiLower(h)))
	}
	for _, m := range r.AllowedMethods {
		c.methodBits |= methodBit(m)
	}
	if r.MaxAgeSeconds != nil {
		c.maxAge = strconv.Itoa(*r.MaxAgeSeconds)
	}
	return c
}

// methodBit maps S3's methods to a bit; 0 for any other string.
func methodBit(m string) uint8 {
	switch m {
	case "GET":
		return 1
	case "PUT":
		return 2
	case "HEAD":
		return 4
	case "POST":
		return 8
	case "DELETE":
		return 16
	}
	return 0
}

func (r *rule) matchOrigin(origin string) bool {
	for i := range r.origins {
		if r.origins[i].matchOrigin(origin) {
			return true
		}
	}
	return false
}

// matchMethod is exact and case-sensitive: HEAD is not GET, get is not GET.
func (r *rule) matchMethod(method string, bit uint8) bool {
	if bit != 0 {
		return r.methodBits&bit != 0
	}
	return slices.Contains(r.methods, method)
}

// matchHeaders reports whether every requested name matches one of the
// rule's AllowedHeaders; a rule without any matches only requests without
// (or with an empty) Access-Control-Request-Headers.
func (r *rule) matchHeaders(names []string) bool {
	return !slices.ContainsFunc(names, func(n string) bool { return !r.matchHeader(n) })
}

// matchHeaderList is matchHeaders on an Access-Control-Request-Headers value.
func (r *rule) matchHeaderList(list string) bool {
	for name, rest, ok := nextHeader(list); ok; name, rest, ok = nextHeader(rest) {
		if !r.matchHeader(name) {
			return false
		}
	}
	return true
}

func (r *rule) matchHeader(name string) bool {
	for i := range r.headers {
		if r.headers[i].matchHeader(name) {
			return true
		}
	}
	return false
}
