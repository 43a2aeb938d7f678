package cmd

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// formatServeLog returns serve's one log line for a request: the request,
// the status, and the rule that matched or why none did.
func formatServeLog(sr *serveRequest) string {
	r := sr.r
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d", r.Method, r.URL.RequestURI(), sr.status)
	for _, name := range []string{simulate.HeaderOrigin, simulate.HeaderRequestMethod, simulate.HeaderRequestHeaders} {
		if v, ok := r.Header[name]; ok {
			fmt.Fprintf(&b, " %s=%s", logKey(name), strconv.Quote(strings.Join(v, ",")))
		}
	}
	b.WriteString(": ")
	b.WriteString(matchReason(sr))
	return b.String()
}

// logKey shortens the CORS request header names for the log.
func logKey(name string) string {
	switch name {
	case simulate.HeaderRequestMethod:
		return "method"
	case simulate.HeaderRequestHeaders:
		return "headers"
	}
	return "origin"
}

// matchReason says which rule produced the CORS headers, or why none did.
func matchReason(sr *serveRequest) string {
	resp, cfg := &sr.resp, sr.state.cfg
	origin := sr.r.Header.Get(simulate.HeaderOrigin)
	switch {
	case sr.target == targetOther:
		return "no such bucket (serve holds one bucket, given by --bucket)"
	case sr.target == targetService:
		return "the service endpoint: S3 adds no CORS headers to it"
	case resp.MatchedRule >= 0:
		return "CORS headers from rule " + ruleLabel(cfg, resp.MatchedRule)
	case origin == "":
		return "no Origin header: not a CORS request, no CORS headers"
	case cfg == nil:
		return "the bucket has no CORS configuration"
	}
	method := sr.r.Method
	if m, ok := sr.r.Header[simulate.HeaderRequestMethod]; ok && len(m) > 0 {
		method = m[0]
	} else if method == http.MethodOptions {
		return "no rule matched: the preflight has no Access-Control-Request-Method"
	}
	acrh := strings.Join(sr.r.Header[simulate.HeaderRequestHeaders], ",")
	return "no rule matched (" + strings.Join(missReasons(cfg, origin, method, acrh), "; ") + ")"
}

// missReasons says for each rule what did not match.
func missReasons(cfg *corsconf.Config, origin, method, acrh string) []string {
	var out []string
	for _, e := range simulate.Explain(cfg, origin, method, acrh) {
		var why []string
		if !e.OriginMatch {
			why = append(why, "origin")
		}
		if !e.MethodMatch {
			why = append(why, "method "+method)
		}
		if !e.HeadersMatch {
			why = append(why, "headers "+strings.Join(e.UnmatchedHeaders, ", "))
		}
		line := "rule " + ruleLabel(cfg, e.Index) + ": " + strings.Join(why, ", ")
		if len(e.Hints) > 0 {
			line += " - " + e.Hints[0]
		}
		out = append(out, line)
	}
	return out
}

// ruleLabel names rule i as simulate does: its index, and its ID if any.
func ruleLabel(cfg *corsconf.Config, i int) string {
	if id := cfg.Rules[i].ID; id != "" {
		return fmt.Sprintf("%d %q", i, id)
	}
	return strconv.Itoa(i)
}
