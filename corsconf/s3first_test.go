package corsconf

import "testing"

// Tests of MarkS3First: which diagnostic S3 would report first, among
// diagnostics of any producer and among those of Validate, and how it
// splits a rule's path.

// vDiag is a diagnostic as another producer (a parser) would make it.
func vDiag(rule, path, code string, line int) Diagnostic {
	d := Diagnostic{File: "cors.xml", Path: path, Severity: SeverityError, Rule: rule, Message: rule}
	if line > 0 {
		d.Pos = Pos{line, 3}
	}
	if code != "" {
		d.S3 = &S3Error{Code: code}
	}
	return d
}

func TestMarkS3First(t *testing.T) {
	t.Parallel()
	const bad, malformed = "InvalidRequest", "MalformedXML"
	tests := []struct {
		name string
		in   Diagnostics
		want int // index of the marked diagnostic; -1 for none
	}{
		{"empty", nil, -1},
		{"no S3 answers", Diagnostics{vDiag("lint", "CORSRule[0]", "", 2), vDiag("syntax-json", RootName, "", 1)}, -1},
		{"only answer", Diagnostics{vDiag("lint", "CORSRule[0]", "", 2), vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 3)}, 1},
		{"first bad rule", Diagnostics{
			vDiag("unsupported-method", "CORSRule[1].AllowedMethod[0]", bad, 0),
			vDiag("origin-multiple-wildcards", "CORSRule[0].AllowedOrigin[0]", bad, 0),
		}, 1},
		{"rule index compared as a number", Diagnostics{
			vDiag("unsupported-method", "CORSRule[10].AllowedMethod[0]", bad, 0),
			vDiag("unsupported-method", "CORSRule[2].AllowedMethod[0]", bad, 0),
		}, 1},
		{"method before origin", Diagnostics{
			vDiag("origin-multiple-wildcards", "CORSRule[0].AllowedOrigin[0]", bad, 3),
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 4),
		}, 1},
		{"origin before headers", Diagnostics{
			vDiag("expose-header-wildcard", "CORSRule[0].ExposeHeader[0]", bad, 3),
			vDiag("header-multiple-wildcards", "CORSRule[0].AllowedHeader[0]", bad, 4),
			vDiag("origin-multiple-wildcards", "CORSRule[0].AllowedOrigin[0]", bad, 5),
		}, 2},
		{"AllowedHeader before ExposeHeader before ID", Diagnostics{
			vDiag("id-too-long", "CORSRule[0].ID", "InvalidArgument", 2),
			vDiag("expose-header-invalid", "CORSRule[0].ExposeHeader[0]", bad, 3),
			vDiag("header-multiple-wildcards", "CORSRule[0].AllowedHeader[0]", bad, 4),
		}, 2},
		{"values in order", Diagnostics{
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[3]", bad, 0),
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[1]", bad, 0),
		}, 1},
		{"structure before value", Diagnostics{
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 3),
			vDiag("missing-origin", "CORSRule[1]", malformed, 9),
		}, 1},
		{"parser error before value", Diagnostics{
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 3),
			vDiag("unknown-field", "CORSRule[3]", malformed, 30),
		}, 1},
		{"structure in document order", Diagnostics{
			vDiag("syntax", RootName, malformed, 40),
			vDiag("invalid-max-age", "CORSRule[2].MaxAgeSeconds", malformed, 21),
			vDiag("duplicate-field", "CORSRule[1].MaxAgeSeconds", malformed, 12),
		}, 2},
		{"structure with a position before structure without", Diagnostics{
			vDiag("missing-origin", "CORSRule[0]", malformed, 0),
			vDiag("syntax", RootName, malformed, 40),
		}, 1},
		{"structure without positions by path", Diagnostics{
			vDiag("missing-method", "CORSRule[11]", malformed, 0),
			vDiag("invalid-max-age", "CORSRule[3].MaxAgeSeconds", malformed, 0),
		}, 1},
		{"too many rules after structure", Diagnostics{
			vDiag("too-many-rules", "CORSRule[100]", bad, 0),
			vDiag("empty-rule", "CORSRule[150]", malformed, 0),
		}, 1},
		{"too many rules before values", Diagnostics{
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 0),
			vDiag("too-many-rules", "CORSRule[100]", bad, 0),
		}, 1},
		{"too large first", Diagnostics{
			vDiag("syntax", RootName, malformed, 1),
			vDiag("unsupported-method", "CORSRule[0].AllowedMethod[0]", bad, 3),
			vDiag("too-many-rules", "CORSRule[100]", bad, 0),
			vDiag("document-too-large", RootName, "MaxMessageLengthExceeded", 0),
		}, 3},
		{"ties keep the input order", Diagnostics{
			vDiag("missing-origin", "CORSRule[0]", malformed, 2),
			vDiag("missing-method", "CORSRule[0]", malformed, 2),
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ds := append(Diagnostics(nil), tt.in...)
			for i := range ds {
				ds[i].S3First = true // must be cleared
			}
			MarkS3First(ds)
			for i, d := range ds {
				if d.S3First != (i == tt.want) {
					t.Errorf("diagnostic %d (%s %s): S3First = %v, want %v", i, d.Rule, d.Path, d.S3First, i == tt.want)
				}
			}
		})
	}
}

