package simulate

// Credentials is a request's credentials mode (Fetch standard).
type Credentials int

// The credentials modes.
const (
	CredentialsSameOrigin Credentials = iota // fetch's default: no cookies cross-origin
	CredentialsOmit                          // credentials: 'omit'
	CredentialsInclude                       // credentials: 'include', xhr.withCredentials = true
)

// String returns "same-origin", "omit" or "include".
func (c Credentials) String() string {
	switch c {
	case CredentialsOmit:
		return "omit"
	case CredentialsInclude:
		return "include"
	}
	return "same-origin"
}

// ParseCredentials is the inverse of [Credentials.String].
func ParseCredentials(s string) (Credentials, bool) {
	for _, c := range []Credentials{CredentialsSameOrigin, CredentialsOmit, CredentialsInclude} {
		if c.String() == s {
			return c, true
		}
	}
	return CredentialsSameOrigin, false
}

// Initiator is the API a page uses; it changes only the wording of the
// browser's console messages.
type Initiator int

// The initiators.
const (
	InitiatorFetch Initiator = iota // fetch()
	InitiatorXHR                    // XMLHttpRequest
)

// BrowserRequest is a cross-origin request made by a script in a page.
type BrowserRequest struct {
	// Origin is the page's serialized origin: the value of the Origin
	// header the browser sends ("https://app.example.com", or "null").
	Origin string
	// URL is the request's URL, used in console messages only.
	URL    string
	Method string // as the script wrote it; browsers upper-case the safelisted methods
	// Header holds the headers the script sets, names as written. Forbidden
	// request headers (Origin, Cookie, Access-Control-Request-*, ...) are
	// dropped, as a browser drops them. A header without a value counts as
	// CORS-unsafe, since the value decides and none is known.
	Header      []Field
	Credentials Credentials
	// ForcePreflight is the use-CORS-preflight flag: set by an upload
	// progress listener (xhr.upload.onprogress) or a ReadableStream body.
	ForcePreflight bool
	// KeepHeaderOrder lists the unsafe header names in
	// Access-Control-Request-Headers in the order of Header, where
	// browsers sort them: to replay a recorded preflight exactly.
	KeepHeaderOrder bool
	Initiator       Initiator
	Resource        Resource
}

// Exchange is one request the browser sends and S3's answer to it.
type Exchange struct {
	Request  Request
	Response Response
}

// Step names the check of the browser's CORS algorithm that blocked a
// request; "" when nothing blocked it.
type Step string

// The steps that can block a request, in the order the browser runs them.
const (
	StepNone                 Step = ""
	StepPreflightRedirect    Step = "preflight-redirect"     // the preflight was answered with a redirect
	StepPreflightStatus      Step = "preflight-status"       // the preflight's status is not 2xx
	StepPreflightAllowOrigin Step = "preflight-allow-origin" // CORS check on the preflight: ACAO missing or wrong
	StepPreflightCredentials Step = "preflight-credentials"  // CORS check on the preflight: credentials with "*", or ACAC not "true"
	StepPreflightMethod      Step = "preflight-method"       // the method is not in Access-Control-Allow-Methods
	StepPreflightHeaders     Step = "preflight-headers"      // a request header is not in Access-Control-Allow-Headers
	StepAllowOrigin          Step = "allow-origin"           // CORS check on the response: ACAO missing or wrong
	StepCredentials          Step = "credentials"            // CORS check on the response: credentials with "*", or ACAC not "true"
)

// Verdict is what the browser does with a [BrowserRequest].
type Verdict struct {
	Allowed bool
	// Preflight is the OPTIONS exchange, nil when no preflight is sent.
	Preflight *Exchange
	// PreflightReasons says why a preflight is sent: "method PUT is not
	// CORS-safelisted", "header x-amz-date is not CORS-safelisted",
	// "an upload listener forces a preflight"; empty when none is sent.
	PreflightReasons []string
	// Actual is the request itself; nil when a failed preflight stopped it.
	// A request blocked at the CORS check was still sent and executed.
	Actual *Exchange
	// BlockedBy is the step that blocked the request.
	BlockedBy Step
	// Reason is the browser's console message for the block (Chromium's
	// wording); "" when allowed.
	Reason string
	// ReadableHeaders are the names of the response headers JavaScript can
	// read (of those S3 sends for the method), when allowed.
	ReadableHeaders []string
	// HiddenHeaders are response headers S3 sends that JavaScript cannot
	// read, because they are not CORS-safelisted and not exposed.
	HiddenHeaders []string
	// Dropped lists request headers the browser refuses to let a script
	// set (forbidden request headers); they are not sent.
	Dropped []string
	// Unverified gathers the Unverified notes of both exchanges.
	Unverified []string
}
