package simulate

import (
	"fmt"
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

// Advise returns advice on a verdict for req under cfg: what to change when
// a rule matched but the browser still refused, and what an allowed
// request will miss.
func Advise(cfg *corsconf.Config, req *BrowserRequest, v *Verdict) []string {
	var out []string
	rule := decidingRule(v)
	if (v.BlockedBy == StepCredentials || v.BlockedBy == StepPreflightCredentials) && rule >= 0 {
		out = append(out, fmt.Sprintf("rule %s allows any origin (*), so S3 answers Access-Control-Allow-Origin: *, "+
			"which browsers refuse when credentials are included: list the origins instead of *, or send the request without credentials", ruleName(cfg, rule)))
	}
	if v.Allowed && (v.Actual.Request.Method == "PUT" || v.Actual.Request.Method == "POST") && slices.Contains(v.HiddenHeaders, "ETag") && rule >= 0 {
		out = append(out, fmt.Sprintf("ETag is not readable: add ETag to ExposeHeaders of rule %s; browser multipart uploads "+
			"(AWS SDK, Uppy, EvaporateJS) need it to complete the upload", ruleName(cfg, rule)))
	}
	if !v.Allowed && v.Actual != nil && isWrite(v.Actual.Request.Method) {
		out = append(out, "S3 executed the request although the browser hid the response: CORS does not stop requests, it only hides answers")
	}
	return out
}

// decidingRule is the rule whose headers the browser judged last.
func decidingRule(v *Verdict) int {
	if v.Actual != nil {
		return v.Actual.Response.MatchedRule
	}
	if v.Preflight != nil {
		return v.Preflight.Response.MatchedRule
	}
	return -1
}

// ruleName names rule i for messages: its index and its ID when it has one.
func ruleName(cfg *corsconf.Config, i int) string {
	if cfg != nil && i < len(cfg.Rules) && cfg.Rules[i].ID != "" {
		return fmt.Sprintf("%d (%q)", i, cfg.Rules[i].ID)
	}
	return fmt.Sprint(i)
}

func isWrite(method string) bool { return method == "PUT" || method == "POST" || method == "DELETE" }
