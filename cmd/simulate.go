package cmd

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

const (
	flagConfig      = "config"
	flagNoCORS      = "no-cors-config"
	flagOrigin      = "origin"
	flagMethod      = "method"
	flagHeader      = "header"
	flagCredentials = "credentials"
	flagPreflight   = "preflight"
	flagXHR         = "xhr"
	flagURL         = "url"
)

func newSimulateCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "simulate",
		Usage: "what S3 answers to a browser request, what the browser then allows, and why",
		Description: "Simulates offline a cross-origin request from a page at --origin: the preflight the browser\n" +
			"sends (if any) and S3's exact answer, the request itself and the CORS headers S3 adds, the\n" +
			"browser's verdict with its console message, what JavaScript can read, and for every rule\n" +
			"whether origin, method and headers matched. Exit 0 when the browser allows the request, 1\n" +
			"when it blocks it.",
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: flagConfig, Usage: "the bucket's CORS configuration `FILE` (- for standard input)"},
			&cli.BoolFlag{Name: flagNoCORS, Usage: "simulate a bucket without any CORS configuration"},
			fromFlag(), resourceFlag(),
		}, browserRequestFlags()...),
			&cli.StringFlag{Name: flagURL, Value: simulate.DefaultURL, Usage: "the request `URL` (messages; a URL ending in / addresses the bucket)"},
			&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: text or json"},
			colorFlag(),
		),
		Action: func(c *cli.Context) error {
			o, err := simulateOptionsFrom(c)
			if err != nil {
				return err
			}
			return runSimulate(env, o)
		},
	}
}

// browserRequestFlags are the flags that describe the script's request,
// shared by simulate and probe.
func browserRequestFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: flagOrigin, Usage: "the page's origin, or its URL (reduced to its origin)"},
		&cli.StringFlag{Name: flagMethod, Value: "GET", Usage: "the request's method"},
		&cli.StringSliceFlag{Name: flagHeader, Aliases: []string{"H"}, Usage: "a header the script sets, `NAME[:VALUE]` (repeatable)"},
		&cli.StringFlag{Name: flagCredentials, Value: "same-origin", Usage: "credentials mode: omit, same-origin or include"},
		&cli.BoolFlag{Name: flagPreflight, Usage: "force a preflight, as an upload progress listener does; --header names are then requested in the order given"},
		&cli.BoolFlag{Name: flagXHR, Usage: "the page uses XMLHttpRequest rather than fetch (console wording)"},
	}
}

type simulateOptions struct {
	config, format, color string
	noCORS                bool
	in                    inputOptions
	req                   simulate.BrowserRequest
	rawOrigin             string
}

func simulateOptionsFrom(c *cli.Context) (simulateOptions, error) {
	o := simulateOptions{config: c.String(flagConfig), noCORS: c.Bool(flagNoCORS), format: c.String(flagFormat), color: c.String(flagColor)}
	var err error
	if o.in, err = inputFrom(c); err != nil {
		return o, err
	}
	switch {
	case o.config != "" && o.noCORS:
		return o, usagef("--config and --no-cors-config contradict each other: give one")
	case o.config == "" && !o.noCORS:
		return o, usagef("simulate needs --config FILE, or --no-cors-config for a bucket without CORS")
	}
	if o.format != "text" && o.format != "json" {
		return o, usagef("invalid --format %q: use text or json", o.format)
	}
	if c.NArg() > 0 {
		return o, usagef("simulate takes no arguments (got %q): the configuration is --config FILE", c.Args().First())
	}
	o.rawOrigin = c.String(flagOrigin)
	if o.rawOrigin == "" {
		return o, usagef("simulate needs --origin, the page's origin such as https://app.example.com")
	}
	if strings.ContainsAny(o.rawOrigin, "\r\n\x00") {
		return o, usagef("invalid --origin %q: a header value cannot hold a line break", o.rawOrigin)
	}
	o.req, err = browserRequest(c)
	return o, err
}

func browserRequest(c *cli.Context) (simulate.BrowserRequest, error) {
	// With --preflight the request headers keep the order given, so that a
	// recorded preflight can be replayed exactly; browsers sort them.
	r := simulate.BrowserRequest{Method: c.String(flagMethod), URL: c.String(flagURL), ForcePreflight: c.Bool(flagPreflight), KeepHeaderOrder: c.Bool(flagPreflight)}
	var ok bool
	if r.Credentials, ok = simulate.ParseCredentials(c.String(flagCredentials)); !ok {
		return r, usagef("invalid --credentials %q: use omit, same-origin or include", c.String(flagCredentials))
	}
	if r.Method == "" || strings.ContainsAny(r.Method, " \t:/") {
		return r, usagef("invalid --method %q: use an HTTP method such as GET or PUT", r.Method)
	}
	if c.Bool(flagXHR) {
		r.Initiator = simulate.InitiatorXHR
	}
	u, err := url.Parse(r.URL)
	if err != nil || u.Host == "" {
		return r, usagef("invalid --url %q: use an absolute URL such as %s", r.URL, simulate.DefaultURL)
	}
	if u.Path == "" || u.Path == "/" {
		r.Resource = simulate.ResourceBucket
	}
	for _, h := range c.StringSlice(flagHeader) {
		name, value, _ := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if name == "" || strings.ContainsFunc(name, notTokenChar) || strings.ContainsFunc(value, notValueChar) {
			return r, usagef("invalid --header %q: use NAME or NAME:VALUE (a header name, and a value without control characters), e.g. x-amz-date or Content-Type:image/png", h)
		}
		r.Header = append(r.Header, simulate.Field{Name: name, Value: value})
	}
	return r, nil
}

