package corsconf_test

import (
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

func TestExternalFormats(t *testing.T) {
	for _, f := range []corsconf.Format{corsconf.FormatCloudFormation, corsconf.FormatTerraform} {
		if !f.External() {
			t.Errorf("%v: not external", f)
		}
		if _, ok := corsconf.ParseFormat(f.String()); ok {
			t.Errorf("ParseFormat(%q) accepts a format this package cannot read", f)
		}
		doc, diags := corsconf.Parse("t", []byte("CorsRules: []"), f)
		if len(diags) != 1 || diags[0].Rule != "wrong-format" || doc.Format != f {
			t.Errorf("Parse in %v: %v", f, diags)
		}
		if diags := corsconf.CheckDocument(doc, diags); len(diags) != 1 {
			t.Errorf("CheckDocument after Parse in %v added to %v", f, diags)
		}
		if err := doc.Config.Format(&discard{}, f); err == nil {
			t.Errorf("Format in %v: no error", f)
		}
	}
	for _, f := range append([]corsconf.Format{corsconf.FormatAuto}, corsconf.Formats...) {
		if f.External() {
			t.Errorf("%v is external", f)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestCheckDocument builds a document as a reader outside the package
// does, and checks that validation points at the positions it recorded.
func TestCheckDocument(t *testing.T) {
	doc := &corsconf.Document{Name: "t.tf", Format: corsconf.FormatTerraform}
	doc.Config.Rules = []corsconf.Rule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}}, {AllowedMethods: []string{"GET"}}}
	doc.SetPos(corsconf.RootName, corsconf.Pos{Line: 1, Col: 1})
	doc.SetPos(corsconf.RulePath(0), corsconf.Pos{Line: 2, Col: 3})
	doc.SetPos(corsconf.ValuePath(0, corsconf.AllowedMethodName, 0), corsconf.Pos{Line: 4, Col: 24})
	doc.SetPos(corsconf.ValuePath(0, corsconf.AllowedMethodName, 0), corsconf.Pos{Line: 9, Col: 9}) // the first one stays
	doc.SetPos(corsconf.RulePath(1), corsconf.Pos{Line: 7, Col: 3})
	read := corsconf.Diagnostics{{File: "t.tf", Pos: corsconf.Pos{Line: 8, Col: 23}, Path: corsconf.FieldPath(1, corsconf.AllowedOriginName),
		Severity: corsconf.SeverityError, Rule: "wrong-type", Message: "value is a Terraform reference (var.o); s3cors needs a literal"}}
	got := corsconf.CheckDocument(doc, read)
	want := []string{
		`t.tf:4:24: error: method "PATCH" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD) [unsupported-method]`,
		`t.tf:8:23: error: value is a Terraform reference (var.o); s3cors needs a literal [wrong-type]`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %q", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("diagnostic %d: %s, want %s", i, got[i], want[i])
		}
	}
	if !got[0].S3First {
		t.Errorf("the unsupported method is not marked as S3's first answer")
	}
}

func TestMarkIncomplete(t *testing.T) {
	doc := &corsconf.Document{Name: "t.yaml", Format: corsconf.FormatCloudFormation}
	if diags := corsconf.CheckDocument(doc, nil); len(diags) != 1 || diags[0].Rule != "no-rules" {
		t.Errorf("empty document: %v, want no-rules", diags)
	}
	doc.MarkIncomplete()
	if diags := corsconf.CheckDocument(doc, nil); len(diags) != 0 {
		t.Errorf("incomplete document: %v, want nothing", diags)
	}
}
