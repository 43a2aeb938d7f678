package corsconf

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

const vMalformed = "The XML you provided was not well-formed or did not validate against our published schema"

// vWant is the part of a diagnostic the table tests compare.
type vWant struct {
	Rule       string
	Path       string
	Code       string
	S3Message  string
	Unverified bool
}

func vProject(t *testing.T, ds Diagnostics) []vWant {
	t.Helper()
	var out []vWant
	for _, d := range ds {
		if d.S3 == nil {
			t.Errorf("%s: S3 is nil", d)
			continue
		}
		out = append(out, vWant{d.Rule, d.Path, d.S3.Code, d.S3.Message, d.S3.Unverified})
	}
	return out
}

func vInt(v int) *int { return &v }

// vRule returns a valid rule with the given origins and methods.
func vRule(origins []string, methods ...string) Rule {
	return Rule{AllowedOrigins: origins, AllowedMethods: methods}
}

// vGood is a rule S3 accepts.
func vGood() Rule { return vRule([]string{"https://example.com"}, "GET") }

// vRules returns n valid rules.
func vRules(n int) []Rule {
	rs := make([]Rule, n)
	for i := range rs {
		rs[i] = vRule([]string{fmt.Sprintf("https://%d.example.com", i)}, "GET")
	}
	return rs
}

// vDocWithPos returns a document with the given recorded positions, as a
// parser would leave it.
func vDocWithPos(cfg *Config, pos map[string]Pos) *Document {
	d := NewDocument("cors.xml", cfg)
	for p, at := range pos {
		d.setPos(p, at)
	}
	return d
}

func vMethod(i, j int, m string) vWant {
	return vWant{"unsupported-method", ValuePath(i, AllowedMethodName, j), "InvalidRequest",
		"Found unsupported HTTP method in CORS config. Unsupported method is " + m, false}
}

func vExposeInvalid(i, j int, h string) vWant {
	return vWant{"expose-header-invalid", ValuePath(i, ExposeHeaderName, j), "InvalidRequest",
		fmt.Sprintf("AllowedHeader %q contains invalid character.", h), true}
}

