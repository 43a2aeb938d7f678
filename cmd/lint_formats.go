package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// lintJSONDiagnostic is a finding in the JSON form validate prints, plus
// "fixable": true when --fix can correct it.
type lintJSONDiagnostic struct {
	jsonDiagnostic
	Fixable bool `json:"fixable,omitempty"`
}

// writeJSON prints one array of the findings of every file.
func (r *lintReport) writeJSON(w io.Writer) error {
	out := make([]lintJSONDiagnostic, 0, len(r.findings))
	for _, f := range r.findings {
		out = append(out, lintJSONDiagnostic{jsonDiagnostic: toJSONDiagnostic(f.Diagnostic), Fixable: len(f.Fix) > 0})
	}
	return writeJSON(w, out)
}

// writeGitHub prints one GitHub Actions workflow command per finding,
// which the runner shows as an annotation on the file:
//
//	::warning file=cors.xml,line=3,col=20,title=origin-trailing-slash::origin ...
func (r *lintReport) writeGitHub(w io.Writer) error {
	for _, f := range r.findings {
		level := "notice"
		switch f.Severity {
		case corsconf.SeverityError:
			level = "error"
		case corsconf.SeverityWarning:
			level = "warning"
		}
		props := "file=" + githubProperty(f.File)
		msg := messageWithHint(f.Diagnostic)
		if f.Pos.IsValid() {
			props += fmt.Sprintf(",line=%d,col=%d", f.Pos.Line, f.Pos.Col)
		} else if f.Path != "" {
			msg = f.Path + ": " + msg
		}
		props += ",title=" + githubProperty(f.Rule)
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, props, githubData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// The escapes of workflow commands, as the runner unescapes them: of a
// message, and of a property value, where ":" and "," delimit too.
// (A Replacer builds its tables on first use, not at start-up.)
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubData escapes the message of a workflow command.
func githubData(s string) string { return githubDataEscaper.Replace(s) }

// githubProperty escapes a property value of a workflow command.
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }

// junitCleanCase names the passing testcase of a file without findings.
const junitCleanCase = "lint"

// toJUnit returns the report in the JUnit XML form (junit.go): one
// testsuite per file; in it one failing testcase per rule with findings,
// or one passing testcase when the file is clean. A file that could not be
// read is a testcase with an error.
func (r *lintReport) toJUnit() junitSuites {
	j := junitSuites{Name: appName + " lint"}
	suites := map[string]*junitSuite{}
	var names []string
	suite := func(name string) *junitSuite {
		s, ok := suites[name]
		if !ok {
			s = &junitSuite{Name: name}
			suites[name] = s
			names = append(names, name)
		}
		return s
	}
	for _, f := range r.files {
		suite(f.name)
	}
	for _, fl := range r.failures {
		s := suite(fl.name)
		s.Cases = append(s.Cases, junitCase{Name: "read", Classname: fl.name, File: fl.name,
			Error: &junitProblem{Message: fl.msg, Type: "failure", Text: fl.msg + "\n"}})
		s.Errors++
	}
	// r.findings is sorted by file: the findings of one rule are gathered
	// per file in the order of their first finding.
	for i := 0; i < len(r.findings); {
		file := r.findings[i].File
		n := i
		for n < len(r.findings) && r.findings[n].File == file {
			n++
		}
		s := suite(file)
		var rules []string
		byRule := map[string][]lint.Finding{}
		for _, f := range r.findings[i:n] {
			if _, ok := byRule[f.Rule]; !ok {
				rules = append(rules, f.Rule)
			}
			byRule[f.Rule] = append(byRule[f.Rule], f)
		}
		for _, rule := range rules {
			s.Cases = append(s.Cases, junitFailureCase(file, rule, byRule[rule]))
			s.Failures++
		}
		i = n
	}
	slices.Sort(names)
	for _, name := range names {
		s := suites[name]
		if len(s.Cases) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: junitCleanCase, Classname: name, File: name})
		}
		s.Tests = len(s.Cases)
		j.Tests += s.Tests
		j.Failures += s.Failures
		j.Errors += s.Errors
		j.Suites = append(j.Suites, *s)
	}
	return j
}

// junitFailureCase is the testcase of rule in file: a failure whose type
// is the worst severity and whose text lists every finding.
func junitFailureCase(file, rule string, fs []lint.Finding) junitCase {
	worst := fs[0].Severity
	var text strings.Builder
	for _, f := range fs {
		worst = min(worst, f.Severity)
		text.WriteString(f.String() + "\n")
	}
	msg := messageWithHint(fs[0].Diagnostic)
	if len(fs) > 1 {
		msg = fmt.Sprintf("%d findings", len(fs))
	}
	return junitCase{Name: rule, Classname: file, File: file, Line: fs[0].Pos.Line,
		Failure: &junitProblem{Message: msg, Type: worst.String(), Text: text.String()}}
}

func (r *lintReport) writeJUnit(w io.Writer) error {
	return writeXML(w, r.toJUnit())
}

// catalogueEntry is a rule as --list-rules prints it: the lint rules, then
// the checks of validate not already among them.
type catalogueEntry struct {
	ID         string `json:"id"`
	Severity   string `json:"severity"`
	Fixable    bool   `json:"fixable"`
	Validation bool   `json:"validation"`
	Summary    string `json:"summary"`
	Rationale  string `json:"rationale,omitempty"`
	Bad        string `json:"bad,omitempty"`
	Good       string `json:"good,omitempty"`
	HelpURI    string `json:"helpUri"`
}

func catalogue() []catalogueEntry {
	var out []catalogueEntry
	for _, r := range lint.Rules() {
		out = append(out, catalogueEntry{ID: r.ID, Severity: r.Severity.String(), Fixable: r.Fixable, Validation: r.Validation,
			Summary: r.Summary, Rationale: r.Rationale, Bad: r.Bad, Good: r.Good, HelpURI: ruleHelpURI(r.ID, r.Validation)})
	}
	for _, v := range corsconf.Checks() {
		if lint.Lookup(v.ID) == nil {
			out = append(out, catalogueEntry{ID: v.ID, Severity: corsconf.SeverityError.String(), Validation: true,
				Summary: v.Summary, HelpURI: ruleHelpURI(v.ID, true)})
		}
	}
	return out
}

// writeRuleList prints the catalogue: a table of ID, severity, fixable and
// summary, or a JSON array of rule objects.
func writeRuleList(w io.Writer, format string) error {
	rules := catalogue()
	if format == "json" {
		return writeJSON(w, rules)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFIXABLE\tSUMMARY")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, yesNo(r.Fixable, ""), r.Summary)
	}
	return tw.Flush()
}
