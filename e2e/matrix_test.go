package e2e

import (
	"fmt"
	"strings"
)

// A configuration of the matrix: rules whose origins may name the page
// origins through the placeholders {A}, {B} and {L} (the pages at
// http://127.0.0.1:PORT_A, http://127.0.0.1:PORT_B and
// http://localhost:PORT_L) and their ports {APORT}, {BPORT}, {LPORT}; a
// fourth page, D, is http://127.0.0.2 on port 80.
type matrixConfig struct {
	name  string
	rules []matrixRule
}

type matrixRule struct {
	origins, methods, headers, expose []string
	maxAge                            int
}

// xml writes the configuration with the placeholders replaced.
func (c matrixConfig) xml(r *strings.Replacer) string {
	var b strings.Builder
	b.WriteString("<CORSConfiguration>\n")
	for _, rl := range c.rules {
		b.WriteString("  <CORSRule>\n")
		for _, list := range []struct {
			el     string
			values []string
		}{{"AllowedOrigin", rl.origins}, {"AllowedMethod", rl.methods}, {"AllowedHeader", rl.headers}, {"ExposeHeader", rl.expose}} {
			for _, v := range list.values {
				fmt.Fprintf(&b, "    <%s>%s</%s>\n", list.el, r.Replace(v), list.el)
			}
		}
		if rl.maxAge > 0 {
			fmt.Fprintf(&b, "    <MaxAgeSeconds>%d</MaxAgeSeconds>\n", rl.maxAge)
		}
		b.WriteString("  </CORSRule>\n")
	}
	b.WriteString("</CORSConfiguration>\n")
	return b.String()
}

var (
	allMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}
	getPut     = []string{"GET", "PUT"}
)

// nearMiss is a configuration of one rule that a page's origin almost
// matches, in one of the ways the explanations name.
func nearMiss(name, origin string) matrixConfig {
	return matrixConfig{name: name, rules: []matrixRule{{origins: []string{origin}, methods: getPut, headers: []string{"*"}, expose: []string{"ETag"}}}}
}

// matrixConfigs are the configurations of the matrix.
var matrixConfigs = []matrixConfig{
	{name: "upload", rules: []matrixRule{{origins: []string{"{A}"}, methods: allMethods, headers: []string{"*"}, expose: []string{"ETag"}, maxAge: 3000}}},
	{name: "read-only", rules: []matrixRule{{origins: []string{"{A}"}, methods: []string{"GET", "HEAD"}}}},
	{name: "any-origin", rules: []matrixRule{{origins: []string{"*"}, methods: getPut, headers: []string{"*"}, expose: []string{"ETag", "x-amz-request-id"}}}},
	{name: "amz-headers", rules: []matrixRule{{origins: []string{"{A}"}, methods: getPut, headers: []string{"x-amz-*"}, expose: []string{"x-amz-request-id"}}}},
	{name: "listed-headers", rules: []matrixRule{{origins: []string{"{A}"}, methods: []string{"PUT"}, headers: []string{"x-amz-date", "content-type"}}}},
	{name: "any-port", rules: []matrixRule{{origins: []string{"http://127.0.0.1:*"}, methods: getPut, headers: []string{"x-amz-date"}, expose: []string{"ETag"}}}},
	{name: "two-rules", rules: []matrixRule{
		{origins: []string{"{A}"}, methods: []string{"GET"}},
		{origins: []string{"{A}"}, methods: getPut, headers: []string{"*"}, expose: []string{"ETag"}},
	}},
	{name: "any-http-host", rules: []matrixRule{{origins: []string{"http://*"}, methods: []string{"GET"}, expose: []string{"x-amz-request-id"}}}},
	{name: "second-origin", rules: []matrixRule{{origins: []string{"{B}", "{A}"}, methods: getPut, headers: []string{"x-amz-date", "x-amz-meta-owner"}}}},
	{name: "expose-all", rules: []matrixRule{{origins: []string{"{A}"}, methods: allMethods, headers: []string{"*"},
		expose: []string{"Date", "Server", "ETag", "x-amz-request-id", "x-amz-id-2", "Accept-Ranges", "x-amz-server-side-encryption", "Location", "x-amz-meta-owner"}}}},
	nearMiss("near-trailing-slash", "{A}/"),
	nearMiss("near-scheme", "https://127.0.0.1:{APORT}"),
	nearMiss("near-no-scheme", "127.0.0.1:{APORT}"),
	nearMiss("near-path", "{A}/app"),
	nearMiss("near-port", "http://127.0.0.1:{BPORT}"),
	nearMiss("near-upper-case", "http://LOCALHOST:{LPORT}"),
	nearMiss("near-apex", "http://*.localhost:{LPORT}"),
	nearMiss("near-whitespace", "{A} "),
	nearMiss("near-empty", ""),
	// Page D is http://127.0.0.2, on port 80: browsers leave the default
	// port out of the origin they send.
	nearMiss("near-default-port", "http://127.0.0.2:80"),
	nearMiss("default-port-written-right", "http://127.0.0.2"),
}

// A request a page's script makes.
type matrixRequest struct {
	name        string
	api         string // "fetch" or "xhr"
	method      string
	headers     map[string]string
	credentials string // "omit", "same-origin" or "include"
	body        bool   // send "hello"
	progress    bool   // XHR upload progress listener
}

