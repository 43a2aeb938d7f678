package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// write prints the report in format (text, json or junit) to env.Stdout.
func (r *testReport) write(env Env, format string, color bool) error {
	w := bufio.NewWriterSize(env.Stdout, 64<<10)
	var err error
	switch format {
	case "json":
		err = r.writeJSON(w)
	case "junit":
		err = r.writeJUnit(w)
	default:
		r.writeText(newPrinter(w, color))
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeText prints each failed case, with what it expected, what happened,
// the browser's reason and the rules S3 tried, then the summary line
// "N passed, N failed", which CI tools read.
func (r *testReport) writeText(p *printer) {
	for _, s := range r.suites {
		for i := range s.results {
			res := &s.results[i]
			if res.passed {
				continue
			}
			fmt.Fprintf(p.w, "%s: %s %s\n", p.bold.Sprintf("%s:%d", res.c.file, res.c.line), p.err.Sprint("FAIL:"), res.c.name)
			for _, m := range res.details(r.cfg, p) {
				fmt.Fprintf(p.w, "    %s\n", m)
			}
			fmt.Fprintln(p.w)
		}
	}
	fmt.Fprintf(p.w, "%d passed, %d failed\n", r.passed, r.failed)
}

// details returns the lines that explain a failed case: what did not
// hold, the browser's console message, and the rules as the simulate
// command explains them.
func (res *caseResult) details(cfg *corsconf.Config, p *printer) []string {
	out := append([]string{}, res.problems...)
	if res.reason != "" {
		out = append(out, "browser: "+res.reason)
	}
	return append(out, ruleExplanation(cfg, res, p)...)
}

// ruleExplanation renders the simulate command's explanation of the rules
// of a failed case, one line each (the first is its title). p decides the
// colour; its writer is not used.
func ruleExplanation(cfg *corsconf.Config, res *caseResult, p *printer) []string {
	s := simulation{cfg: cfg, rules: res.rules}
	var b strings.Builder
	rp := *p
	rp.w = &b
	s.printRules(&rp)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// The JSON form of a test run, {"passed": N, "failed": N, "cases": [...]},
// has one object per case; its keys are documented in README.md and stable.
type jsonTestCase struct {
	Name     string   `json:"name"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Passed   bool     `json:"passed"`
	Expected string   `json:"expected"`
	Got      string   `json:"got"`
	Reason   string   `json:"reason"`
	Messages []string `json:"messages"`
}

// jsonCases calls f with the JSON form of each case, in order.
func (r *testReport) jsonCases(f func(jsonTestCase) error) error {
	plain := newPrinter(io.Discard, false)
	for _, s := range r.suites {
		for i := range s.results {
			res := &s.results[i]
			c := jsonTestCase{Name: res.c.name, File: res.c.file, Line: res.c.line, Passed: res.passed,
				Expected: res.c.expected(), Got: res.got, Reason: res.reason, Messages: []string{}}
			if !res.passed {
				c.Messages = append(c.Messages, res.problems...)
				for _, l := range ruleExplanation(r.cfg, res, plain) {
					c.Messages = append(c.Messages, strings.TrimPrefix(l, "  "))
				}
			}
			if err := f(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeJSON writes the report as the package's writeJSON would write
// {"passed": N, "failed": N, "cases": [...]}, but one case at a time, so
// that a run of many cases is not held in memory twice.
func (r *testReport) writeJSON(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "{\n  \"passed\": %d,\n  \"failed\": %d,\n  \"cases\": [", r.passed, r.failed); err != nil {
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	sep := "\n    "
	err := r.jsonCases(func(c jsonTestCase) error {
		b.Reset()
		if err := enc.Encode(c); err != nil {
			return err
		}
		_, err := io.WriteString(w, sep+strings.TrimSuffix(b.String(), "\n"))
		sep = ",\n    "
		return err
	})
	if err != nil {
		return err
	}
	end := "]\n}\n"
	if sep != "\n    " {
		end = "\n  ]\n}\n"
	}
	_, err = io.WriteString(w, end)
	return err
}

// toJUnit returns the report in the JUnit XML form (junit.go): one
// testsuite per cases file, one testcase per case.
func (r *testReport) toJUnit() junitSuites {
	j := junitSuites{Name: appName + " test", Tests: r.passed + r.failed, Failures: r.failed}
	plain := newPrinter(io.Discard, false)
	for _, s := range r.suites {
		suite := junitSuite{Name: s.file, Tests: len(s.results), Failures: s.failed, Cases: make([]junitCase, 0, len(s.results))}
		for i := range s.results {
			res := &s.results[i]
			tc := junitCase{Name: res.c.name, Classname: s.file, File: s.file, Line: res.c.line}
			if !res.passed {
				details := res.details(r.cfg, plain)
				tc.Failure = &junitProblem{Message: res.problems[0], Type: res.kind,
					Text: fmt.Sprintf("%s:%d: %s\n%s\n", res.c.file, res.c.line, res.c.name, strings.Join(details, "\n"))}
			}
			suite.Cases = append(suite.Cases, tc)
		}
		j.Suites = append(j.Suites, suite)
	}
	return j
}

func (r *testReport) writeJUnit(w io.Writer) error {
	return writeXML(w, r.toJUnit())
}
