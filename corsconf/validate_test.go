package corsconf

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
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
