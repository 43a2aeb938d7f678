package cmd

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// What a live answer shows by itself, without a configuration: a
// redirect, a cache answering, a missing Vary, a known S3-compatible
// divergence. And which configured rule a live answer came from.

// inspect adds the findings one live exchange shows by itself.
func (p *probe) inspect(kind string, ex *liveExchange) {
	if ex == nil || !ex.Sent {
		return
	}
	if isRedirect(ex.Status) {
		p.redirect(kind, ex)
		return
	}
	p.cache(kind, ex)
	acao, hasACAO := ex.merged.Get(simulate.HeaderAllowOrigin)
	vary, _ := ex.merged.Get(simulate.HeaderVary)
	if hasACAO && ex.Status/100 == 2 && !listHas(vary, "Origin") {
		got := "without Vary"
		if vary != "" {
			got = fmt.Sprintf("with Vary: %s, which does not name Origin", vary)
		}
		p.add("missing-vary", kind, "%s: %s %s: a cache (the browser's, a CDN's) may give this answer to a page of another origin; S3 sends Vary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
			simulate.HeaderAllowOrigin, acao, got)
	}
	if acac, ok := ex.merged.Get(simulate.HeaderAllowCredentials); acao == "*" && ok && acac != "true" {
		p.add("credentials-false", kind, "%s: %s with %s: *: S3 never sends it (versitygw does with a \"*\" origin rule); it changes nothing, as credentialed requests are refused with \"*\" anyway",
			simulate.HeaderAllowCredentials, acac, simulate.HeaderAllowOrigin)
	}
}

