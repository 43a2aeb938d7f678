package corsconf

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// Tests of Validate's diagnostics beyond the S3 answer: their fields,
// the style of every message, and their positions.

// TestValidateDiagnosticFields checks the fields besides the S3 answer: file,
// position, severity, message style and hints.
func TestValidateDiagnosticFields(t *testing.T) {
	t.Parallel()
	cfg := Config{Rules: []Rule{
		vRule([]string{"*"}, "GET", "get", "*", "OPTIONS", "PATCH", "", "GETS"),
		{AllowedMethods: []string{"GET"}},
	}}
	d := vDocWithPos(&cfg, map[string]Pos{
		RootName:                           {1, 1},
		RulePath(0):                        {2, 3},
		ValuePath(0, AllowedMethodName, 1): {4, 5},
		RulePath(1):                        {12, 3},
	})
	type fields struct {
		Path, Message, Hint string
		Pos                 Pos
	}
	want := []fields{
		{"CORSRule[0].AllowedMethod[1]", `method "get" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, `did you mean "GET"?`, Pos{4, 5}},
		{"CORSRule[0].AllowedMethod[2]", `method "*" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, "S3 has no method wildcard: list the methods you need, e.g. GET and HEAD", Pos{2, 3}},
		{"CORSRule[0].AllowedMethod[3]", `method "OPTIONS" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, "S3 answers preflight OPTIONS requests itself: no rule needs OPTIONS, remove it", Pos{2, 3}},
		{"CORSRule[0].AllowedMethod[4]", `method "PATCH" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, "", Pos{2, 3}},
		{"CORSRule[0].AllowedMethod[5]", `method "" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, "remove the empty AllowedMethod", Pos{2, 3}},
		{"CORSRule[0].AllowedMethod[6]", `method "GETS" is not allowed by S3 (use GET, PUT, POST, DELETE or HEAD)`, `did you mean "GET"?`, Pos{2, 3}},
		{"CORSRule[1]", "the rule has no AllowedOrigin (S3 requires at least one)", `add an AllowedOrigin such as "https://example.com", or "*" for any origin`, Pos{12, 3}},
	}
	ds := Validate(d)
	var got []fields
	for _, dg := range ds {
		got = append(got, fields{dg.Path, dg.Message, dg.Hint, dg.Pos})
		if dg.File != "cors.xml" || dg.Severity != SeverityError || dg.S3First {
			t.Errorf("%s: File %q, Severity %v, S3First %v; want cors.xml, error, false", dg.Path, dg.File, dg.Severity, dg.S3First)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Validate:\n got %+v\nwant %+v", got, want)
	}
}

// TestValidateMessageStyle checks every message of every check: lower case,
// no final period, and the offending value quoted.
func TestValidateMessageStyle(t *testing.T) {
	t.Parallel()
	cfg := Config{Rules: append([]Rule{
		{},
		{ID: strings.Repeat("x", 300), AllowedOrigins: []string{"*a*"}, AllowedMethods: []string{"GOT"},
			AllowedHeaders: []string{"**"}, ExposeHeaders: []string{"a*", "a b"}, MaxAgeSeconds: vInt(-1)},
		{MaxAgeSeconds: vInt(vOverInt32())},
	}, vRules(100)...)}
	ds := Validate(NewDocument("cors.xml", &cfg))
	seen := map[string]bool{}
	for _, d := range ds {
		seen[d.Rule] = true
		r, _ := firstRune(d.Message)
		if !unicode.IsLower(r) {
			t.Errorf("%s: message %q does not start in lower case", d.Rule, d.Message)
		}
		if strings.HasSuffix(d.Message, ".") || strings.HasSuffix(d.Hint, ".") {
			t.Errorf("%s: message %q or hint %q ends with a period", d.Rule, d.Message, d.Hint)
		}
	}
	for _, id := range []string{"empty-rule", "missing-origin", "missing-method", "unsupported-method", "origin-multiple-wildcards",
		"header-multiple-wildcards", "expose-header-wildcard", "expose-header-invalid", "invalid-max-age", "too-many-rules", "id-too-long"} {
		if !seen[id] {
			t.Errorf("no %s diagnostic", id)
		}
	}
	wantMsg := map[string]string{
		"too-many-rules": "the configuration has 103 rules (S3 allows at most 100)",
		"id-too-long":    "the rule ID is 300 characters long (S3 allows at most 255)",
	}
	for _, d := range ds {
		if w, ok := wantMsg[d.Rule]; ok && d.Message != w {
			t.Errorf("%s: message %q, want %q", d.Rule, d.Message, w)
		}
	}
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func TestValidatePositions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		pos  map[string]Pos
		want Pos
	}{
		{"no rules at the root", Config{}, map[string]Pos{RootName: {1, 1}}, Pos{1, 1}},
		{"value at its own position", Config{Rules: []Rule{vRule([]string{"*"}, "PATCH")}},
			map[string]Pos{RootName: {1, 1}, RulePath(0): {2, 1}, ValuePath(0, AllowedMethodName, 0): {3, 20}}, Pos{3, 20}},
		{"value at the field's position", Config{Rules: []Rule{vRule([]string{"*"}, "PATCH")}},
			map[string]Pos{RootName: {1, 1}, RulePath(0): {2, 1}, FieldPath(0, AllowedMethodName): {3, 5}}, Pos{3, 5}},
		{"MaxAgeSeconds at its position", Config{Rules: []Rule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: vInt(-1)}}},
			map[string]Pos{RulePath(0): {2, 1}, FieldPath(0, MaxAgeSecondsName): {7, 3}}, Pos{7, 3}},
		{"missing origin at the rule", Config{Rules: []Rule{vGood(), {AllowedMethods: []string{"GET"}}}},
			map[string]Pos{RulePath(1): {9, 3}}, Pos{9, 3}},
		{"no positions", Config{Rules: []Rule{vRule([]string{"*"}, "PATCH")}}, nil, Pos{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ds := Validate(vDocWithPos(&tt.cfg, tt.pos))
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(ds), ds)
			}
			if ds[0].Pos != tt.want {
				t.Errorf("Pos = %v, want %v", ds[0].Pos, tt.want)
			}
		})
	}
}
