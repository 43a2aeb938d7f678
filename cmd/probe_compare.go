package cmd

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// probe is everything one run learns, for either output format.
type probe struct {
	opts     probeOptions
	req      simulate.BrowserRequest // Origin resolved, URL redacted
	warnings []string

	server *liveServer
	live   simulate.Verdict // the browser's verdict on the live answers

	// The configuration simulated: the file, else the bucket's.
	simulated bool
	cfg       *corsconf.Config // nil: a bucket without configuration
	cfgName   string
	file      *corsconf.Config // --config, nil without it
	pulled    bool             // the bucket's configuration was read
	bucketCfg *corsconf.Config // nil: the bucket has none

	bucket *simulate.Bucket
	sim    *simulate.Verdict // nil when nothing is simulated
	rules  []simulate.RuleExplanation

	findings []probeFinding
}

// The outcomes of the live probe.
const (
	outcomeAllowed         = "allowed"          // the request was sent and the browser allows it
	outcomeBlocked         = "blocked"          // the browser blocks it (at the preflight or at the request)
	outcomePreflightPassed = "preflight-passed" // the preflight passes; the request was not sent
	outcomeNotSent         = "not-sent"         // no preflight is needed and the request was not sent
)

func (p *probe) outcome() string {
	switch {
	case !p.live.Allowed && (p.server.actual == nil || p.server.actual.Sent):
		return outcomeBlocked
	case p.server.actual != nil && !p.server.actual.Sent && p.server.preflight == nil:
		return outcomeNotSent
	case p.server.actual != nil && !p.server.actual.Sent:
		return outcomePreflightPassed
	case !p.live.Allowed:
		return outcomeBlocked
	}
	return outcomeAllowed
}

// probeFinding is one difference between the live answer and what S3
// would answer (under the configuration, when one is given), with its
// evidence. Its JSON form is part of probe --format json.
type probeFinding struct {
	// Kind is a stable kebab-case name: status, header, missing-vary,
	// redirect, cdn-cache, cache, credentials-false, expose-etag,
	// no-cors-headers, rule, bucket-config or verdict.
	Kind string `json:"kind"`
	// Exchange is "preflight" or "request", "" for the whole probe.
	Exchange string `json:"exchange,omitempty"`
	Message  string `json:"message"`
	// Note marks an observation that is not a difference (exit code 0).
	Note bool `json:"-"`
}

func (p *probe) add(kind, exchange, format string, args ...any) {
	p.findings = append(p.findings, probeFinding{Kind: kind, Exchange: exchange, Message: fmt.Sprintf(format, args...)})
}

func (p *probe) note(kind, exchange, format string, args ...any) {
	p.findings = append(p.findings, probeFinding{Kind: kind, Exchange: exchange, Message: fmt.Sprintf(format, args...), Note: true})
}

// comparedHeaders are the headers compared with the simulation.
var comparedHeaders = []string{
	simulate.HeaderAllowOrigin, simulate.HeaderAllowCredentials, simulate.HeaderAllowMethods,
	simulate.HeaderAllowHeaders, simulate.HeaderExposeHeaders, simulate.HeaderMaxAge, simulate.HeaderVary,
}

// compare gathers the findings: what the live answers show by
// themselves, then, with a configuration, how they differ from the
// simulation.
func (p *probe) compare() {
	p.inspect("preflight", p.server.preflight)
	p.inspect("request", p.server.actual)
	if p.sim == nil {
		return
	}
	p.compareExchange("preflight", p.server.preflight, p.sim.Preflight)
	p.compareExchange("request", p.server.actual, p.sim.Actual)
	p.compareRule()
	p.compareVerdicts()
	p.compareBucketConfig()
}

// compareExchange compares the status of a preflight and the CORS
// headers of one exchange with the simulated one.
func (p *probe) compareExchange(kind string, live *liveExchange, sim *simulate.Exchange) {
	if live == nil || !live.Sent || sim == nil || isRedirect(live.Status) {
		return // a redirect is explained by itself
	}
	if kind == "preflight" && live.Status != sim.Response.Status {
		p.add("status", kind, "the endpoint answers %s, the simulation %s", statusText(live.Status), statusText(sim.Response.Status))
	}
	if _, ok := sim.Response.Headers.Get(simulate.HeaderAllowOrigin); ok && !hasCORSHeaders(live.merged) {
		p.missingCORS(kind, live, sim)
		return
	}
	for _, name := range comparedHeaders {
		lv, lok := live.merged.Get(name)
		sv, sok := sim.Response.Headers.Get(name)
		if lok == sok && sameHeader(name, lv, sv) || p.explained(kind, live, sim, name) {
			continue
		}
		p.add("header", kind, "%s: %s live, %s simulated", name, showHeader(lv, lok), showHeader(sv, sok))
	}
}

// missingCORS explains an answer without any CORS header where the
// simulation has them.
func (p *probe) missingCORS(kind string, live *liveExchange, sim *simulate.Exchange) {
	what := statusText(live.Status)
	if e := parseS3Error([]byte(live.Body)); e != nil {
		what += " " + e.Code
	}
	why := p.configCause()
	if kind == "request" && live.Status >= 400 {
		why = "S3 adds them to error answers too, this server does not: the page gets a network error instead of the error"
	}
	p.add("no-cors-headers", kind, "the answer (%s) has no CORS headers, the simulation has them from rule %s: %s",
		what, p.ruleLabel(sim.Response.MatchedRule), why)
}

func hasCORSHeaders(h simulate.Fields) bool {
	return slices.ContainsFunc(h, func(f simulate.Field) bool {
		return strings.HasPrefix(strings.ToLower(f.Name), "access-control-")
	})
}

