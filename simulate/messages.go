package simulate

import "fmt"

// corsCheck is the CORS check of the Fetch standard on resp, with the
// failing step and Chromium's wording of the failure.
func corsCheck(resp *Response, req *BrowserRequest) (Step, string) {
	origin, ok := resp.Headers.Get(HeaderAllowOrigin)
	include := req.Credentials == CredentialsInclude
	switch {
	case !ok:
		// Chromium 148 logs this without the "If an opaque response serves
		// your needs" advice that older versions added for fetch (seen by
		// the e2e suite).
		return StepAllowOrigin, "No 'Access-Control-Allow-Origin' header is present on the requested resource."
	case origin == "*" && include:
		return StepCredentials, "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." + xhrCredentialsNote(req)
	case origin == "*":
		return StepNone, ""
	case origin != req.Origin:
		return StepAllowOrigin, fmt.Sprintf("The 'Access-Control-Allow-Origin' header has a value '%s' that is not equal to the supplied origin.", origin)
	case !include:
		return StepNone, ""
	}
	if creds, _ := resp.Headers.Get(HeaderAllowCredentials); creds != "true" {
		return StepCredentials, fmt.Sprintf("The value of the 'Access-Control-Allow-Credentials' header in the response is '%s' which must be 'true' when the request's credentials mode is 'include'.", creds) + xhrCredentialsNote(req)
	}
	return StepNone, ""
}

func xhrCredentialsNote(req *BrowserRequest) string {
	if req.Initiator == InitiatorXHR {
		return " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute."
	}
	return ""
}

// message prefixes a block reason as Chromium's console does.
func (f *fetch) message(reason string) string {
	kind := "fetch"
	if f.req.Initiator == InitiatorXHR {
		kind = "XMLHttpRequest"
	}
	url := f.req.URL
	if url == "" {
		url = DefaultURL
	}
	return fmt.Sprintf("Access to %s at '%s' from origin '%s' has been blocked by CORS policy: %s", kind, url, f.req.Origin, reason)
}

// DefaultURL stands for the request URL in messages when none is given.
const DefaultURL = "https://bucket.s3.amazonaws.com/key"