func vExposeWildcard(i, j int, h string) vWant {
	return vWant{"expose-header-wildcard", ValuePath(i, ExposeHeaderName, j), "InvalidRequest",
		fmt.Sprintf("ExposeHeader %q contains wildcard. We currently do not support wildcard for ExposeHeader.", h), false}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	list := func(vs ...string) []string { return vs }
	long := strings.Repeat("a", 256)
	longRunes := strings.Repeat("é", 256)
	tests := []struct {
		name string
		cfg  Config
		want []vWant
	}{
		{"no rules", Config{}, []vWant{{"no-rules", RootName, "MalformedXML", vMalformed, false}}},
		{"no rules, empty list", Config{Rules: []Rule{}}, []vWant{{"no-rules", RootName, "MalformedXML", vMalformed, false}}},
		{"empty rule", Config{Rules: []Rule{vGood(), {}}},
			[]vWant{{"empty-rule", "CORSRule[1]", "MalformedXML", vMalformed, false}}},
		{"empty rule with empty lists", Config{Rules: []Rule{{AllowedOrigins: []string{}, AllowedMethods: []string{}}}},
			[]vWant{{"empty-rule", "CORSRule[0]", "MalformedXML", vMalformed, false}}},
		{"missing origin", Config{Rules: []Rule{{AllowedMethods: []string{"GET"}}}},
			[]vWant{{"missing-origin", "CORSRule[0]", "MalformedXML", vMalformed, false}}},
		{"missing method", Config{Rules: []Rule{{AllowedOrigins: []string{"*"}}}},
			[]vWant{{"missing-method", "CORSRule[0]", "MalformedXML", vMalformed, false}}},
		{"ID only", Config{Rules: []Rule{{ID: "r"}}}, []vWant{
			{"missing-origin", "CORSRule[0]", "MalformedXML", vMalformed, false},
			{"missing-method", "CORSRule[0]", "MalformedXML", vMalformed, false},
		}},
		{"MaxAgeSeconds only", Config{Rules: []Rule{{MaxAgeSeconds: vInt(0)}}}, []vWant{
			{"missing-origin", "CORSRule[0]", "MalformedXML", vMalformed, false},
			{"missing-method", "CORSRule[0]", "MalformedXML", vMalformed, false},
		}},
		{"headers only", Config{Rules: []Rule{{AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"ETag"}}}}, []vWant{
			{"missing-origin", "CORSRule[0]", "MalformedXML", vMalformed, false},
			{"missing-method", "CORSRule[0]", "MalformedXML", vMalformed, false},
		}},
		{"lower-case method", Config{Rules: []Rule{vRule(list("*"), "GET", "get")}}, []vWant{vMethod(0, 1, "get")}},
		{"empty method", Config{Rules: []Rule{vRule(list("*"), "")}}, []vWant{vMethod(0, 0, "")}},
		{"method wildcard", Config{Rules: []Rule{vRule(list("*"), "*")}}, []vWant{vMethod(0, 0, "*")}},
		{"OPTIONS", Config{Rules: []Rule{vRule(list("*"), "OPTIONS")}}, []vWant{vMethod(0, 0, "OPTIONS")}},
		{"PATCH and COPY", Config{Rules: []Rule{vGood(), vRule(list("*"), "PATCH", "PUT", "COPY")}},
			[]vWant{vMethod(1, 0, "PATCH"), vMethod(1, 2, "COPY")}},
		{"method with spaces", Config{Rules: []Rule{vRule(list("*"), " GET")}}, []vWant{vMethod(0, 0, " GET")}},
		{"origin with two wildcards", Config{Rules: []Rule{vRule(list("https://a.com", "*example*.com", "http://*.*.com"), "GET")}}, []vWant{
			{"origin-multiple-wildcards", "CORSRule[0].AllowedOrigin[1]", "InvalidRequest", `AllowedOrigin "*example*.com" can not have more than one wildcard.`, false},
			{"origin-multiple-wildcards", "CORSRule[0].AllowedOrigin[2]", "InvalidRequest", `AllowedOrigin "http://*.*.com" can not have more than one wildcard.`, false},
		}},
		{"header with two wildcards", Config{Rules: []Rule{{AllowedOrigins: list("*"), AllowedMethods: list("GET"), AllowedHeaders: list("x-amz-*", "*-amz-*")}}}, []vWant{
			{"header-multiple-wildcards", "CORSRule[0].AllowedHeader[1]", "InvalidRequest", `AllowedHeader "*-amz-*" can not have more than one wildcard.`, false},
		}},
		{"expose header wildcards", Config{Rules: []Rule{{AllowedOrigins: list("*"), AllowedMethods: list("GET"), ExposeHeaders: list("*", "ETag", "x-amz-meta-*", "x *")}}},
			[]vWant{vExposeWildcard(0, 0, "*"), vExposeWildcard(0, 2, "x-amz-meta-*"), vExposeWildcard(0, 3, "x *")}},
		{"expose header not a token", Config{Rules: []Rule{{AllowedOrigins: list("*"), AllowedMethods: list("GET"), ExposeHeaders: list("x header", "", "ETag ", "a,b", "é", "x:y")}}}, []vWant{
			vExposeInvalid(0, 0, "x header"), vExposeInvalid(0, 1, ""), vExposeInvalid(0, 2, "ETag "),
			vExposeInvalid(0, 3, "a,b"), vExposeInvalid(0, 4, "é"), vExposeInvalid(0, 5, "x:y"),
		}},
		{"negative MaxAgeSeconds", Config{Rules: []Rule{{AllowedOrigins: list("*"), AllowedMethods: list("GET"), MaxAgeSeconds: vInt(-1)}}},
			[]vWant{{"invalid-max-age", "CORSRule[0].MaxAgeSeconds", "MalformedXML", vMalformed, true}}},
		{"MaxAgeSeconds over int32" + vIf32(" (32-bit: -1)"), Config{Rules: []Rule{{AllowedOrigins: list("*"), AllowedMethods: list("GET"), MaxAgeSeconds: vInt(vOverInt32())}}},
			[]vWant{{"invalid-max-age", "CORSRule[0].MaxAgeSeconds", "MalformedXML", vMalformed, strconv.IntSize == 32}}},
		{"101 rules", Config{Rules: vRules(101)},
			[]vWant{{"too-many-rules", "CORSRule[100]", "InvalidRequest", "The number of CORS rules should not exceed allowed limit of 100 rules.", false}}},
		{"ID of 256 characters", Config{Rules: []Rule{{ID: long, AllowedOrigins: list("*"), AllowedMethods: list("GET")}}},
			[]vWant{{"id-too-long", "CORSRule[0].ID", "InvalidArgument", "ID length should not exceed allowed limit of 255", true}}},
		{"ID of 256 two-byte characters", Config{Rules: []Rule{vGood(), {ID: longRunes, AllowedOrigins: list("*"), AllowedMethods: list("GET")}}},
			[]vWant{{"id-too-long", "CORSRule[1].ID", "InvalidArgument", "ID length should not exceed allowed limit of 255", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := vProject(t, Validate(NewDocument("cors.xml", &tt.cfg)))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// vOverInt32 returns 2147483648 where int can hold it, and -1 on 32-bit
// platforms, where no int exceeds S3's limit.
func vOverInt32() int {
	if strconv.IntSize == 32 {
		return -1
	}
	v := int64(math.MaxInt32)
	return int(v + 1)
}

func vIf32(s string) string {
	if strconv.IntSize == 32 {
		return s
	}
	return ""
}

// TestValidateAccepted lists configurations S3 accepts (spec §2.1,
// "Accepted without complaint").
func TestValidateAccepted(t *testing.T) {
	t.Parallel()
	withRule := func(r Rule) Config { return Config{Rules: []Rule{r}} }
	id255 := strings.Repeat("a", 255)
	runes255 := strings.Repeat("é", 255) // 510 bytes
	tests := []struct {
		name string
		cfg  Config
	}{
		{"empty origin", withRule(vRule([]string{""}, "GET"))},
		{"star next to other origins", withRule(vRule([]string{"*", "https://test.com"}, "GET"))},
		{"any origin string", withRule(vRule([]string{"localhost", "whatever", "*.get", "http://test.com:80", "http://localhost:*"}, "GET"))},
		{"all five methods", withRule(vRule([]string{"*"}, "GET", "PUT", "HEAD", "POST", "DELETE"))},
		{"star and prefix headers", withRule(Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"*", "x-amz-*"}})},
		{"headers in any case and any character", withRule(Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"Authorization", "X-AMZ-DATE", "content-type", "x header"}})},
		{"expose header tokens", withRule(Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, ExposeHeaders: []string{"ETag", "x-amz-meta-custom", "x-amz-request-id", "!#$%&'+-.^_`|~09"}})},
		{"MaxAgeSeconds 0", withRule(Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: vInt(0)})},
		{"MaxAgeSeconds at int32 max", withRule(Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: vInt(math.MaxInt32)})},
		{"duplicate values", withRule(vRule([]string{"*", "*"}, "GET", "GET"))},
		{"duplicate rules", Config{Rules: []Rule{vGood(), vGood()}}},
		{"duplicate IDs", Config{Rules: []Rule{{ID: "a", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}, {ID: "a", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}}}}},
		{"100 rules", Config{Rules: vRules(100)}},
		{"ID of 255 characters", withRule(Rule{ID: id255, AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}})},
		{"ID of 255 two-byte characters", withRule(Rule{ID: runes255, AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if ds := Validate(NewDocument("cors.xml", &tt.cfg)); len(ds) != 0 {
				t.Errorf("Validate reported %d diagnostics, want none:\n%v", len(ds), ds)
			}
		})
	}
}

