package simulate

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// Fetch runs req through a browser and S3 under cfg (nil: no CORS
// configuration). See [Bucket.Fetch].
func Fetch(cfg *corsconf.Config, req *BrowserRequest) Verdict {
	return NewBucket(cfg).Fetch(req)
}

// Fetch runs a script's cross-origin request as a browser does (WHATWG
// Fetch): it decides whether a preflight is sent and with which headers,
// has S3 answer it, applies the preflight checks, sends the request itself,
// has S3 answer it, applies the CORS check, and says what JavaScript can
// read. The verdict carries both exchanges as they happen on the wire.
func (b *Bucket) Fetch(req *BrowserRequest) Verdict {
	return FetchFrom(b, req)
}

// Server is what answers the browser's requests: a [Bucket] evaluated
// offline, or a caller's adapter to a live endpoint.
type Server interface {
	Evaluate(req *Request) Response
}

// FetchFrom runs req as [Bucket.Fetch] does, with srv answering. When srv
// is not a *Bucket, its responses are taken to carry every header the
// endpoint sent, and what JavaScript can read is judged from those
// rather than from the headers S3 typically sends. FetchFrom performs no
// I/O itself: srv does whatever it does.
func FetchFrom(srv Server, req *BrowserRequest) Verdict {
	_, model := srv.(*Bucket)
	f := fetch{server: srv, model: model, req: req, method: normalizeMethod(req.Method)}
	f.headers, f.v.Dropped = allowedHeaders(req.Header)
	unsafe := unsafeHeaderNames(f.headers, req.KeepHeaderOrder)
	f.v.PreflightReasons = preflightReasons(f.method, unsafe, req.ForcePreflight)
	if len(f.v.PreflightReasons) > 0 && !f.preflight(unsafe) {
		return f.done()
	}
	f.actual()
	return f.done()
}

// fetch is the state of one [Bucket.Fetch].
type fetch struct {
	server  Server
	model   bool // server is a Bucket: S3's usual headers stand for the real ones
	req     *BrowserRequest
	method  string
	headers []Field // the script's headers the browser sends
	v       Verdict
}

// allowedHeaders drops the headers a script may not set.
func allowedHeaders(hs []Field) (kept []Field, dropped []string) {
	for _, h := range hs {
		if isForbiddenRequestHeader(h.Name) {
			dropped = append(dropped, h.Name)
		} else {
			kept = append(kept, h)
		}
	}
	return kept, dropped
}

func preflightReasons(method string, unsafe []string, forced bool) []string {
	var why []string
	if !safelistedMethod(method) {
		why = append(why, fmt.Sprintf("method %s is not CORS-safelisted (only GET, HEAD and POST are)", method))
	}
	for _, h := range unsafe {
		why = append(why, fmt.Sprintf("header %s is not CORS-safelisted", h))
	}
	if forced {
		why = append(why, "an upload progress listener (or a streamed body) forces a preflight")
	}
	return why
}

// preflight sends the CORS-preflight request and checks S3's answer; it
// returns false when the request itself is not sent.
func (f *fetch) preflight(unsafe []string) bool {
	req := NewPreflight(f.req.Origin, f.method, strings.Join(unsafe, ","))
	req.Header.Set("Accept", "*/*")
	req.Resource = f.req.Resource
	resp := f.server.Evaluate(req)
	f.v.Preflight = &Exchange{Request: *req, Response: resp}
	if resp.Status >= 300 && resp.Status <= 399 {
		// Chromium refuses to follow a redirect on a preflight before it
		// checks the answer (a bucket addressed in the wrong region).
		return f.block(StepPreflightRedirect, preflightPrefix+"Redirect is not allowed for a preflight request.")
	}
	if step, msg := corsCheck(&resp, f.req); step != StepNone {
		return f.block(preflightStep(step), preflightPrefix+msg)
	}
	if resp.Status < 200 || resp.Status > 299 {
		return f.block(StepPreflightStatus, preflightPrefix+"It does not have HTTP ok status.")
	}
	include := f.req.Credentials == CredentialsInclude
	methods, _ := resp.Headers.Get(HeaderAllowMethods)
	if !safelistedMethod(f.method) && !listed(methods, f.method, !include, false) {
		return f.block(StepPreflightMethod, fmt.Sprintf("Method %s is not allowed by Access-Control-Allow-Methods in preflight response.", f.method))
	}
	allowed, _ := resp.Headers.Get(HeaderAllowHeaders)
	for _, h := range unsafe {
		if !listed(allowed, h, !include && h != "authorization", true) {
			return f.block(StepPreflightHeaders, fmt.Sprintf("Request header field %s is not allowed by Access-Control-Allow-Headers in preflight response.", h))
		}
	}
	return true
}

const preflightPrefix = "Response to preflight request doesn't pass access control check: "

func preflightStep(s Step) Step {
	if s == StepAllowOrigin {
		return StepPreflightAllowOrigin
	}
	return StepPreflightCredentials
}

// listed reports whether want is in the comma-separated list, or the list
// holds "*" and a wildcard counts.
func listed(list, want string, wildcard, foldCase bool) bool {
	for item, rest, ok := nextHeader(list); ok; item, rest, ok = nextHeader(rest) {
		if item == want || (foldCase && strings.EqualFold(item, want)) || (wildcard && item == "*") {
			return true
		}
	}
	return false
}

// actual sends the request itself and applies the CORS check.
func (f *fetch) actual() {
	h := http.Header{HeaderOrigin: {f.req.Origin}}
	for _, fl := range f.headers {
		h.Add(fl.Name, fl.Value)
	}
	req := Request{Method: f.method, Header: h, Resource: f.req.Resource}
	resp := f.server.Evaluate(&req)
	f.v.Actual = &Exchange{Request: req, Response: resp}
	if step, msg := corsCheck(&resp, f.req); step != StepNone {
		f.block(step, msg)
		return
	}
	f.v.Allowed = true
	expose, _ := resp.Headers.Get(HeaderExposeHeaders)
	sent := s3ResponseHeaders[f.method]
	if !f.model {
		sent = nonCORSHeaders(resp.Headers)
	}
	f.v.ReadableHeaders, f.v.HiddenHeaders = readable(sent, expose, f.req.Credentials, f.model)
}

// block records why the request was blocked and returns false.
func (f *fetch) block(step Step, msg string) bool {
	f.v.BlockedBy = step
	f.v.Reason = f.message(msg)
	return false
}

func (f *fetch) done() Verdict {
	for _, ex := range []*Exchange{f.v.Preflight, f.v.Actual} {
		if ex == nil {
			continue
		}
		for _, note := range ex.Response.Unverified {
			if !slices.Contains(f.v.Unverified, note) {
				f.v.Unverified = append(f.v.Unverified, note)
			}
		}
	}
	return f.v
}
