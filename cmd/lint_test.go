package cmd

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// Lint inputs, shared with the golden cases; these tests run from cmd/.
const lintDir = "../testdata/lintcli"

func lintInput(name string) string { return filepath.Join(lintDir, name) }

// lintJSON runs lint --format json with args and decodes its findings.
func lintJSON(t *testing.T, args ...string) ([]lintJSONDiagnostic, result) {
	t.Helper()
	r := run(nil, nil, false, append([]string{"lint", "--format", "json"}, args...)...)
	var out []lintJSONDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("lint --format json: %v\nstdout:\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
	return out, r
}

// copyToTemp copies the lint inputs named into a temporary directory and
// returns their new paths.
func copyToTemp(t *testing.T, names ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for _, n := range names {
		dst := filepath.Join(dir, filepath.Base(n))
		writeFile(t, dst, readFile(t, lintInput(n)), 0o644)
		out = append(out, dst)
	}
	return out
}

// problemKey identifies a finding independently of where it is.
func problemKey(d jsonDiagnostic) string { return d.File + " " + d.Rule + " " + d.Message }

func TestLintFixRewritesFiles(t *testing.T) {
	files := copyToTemp(t, "trailing-slash.xml", "trailing-slash.json", "tabs.xml")
	before, _ := lintJSON(t, files...)
	var fixable []string
	for _, d := range before {
		if d.Fixable {
			fixable = append(fixable, problemKey(d.jsonDiagnostic))
		}
	}
	if len(fixable) < len(files) {
		t.Fatalf("want a fixable finding (origin-trailing-slash) in each file, got %v", before)
	}
	fix := run(nil, nil, false, append([]string{"lint", "--fix"}, files...)...)
	if fix.code != ExitOK && fix.code != ExitProblems {
		t.Fatalf("lint --fix: exit %d\n%s%s", fix.code, fix.stdout, fix.stderr)
	}
	for _, f := range files {
		if !strings.Contains(fix.stdout, f+":") || !strings.Contains(fix.stdout, ": fixed: ") {
			t.Errorf("lint --fix does not report the fix of %s:\n%s", f, fix.stdout)
		}
	}
	after, again := lintJSON(t, files...)
	for _, d := range after {
		if slices.Contains(fixable, problemKey(d.jsonDiagnostic)) {
			t.Errorf("still reported after --fix: %+v", d)
		}
	}
	if again.code != fix.code {
		t.Errorf("lint after --fix exits %d, --fix exited %d", again.code, fix.code)
	}
	// Each file keeps its format, and the XML its comments.
	xmlOut := readFile(t, files[0])
	for _, want := range []string{"<!-- assets bucket -->", "<!-- the web app -->", "<!-- staging -->\n    <AllowedOrigin>https://staging.example.com</AllowedOrigin>",
		"<AllowedOrigin>https://app.example.com</AllowedOrigin>"} {
		if !strings.Contains(xmlOut, want) {
			t.Errorf("fixed XML lacks %q:\n%s", want, xmlOut)
		}
	}
	if jsonOut := readFile(t, files[1]); !strings.HasPrefix(jsonOut, `{`) || !strings.Contains(jsonOut, `"https://www.example.com"`) {
		t.Errorf("fixed JSON is not CLI JSON with the fixed origin:\n%s", jsonOut)
	}
}

// TestLintFixEveryFixableRule fixes the bad example of every fixable rule
// of the catalogue through the command, file format and all, and checks
// that linting the result finds none of the fixed findings.
func TestLintFixEveryFixableRule(t *testing.T) {
	for _, r := range lint.Rules() {
		if !r.Fixable || r.Validation {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "bad.xml")
			writeFile(t, file, "<CORSConfiguration>\n"+r.Bad+"\n</CORSConfiguration>\n", 0o644)
			before, _ := lintJSON(t, file)
			var fixed []string
			for _, d := range before {
				if d.Rule == r.ID && d.Fixable {
					fixed = append(fixed, problemKey(d.jsonDiagnostic))
				}
			}
			if len(fixed) == 0 {
				t.Fatalf("the bad example gives no fixable %s finding: %+v", r.ID, before)
			}
			if fix := run(nil, nil, false, "lint", "--fix", file); fix.code == ExitFailure || fix.code == ExitUsage {
				t.Fatalf("lint --fix: exit %d\n%s", fix.code, fix.stderr)
			}
			after, _ := lintJSON(t, file)
			for _, d := range after {
				if slices.Contains(fixed, problemKey(d.jsonDiagnostic)) {
					t.Errorf("still reported after --fix: %+v\n%s", d, readFile(t, file))
				}
			}
		})
	}
}

