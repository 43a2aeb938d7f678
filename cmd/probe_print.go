package cmd

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/s3cors/s3cors/simulate"
)

func (p *probe) print(env Env) error {
	if p.opts.format == "json" {
		return writeJSON(env.Stdout, p.toJSON())
	}
	on, err := useColor(env, p.opts.color, env.Stdout)
	if err != nil {
		return err
	}
	p.printText(newPrinter(env.Stdout, on))
	return nil
}

func (p *probe) printText(pr *printer) {
	p.printVerdicts(pr)
	for _, w := range p.warnings {
		fmt.Fprintf(pr.w, "%s %s\n", pr.warn.Sprint("warning:"), w)
	}
	for _, h := range p.live.Dropped {
		fmt.Fprintf(pr.w, "%s the browser does not let scripts set %s: it is not sent\n", pr.warn.Sprint("warning:"), h)
	}
	p.printExchanges(pr)
	if p.outcome() == outcomeAllowed {
		(&simulation{verdict: p.live}).printReadable(pr)
	}
	if p.sim != nil {
		(&simulation{cfg: p.cfg, verdict: *p.sim, rules: p.rules}).printRules(pr)
	}
	p.printFindings(pr)
}

// printVerdicts writes the live verdict, the simulated one and whether
// they agree.
func (p *probe) printVerdicts(pr *printer) {
	what := fmt.Sprintf("%s %s from %s (%s, credentials %s)", p.method(), p.req.URL, p.req.Origin, initiatorName(p.req.Initiator), p.req.Credentials)
	switch p.outcome() {
	case outcomeAllowed:
		fmt.Fprintf(pr.w, "live: %s %s\n", pr.ok.Sprint("ALLOWED:"), what)
	case outcomePreflightPassed:
		fmt.Fprintf(pr.w, "live: %s %s; the request itself was not sent (--actual sends it)\n", pr.ok.Sprint("PREFLIGHT PASSES:"), what)
	case outcomeNotSent:
		fmt.Fprintf(pr.w, "live: %s %s needs no preflight (a CORS-safelisted request); nothing was sent (--actual sends it with Origin)\n", pr.warn.Sprint("NOT SENT:"), what)
	default:
		fmt.Fprintf(pr.w, "live: %s %s\n", pr.err.Sprintf("BLOCKED at %s:", p.live.BlockedBy), p.live.Reason)
	}
	if p.sim == nil {
		return
	}
	name := p.cfgName
	if p.cfg == nil {
		name += ", no CORS configuration"
	}
	switch {
	case p.sim.Allowed:
		fmt.Fprintf(pr.w, "simulated (%s): %s\n", name, pr.ok.Sprint("ALLOWED"))
	case p.sim.Reason == p.live.Reason:
		fmt.Fprintf(pr.w, "simulated (%s): %s\n", name, pr.err.Sprintf("BLOCKED at %s", p.sim.BlockedBy))
	default:
		fmt.Fprintf(pr.w, "simulated (%s): %s %s\n", name, pr.err.Sprintf("BLOCKED at %s:", p.sim.BlockedBy), p.sim.Reason)
	}
	if n := len(p.differences()); n > 0 {
		fmt.Fprintf(pr.w, "the live answer differs from the simulation: %s (below)\n", plural(n, "difference"))
	} else {
		fmt.Fprintln(pr.w, "the live answer agrees with the simulation")
	}
}

func (p *probe) printExchanges(pr *printer) {
	if p.live.Preflight != nil {
		fmt.Fprintf(pr.w, "\n%s (%s)\n", pr.bold.Sprint("Preflight"), strings.Join(p.live.PreflightReasons, "; "))
		printLiveExchange(pr, p.server.preflight)
	} else {
		fmt.Fprintf(pr.w, "\n%s none: the request is CORS-safelisted\n", pr.bold.Sprint("Preflight"))
	}
	fmt.Fprintf(pr.w, "\n%s\n", pr.bold.Sprint("Request"))
	switch ex := p.server.actual; {
	case ex == nil:
		fmt.Fprintln(pr.w, "  not sent: the preflight failed")
	case !ex.Sent:
		fmt.Fprintf(pr.w, "  not sent (--actual sends it; it runs the operation): %s %s with\n", ex.Method, ex.Target)
		for _, f := range ex.Request[1 : len(ex.Request)-1] { // the browser's headers, without Host and User-Agent
			fmt.Fprintf(pr.w, "  > %s: %s\n", f.Name, f.Value)
		}
	default:
		printLiveExchange(pr, ex)
	}
}

func printLiveExchange(pr *printer, ex *liveExchange) {
	fmt.Fprintf(pr.w, "  > %s %s HTTP/1.1\n", ex.Method, ex.Target)
	for _, f := range ex.Request {
		fmt.Fprintf(pr.w, "  > %s: %s\n", f.Name, f.Value)
	}
	fmt.Fprintf(pr.w, "  < %s %d %s\n", ex.Proto, ex.Status, http.StatusText(ex.Status))
	for _, f := range ex.Header {
		fmt.Fprintf(pr.w, "  < %s: %s\n", f.Name, f.Value)
	}
	if !ex.AsReceived {
		fmt.Fprintf(pr.w, "  %s\n", pr.dim.Sprint("(header names in Go's canonical form, sorted: the connection was not read in clear)"))
	}
	if ex.Body != "" {
		fmt.Fprintln(pr.w, "  <")
		for _, line := range strings.Split(strings.TrimRight(ex.Body, "\n"), "\n") {
			fmt.Fprintf(pr.w, "  < %s\n", line)
		}
	}
}

func (p *probe) printFindings(pr *printer) {
	var diffs, notes []string
	for _, f := range p.findings {
		line := f.Message + " " + pr.dim.Sprintf("[%s]", f.Kind)
		if f.Exchange != "" {
			line = f.Exchange + ": " + line
		}
		if f.Note {
			notes = append(notes, line)
		} else {
			diffs = append(diffs, line)
		}
	}
	title := "Differences from what S3 would answer"
	if p.sim != nil {
		title = "Differences (live vs simulated with " + p.cfgName + ")"
	}
	printList(pr, title, diffs)
	printList(pr, "Notes", notes)
}

// differences returns the findings that are differences, not notes.
func (p *probe) differences() []probeFinding {
	var out []probeFinding
	for _, f := range p.findings {
		if !f.Note {
			out = append(out, f)
		}
	}
	return out
}

// method is the request's method as the browser sends it.
func (p *probe) method() string {
	if ex := p.server.actual; ex != nil {
		return ex.Method
	}
	if ex := p.live.Preflight; ex != nil {
		return ex.Request.Header.Get(simulate.HeaderRequestMethod)
	}
	return p.req.Method
}