// TestMarkS3FirstValidate runs MarkS3First on what Validate reports.
func TestMarkS3FirstValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string // path and rule of the marked diagnostic
	}{
		{"two bad rules", Config{Rules: []Rule{vRule([]string{"*a*"}, "GET"), vRule([]string{"*"}, "PATCH")}},
			"CORSRule[0].AllowedOrigin[0] origin-multiple-wildcards"},
		{"method before origin", Config{Rules: []Rule{vGood(), vRule([]string{"*a*"}, "get")}},
			"CORSRule[1].AllowedMethod[0] unsupported-method"},
		{"structure before value", Config{Rules: []Rule{vRule([]string{"*"}, "PATCH"), {}, {AllowedOrigins: []string{"*"}}}},
			"CORSRule[1] empty-rule"},
		{"too many rules before values", Config{Rules: append(vRules(100), vRule([]string{"*"}, "PATCH"))},
			"CORSRule[100] too-many-rules"},
		{"no rules", Config{}, "CORSConfiguration no-rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ds := Validate(NewDocument("cors.xml", &tt.cfg))
			MarkS3First(ds)
			var marked []string
			for _, d := range ds {
				if d.S3First {
					marked = append(marked, d.Path+" "+d.Rule)
				}
			}
			if len(marked) != 1 || marked[0] != tt.want {
				t.Errorf("marked %q, want [%q]", marked, tt.want)
			}
		})
	}
}

func TestSplitPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path        string
		rule        int
		field       string
		value       int
		description string
	}{
		{"CORSRule[12].AllowedMethod[3]", 12, "AllowedMethod", 3, "value"},
		{"CORSRule[2].MaxAgeSeconds", 2, "MaxAgeSeconds", -1, "field"},
		{"CORSRule[0].AllowedOrigin", 0, "AllowedOrigin", -1, "list"},
		{"CORSRule[7]", 7, "", -1, "rule"},
		{"CORSConfiguration", -1, "", -1, "root"},
		{"CORSConfiguration.CORSRule[1].ID", 1, "ID", -1, "rooted"},
		{"CORSRule[x].ID", -1, "", -1, "bad index"},
		{"CORSRule[3].Unknown.Deep[2]", 3, "Unknown", -1, "nested"},
		{"", -1, "", -1, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.description, func(t *testing.T) {
			t.Parallel()
			rule, field, value := SplitPath(tt.path)
			if rule != tt.rule || field != tt.field || value != tt.value {
				t.Errorf("SplitPath(%q) = %d, %q, %d; want %d, %q, %d", tt.path, rule, field, value, tt.rule, tt.field, tt.value)
			}
		})
	}
}