var (
	getSimple   = matrixRequest{name: "fetch GET", api: "fetch", method: "GET", credentials: "same-origin"}
	getCreds    = matrixRequest{name: "fetch GET credentials", api: "fetch", method: "GET", credentials: "include"}
	getAmz      = matrixRequest{name: "fetch GET x-amz-date", api: "fetch", method: "GET", credentials: "omit", headers: map[string]string{"x-amz-date": "20261127T000000Z"}}
	getAmzCreds = matrixRequest{name: "fetch GET x-amz-date credentials", api: "fetch", method: "GET", credentials: "include", headers: map[string]string{"x-amz-date": "20261127T000000Z"}}
	headSimple  = matrixRequest{name: "fetch HEAD", api: "fetch", method: "HEAD", credentials: "same-origin"}
	putPlain    = matrixRequest{name: "fetch PUT", api: "fetch", method: "PUT", credentials: "same-origin", body: true}
	putAmz      = matrixRequest{name: "fetch PUT x-amz-date x-amz-meta-owner", api: "fetch", method: "PUT", credentials: "same-origin", body: true,
		headers: map[string]string{"x-amz-date": "20261127T000000Z", "x-amz-meta-owner": "e2e"}}
	putPNG     = matrixRequest{name: "fetch PUT image/png", api: "fetch", method: "PUT", credentials: "same-origin", body: true, headers: map[string]string{"Content-Type": "image/png"}}
	postSimple = matrixRequest{name: "fetch POST text/plain", api: "fetch", method: "POST", credentials: "same-origin", body: true}
	deleteReq  = matrixRequest{name: "fetch DELETE", api: "fetch", method: "DELETE", credentials: "same-origin"}
	xhrGet     = matrixRequest{name: "xhr GET", api: "xhr", method: "GET", credentials: "same-origin"}
	xhrGetCred = matrixRequest{name: "xhr GET withCredentials", api: "xhr", method: "GET", credentials: "include"}
	xhrPutAmz  = matrixRequest{name: "xhr PUT x-amz-date", api: "xhr", method: "PUT", credentials: "same-origin", body: true, headers: map[string]string{"x-amz-date": "20261127T000000Z"}}
	xhrPostUp  = matrixRequest{name: "xhr POST upload listener", api: "xhr", method: "POST", credentials: "same-origin", body: true, progress: true}
	xhrPutUp   = matrixRequest{name: "xhr PUT upload listener withCredentials", api: "xhr", method: "PUT", credentials: "include", body: true, progress: true}
)

// everyRequest is every request of the matrix.
var everyRequest = []matrixRequest{getSimple, getCreds, getAmz, getAmzCreds, headSimple, putPlain, putAmz, putPNG, postSimple, deleteReq, xhrGet, xhrGetCred, xhrPutAmz, xhrPostUp, xhrPutUp}

// matrixCase is one case: a configuration, the page's origin and the
// request its script makes.
type matrixCase struct {
	config string
	page   string // "A", "B", "L" or "D"
	req    matrixRequest
}

func (c matrixCase) String() string {
	return fmt.Sprintf("%s / page %s / %s", c.config, c.page, c.req.name)
}

// matrixCases returns the cases: every request from page A under the main
// configurations, and the requests that tell the others apart.
func matrixCases() []matrixCase {
	var out []matrixCase
	add := func(config, page string, reqs ...matrixRequest) {
		for _, r := range reqs {
			out = append(out, matrixCase{config: config, page: page, req: r})
		}
	}
	add("upload", "A", everyRequest...)
	add("upload", "B", getSimple, putAmz)
	add("upload", "L", getSimple, xhrPostUp)
	add("read-only", "A", everyRequest...)
	add("any-origin", "A", everyRequest...)
	add("any-origin", "L", getSimple, putAmz, getCreds)
	add("amz-headers", "A", putAmz, putPNG, xhrPutAmz, getAmzCreds, getSimple, xhrPutUp)
	add("listed-headers", "A", putAmz, putPNG, xhrPutAmz, getSimple, putPlain, deleteReq)
	add("any-port", "A", getSimple, putAmz, xhrPutAmz)
	add("any-port", "B", getSimple, xhrPutAmz, getCreds)
	add("any-port", "L", getSimple)
	add("two-rules", "A", getSimple, getAmz, putAmz, xhrGetCred)
	add("any-http-host", "A", getSimple, getCreds, putPlain)
	add("any-http-host", "L", getCreds, xhrGet)
	add("second-origin", "A", getCreds, putAmz, xhrPutAmz)
	add("second-origin", "B", getSimple, putPNG)
	add("expose-all", "A", getSimple, headSimple, putPlain, postSimple, deleteReq, xhrGetCred)
	add("default-port-written-right", "D", getSimple, putAmz)
	for _, c := range matrixConfigs {
		if !strings.HasPrefix(c.name, "near-") {
			continue
		}
		page := "A"
		switch c.name {
		case "near-upper-case", "near-apex":
			page = "L"
		case "near-default-port":
			page = "D"
		}
		add(c.name, page, getSimple, putAmz)
	}
	return out
}
