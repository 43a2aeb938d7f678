package lint_test

import (
	"bytes"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// TestApplyDocumentMovesComments checks that comments follow their elements
// when fixes remove values and rules.
func TestApplyDocumentMovesComments(t *testing.T) {
	src := `<CORSConfiguration>
  <!-- first -->
  <CORSRule>
    <!-- a -->
    <AllowedOrigin>https://a.example</AllowedOrigin>
    <!-- b -->
    <AllowedOrigin>https://b.example</AllowedOrigin>
    <!-- c -->
    <AllowedOrigin>https://c.example</AllowedOrigin>
    <!-- get -->
    <AllowedMethod>GET</AllowedMethod>
    <!-- put -->
    <AllowedMethod>PUT</AllowedMethod>
    <!-- end of first -->
  </CORSRule>
  <!-- second -->
  <CORSRule>
    <!-- inside second -->
    <AllowedOrigin>https://d.example</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
  <!-- third -->
  <CORSRule>
    <AllowedOrigin>https://e.example</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`
	doc, diags := corsconf.Parse("x.xml", []byte(src), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	edits := []lint.Edit{
		{Op: lint.EditRemove, Rule: 0, Field: corsconf.AllowedOriginName, Index: 1},
		{Op: lint.EditRemove, Rule: 0, Field: corsconf.AllowedMethodName, Index: 1},
		{Op: lint.EditSet, Rule: 0, Field: corsconf.AllowedOriginName, Index: 0, Value: "https://a2.example"},
		{Op: lint.EditRemoveRule, Rule: 1},
	}
	var b bytes.Buffer
	if err := lint.ApplyDocument(doc, edits).Write(&b, corsconf.FormatXML); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <!-- first -->
  <CORSRule>
    <!-- a -->
    <AllowedOrigin>https://a2.example</AllowedOrigin>
    <!-- b -->
    <!-- c -->
    <AllowedOrigin>https://c.example</AllowedOrigin>
    <!-- get -->
    <AllowedMethod>GET</AllowedMethod>
    <!-- put -->
    <!-- end of first -->
  </CORSRule>
  <!-- second -->
  <!-- third -->
  <CORSRule>
    <AllowedOrigin>https://e.example</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`
	if b.String() != want {
		t.Errorf("fixed document differs:\n--- got\n%s--- want\n%s", b.String(), want)
	}
}
