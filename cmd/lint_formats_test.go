package cmd

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// Tests of lint's other formats: GitHub Actions annotations, JUnit XML,
// and the list of rules.

func TestLintGitHub(t *testing.T) {
	r := &lintReport{findings: []lint.Finding{
		{Diagnostic: corsconf.Diagnostic{File: "dir/a,b:c.xml", Pos: corsconf.Pos{Line: 3, Col: 7}, Path: "CORSRule[0]", Severity: corsconf.SeverityWarning,
			Rule: "some-rule", Message: "100% wrong\nreally", Hint: "fix it"}},
		{Diagnostic: corsconf.Diagnostic{File: "s3://b", Path: "CORSRule[1].AllowedMethod[0]", Severity: corsconf.SeverityNotice, Rule: "x", Message: "m"}},
		{Diagnostic: corsconf.Diagnostic{File: "e.xml", Pos: corsconf.Pos{Line: 1, Col: 1}, Severity: corsconf.SeverityError, Rule: "syntax", Message: "bad"}},
	}}
	var b bytes.Buffer
	if err := r.writeGitHub(&b); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=dir/a%2Cb%3Ac.xml,line=3,col=7,title=some-rule::100%25 wrong%0Areally; fix it\n" +
		"::notice file=s3%3A//b,title=x::CORSRule[1].AllowedMethod[0]: m\n" +
		"::error file=e.xml,line=1,col=1,title=syntax::bad\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// lintJUnitReport is the JUnit XML schema as CI tools read it.
type lintJUnitReport struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestLintJUnit(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	clean := filepath.Join(t.TempDir(), "clean.xml")
	writeFile(t, clean, "<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>", 0o644)
	errorsXML := lintInput("errors.xml")
	findings, _ := lintJSON(t, errorsXML, clean)
	r := run(nil, nil, false, "lint", "--format", "junit", errorsXML, clean, missing)
	wantCode(t, r, ExitFailure)
	if !strings.HasPrefix(r.stdout, xml.Header) {
		t.Errorf("no XML declaration:\n%s", r.stdout)
	}
	var rep lintJUnitReport
	if err := xml.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("not XML: %v\n%s", err, r.stdout)
	}
	rules := map[string]map[string]int{} // file -> rule -> findings
	for _, d := range findings {
		if rules[d.File] == nil {
			rules[d.File] = map[string]int{}
		}
		rules[d.File][d.Rule]++
	}
	if len(rep.Suites) != 3 || rep.Errors != 1 {
		t.Fatalf("want 3 suites and 1 error, got %+v", rep)
	}
	tests, failures := 0, 0
	for _, s := range rep.Suites {
		tests += s.Tests
		failures += s.Failures
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d with %d cases", s.Name, s.Tests, len(s.Cases))
		}
		switch s.Name {
		case missing:
			if len(s.Cases) != 1 || s.Cases[0].Error == nil || s.Errors != 1 {
				t.Errorf("unreadable file: %+v", s)
			}
		case clean:
			if n := len(rules[clean]); n == 0 && (len(s.Cases) != 1 || s.Cases[0].Failure != nil) {
				t.Errorf("clean file: want one passing case, got %+v", s)
			}
		case errorsXML:
			if len(s.Cases) != len(rules[errorsXML]) || s.Failures != len(s.Cases) {
				t.Errorf("want one failing case per rule %v, got %+v", rules[errorsXML], s)
			}
			for _, c := range s.Cases {
				if c.Failure == nil || strings.Count(c.Failure.Text, "\n") != rules[errorsXML][c.Name] || !strings.Contains(c.Failure.Text, "["+c.Name+"]") {
					t.Errorf("case %s: failure %+v, want %d findings", c.Name, c.Failure, rules[errorsXML][c.Name])
				}
			}
		default:
			t.Errorf("unexpected suite %q", s.Name)
		}
	}
	if rep.Tests != tests || rep.Failures != failures {
		t.Errorf("totals %d/%d, suites add up to %d/%d", rep.Tests, rep.Failures, tests, failures)
	}
}

func TestLintListRules(t *testing.T) {
	text := run(nil, nil, false, "lint", "--list-rules")
	wantCode(t, text, ExitOK)
	if !strings.HasPrefix(text.stdout, "ID ") {
		t.Errorf("no header:\n%s", text.stdout)
	}
	var rules []catalogueEntry
	js := run(nil, nil, false, "lint", "--list-rules", "--format", "json")
	if err := json.Unmarshal([]byte(js.stdout), &rules); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	for _, r := range lint.Rules() {
		if !slices.Contains(ids, r.ID) {
			t.Errorf("JSON lacks %s", r.ID)
		}
		if !strings.Contains(text.stdout, "\n"+r.ID+" ") {
			t.Errorf("text lacks %s", r.ID)
		}
	}
	for _, v := range corsconf.Checks() {
		if !slices.Contains(ids, v.ID) {
			t.Errorf("JSON lacks the validation check %s", v.ID)
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		t.Errorf("duplicate IDs: %v", ids)
	}
}
