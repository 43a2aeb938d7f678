package cmd

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

func newTestCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "test",
		Usage:     "check expectations (origin, method, headers => allow or deny) against a configuration, offline",
		ArgsUsage: "CASES...",
		Description: "Runs every case of the cases files (YAML or JSON) through the simulation of a browser and S3\n" +
			"under the --config configuration, and reports each case whose verdict, readable headers,\n" +
			"deciding rule or blocking step differs from what it expects. Exit 0 when every case passes,\n" +
			"1 when one fails or a cases file is invalid.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: flagConfig, Usage: "the bucket's CORS configuration `FILE` (- for standard input)"},
			fromFlag(), resourceFlag(),
			&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: text, json or junit"},
			colorFlag(),
		},
		Action: func(c *cli.Context) error {
			o := testOptions{config: c.String(flagConfig), format: c.String(flagFormat), color: c.String(flagColor), files: c.Args().Slice()}
			var err error
			if o.in, err = inputFrom(c); err != nil {
				return err
			}
			return runTest(env, o)
		},
	}
}

type testOptions struct {
	config, format, color string
	in                    inputOptions
	files                 []string // cases files; "-" is standard input
}

func (o testOptions) check() error {
	if o.config == "" {
		return usagef("test needs --config FILE, the configuration the cases are checked against")
	}
	if len(o.files) == 0 {
		return usagef("test needs at least one cases FILE (YAML or JSON)")
	}
	switch o.format {
	case "text", "json", "junit":
	default:
		return usagef("invalid --format %q: use text, json or junit", o.format)
	}
	if countStdin(append([]string{o.config}, o.files...)) > 1 {
		return usagef("standard input (-) can be read only once: give the configuration or one cases file as -")
	}
	return nil
}

// runTest loads the configuration and every cases file, reports every
// problem in them, and runs the cases only when all of them are valid.
func runTest(env Env, o testOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	errColor, err := useColor(env, o.color, env.Stderr)
	if err != nil {
		return err
	}
	outColor, _ := useColor(env, o.color, env.Stdout)
	var warnings []string
	src, err := loadSimulated(env, o.config, o.in, o.color, &warnings)
	if err != nil || src == nil {
		return err
	}
	cfg := &src.doc.Config
	ep := newPrinter(env.Stderr, errColor)
	for _, w := range warnings {
		fmt.Fprintf(ep.w, "%s: %s %s\n", ep.bold.Sprint(src.doc.Name), ep.warn.Sprint("warning:"), w)
	}
	files, failed := loadCases(env, ep, o.files, cfg)
	if failed != nil {
		return failed
	}
	report := runCases(cfg, files)
	if err := report.write(env, o.format, outColor); err != nil {
		return err
	}
	if report.failed > 0 {
		return errProblems
	}
	return nil
}

// loadCases reads and parses every cases file and prints their problems.
// It returns errFailure when a file cannot be read, errProblems when one
// is invalid.
func loadCases(env Env, ep *printer, names []string, cfg *corsconf.Config) ([]*casesFile, error) {
	var files []*casesFile
	var failed error
	for _, arg := range names {
		name, src, err := readInput(env, arg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
			failed = errFailure
			continue
		}
		f := parseCasesFile(name, src, cfg)
		for _, p := range f.problems {
			sev := ep.err.Sprint("error:")
			if p.warning {
				sev = ep.warn.Sprint("warning:")
			}
			fmt.Fprintf(ep.w, "%s: %s %s\n", ep.bold.Sprint(p.location()), sev, p.msg)
		}
		if f.errorCount() > 0 && failed == nil {
			failed = errProblems
		}
		files = append(files, f)
	}
	return files, failed
}

// caseResult is the outcome of one case.
type caseResult struct {
	c      *testCase
	passed bool
	got    string // allow or deny
	reason string // the browser's console message when it blocked the request
	// problems says what did not hold, one sentence each; empty when passed.
	problems []string
	// kind is the key of the first expectation that did not hold: expect,
	// blockedBy, readable, notReadable or rule.
	kind string
	// rules explains, for a failed case, how each rule fared against the
	// exchange S3 decided on (as the simulate command explains it).
	rules []simulate.RuleExplanation
}

// suiteResult holds the outcomes of the cases of one file.
type suiteResult struct {
	file    string
	results []caseResult
	failed  int
}

// testReport is the outcome of a run.
type testReport struct {
	cfg            *corsconf.Config
	suites         []suiteResult
	passed, failed int
}