// notTokenChar reports whether r cannot appear in a header name (an HTTP
// token), as fetch() and XMLHttpRequest refuse such names.
func notTokenChar(r rune) bool {
	return r <= ' ' || r >= 0x7f || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r)
}

// notValueChar reports whether r cannot appear in a header value: a
// control character other than tab, as browsers refuse them.
func notValueChar(r rune) bool {
	return (r < ' ' && r != '\t') || r == 0x7f
}

// simulation is everything one run computes, for either output format.
type simulation struct {
	cfg      *corsconf.Config
	at       *source // the configuration read from a template or a Terraform file; nil for the other formats
	req      simulate.BrowserRequest
	verdict  simulate.Verdict
	rules    []simulate.RuleExplanation
	advice   []string
	warnings []string
}

func runSimulate(env Env, o simulateOptions) error {
	s := simulation{req: o.req}
	if !o.noCORS {
		src, err := loadSimulated(env, o.config, o.in, o.color, &s.warnings)
		if err != nil || src == nil {
			return err
		}
		s.cfg = &src.doc.Config
		if src.doc.Format.External() {
			s.at = src
		}
	}
	s.req.Origin = resolveOrigin(o.rawOrigin, &s.warnings)
	bucket := simulate.NewBucket(s.cfg)
	s.verdict = bucket.Fetch(&s.req)
	s.advice = simulate.Advise(s.cfg, &s.req, &s.verdict)
	s.rules = explainDeciding(bucket, &s.verdict)
	if err := s.print(env, o); err != nil {
		return err
	}
	if err := s.printRuleLocations(env, o); err != nil {
		return err
	}
	if !s.verdict.Allowed {
		return errProblems
	}
	return nil
}

// printRuleLocations lists, after the text output, where the rules it
// names are in a template or a Terraform file, whose rules are not at
// the top of the file as in the other formats.
func (s *simulation) printRuleLocations(env Env, o simulateOptions) error {
	if s.at == nil || o.format != "text" || len(s.rules) == 0 {
		return nil
	}
	on, err := useColor(env, o.color, env.Stdout)
	if err != nil {
		return err
	}
	p, doc := newPrinter(env.Stdout, on), s.at.doc
	what := doc.Format.String()
	if s.at.resource != "" {
		what += " " + s.at.resource
	}
	fmt.Fprintf(p.w, "\n%s\n", p.bold.Sprintf("Rules in %s (%s)", doc.Name, what))
	for _, r := range s.rules {
		fmt.Fprintf(p.w, "  %s:%s: rule %s\n", doc.Name, doc.Pos(corsconf.RulePath(r.Index)), s.ruleName(r.Index))
	}
	return nil
}

// loadSimulated reads the configuration to simulate with. A
// configuration S3 would reject is simulated as written, with a warning;
// one that cannot be read without loss is reported and returns nil. It
// takes any input format, with --resource (iac_read.go), and returns the
// source, for the positions of its rules and the resource read.
func loadSimulated(env Env, file string, in inputOptions, color string, warnings *[]string) (*source, error) {
	name, src, err := readInput(env, file)
	if err != nil {
		return nil, err
	}
	s, err := parseInput(name, src, in)
	if err != nil {
		return nil, err
	}
	printNotes(env, s)
	doc, diags := s.doc, s.diags // not validated: it is simulated as written
	if len(diags) > 0 {
		on, err := useColor(env, color, env.Stderr)
		if err != nil {
			return nil, err
		}
		diags.Sort()
		printValidation(newPrinter(env.Stderr, on), doc, diags)
		return nil, errProblems
	}
	if n := corsconf.Validate(doc).Count(corsconf.SeverityError); n > 0 {
		*warnings = append(*warnings, fmt.Sprintf("S3 would reject this configuration (%s; run s3cors validate): simulating it as written", plural(n, "error")))
	}
	return s, nil
}

// resolveOrigin turns a page URL into its serialized origin and warns
// about an origin no browser would send; any other string, an origin with
// a trailing slash included, is used as is, since S3 compares the Origin
// header as raw text.
func resolveOrigin(raw string, warnings *[]string) string {
	if simulate.IsPageURL(raw) {
		if origin, ok := simulate.OriginOf(raw); ok {
			*warnings = append(*warnings, fmt.Sprintf("using origin %s, the origin of page %s", origin, raw))
			return origin
		}
	}
	if ok, why := simulate.CheckSerializedOrigin(raw); !ok {
		*warnings = append(*warnings, fmt.Sprintf("no browser sends Origin %q (%s); S3 compares it as given", raw, why))
	}
	return raw
}

// explainDeciding explains the rules for the exchange S3 decided on: the
// preflight when one was sent, else the request itself.
func explainDeciding(b *simulate.Bucket, v *simulate.Verdict) []simulate.RuleExplanation {
	ex := v.Actual
	if v.Preflight != nil {
		ex = v.Preflight
	}
	if ex == nil {
		return nil
	}
	origin := ex.Request.Header.Get(simulate.HeaderOrigin)
	method := ex.Request.Method
	if m := ex.Request.Header.Get(simulate.HeaderRequestMethod); m != "" {
		method = m
	}
	return b.Explain(origin, method, ex.Request.Header.Get(simulate.HeaderRequestHeaders))
}