func TestLintFixJSON(t *testing.T) {
	files := copyToTemp(t, "trailing-slash.xml")
	r := run(nil, nil, false, "lint", "--fix", "--format", "json", files[0])
	var out []lintJSONDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	for _, d := range out {
		if d.Rule == "origin-trailing-slash" {
			t.Errorf("still reported after --fix: %+v", d)
		}
	}
	if !strings.Contains(r.stderr, files[0]+":7:20: fixed: ") {
		t.Errorf("the fix is not reported on stderr:\n%s", r.stderr)
	}
}

func TestLintFixDryRun(t *testing.T) {
	files := copyToTemp(t, "trailing-slash.xml")
	src := readFile(t, files[0])
	r := run(nil, nil, false, "lint", "--fix", "--dry-run", files[0])
	if got := readFile(t, files[0]); got != src {
		t.Errorf("--dry-run changed the file:\n%s", got)
	}
	for _, want := range []string{"--- " + files[0] + ".orig\n", "+++ " + files[0] + "\n",
		"-    <AllowedOrigin>https://app.example.com/</AllowedOrigin>\n", "+    <AllowedOrigin>https://app.example.com</AllowedOrigin>\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, r.stdout)
		}
	}
	if lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"); !strings.HasPrefix(lines[len(lines)-1], "1 file, ") {
		t.Errorf("the last line is not the summary:\n%s", r.stdout)
	}
}

