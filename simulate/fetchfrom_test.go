package simulate_test

import (
	"strings"
	"testing"

	"github.com/s3cors/s3cors/simulate"
)

// A preflight answered with a redirect is refused before any CORS check,
// with Chromium's message (a bucket addressed through the wrong region).
func TestFetchFromRedirectedPreflight(t *testing.T) {
	srv := serverFunc(func(*simulate.Request) simulate.Response {
		return simulate.Response{Status: 307, Headers: simulate.Fields{{Name: "Location", Value: "https://b.s3.eu-west-1.amazonaws.com/k"}}, MatchedRule: -1}
	})
	v := simulate.FetchFrom(srv, &simulate.BrowserRequest{Origin: "https://a.com", URL: "https://b.s3.amazonaws.com/k", Method: "PUT"})
	if v.Allowed || v.BlockedBy != simulate.StepPreflightRedirect || v.Actual != nil ||
		!strings.HasSuffix(v.Reason, "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.") {
		t.Errorf("verdict %+v", v)
	}
}

type serverFunc func(*simulate.Request) simulate.Response

func (f serverFunc) Evaluate(r *simulate.Request) simulate.Response { return f(r) }
