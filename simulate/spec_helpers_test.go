package simulate_test

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/simulate"
)

// This file holds what the spec table (spec_test.go) is written with:
// S3's messages and header names, the case type, and the helpers that
// write configurations, request headers, expected headers and errors.

// S3's error messages, verbatim from the specification (section 3.6),
// "evalution" included.
const (
	specMsgNoOrigin   = "Insufficient information. Origin request header needed."
	specMsgNotFound   = "CORSResponse: Bucket not found"
	specMsgNotEnabled = "CORSResponse: CORS is not enabled for this bucket."
	specMsgNotAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
	specMsgNoBucket   = "The specified bucket does not exist"
)

// Response header names and the Vary value (section 3.7).
const (
	acao    = "Access-Control-Allow-Origin"
	acac    = "Access-Control-Allow-Credentials"
	acam    = "Access-Control-Allow-Methods"
	acah    = "Access-Control-Allow-Headers"
	aceh    = "Access-Control-Expose-Headers"
	acma    = "Access-Control-Max-Age"
	vary    = "Vary"
	varyAll = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"
	cl      = "Content-Length"
	ct      = "Content-Type"
	appXML  = "application/xml"
)

// Request header names.
const (
	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
)

// noRule is MatchedRule when no rule produced headers.
const noRule = -1

// bucketState is what the bucket is for CORS.
type bucketState int

const (
	configured bucketState = iota // has the case's configuration
	noConfig                      // exists, no CORS configuration
	missing                       // does not exist
)

// notes is what a case expects of Response.Unverified.
type notes int

const (
	notesNone notes = iota // empty: every part of the answer is recorded
	notesSome              // non-empty: the answer follows a recommendation
	notesAny               // not checked (see the case's comment)
)

type specCase struct {
	name     string
	state    bucketState
	config   string   // compact XML (see cfg, rule), for state configured
	method   string   // the request's own method
	header   []string // request header name, value pairs, in order
	resource simulate.Resource

	status int
	fields simulate.Fields // exact response headers, in order
	err    *simulate.Error
	rule   int // MatchedRule; noRule (-1) when none
	notes  notes
}

// corsXML, corsRule and the element helpers write a CORSConfiguration in compact XML.
func corsXML(rules ...string) string {
	return "<CORSConfiguration>" + strings.Join(rules, "") + "</CORSConfiguration>"
}

func corsRule(elems ...string) string { return "<CORSRule>" + strings.Join(elems, "") + "</CORSRule>" }

func elems(name string, values []string) string {
	var b strings.Builder
	for _, v := range values {
		b.WriteString("<" + name + ">")
		if err := xml.EscapeText(&b, []byte(v)); err != nil {
			panic(err)
		}
		b.WriteString("</" + name + ">")
	}
	return b.String()
}

func ao(v ...string) string { return elems("AllowedOrigin", v) }
func am(v ...string) string { return elems("AllowedMethod", v) }
func ah(v ...string) string { return elems("AllowedHeader", v) }
func eh(v ...string) string { return elems("ExposeHeader", v) }
func maxAge(n int) string   { return elems("MaxAgeSeconds", []string{strconv.Itoa(n)}) }

// hdr builds request headers from name, value pairs.
func hdr(kv ...string) []string { return kv }

// respFields builds expected response headers from name, value pairs.
func respFields(kv ...string) simulate.Fields {
	if len(kv)%2 != 0 {
		panic("respFields: odd number of arguments")
	}
	out := make(simulate.Fields, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		out = append(out, simulate.Field{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

// The expected S3 errors of section 3.6.
func errBadRequest() *simulate.Error {
	return &simulate.Error{Code: "BadRequest", Message: specMsgNoOrigin}
}

func errNotFound() *simulate.Error {
	return &simulate.Error{Code: "AccessForbidden", Message: specMsgNotFound, Method: "OPTIONS", ResourceType: "BUCKET"}
}

func errNotEnabled(method string) *simulate.Error {
	return &simulate.Error{Code: "AccessForbidden", Message: specMsgNotEnabled, Method: method, ResourceType: "BUCKET"}
}

func errNotAllowed(method, resourceType string) *simulate.Error {
	return &simulate.Error{Code: "AccessForbidden", Message: specMsgNotAllowed, Method: method, ResourceType: resourceType}
}

func errNoSuchBucket() *simulate.Error {
	return &simulate.Error{Code: "NoSuchBucket", Message: specMsgNoBucket}
}

var (
	resObject = simulate.ResourceObject
	resBucket = simulate.ResourceBucket
)

// Configurations shared by several cases.
var (
	// cfgStarGet is a rule for any origin and GET.
	cfgStarGet = corsXML(corsRule(ao("*"), am("GET")))
	// cfgAGet is a rule for https://a.com and GET, without AllowedHeader.
	cfgAGet = corsXML(corsRule(ao("https://a.com"), am("GET")))
	// cfgS3Tests is ceph/s3-tests test_cors_origin_response.
	cfgS3Tests = corsXML(
		corsRule(ao("*suffix"), am("GET")),
		corsRule(ao("start*end"), am("GET")),
		corsRule(ao("prefix*"), am("GET")),
		corsRule(ao("*.put"), am("PUT")),
	)
	// cfgWorked is the worked example of section 3.7.
	cfgWorked = `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>` +
		`<AllowedHeader>x-amz-expected-bucket-owner</AllowedHeader>` +
		`<AllowedHeader>x-amz-server-side-encryption-customer-algorithm</AllowedHeader>` +
		`<AllowedHeader>x-AMZ-server-SIDE-encryption</AllowedHeader>` +
		`<AllowedMethod>GET</AllowedMethod>` +
		`<AllowedOrigin>https://localhost:4200</AllowedOrigin>` +
		`<MaxAgeSeconds>3000</MaxAgeSeconds>` +
		`</CORSRule></CORSConfiguration>`
	// cfgAllowAll is every method for any origin and any header.
	cfgAllowAll = corsXML(corsRule(ao("*"), am("GET", "PUT", "HEAD", "POST", "DELETE"), ah("*")))
)

// echoGet is the expected answer to a matched actual request from origin
// under an echoing rule that allows only GET.
func echoGet(origin string) simulate.Fields {
	return respFields(acao, origin, acac, "true", acam, "GET", vary, varyAll)
}