// TestValidateAllInOneRun checks that every problem is reported, not only
// the first one as S3 does.
func TestValidateAllInOneRun(t *testing.T) {
	t.Parallel()
	cfg := Config{Rules: []Rule{
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PATCH"}},
		{},
		{AllowedMethods: []string{"GET"}, ExposeHeaders: []string{"*"}},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: vInt(-5)},
	}}
	got := Validate(NewDocument("cors.xml", &cfg))
	var ids []string
	for _, d := range got {
		ids = append(ids, d.Rule)
	}
	want := []string{"unsupported-method", "empty-rule", "missing-origin", "expose-header-wildcard", "invalid-max-age"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("rules = %q, want %q", ids, want)
	}
}

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

func TestValidateDocumentTooLarge(t *testing.T) {
	t.Parallel()
	small := Config{Rules: []Rule{vGood()}}
	if len(small.MarshalS3()) == 0 {
		t.Fatal("Config.MarshalS3 returns nothing: cannot measure the document size")
	}
	if ds := Validate(NewDocument("cors.xml", &small)); len(ds) != 0 {
		t.Fatalf("small document: got %v, want none", ds)
	}
	var os []string
	for i := range 2000 {
		os = append(os, fmt.Sprintf("https://origin-%04d.example.com", i))
	}
	big := Config{Rules: []Rule{vRule(os, "GET")}}
	n := len(big.MarshalS3())
	if n <= MaxDocumentSize {
		t.Fatalf("test document is %d bytes, want more than %d", n, MaxDocumentSize)
	}
	ds := Validate(NewDocument("cors.xml", &big))
	want := []vWant{{"document-too-large", RootName, "MaxMessageLengthExceeded", "Your request was too big.", true}}
	if got := vProject(t, ds); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	wantMsg := fmt.Sprintf("the configuration is %d bytes as sent to S3 (S3 allows at most 65536 bytes)", n)
	if ds[0].Message != wantMsg {
		t.Errorf("message %q, want %q", ds[0].Message, wantMsg)
	}
}

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

func TestS3FirstSplitRulePath(t *testing.T) {
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
			rule, field, value := splitRulePath(tt.path)
			if rule != tt.rule || field != tt.field || value != tt.value {
				t.Errorf("splitRulePath(%q) = %d, %q, %d; want %d, %q, %d", tt.path, rule, field, value, tt.rule, tt.field, tt.value)
			}
		})
	}
}