// regionalHost matches the hosts of S3's regional endpoints, virtual-hosted
// or not: BUCKET.s3.REGION.amazonaws.com, s3-REGION.amazonaws.com, ...
var regionalHost = regexp.MustCompile(`^(?:(.+)\.)?s3[.-]([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// redirect explains a 3xx answer.
func (p *probe) redirect(kind string, ex *liveExchange) {
	loc := "no Location"
	var where string
	for _, f := range ex.Header {
		if strings.EqualFold(f.Name, "Location") {
			loc, where = "Location: "+f.Value, f.Value
		}
	}
	region, _ := ex.merged.Get("x-amz-bucket-region")
	bucket := p.opts.bucket
	if u, err := url.Parse(where); err == nil {
		if m := regionalHost.FindStringSubmatch(u.Hostname()); m != nil {
			bucket, region = cmp.Or(bucket, m[1]), cmp.Or(region, m[2])
		}
	}
	if bucket == "" {
		bucket = bucketOfHost(p.opts.target.Hostname())
	}
	fix := fmt.Sprintf("https://%s.s3.%s.amazonaws.com", cmp.Or(bucket, "BUCKET"), cmp.Or(region, "REGION"))
	what := "browsers refuse to follow a redirect on a preflight (\"Redirect is not allowed for a preflight request.\")"
	if kind == "request" {
		what = "the browser follows it only if the new location passes the CORS check too"
	}
	p.add("redirect", kind, "the endpoint redirects: %s (%s): %s; use the regional endpoint %s", statusText(ex.Status), loc, what, fix)
}

// bucketOfHost returns BUCKET of a virtual-hosted S3 host name, "" for
// any other host.
func bucketOfHost(host string) string {
	if b, ok := strings.CutSuffix(host, ".s3.amazonaws.com"); ok {
		return b
	}
	if m := regionalHost.FindStringSubmatch(host); m != nil {
		return m[1]
	}
	return ""
}

// cacheHeaders are response headers that show a CDN or cache on the way.
var cacheHeaders = []string{"Age", "X-Cache", "CF-Cache-Status", "Via", "X-Served-By", "X-Cache-Hits", "X-Amz-Cf-Pop", "X-Amz-Cf-Id"}

// cache explains signs of a CDN or cache answering, above all with an
// Access-Control-Allow-Origin stored for another origin.
func (p *probe) cache(kind string, ex *liveExchange) {
	var evidence []string
	for _, name := range cacheHeaders {
		if v, ok := ex.merged.Get(name); ok {
			evidence = append(evidence, name+": "+v)
		}
	}
	if len(evidence) == 0 {
		return
	}
	acao, hasACAO := ex.merged.Get(simulate.HeaderAllowOrigin)
	fix := "have the CDN forward Origin, Access-Control-Request-Method and Access-Control-Request-Headers to the bucket and key its cache on them (CloudFront: the CORS-S3Origin origin request policy and a cache policy including these headers)"
	switch {
	case hasACAO && acao != "*" && acao != p.req.Origin:
		p.add("cdn-cache", kind, "%s: %s names another origin than the one sent (%s), and the answer passed through a cache (%s): it serves an answer stored for another page; %s",
			simulate.HeaderAllowOrigin, acao, p.req.Origin, strings.Join(evidence, ", "), fix)
	case !hasACAO && cacheHit(ex.merged) && p.expectsCORS(kind):
		p.add("cdn-cache", kind, "a cache answered (%s) without %s: it likely stored the answer to a request without Origin (an <img>, a navigation) and gives it to CORS requests; %s",
			strings.Join(evidence, ", "), simulate.HeaderAllowOrigin, fix)
	default:
		p.note("cache", kind, "the answer passed through a CDN or cache (%s): it is right only while the cache keys on Origin (and, for preflights, on Access-Control-Request-Method and -Headers)",
			strings.Join(evidence, ", "))
	}
}

// cacheHit reports whether the headers say the answer came from a cache.
func cacheHit(h simulate.Fields) bool {
	age, _ := h.Get("Age")
	xc, _ := h.Get("X-Cache")
	cf, _ := h.Get("CF-Cache-Status")
	hits, _ := h.Get("X-Cache-Hits")
	n, _ := strconv.Atoi(strings.TrimSpace(age))
	h2, _ := strconv.Atoi(strings.TrimSpace(hits))
	return n > 0 || strings.Contains(strings.ToLower(xc), "hit") || strings.EqualFold(cf, "HIT") || h2 > 0
}

// expectsCORS reports whether the simulated exchange of that kind has
// CORS headers (always true without a simulation: S3 would answer with
// them when a rule matched, and a cache hides which).
func (p *probe) expectsCORS(kind string) bool {
	if p.sim == nil {
		return true
	}
	ex := p.sim.Actual
	if kind == "preflight" {
		ex = p.sim.Preflight
	}
	if ex == nil {
		return false
	}
	_, ok := ex.Response.Headers.Get(simulate.HeaderAllowOrigin)
	return ok
}

// compareRule says which configured rule the live answer came from when
// its CORS headers are not those of the rule simulate uses.
func (p *probe) compareRule() {
	live, sim := p.server.preflight, p.sim.Preflight
	if live == nil {
		live, sim = p.server.actual, p.sim.Actual
	}
	if live == nil || !live.Sent || sim == nil || isRedirect(live.Status) || p.hasFinding("cdn-cache", exchangeKind(live == p.server.preflight)) {
		return
	}
	used := sim.Response.MatchedRule
	if _, ok := live.merged.Get(simulate.HeaderAllowOrigin); !ok {
		if used >= 0 && !p.hasFinding("no-cors-headers", exchangeKind(live == p.server.preflight)) {
			p.add("rule", "", "the endpoint matched no rule, the simulation uses rule %s of %s%s: %s", p.ruleLabel(used), p.cfgName, s3ErrorHint(live), p.configCause())
		}
		return
	}
	like := rulesLike(p.cfg, live.merged, p.req.Origin, effectiveMethod(sim))
	switch {
	case slices.Contains(like, used):
	case len(like) > 0:
		p.add("rule", "", "the live CORS headers are those of rule %s of %s, not of rule %s, which the simulation uses: the rules the endpoint applies differ or are in another order",
			p.ruleLabel(like[0]), p.cfgName, p.ruleLabel(used))
	default:
		p.add("rule", "", "no rule of %s gives the live CORS headers (Allow-Origin, Allow-Methods, Expose-Headers, Max-Age): %s", p.cfgName, p.configCause())
	}
}

func exchangeKind(preflight bool) string {
	if preflight {
		return "preflight"
	}
	return "request"
}

func (p *probe) ruleLabel(i int) string {
	if i < 0 {
		return "none"
	}
	return (&simulation{cfg: p.cfg}).ruleName(i)
}

// s3ErrorHint quotes the endpoint's error message when it says why.
func s3ErrorHint(ex *liveExchange) string {
	if e := parseS3Error([]byte(ex.Body)); e != nil {
		return fmt.Sprintf(" (it says %s: %q)", e.Code, e.Message)
	}
	return ""
}

// effectiveMethod is the method S3 matched rules with for an exchange.
func effectiveMethod(ex *simulate.Exchange) string {
	if m := ex.Request.Header.Get(simulate.HeaderRequestMethod); m != "" {
		return m
	}
	return ex.Request.Method
}

// rulesLike returns the rules of cfg that allow origin and method and
// would give the CORS headers h: the same Allow-Origin, Allow-Methods,
// Expose-Headers (an appended ETag aside) and Max-Age.
func rulesLike(cfg *corsconf.Config, h simulate.Fields, origin, method string) []int {
	if cfg == nil {
		return nil
	}
	var out []int
	for i := range cfg.Rules {
		if ruleGives(&cfg.Rules[i], h, origin, method) {
			out = append(out, i)
		}
	}
	return out
}

func ruleGives(r *corsconf.Rule, h simulate.Fields, origin, method string) bool {
	if !slices.ContainsFunc(r.AllowedOrigins, func(o string) bool { return simulate.MatchOrigin(o, origin) }) || !slices.Contains(r.AllowedMethods, method) {
		return false
	}
	acao := origin
	if slices.Contains(r.AllowedOrigins, "*") {
		acao = "*"
	}
	if v, _ := h.Get(simulate.HeaderAllowOrigin); v != acao {
		return false
	}
	if v, ok := h.Get(simulate.HeaderAllowMethods); ok && !slices.Equal(headerList(v), r.AllowedMethods) {
		return false
	}
	expose, _ := h.Get(simulate.HeaderExposeHeaders)
	got := headerList(expose)
	if len(got) == len(r.ExposeHeaders)+1 && strings.EqualFold(got[len(got)-1], "ETag") {
		got = got[:len(got)-1] // versitygw appends ETag
	}
	if !slices.EqualFunc(got, r.ExposeHeaders, strings.EqualFold) {
		return false
	}
	age, ok := h.Get(simulate.HeaderMaxAge)
	return ok == (r.MaxAgeSeconds != nil) && (!ok || strings.TrimSpace(age) == strconv.Itoa(*r.MaxAgeSeconds))
}
