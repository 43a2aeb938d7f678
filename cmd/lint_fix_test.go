package cmd

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// Tests of lint --fix: the files it rewrites, its JSON, dry-run and
// standard input forms, what it leaves alone, and which fixes it selects.

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