func TestLintFixStdin(t *testing.T) {
	src := readFile(t, lintInput("trailing-slash.xml"))
	r := run([]byte(src), nil, false, "lint", "--fix", "-")
	if !strings.Contains(r.stdout, "<AllowedOrigin>https://app.example.com</AllowedOrigin>") || !strings.Contains(r.stdout, "<!-- staging -->") {
		t.Errorf("stdout is not the fixed document:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "<stdin>:7:20: fixed: ") || !strings.Contains(r.stderr, "1 file, ") {
		t.Errorf("stderr lacks the report:\n%s", r.stderr)
	}
	// Nothing to fix: the input comes out as it went in.
	clean := readFile(t, lintInput("clean.xml"))
	findings, _ := lintJSON(t, lintInput("clean.xml"))
	if slices.ContainsFunc(findings, func(d lintJSONDiagnostic) bool { return d.Fixable }) {
		t.Fatalf("clean.xml has a fixable finding: %+v", findings)
	}
	if r := run([]byte(clean), nil, false, "lint", "--fix", "-"); r.stdout != clean {
		t.Errorf("stdout = %q, want the input unchanged", r.stdout)
	}
}

func TestLintFixLeavesUnreadableAlone(t *testing.T) {
	files := copyToTemp(t, "unknown-element.xml", "syntax.xml")
	before := []string{readFile(t, files[0]), readFile(t, files[1])}
	r := run(nil, nil, false, append([]string{"lint", "--fix"}, files...)...)
	wantCode(t, r, ExitProblems)
	for i, f := range files {
		if got := readFile(t, f); got != before[i] {
			t.Errorf("%s was rewritten:\n%s", f, got)
		}
	}
	if !strings.Contains(r.stderr, files[0]+": not fixed: ") {
		t.Errorf("stderr does not say the file was not fixed:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, ": fixed: ") {
		t.Errorf("a fix is reported:\n%s", r.stdout)
	}
}

func TestSelectFixes(t *testing.T) {
	set := func(rule, index int, v string) lint.Edit {
		return lint.Edit{Op: lint.EditSet, Rule: rule, Field: corsconf.AllowedOriginName, Index: index, Value: v}
	}
	finding := func(id string, edits ...lint.Edit) lint.Finding {
		return lint.Finding{Diagnostic: corsconf.Diagnostic{Rule: id}, Fix: edits}
	}
	findings := []lint.Finding{
		finding("a", set(0, 0, "x")),
		finding("b", set(0, 0, "y")), // conflicts with a
		finding("c", set(0, 0, "x")), // the same edit as a
		finding("no-fix"),
		finding("d", set(0, 1, "z"), lint.Edit{Op: lint.EditAppend, Rule: 0, Field: corsconf.AllowedMethodName, Value: "HEAD"}),
		finding("e", lint.Edit{Op: lint.EditRemoveRule, Rule: 0}), // rule 0 is being edited
		finding("f", lint.Edit{Op: lint.EditRemoveRule, Rule: 1}),
		finding("g", lint.Edit{Op: lint.EditRemove, Rule: 1, Field: corsconf.AllowedOriginName, Index: 0}), // in a removed rule
		finding("h", lint.Edit{Op: lint.EditRemoveRule, Rule: 1}),
	}
	selected, edits := selectFixes(findings)
	var ids []string
	for _, f := range selected {
		ids = append(ids, f.Rule)
	}
	if got := strings.Join(ids, ","); got != "a,c,d,f,h" {
		t.Errorf("selected %s, want a,c,d,f,h", got)
	}
	if len(edits) != 6 {
		t.Errorf("%d edits, want 6: %+v", len(edits), edits)
	}
}

// TestLintExitCodes derives the expected exit code of each --fail-on from
// the severities the JSON output reports, so that it holds whatever rules
// the catalogue has.
func TestLintExitCodes(t *testing.T) {
	for _, file := range []string{"errors.xml", "trailing-slash.xml", "clean.xml"} {
		findings, _ := lintJSON(t, lintInput(file))
		worst := corsconf.SeverityInvalid
		for _, d := range findings {
			s, ok := corsconf.ParseSeverity(d.Severity)
			if !ok {
				t.Fatalf("severity %q", d.Severity)
			}
			if worst == corsconf.SeverityInvalid || s < worst {
				worst = s
			}
		}
		for _, failOn := range []corsconf.Severity{corsconf.SeverityError, corsconf.SeverityWarning, corsconf.SeverityNotice} {
			want := ExitOK
			if worst != corsconf.SeverityInvalid && worst <= failOn {
				want = ExitProblems
			}
			r := run(nil, nil, false, "lint", "--fail-on", failOn.String(), lintInput(file))
			if r.code != want {
				t.Errorf("%s --fail-on %s: exit %d, want %d (worst finding: %v)", file, failOn, r.code, want, worst)
			}
		}
	}
	// The default is warning.
	if r := run(nil, nil, false, "lint", lintInput("trailing-slash.xml")); r.code != ExitProblems {
		t.Errorf("a warning with the default --fail-on: exit %d, want 1", r.code)
	}
}

func TestLintUsage(t *testing.T) {
	ok := lintInput("clean.xml")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad format", []string{"--format", "xml", ok}, `invalid --format "xml"`},
		{"bad fail-on", []string{"--fail-on", "info", ok}, `invalid --fail-on "info"`},
		{"unknown rule", []string{"--disable", "origin-trailing-slash,no-such-rule", ok}, `unknown rule "no-such-rule" in --disable`},
		{"unknown enabled rule", []string{"--enable", "nope", ok}, `unknown rule "nope" in --enable`},
		{"dry run without fix", []string{"--dry-run", ok}, "--dry-run goes with --fix"},
		{"dry run as json", []string{"--fix", "--dry-run", "--format", "json", ok}, "use it with --format text"},
		{"no file", nil, "lint needs at least one FILE"},
		{"stdin twice", []string{"-", "-"}, "standard input (-) can be read only once"},
		{"list rules as sarif", []string{"--list-rules", "--format", "sarif"}, "--list-rules prints text or json"},
		{"bad color", []string{"--color", "rainbow", ok}, `invalid --color "rainbow"`},
		{"bad from", []string{"--from", "yaml", ok}, `invalid --from "yaml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(nil, nil, false, append([]string{"lint"}, tt.args...)...)
			wantCode(t, r, ExitUsage)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

func TestLintUnreadableFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	r := run(nil, nil, false, "lint", missing, lintInput("trailing-slash.xml"))
	wantCode(t, r, ExitFailure)
	if !strings.Contains(r.stderr, "cannot read "+missing) {
		t.Errorf("stderr lacks the read error:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "[origin-trailing-slash]") || !strings.Contains(r.stdout, "\n1 file, ") {
		t.Errorf("the readable file was not linted:\n%s", r.stdout)
	}
}

func TestLintEnableDisable(t *testing.T) {
	file := lintInput("errors.xml")
	findings, _ := lintJSON(t, file)
	var others []string // rules with findings, other than the one disabled
	for _, d := range findings {
		if d.Rule != "origin-trailing-slash" && d.S3Code == "" {
			others = append(others, d.Rule)
		}
	}
	args := []string{"lint", "--disable", "origin-trailing-slash"}
	if len(others) > 0 {
		args = append(args, "--disable", others[0])
	}
	repeated := run(nil, nil, false, append(args, file)...)
	comma := run(nil, nil, false, "lint", "--disable", strings.Join(append([]string{"origin-trailing-slash"}, others[:min(1, len(others))]...), ","), file)
	if comma.stdout != repeated.stdout || comma.code != repeated.code {
		t.Errorf("--disable a,b and --disable a --disable b differ:\n%s\n%s", comma.stdout, repeated.stdout)
	}
	if strings.Contains(comma.stdout, "[origin-trailing-slash]") {
		t.Errorf("disabled rule still reported:\n%s", comma.stdout)
	}
	// What S3 rejects is reported whatever is disabled.
	for _, id := range []string{"[unsupported-method]", "[expose-header-wildcard]"} {
		if !strings.Contains(comma.stdout, id) {
			t.Errorf("validation error %s is gone:\n%s", id, comma.stdout)
		}
	}
	if r := run(nil, nil, false, "lint", "--enable", "origin-trailing-slash", file); !strings.Contains(r.stdout, "[origin-trailing-slash]") {
		t.Errorf("--enable of a rule that is on hides it:\n%s", r.stdout)
	}
	if r := run(nil, nil, false, "lint", "--enable", "origin-trailing-slash", "--disable", "origin-trailing-slash", file); r.code != ExitUsage {
		t.Errorf("a rule both enabled and disabled: exit %d, want 2", r.code)
	}
}

// TestLintJSONAsValidate checks that lint reports what validate reports,
// in the same JSON form.
func TestLintJSONAsValidate(t *testing.T) {
	for _, file := range []string{"../testdata/err/methods.xml", "../testdata/err/json-shapes.json", lintInput("errors.xml")} {
		v := run(nil, nil, false, "validate", "--format", "json", file)
		var want []map[string]any
		if err := json.Unmarshal([]byte(v.stdout), &want); err != nil {
			t.Fatal(err)
		}
		l := run(nil, nil, false, "lint", "--format", "json", file)
		var got []map[string]any
		if err := json.Unmarshal([]byte(l.stdout), &got); err != nil {
			t.Fatal(err)
		}
		var enc []string
		for _, d := range got {
			b, _ := json.Marshal(d)
			enc = append(enc, string(b))
		}
		for _, d := range want {
			b, _ := json.Marshal(d)
			if !slices.Contains(enc, string(b)) {
				t.Errorf("%s: lint lacks validate's %s", file, b)
			}
		}
	}
}

func TestLintTextAndSummary(t *testing.T) {
	r := run(nil, nil, false, "lint", lintInput("trailing-slash.xml"), lintInput("clean.xml"), lintInput("errors.xml"))
	want := lintInput("errors.xml") + `:3:20: warning: origin "https://app.example.com/" ends with a slash and can never match: browsers send origins without one; write "https://app.example.com" (fixable) [origin-trailing-slash]
    <AllowedOrigin>https://app.example.com/</AllowedOrigin>
                   ^~~~~~~~~~~~~~~~~~~~~~~~
`
	if !strings.Contains(r.stdout, want) {
		t.Errorf("output lacks\n%s\ngot:\n%s", want, r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "3 files, ") || !strings.HasSuffix(last, " notices") && !strings.HasSuffix(last, " notice") {
		t.Errorf("last line %q is not the summary", last)
	}
	// Sorted by file: errors.xml first, whatever the argument order.
	if !strings.HasPrefix(r.stdout, lintInput("errors.xml")+":") {
		t.Errorf("output is not sorted by file:\n%s", r.stdout)
	}
}

func TestLintColor(t *testing.T) {
	file := lintInput("errors.xml")
	if r := run(nil, nil, false, "lint", "--color", "always", file); !ansi.MatchString(r.stdout) {
		t.Errorf("--color always: no colour:\n%q", r.stdout)
	}
	if r := run(nil, nil, true, "lint", file); !ansi.MatchString(r.stdout) {
		t.Errorf("at a terminal: no colour:\n%q", r.stdout)
	}
	plain := run(nil, nil, false, "lint", file)
	for _, r := range []result{plain, run(nil, map[string]string{"NO_COLOR": "1"}, true, "lint", file), run(nil, nil, true, "lint", "--color", "never", file)} {
		if ansi.MatchString(r.stdout) {
			t.Errorf("coloured:\n%q", r.stdout)
		}
	}
	// Colour only decorates.
	coloured := run(nil, nil, false, "lint", "--color", "always", file)
	if got := ansi.ReplaceAllString(coloured.stdout, ""); got != plain.stdout {
		t.Errorf("without its escapes, the coloured output differs (-plain +coloured):\n%s", lineDiff(plain.stdout, got))
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		pos         corsconf.Pos
		format      corsconf.Format
		line, caret string
	}{
		{"xml text", "  <AllowedOrigin>https://a.example/</AllowedOrigin>", corsconf.Pos{Line: 1, Col: 18}, corsconf.FormatXML,
			"  <AllowedOrigin>https://a.example/</AllowedOrigin>", "                 ^~~~~~~~~~~~~~~~~~"},
		{"xml text with spaces and commas", "<A>a, b c</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>a, b c</A>", "   ^~~~~~"},
		{"xml element", "x\n    <MaxAge>3</MaxAge>\n", corsconf.Pos{Line: 2, Col: 5}, corsconf.FormatXML, "    <MaxAge>3</MaxAge>", "    ^~~~~~~~"},
		{"xml empty value", "<A></A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A></A>", "   ^"},
		{"xml cdata", "<A><![CDATA[x]]></A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A><![CDATA[x]]></A>", "   ^~~~~~~~~~~~~"},
		{"tabs kept", "\t\t<A>été/</A>", corsconf.Pos{Line: 1, Col: 6}, corsconf.FormatXML, "\t\t<A>été/</A>", "\t\t   ^~~~"},
		{"json string", `  "AllowedOrigins": ["a\"b", "c"]`, corsconf.Pos{Line: 1, Col: 22}, corsconf.FormatCLI,
			`  "AllowedOrigins": ["a\"b", "c"]`, "                     ^~~~~~"},
		{"json number", `"MaxAgeSeconds": 3000,`, corsconf.Pos{Line: 1, Col: 18}, corsconf.FormatCLI, `"MaxAgeSeconds": 3000,`, "                 ^~~~"},
		{"json object", "[\n  {", corsconf.Pos{Line: 2, Col: 3}, corsconf.FormatConsole, "  {", "  ^"},
		{"crlf", "<A>\r\n<B>x</B>\r\n", corsconf.Pos{Line: 2, Col: 4}, corsconf.FormatXML, "<B>x</B>", "   ^"},
		{"bom", "\xEF\xBB\xBF<A>x</A>", corsconf.Pos{Line: 1, Col: 7}, corsconf.FormatXML, "<A>x</A>", "   ^"},
		{"end of line", "<A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>", "   ^"},
		{"control characters", "<A>\x1b[31mx</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>\uFFFD[31mx</A>", "   ^~~~~~"},
		{"invalid utf-8", "<A>\xff</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>\uFFFD</A>", "   ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, caret, ok := snippet([]byte(tt.src), tt.pos, tt.format)
			if !ok || line != tt.line || caret != tt.caret {
				t.Errorf("snippet = (%q, %q, %v), want (%q, %q, true)", line, caret, ok, tt.line, tt.caret)
			}
		})
	}
	for _, pos := range []corsconf.Pos{{Line: 3, Col: 1}, {Line: 1, Col: 10}, {Line: 0, Col: 0}} {
		if _, _, ok := snippet([]byte("<A>x</A>\n"), pos, corsconf.FormatXML); ok {
			t.Errorf("snippet at %v: ok for a position outside the source", pos)
		}
	}
}

func TestSnippetLongLine(t *testing.T) {
	src := `[{"AllowedOrigins": [` + strings.Repeat(`"https://a.example", `, 30) + `"https://b.example/"], "AllowedMethods": ["GET"]` + strings.Repeat(" ", 200) + "}]"
	col := strings.Index(src, `"https://b.example/"`) + 1
	line, caret, ok := snippet([]byte(src), corsconf.Pos{Line: 1, Col: col}, corsconf.FormatConsole)
	if !ok {
		t.Fatal("not ok")
	}
	if len([]rune(line)) > snippetWidth+6 || !strings.HasPrefix(line, "...") || !strings.HasSuffix(line, "...") {
		t.Errorf("long line not cut around the value: %q", line)
	}
	at := strings.Index(caret, "^")
	if got := line[at : at+len(`"https://b.example/"`)]; got != `"https://b.example/"` || strings.Count(caret, "~") != len(got)-1 {
		t.Errorf("caret does not underline the value:\n%s\n%s", line, caret)
	}
}

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

// TestValidationRulesCoverCorsconf checks the table of validation checks
// against the IDs corsconf reports for the error inputs.
func TestValidationRulesCoverCorsconf(t *testing.T) {
	files, err := filepath.Glob("../testdata/err/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".out") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, diags := corsconf.Check(f, src, corsconf.FormatAuto)
		for _, d := range diags {
			if corsconf.LookupCheck(d.Rule) == nil {
				t.Errorf("%s: rule %q is not in validationRules", f, d.Rule)
			}
		}
	}
}

// BenchmarkLint100Rules lints testdata/bench/100-rules.xml: checking,
// every lint rule and the text output.
func BenchmarkLint100Rules(b *testing.B) {
	src, err := os.ReadFile("../testdata/bench/100-rules.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("lint", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			lintSource("100-rules.xml", src, corsconf.FormatAuto, lint.Options{})
		}
	})
	b.Run("command", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			env, _, _ := newTestEnv(src, nil)
			env.Stdout, env.Stderr = io.Discard, io.Discard
			if code := Main(b.Context(), []string{appName, "lint", "-"}, env); code != ExitOK && code != ExitProblems {
				b.Fatalf("exit %d", code)
			}
		}
	})
}
