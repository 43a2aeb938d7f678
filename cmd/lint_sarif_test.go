package cmd

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema (errata 01).
const sarifSchemaFile = "../testdata/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri and uri-reference values are checked too
	sch, err := c.Compile(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// checkSARIF validates out against the schema and against what GitHub
// code scanning requires beyond it, and returns the decoded log.
func checkSARIF(t *testing.T, sch *jsonschema.Schema, out string) sarifLog {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("want version 2.1.0 and one run, got %s with %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != appName || d.InformationURI == "" || d.Version != "test" {
		t.Errorf("driver %q %q %q", d.Name, d.InformationURI, d.Version)
	}
	ids := map[string]bool{}
	for _, r := range d.Rules {
		if ids[r.ID] {
			t.Errorf("rule %s described twice", r.ID)
		}
		ids[r.ID] = true
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" ||
			!strings.HasPrefix(r.HelpURI, "https://") || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s: incomplete metadata %+v", r.ID, r)
		}
	}
	for _, r := range lint.Rules() {
		if !ids[r.ID] {
			t.Errorf("the catalogue's %s is not described", r.ID)
		}
	}
	for _, v := range corsconf.Checks() {
		if !ids[v.ID] {
			t.Errorf("the validation check %s is not described", v.ID)
		}
	}
	if run.Results == nil {
		t.Errorf("results is null: code scanning wants an array")
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || len(res.Locations) != 1 {
			t.Errorf("result %s: message %q, %d locations", res.RuleID, res.Message.Text, len(res.Locations))
		}
		for _, l := range res.Locations {
			if uri := l.PhysicalLocation.ArtifactLocation.URI; uri == "" || strings.Contains(uri, `\`) {
				t.Errorf("result %s: uri %q", res.RuleID, uri)
			}
		}
	}
	return log
}

// TestSARIFSchema runs lint --format sarif over several inputs, with
// findings or none, and validates each log against the SARIF schema.
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	tests := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"no findings", "", []string{lintInput("clean.xml")}},
		{"no files readable", "", []string{filepath.Join(t.TempDir(), "missing.xml")}},
		{"errors and warnings", "", []string{lintInput("errors.xml"), lintInput("trailing-slash.xml")}},
		{"json and tabs", "", []string{lintInput("trailing-slash.json"), lintInput("tabs.xml")}},
		{"syntax error", "", []string{lintInput("syntax.xml"), lintInput("unknown-element.xml")}},
		{"stdin", readFile(t, lintInput("errors.xml")), []string{"-"}},
		{"fail-on notice", "", []string{"--fail-on", "notice", "../testdata/err/methods.xml", "../testdata/err/json-shapes.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run([]byte(tt.stdin), nil, false, append([]string{"lint", "--format", "sarif"}, tt.args...)...)
			if r.code == ExitUsage {
				t.Fatalf("usage error: %s", r.stderr)
			}
			checkSARIF(t, sch, r.stdout)
		})
	}
}

// TestSARIFWithoutPositions checks findings without a position (a
// configuration read from S3) and of a rule outside the catalogue.
func TestSARIFWithoutPositions(t *testing.T) {
	r := &lintReport{version: "test", findings: []lint.Finding{
		{Diagnostic: corsconf.Diagnostic{File: "s3://bucket", Path: "CORSRule[0].AllowedOrigin[0]", Severity: corsconf.SeverityWarning,
			Rule: "origin-trailing-slash", Message: "m"}, Fix: []lint.Edit{{Op: lint.EditSet}}},
		{Diagnostic: corsconf.Diagnostic{File: "dir/my file.xml", Path: "CORSConfiguration", Severity: corsconf.SeverityNotice,
			Rule: "not-in-the-catalogue", Message: "n"}},
		{Diagnostic: corsconf.Diagnostic{File: "/abs/x.xml", Pos: corsconf.Pos{Line: 2, Col: 3}, Severity: corsconf.SeverityError,
			Rule: "unsupported-method", Message: "e", S3: &corsconf.S3Error{Code: "InvalidRequest", Message: "no"}}},
	}}
	var b bytes.Buffer
	if err := r.writeSARIF(&b); err != nil {
		t.Fatal(err)
	}
	log := checkSARIF(t, compileSARIFSchema(t), b.String())
	res := log.Runs[0].Results
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	if loc := res[0].Locations[0]; loc.PhysicalLocation.Region != nil || len(loc.LogicalLocations) != 1 ||
		loc.LogicalLocations[0].FullyQualifiedName != "CORSRule[0].AllowedOrigin[0]" {
		t.Errorf("positionless result: %+v", loc)
	}
	if res[0].Properties["fixable"] != true || res[0].Level != "warning" {
		t.Errorf("fixable warning: %+v", res[0])
	}
	if got := res[1].Locations[0].PhysicalLocation.ArtifactLocation; got.URI != "dir/my%20file.xml" || got.URIBaseID != "%SRCROOT%" {
		t.Errorf("relative path: %+v", got)
	}
	if res[1].Level != "note" || log.Runs[0].Tool.Driver.Rules[res[1].RuleIndex].ID != "not-in-the-catalogue" {
		t.Errorf("rule outside the catalogue: %+v", res[1])
	}
	if got := res[2].Locations[0].PhysicalLocation; got.ArtifactLocation.URI != "file:///abs/x.xml" ||
		got.Region == nil || got.Region.StartLine != 2 || got.Region.StartColumn != 3 {
		t.Errorf("absolute path with a position: %+v", got)
	}
	if res[2].Properties["s3Code"] != "InvalidRequest" {
		t.Errorf("S3's answer is not kept: %+v", res[2].Properties)
	}
}

// TestSARIFColumns checks that columns count code points, and that the
// region ends after the value.
func TestSARIFColumns(t *testing.T) {
	src := "<CORSConfiguration>\n<CORSRule>\n<AllowedOrigin>https://é.example/</AllowedOrigin><AllowedOrigin>https://x.example/</AllowedOrigin>\n" +
		"<AllowedMethod>GET</AllowedMethod>\n</CORSRule>\n</CORSConfiguration>\n"
	r := run([]byte(src), nil, false, "lint", "--format", "sarif", "-")
	log := checkSARIF(t, compileSARIFSchema(t), r.stdout)
	var regions []sarifRegion
	for _, res := range log.Runs[0].Results {
		if res.RuleID == "origin-trailing-slash" {
			regions = append(regions, *res.Locations[0].PhysicalLocation.Region)
		}
	}
	// "https://é.example/" starts at byte and code point 16 and has 18
	// code points; the second origin starts after it at byte 66, code point 65.
	want := []sarifRegion{{StartLine: 3, StartColumn: 16, EndColumn: 34}, {StartLine: 3, StartColumn: 65, EndColumn: 83}}
	if len(regions) != 2 || regions[0] != want[0] || regions[1] != want[1] {
		t.Errorf("regions %+v, want %+v", regions, want)
	}
	if log.Runs[0].ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", log.Runs[0].ColumnKind)
	}
}
