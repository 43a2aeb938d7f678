package simulate

import (
	"net/http"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// S3's error messages for preflights, verbatim ("evalution" is S3's).
const (
	msgNoOrigin      = "Insufficient information. Origin request header needed."
	msgBucketMissing = "CORSResponse: Bucket not found"
	msgNotEnabled    = "CORSResponse: CORS is not enabled for this bucket."
	msgNotAllowed    = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
	msgNoSuchBucket  = "The specified bucket does not exist"
)

// varyValue is the Vary header S3 adds whenever a rule matched.
const varyValue = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

// Notes for answers that no recording of real S3 backs.
const (
	noteNoACRM = "S3's answer to a preflight without Access-Control-Request-Method on a bucket with a CORS configuration is not recorded; " +
		"simulated as no rule matching (403), as the method OPTIONS is in no rule"
	noteBadACRM = "S3's answer to an Access-Control-Request-Method that is not an upper-case S3 method is not recorded; " +
		"simulated as no rule matching"
	noteMaxAgeZero = "S3's Access-Control-Max-Age for MaxAgeSeconds 0 is not recorded; simulated as sent like any other value"
	noteOriginCase = "whether S3 compares origins case-sensitively is not recorded; simulated as case-sensitive, " +
		"as every S3 emulator does: a rule would match if case were ignored"
)

// Evaluate returns S3's answer to req under cfg; a nil cfg is a bucket
// without a CORS configuration. See [Bucket.Evaluate].
func Evaluate(cfg *corsconf.Config, req *Request) Response {
	return NewBucket(cfg).Evaluate(req)
}

// Evaluate returns S3's answer to req: for OPTIONS, S3's own preflight
// answer; for other methods, the CORS headers S3 adds to the operation's
// response. A request is cross-origin for S3 only when it has a non-empty
// Origin header.
func (b *Bucket) Evaluate(req *Request) Response {
	if req.Method == http.MethodOptions {
		return b.preflight(req)
	}
	return b.actual(req)
}

func (b *Bucket) preflight(req *Request) Response {
	origin, _ := req.get(HeaderOrigin)
	acrm, hasACRM := req.get(HeaderRequestMethod)
	switch {
	case origin == "":
		return errorResponse(http.StatusBadRequest, &Error{Code: "BadRequest", Message: msgNoOrigin})
	case b.missing:
		return errorResponse(http.StatusForbidden, &Error{Code: "AccessForbidden", Message: msgBucketMissing, Method: http.MethodOptions, ResourceType: "BUCKET"})
	case !b.configured:
		return errorResponse(http.StatusForbidden, &Error{Code: "AccessForbidden", Message: msgNotEnabled, Method: orOptions(acrm, hasACRM), ResourceType: "BUCKET"})
	}
	method := orOptions(acrm, hasACRM)
	acrh := req.requestHeaders()
	resp := Response{Status: http.StatusOK, MatchedRule: b.Match(origin, method, acrh), Preflight: true}
	if !hasACRM {
		resp.Unverified = append(resp.Unverified, noteNoACRM)
	}
	b.noteNoMatch(&resp, origin, method, acrh, hasACRM)
	if resp.MatchedRule < 0 {
		resp.Status = http.StatusForbidden
		resp.Error = &Error{Code: "AccessForbidden", Message: msgNotAllowed, Method: method, ResourceType: resourceType(req.Resource)}
		resp.Headers = Fields{{"Content-Type", "application/xml"}}
		return resp
	}
	resp.Headers = b.corsHeaders(&resp, origin, acrh)
	resp.Headers = append(resp.Headers, Field{"Content-Length", "0"})
	return resp
}

// operationStatus is the status of a successful object operation: 204 No
// Content for DELETE and for a POST upload (S3's default
// success_action_status), 200 OK otherwise.
func operationStatus(method string) int {
	if method == http.MethodDelete || method == http.MethodPost {
		return http.StatusNoContent
	}
	return http.StatusOK
}

func (b *Bucket) actual(req *Request) Response {
	if b.missing {
		return errorResponse(http.StatusNotFound, &Error{Code: "NoSuchBucket", Message: msgNoSuchBucket})
	}
	resp := Response{Status: operationStatus(req.Method), MatchedRule: -1}
	origin, _ := req.get(HeaderOrigin)
	if origin == "" || !b.configured {
		return resp // not a CORS request for S3, or no configuration: no headers
	}
	// The effective method is Access-Control-Request-Method whenever it is
	// present, on any request, not only on OPTIONS.
	acrm, hasACRM := req.get(HeaderRequestMethod)
	method := req.Method
	if hasACRM {
		method = acrm
	}
	acrh := req.requestHeaders()
	if resp.MatchedRule = b.Match(origin, method, acrh); resp.MatchedRule >= 0 {
		resp.Headers = b.corsHeaders(&resp, origin, acrh)
	}
	b.noteNoMatch(&resp, origin, method, acrh, hasACRM)
	return resp
}

// noteNoMatch adds the unverified notes of a request whose outcome rests
// on an unrecorded behaviour: a requested method that is not an upper-case
// S3 method, or an origin that matches a rule only when case is ignored.
func (b *Bucket) noteNoMatch(resp *Response, origin, method, acrh string, hasACRM bool) {
	if hasACRM && !isS3Method(method) {
		resp.Unverified = append(resp.Unverified, noteBadACRM)
	}
	if resp.MatchedRule < 0 && b.matchFoldedOrigin(origin, method, acrh) {
		resp.Unverified = append(resp.Unverified, noteOriginCase)
	}
}

// matchFoldedOrigin reports whether some rule would match if origins were
// compared without regard to case.
func (b *Bucket) matchFoldedOrigin(origin, method, acrh string) bool {
	lower := strings.ToLower(origin)
	for i := range b.rules {
		r := &b.rules[i]
		if !r.matchMethod(method, methodBit(method)) || !r.matchHeaderList(acrh) {
			continue
		}
		for j := range r.foldedOrigins {
			if r.foldedOrigins[j].matchOrigin(lower) {
				return true
			}
		}
	}
	return false
}

// corsHeaders returns the headers of a match on resp.MatchedRule.
func (b *Bucket) corsHeaders(resp *Response, origin, acrh string) Fields {
	r := &b.rules[resp.MatchedRule]
	h := make(Fields, 0, 8)
	if r.anyOrigin {
		h = append(h, Field{HeaderAllowOrigin, "*"})
	} else {
		h = append(h, Field{HeaderAllowOrigin, origin}, Field{HeaderAllowCredentials, "true"})
	}
	h = append(h, Field{HeaderAllowMethods, r.allowMethods})
	if allow := allowHeaders(acrh); allow != "" {
		h = append(h, Field{HeaderAllowHeaders, allow})
	}
	if r.exposeHeaders != "" {
		h = append(h, Field{HeaderExposeHeaders, r.exposeHeaders})
	}
	if r.maxAge != "" {
		h = append(h, Field{HeaderMaxAge, r.maxAge})
		if r.maxAge == "0" {
			resp.Unverified = append(resp.Unverified, noteMaxAgeZero)
		}
	}
	return append(h, Field{HeaderVary, varyValue})
}

func errorResponse(status int, e *Error) Response {
	return Response{Status: status, Error: e, MatchedRule: -1, Preflight: status != http.StatusNotFound,
		Headers: Fields{{"Content-Type", "application/xml"}}}
}

// orOptions is the Method element of S3's CORS errors: the requested
// method, or OPTIONS when the preflight names none.
func orOptions(acrm string, has bool) string {
	if has {
		return acrm
	}
	return http.MethodOptions
}

func resourceType(r Resource) string {
	if r == ResourceBucket {
		return "BUCKET"
	}
	return "OBJECT"
}

// S3Methods are the methods a CORS rule can allow, in S3's order:
// corsconf.Methods.
var S3Methods = corsconf.Methods

func isS3Method(m string) bool { return slices.Contains(S3Methods, m) }