// runCases runs every case against one bucket built from cfg. A Bucket is
// safe for concurrent use: the cases run in parallel, each result in its
// own slot, so the order of the report is the order of the files.
func runCases(cfg *corsconf.Config, files []*casesFile) *testReport {
	bucket := simulate.NewBucket(cfg)
	r := &testReport{cfg: cfg, suites: make([]suiteResult, 0, len(files))}
	for _, f := range files {
		s := suiteResult{file: f.name, results: make([]caseResult, len(f.cases))}
		parallelRanges(len(f.cases), func(from, to int) {
			for i := from; i < to; i++ {
				c := &f.cases[i]
				s.results[i] = checkCase(cfg, bucket, c, bucket.Fetch(&c.req))
			}
		})
		for i := range s.results {
			if !s.results[i].passed {
				s.failed++
			}
		}
		r.passed += len(s.results) - s.failed
		r.failed += s.failed
		r.suites = append(r.suites, s)
	}
	return r
}

// parallelRanges calls f on consecutive ranges that cover [0, n), in
// parallel when n is large enough to be worth it.
func parallelRanges(n int, f func(from, to int)) {
	const minPerWorker = 1000
	workers := min(runtime.GOMAXPROCS(0), n/minPerWorker)
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { f(n*w/workers, n*(w+1)/workers) })
	}
	wg.Wait()
}

// checkCase compares verdict v with what case c expects. When the verdict
// itself differs, the other expectations are not checked: they would only
// repeat it.
func checkCase(cfg *corsconf.Config, bucket *simulate.Bucket, c *testCase, v simulate.Verdict) caseResult {
	res := caseResult{c: c, got: expectDeny, reason: v.Reason}
	if v.Allowed {
		res.got = expectAllow
	}
	switch {
	case v.Allowed != c.allow && v.Allowed:
		res.kind, res.problems = keyExpect, []string{"expected deny, got allow"}
	case v.Allowed != c.allow:
		res.kind, res.problems = keyExpect, []string{fmt.Sprintf("expected allow, got deny (blocked at %s)", v.BlockedBy)}
	default:
		res.kind, res.problems = checkDetails(cfg, c, &v)
	}
	res.passed = len(res.problems) == 0
	if !res.passed {
		res.rules = explainDeciding(bucket, &v)
	}
	return res
}

// checkDetails checks what a case expects beyond the verdict, which
// matches. It returns the key of the first expectation that does not hold
// and what does not, one sentence each.
func checkDetails(cfg *corsconf.Config, c *testCase, v *simulate.Verdict) (kind string, out []string) {
	fail := func(key, msg string) {
		if kind == "" {
			kind = key
		}
		out = append(out, msg)
	}
	if c.blockedBy != "" && v.BlockedBy != c.blockedBy {
		fail(keyBlockedBy, fmt.Sprintf("expected deny at %s, got deny at %s", c.blockedBy, v.BlockedBy))
	}
	readable := func(name string) bool {
		return slices.ContainsFunc(v.ReadableHeaders, func(h string) bool { return strings.EqualFold(h, name) })
	}
	for _, h := range c.readable {
		if !readable(h) {
			fail(keyReadable, fmt.Sprintf("expected %s to be readable, but JavaScript cannot read it (readable: %s)", h, joinOrNone(v.ReadableHeaders)))
		}
	}
	for _, h := range c.notReadable {
		if readable(h) {
			fail(keyNotReadable, fmt.Sprintf("expected %s not to be readable, but JavaScript can read it", h))
		}
	}
	if c.rule != nil {
		if got := decidingRuleOf(v); !c.rule.matches(cfg, got) {
			msg := fmt.Sprintf("expected %s to decide, got %s", c.rule, describeRule(cfg, got))
			// S3 matches the request itself without its preflight's
			// Access-Control-Request-Headers: it can pick another rule.
			if v.Actual != nil && v.Preflight != nil && v.Preflight.Response.MatchedRule != got {
				msg += fmt.Sprintf(" for the request itself (the preflight matched %s)", describeRule(cfg, v.Preflight.Response.MatchedRule))
			}
			fail(keyRule, msg)
		}
	}
	return kind, out
}

// decidingRuleOf is the rule whose headers the browser judged last: the
// request's when it was sent, else the preflight's; -1 for none.
func decidingRuleOf(v *simulate.Verdict) int {
	switch {
	case v.Actual != nil:
		return v.Actual.Response.MatchedRule
	case v.Preflight != nil:
		return v.Preflight.Response.MatchedRule
	}
	return -1
}

func describeRule(cfg *corsconf.Config, i int) string {
	if i < 0 || i >= len(cfg.Rules) {
		return "no rule (none matched)"
	}
	if id := cfg.Rules[i].ID; id != "" {
		return fmt.Sprintf("rule %d (%q)", i, id)
	}
	return fmt.Sprintf("rule %d", i)
}
