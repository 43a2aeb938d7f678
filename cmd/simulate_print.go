package cmd

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/simulate"
)

func (s *simulation) print(env Env, o simulateOptions) error {
	if o.format == "json" {
		return writeJSON(env.Stdout, s.toJSON())
	}
	on, err := useColor(env, o.color, env.Stdout)
	if err != nil {
		return err
	}
	s.printText(newPrinter(env.Stdout, on))
	return nil
}

func (s *simulation) printText(p *printer) {
	v := &s.verdict
	if v.Allowed {
		fmt.Fprintf(p.w, "%s %s %s from %s (%s, credentials %s)\n", p.ok.Sprint("ALLOWED:"), v.Actual.Request.Method, s.req.URL, s.req.Origin, initiatorName(s.req.Initiator), s.req.Credentials)
	} else {
		fmt.Fprintf(p.w, "%s %s\n", p.err.Sprintf("BLOCKED at %s:", v.BlockedBy), v.Reason)
	}
	for _, w := range s.warnings {
		fmt.Fprintf(p.w, "%s %s\n", p.warn.Sprint("warning:"), w)
	}
	for _, h := range v.Dropped {
		fmt.Fprintf(p.w, "%s the browser does not let scripts set %s: it is not sent\n", p.warn.Sprint("warning:"), h)
	}
	s.printExchanges(p)
	s.printReadable(p)
	s.printRules(p)
	printList(p, "Advice", s.advice)
	printList(p, "Unverified (no recording of real S3 shows this part of the answer)", v.Unverified)
}

func initiatorName(i simulate.Initiator) string {
	if i == simulate.InitiatorXHR {
		return "XMLHttpRequest"
	}
	return "fetch"
}

func (s *simulation) printExchanges(p *printer) {
	v := &s.verdict
	if v.Preflight != nil {
		fmt.Fprintf(p.w, "\n%s (%s)\n", p.bold.Sprint("Preflight"), strings.Join(v.PreflightReasons, "; "))
		s.printExchange(p, v.Preflight)
	} else {
		fmt.Fprintf(p.w, "\n%s none: the request is CORS-safelisted\n", p.bold.Sprint("Preflight"))
	}
	fmt.Fprintf(p.w, "\n%s\n", p.bold.Sprint("Request"))
	if v.Actual == nil {
		fmt.Fprintln(p.w, "  not sent: the preflight failed")
		return
	}
	s.printExchange(p, v.Actual)
}

func (s *simulation) printExchange(p *printer, ex *simulate.Exchange) {
	fmt.Fprintf(p.w, "  > %s %s\n", ex.Request.Method, requestPath(s.req.URL))
	for _, name := range headerOrder(ex.Request.Header) {
		fmt.Fprintf(p.w, "  > %s: %s\n", name, ex.Request.Header.Get(name))
	}
	r := &ex.Response
	fmt.Fprintf(p.w, "  < %s%s\n", statusLine(r), p.dim.Sprint(s.matchNote(r)))
	for _, h := range r.Headers {
		fmt.Fprintf(p.w, "  < %s: %s\n", h.Name, h.Value)
	}
	if r.Error != nil {
		for _, line := range strings.Split(r.Error.XML("REQUEST-ID", "HOST-ID"), "\n") {
			fmt.Fprintf(p.w, "  < %s\n", line)
		}
	}
}

func statusLine(r *simulate.Response) string {
	if !r.Preflight && r.Error == nil {
		return "200 OK (S3 runs the operation; its own status)"
	}
	return fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status))
}

func (s *simulation) matchNote(r *simulate.Response) string {
	switch {
	case r.MatchedRule >= 0:
		return "  [CORS headers from rule " + s.ruleName(r.MatchedRule) + "]"
	case r.Error == nil && s.cfg != nil:
		return "  [no rule matched: no CORS headers]"
	}
	return ""
}

func (s *simulation) ruleName(i int) string {
	if id := s.cfg.Rules[i].ID; id != "" {
		return fmt.Sprintf("%d %q", i, id)
	}
	return fmt.Sprint(i)
}

// headerOrder lists request headers as browsers send them: Origin and the
// Access-Control-Request-* headers first.
func headerOrder(h http.Header) []string {
	first := []string{simulate.HeaderOrigin, simulate.HeaderRequestMethod, simulate.HeaderRequestHeaders}
	var names []string
	for _, n := range first {
		if _, ok := h[n]; ok {
			names = append(names, n)
		}
	}
	var rest []string
	for n := range h {
		if !slices.Contains(first, n) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	return append(names, rest...)
}

func requestPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RequestURI() == "" {
		return "/"
	}
	return u.RequestURI()
}

func (s *simulation) printReadable(p *printer) {
	v := &s.verdict
	if !v.Allowed {
		return
	}
	fmt.Fprintf(p.w, "\n%s %s\n", p.bold.Sprint("JavaScript can read:"), joinOrNone(v.ReadableHeaders))
	if len(v.HiddenHeaders) > 0 {
		fmt.Fprintf(p.w, "%s %s (neither CORS-safelisted nor in ExposeHeaders)\n", p.bold.Sprint("JavaScript cannot read:"), strings.Join(v.HiddenHeaders, ", "))
	}
}

func joinOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

func (s *simulation) printRules(p *printer) {
	if len(s.rules) == 0 {
		return
	}
	fmt.Fprintf(p.w, "\n%s\n", p.bold.Sprint("Rules, in the order S3 tries them"))
	for _, r := range s.rules {
		status := "no match"
		if r.Selected {
			status = p.ok.Sprint("used")
		} else if r.OriginMatch && r.MethodMatch && r.HeadersMatch {
			status = "matches too, but an earlier rule is used"
		}
		fmt.Fprintf(p.w, "  rule %s: %s; origin %s, method %s, headers %s\n", s.ruleName(r.Index), status,
			yesNo(r.OriginMatch, r.MatchedOrigin), yesNo(r.MethodMatch, ""), yesNo(r.HeadersMatch, strings.Join(r.UnmatchedHeaders, ", ")))
		for _, h := range r.Hints {
			fmt.Fprintf(p.w, "      - %s\n", h)
		}
	}
	if note := s.actualRuleNote(); note != "" {
		fmt.Fprintf(p.w, "  %s\n", note)
	}
}

// actualRuleNote says when the request itself got its headers from another
// rule than the preflight: S3 evaluates it without the preflight's
// Access-Control-Request-Headers, so an earlier rule may match it.
func (s *simulation) actualRuleNote() string {
	v := &s.verdict
	if v.Preflight == nil || v.Actual == nil || v.Preflight.Response.MatchedRule == v.Actual.Response.MatchedRule {
		return ""
	}
	if v.Actual.Response.MatchedRule < 0 {
		return "the request itself matched no rule (S3 evaluates it without Access-Control-Request-Headers)"
	}
	return fmt.Sprintf("the request itself got its headers from rule %s: S3 evaluates it without Access-Control-Request-Headers, so an earlier rule can match it",
		s.ruleName(v.Actual.Response.MatchedRule))
}

func yesNo(ok bool, detail string) string {
	word := "no"
	if ok {
		word = "yes"
	}
	if detail != "" {
		return fmt.Sprintf("%s (%s)", word, detail)
	}
	return word
}

func printList(p *printer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(p.w, "\n%s\n", p.bold.Sprint(title))
	for _, it := range items {
		fmt.Fprintf(p.w, "  - %s\n", it)
	}
}
