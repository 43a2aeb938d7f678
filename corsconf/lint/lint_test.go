package lint_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// parseExample parses the CORSRule elements of a rule's example.
func parseExample(t *testing.T, rules string) *corsconf.Document {
	t.Helper()
	src := "<CORSConfiguration>\n" + rules + "\n</CORSConfiguration>\n"
	doc, diags := corsconf.Parse("example.xml", []byte(src), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatalf("example does not parse: %v\n%s", diags, src)
	}
	return doc
}

// lintAll lints doc as the command does: the rules, then the inline
// ignores, whose own findings some rules are.
func lintAll(doc *corsconf.Document) []lint.Finding {
	return lint.Suppress(doc, lint.Lint(doc, lint.Options{}))
}

func findingsOf(findings []lint.Finding, id string) []lint.Finding {
	var out []lint.Finding
	for _, f := range findings {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// TestCatalogue checks every rule's metadata and that its examples do what
// they say: the bad one is reported, the good one is not, and a fixable
// rule's fix removes the finding.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range lint.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if seen[r.ID] {
				t.Fatalf("duplicate rule ID")
			}
			seen[r.ID] = true
			if r.Summary == "" || r.Rationale == "" || r.Bad == "" || r.Good == "" || r.Severity == corsconf.SeverityInvalid {
				t.Fatalf("incomplete metadata: %+v", r)
			}
			if r.Validation || r.Abridged {
				return // errors from corsconf.Validate, or examples too large to show: see TestGoldenRules
			}
			bad := parseExample(t, r.Bad)
			got := findingsOf(lintAll(bad), r.ID)
			if len(got) == 0 {
				t.Errorf("the bad example is not reported")
			}
			if good := findingsOf(lintAll(parseExample(t, r.Good)), r.ID); len(good) > 0 {
				t.Errorf("the good example is reported: %v", good[0].Diagnostic)
			}
			checkFix(t, r, bad, got)
		})
	}
}

func checkFix(t *testing.T, r *lint.Rule, doc *corsconf.Document, findings []lint.Finding) {
	t.Helper()
	var edits []lint.Edit
	for _, f := range findings {
		edits = append(edits, f.Fix...)
	}
	if !r.Fixable {
		if len(edits) > 0 {
			t.Errorf("rule is not marked fixable but offers fixes")
		}
		return
	}
	if len(edits) == 0 {
		t.Fatalf("rule is fixable but its bad example gets no fix")
	}
	fixed := corsconf.NewDocument("fixed", lint.Apply(&doc.Config, edits))
	if again := findingsOf(lintAll(fixed), r.ID); len(again) > 0 {
		t.Errorf("still reported after the fix: %v", again[0].Diagnostic)
	}
}

// TestGoldenRules runs each rule over testdata/lint/<id>.bad.xml, whose
// findings of that rule must match <id>.bad.out, and <id>.good.xml, which
// must give none.
func TestGoldenRules(t *testing.T) {
	for _, r := range lint.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			base := filepath.Join("..", "..", "testdata", "lint", r.ID)
			bad := lintFile(t, base+".bad.xml")
			got := findingsOf(bad, r.ID)
			if len(got) == 0 {
				t.Errorf("%s.bad.xml: no finding", r.ID)
			}
			var out bytes.Buffer
			for _, f := range got {
				out.WriteString(f.String() + "\n")
			}
			checkGolden(t, base+".bad.out", out.Bytes())
			if good := findingsOf(lintFile(t, base+".good.xml"), r.ID); len(good) > 0 {
				t.Errorf("%s.good.xml: reported: %v", r.ID, good[0].Diagnostic)
			}
		})
	}
}

func lintFile(t *testing.T, name string) []lint.Finding {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := corsconf.Parse(filepath.Base(name), src, corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("%s does not parse: %v", name, diags)
	}
	return lintAll(doc)
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run: go test ./corsconf/lint -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./corsconf/lint -update, then review):\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

// TestRulesDoc keeps docs/rules.md equal to what the catalogue generates.
func TestRulesDoc(t *testing.T) {
	var b bytes.Buffer
	if err := lint.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("..", "..", "docs", "rules.md"), b.Bytes())
	if !strings.Contains(b.String(), "## origin-trailing-slash") {
		t.Errorf("docs/rules.md lacks a section per rule")
	}
}