// explained reports whether a header difference is already explained by
// a finding of its own, adding it if needed.
func (p *probe) explained(kind string, live *liveExchange, sim *simulate.Exchange, name string) bool {
	lv, _ := live.merged.Get(name)
	sv, sok := sim.Response.Headers.Get(name)
	acao, hasACAO := live.merged.Get(simulate.HeaderAllowOrigin)
	switch name {
	case simulate.HeaderVary:
		return hasACAO && !listHas(lv, "Origin") && live.Status/100 == 2 // missing-vary
	case simulate.HeaderAllowCredentials:
		return acao == "*" && lv != "true" && !sok // credentials-false
	case simulate.HeaderAllowOrigin:
		return p.hasFinding("cdn-cache", kind)
	case simulate.HeaderExposeHeaders:
		// The same rule (same methods and Max-Age), ETag added.
		if !slices.EqualFunc(headerList(lv), append(headerList(sv), "ETag"), strings.EqualFold) ||
			!sameFields(live.merged, sim.Response.Headers, simulate.HeaderAllowMethods, simulate.HeaderMaxAge) {
			return false
		}
		p.add("expose-etag", kind, "%s: %s live, %s simulated: the server appends ETag to the exposed headers (versitygw does; S3 does not), so a page may read ETag here and not on S3",
			name, showHeader(lv, true), showHeader(sv, sok))
		return true
	}
	return false
}

func (p *probe) hasFinding(kind, exchange string) bool {
	return slices.ContainsFunc(p.findings, func(f probeFinding) bool { return f.Kind == kind && f.Exchange == exchange })
}

// compareVerdicts compares the browser's verdicts on what was sent: the
// preflight alone when the request itself was not sent.
func (p *probe) compareVerdicts() {
	liveStep, simStep := p.live.BlockedBy, p.sim.BlockedBy
	switch p.outcome() {
	case outcomeNotSent:
		return
	case outcomePreflightPassed:
		liveStep = simulate.StepNone
		if !isPreflightStep(simStep) {
			simStep = simulate.StepNone
		}
	}
	switch {
	case liveStep == simStep:
	case liveStep == simulate.StepNone:
		p.add("verdict", "", "the browser accepts the live answer, but the simulation blocks the request at %s", simStep)
	case simStep == simulate.StepNone:
		p.add("verdict", "", "the browser blocks the live answer at %s, but the simulation allows the request", liveStep)
	default:
		p.add("verdict", "", "the browser blocks the live answer at %s, the simulation at %s", liveStep, simStep)
	}
}

func isPreflightStep(s simulate.Step) bool { return strings.HasPrefix(string(s), "preflight-") }

// compareBucketConfig reports how the bucket's configuration differs
// from --config, when both were read.
func (p *probe) compareBucketConfig() {
	if p.file == nil || !p.pulled {
		return
	}
	bucket := "s3://" + p.opts.bucket
	if p.bucketCfg == nil {
		p.add("bucket-config", "", "%s has no CORS configuration; %s has %s", bucket, p.cfgName, plural(len(p.file.Rules), "rule"))
		return
	}
	for _, c := range compareRules(p.bucketCfg, p.file) {
		p.add("bucket-config", "", "%s differs from %s: %s %s (bucket -> file)", bucket, p.cfgName, c.Kind, c.describe())
	}
}

// configCause names the likely cause of a live answer that no rule of
// the simulated configuration explains.
func (p *probe) configCause() string {
	switch {
	case p.file == nil:
		return fmt.Sprintf("the endpoint does not answer as %s's configuration says (a CDN or proxy in front, another bucket, or a change not in effect yet)", p.cfgName)
	case p.opts.bucket != "":
		return fmt.Sprintf("the bucket's configuration differs from %s (s3cors diff --bucket %s %s shows how)", p.cfgName, p.opts.bucket, p.cfgName)
	}
	return fmt.Sprintf("the bucket's configuration differs from %s (s3cors diff --bucket BUCKET %s shows how)", p.cfgName, p.cfgName)
}

// sameFields reports whether a and b have the same values for names.
func sameFields(a, b simulate.Fields, names ...string) bool {
	for _, n := range names {
		x, xok := a.Get(n)
		y, yok := b.Get(n)
		if xok != yok || !sameHeader(n, x, y) {
			return false
		}
	}
	return true
}

// The wording of differences.

func statusText(code int) string {
	if code == 0 {
		return "nothing"
	}
	return fmt.Sprintf("%d %s", code, http.StatusText(code))
}

func showHeader(v string, ok bool) string {
	if !ok {
		return "absent"
	}
	return fmt.Sprintf("%q", v)
}

func isRedirect(status int) bool { return status >= 300 && status <= 399 }

// sameHeader compares two values of a CORS header as a browser reads
// them: lists item by item (methods case-sensitively, names not),
// Vary as a set of names, anything else byte for byte.
func sameHeader(name, a, b string) bool {
	switch name {
	case simulate.HeaderAllowMethods:
		return slices.Equal(headerList(a), headerList(b))
	case simulate.HeaderAllowHeaders, simulate.HeaderExposeHeaders:
		return slices.EqualFunc(headerList(a), headerList(b), strings.EqualFold)
	case simulate.HeaderVary:
		x, y := headerList(strings.ToLower(a)), headerList(strings.ToLower(b))
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(slices.Compact(x), slices.Compact(y))
	}
	return strings.TrimSpace(a) == strings.TrimSpace(b)
}

// headerList splits a comma-separated header value into trimmed,
// non-empty items.
func headerList(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// listHas reports whether the list value v names item (case-insensitive).
func listHas(v, item string) bool {
	return slices.ContainsFunc(headerList(v), func(s string) bool { return strings.EqualFold(s, item) || s == "*" })
}
