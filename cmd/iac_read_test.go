package cmd

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// iacGoldenDir holds the end-to-end cases of the CloudFormation and
// Terraform readers, relative to the repository root; they are run like
// those of testdata/cli (TestMainGolden), and rewritten with -update.
const iacGoldenDir = "testdata/iac"

func TestIaCGolden(t *testing.T) {
	t.Chdir("..")
	files, err := filepath.Glob(filepath.Join(iacGoldenDir, "*.args"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s: %v", iacGoldenDir, err)
	}
	for _, file := range files {
		base := strings.TrimSuffix(file, ".args")
		t.Run(filepath.Base(base), func(t *testing.T) {
			runGoldenCase(t, base)
		})
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            corsconf.Format
	}{
		{"tf extension", "main.tf", "<CORSConfiguration/>", corsconf.FormatTerraform},
		{"template extension", "site.template", "{}", corsconf.FormatCloudFormation},
		{"yaml template", "t.yaml", "AWSTemplateFormatVersion: 2010-09-09\n", corsconf.FormatCloudFormation},
		{"yaml snippet", "-", "CorsConfiguration:\n  CorsRules: []\n", corsconf.FormatCloudFormation},
		{"yaml bucket", "t.yml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", corsconf.FormatCloudFormation},
		{"json template", "t.json", `{"Resources": {}}`, corsconf.FormatCloudFormation},
		{"json snippet", "t.json", "\ufeff" + `{"CorsConfiguration": {"CorsRules": []}}`, corsconf.FormatCloudFormation},
		{"json resource", "t.json", `{"Type": "AWS::S3::Bucket", "Properties": {}}`, corsconf.FormatCloudFormation},
		{"terraform on stdin", "<stdin>", `resource "aws_s3_bucket_cors_configuration" "x" {}`, corsconf.FormatTerraform},
		{"cli json", "c.json", `{"CORSRules": [{"AllowedOrigins": ["AWS::S3::Bucket"]}]}`, corsconf.FormatAuto},
		{"cli json with CloudFormation's key", "c.json", `{"CorsRules": []}`, corsconf.FormatAuto},
		{"console json", "c.json", `[{"AllowedOrigins": ["CorsRules"]}]`, corsconf.FormatAuto},
		{"xml", "c.xml", "<CORSConfiguration><!-- CorsRules --></CORSConfiguration>", corsconf.FormatAuto},
		{"invalid json", "c.json", `{"Resources": `, corsconf.FormatAuto},
		{"other text", "c.txt", "hello", corsconf.FormatAuto},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detectFormat(tt.file, []byte(tt.src)); got != tt.want {
				t.Errorf("detectFormat(%q, %q) = %v, want %v", tt.file, tt.src, got, tt.want)
			}
		})
	}
}

// iacCase is a table case of a reader: the diagnostics (in String form,
// file "t") and, when set, the rules read.
type iacCase struct {
	name, src, resource string
	want                *corsconf.Config // nil: not checked
	diags               []string
	usage               string // a usage error containing this text
}

func runIaCCases(t *testing.T, f corsconf.Format, tests []iacCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := checkInput("t", []byte(tt.src), inputOptions{from: f, resource: tt.resource})
			var ue usageError
			if tt.usage != "" {
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.usage) {
					t.Fatalf("error %v, want a usage error with %q", err, tt.usage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range s.diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
			if tt.want != nil && !s.doc.Config.Equal(tt.want) {
				t.Errorf("rules %+v, want %+v", s.doc.Config.Rules, tt.want.Rules)
			}
			checkPositions(t, []byte(tt.src), s)
		})
	}
}

func rules(rs ...corsconf.Rule) *corsconf.Config { return &corsconf.Config{Rules: rs} }

func TestParseCloudFormation(t *testing.T) {
	get := corsconf.Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}
	runIaCCases(t, corsconf.FormatCloudFormation, []iacCase{
		{name: "bare list", src: "- AllowedOrigins: ['*']\n  AllowedMethods: [GET]\n", want: rules(get)},
		{name: "block", src: `{"CorsRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]}`, want: rules(get)},
		{name: "resource", src: "Type: AWS::S3::Bucket\nProperties:\n  CorsConfiguration:\n    CorsRules:\n      - {AllowedOrigins: ['*'], AllowedMethods: [GET]}\n", want: rules(get)},
		{name: "named resource without Resources", src: "B:\n  Type: AWS::S3::Bucket\n  Properties:\n    CorsConfiguration: {CorsRules: [{AllowedOrigins: ['*'], AllowedMethods: [GET]}]}\n", want: rules(get)},
		{name: "all fields and quoted max age", src: "CorsRules:\n  - Id: a\n    AllowedOrigins: [o]\n    AllowedMethods: [PUT]\n    AllowedHeaders: [h]\n    ExposedHeaders: [ETag]\n    MaxAge: '30'\n",
			want: rules(corsconf.Rule{ID: "a", AllowedOrigins: []string{"o"}, AllowedMethods: []string{"PUT"}, AllowedHeaders: []string{"h"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: intPtr(30)})},
		{name: "long-form intrinsic", src: `{"CorsRules": [{"AllowedOrigins": [{"Ref": "O"}, "*"], "AllowedMethods": ["GET"]}]}`, want: rules(get),
			diags: []string{`t:1:36: error: value is a CloudFormation intrinsic (Ref); s3cors needs a literal; ` + intrinsicHint + ` [wrong-type]`}},
		{name: "intrinsic rules", src: "CorsConfiguration:\n  CorsRules: !If [c, [], []]\n",
			diags: []string{`t:2:14: error: value is a CloudFormation intrinsic (!If); s3cors needs a literal; ` + intrinsicHint + ` [wrong-type]`}},
		{name: "number in a list", src: "CorsRules:\n  - AllowedOrigins: ['*']\n    AllowedMethods: [GET]\n    AllowedHeaders: [123]\n", want: rules(get),
			diags: []string{`t:4:22: error: "AllowedHeaders" values must be strings, not a number; quote it: "123" [wrong-type]`}},
		{name: "not a template", src: "hello: world\n",
			diags: []string{`t:1:1: error: no CloudFormation CORS configuration found: the document is a mapping without Resources, Properties, CorsConfiguration or CorsRules; give a template with an AWS::S3::Bucket resource, a resource, its Properties, a CorsConfiguration or a CorsRules list [wrong-format]`}},
		{name: "no bucket with cors", src: "Resources:\n  A:\n    Type: AWS::S3::Bucket\n",
			diags: []string{`t:1:1: error: no AWS::S3::Bucket of the template has a CorsConfiguration (buckets: A); add a CorsConfiguration under the bucket's Properties (s3cors convert --to cloudformation writes one) [wrong-format]`}},
		{name: "another type", src: "Type: AWS::S3::AccessPoint\nProperties: {}\n",
			diags: []string{`t:1:7: error: the resource is of type "AWS::S3::AccessPoint", not AWS::S3::Bucket [wrong-format]`}},
		{name: "unknown key in CorsConfiguration", src: "CorsConfiguration:\n  CorsRule: []\n",
			diags: []string{
				`t:1:1: error: CorsConfiguration has no CorsRules list; write CorsConfiguration: {CorsRules: [...]} [wrong-type]`,
				`t:2:3: error: unknown key "CorsRule" in CorsConfiguration (its only key is "CorsRules"); did you mean "CorsRules"? [unknown-field]`}},
		{name: "yaml syntax", src: "CorsRules: [\n",
			diags: []string{`t:1:12: error: invalid YAML: sequence end token ']' not found [syntax]`}},
		{name: "json syntax", src: "{\"CorsRules\": [}\n",
			diags: []string{`t:1:16: error: invalid JSON: invalid character '}' looking for beginning of value [syntax]`}},
		{name: "two documents", src: "CorsRules: []\n---\nCorsRules: []\n",
			diags: []string{`t:3:1: error: a template holds one YAML document; this is a second one [syntax]`}},
		{name: "resource with a snippet", src: "CorsRules: []\n", resource: "B", usage: "is a snippet without resource names"},
		{name: "ambiguous", src: "Resources:\n  A: {Type: AWS::S3::Bucket, Properties: {CorsConfiguration: {CorsRules: []}}}\n  B: {Type: AWS::S3::Bucket, Properties: {CorsConfiguration: {CorsRules: []}}}\n",
			usage: "has 2 AWS::S3::Bucket resources with a CorsConfiguration (A, B): choose one with --resource NAME"},
	})
}

func TestParseTerraform(t *testing.T) {
	get := corsconf.Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}
	res := func(body string) string {
		return "resource \"aws_s3_bucket_cors_configuration\" \"b\" {\n  cors_rule {\n" + body + "  }\n}\n"
	}
	runIaCCases(t, corsconf.FormatTerraform, []iacCase{
		{name: "literals", src: res("    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n    allowed_headers = null\n"), want: rules(get)},
		{name: "evaluated", src: res("    allowed_origins = true ? [\"*\"] : []\n    allowed_methods = [for m in [\"GET\"] : m]\n    id = <<EOT\nx\nEOT\n    max_age_seconds = \"60\"\n"),
			want: rules(corsconf.Rule{ID: "x\n", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: intPtr(60)})},
		{name: "escapes", src: res("    allowed_origins = [\"$${x}\", \"%%{y}\", \"\\u00e9\"]\n    allowed_methods = [\"GET\"]\n"),
			want: rules(corsconf.Rule{AllowedOrigins: []string{"${x}", "%{y}", "é"}, AllowedMethods: []string{"GET"}})},
		{name: "max age not whole", src: res("    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n    max_age_seconds = 1.5\n"), want: rules(get),
			diags: []string{`t:5:23: error: max_age_seconds "1.5" is not an integer from 0 to 2147483647; write a whole number of seconds, such as 3000 [invalid-max-age]`}},
		{name: "number in a list", src: res("    allowed_origins = [\"*\", 1]\n    allowed_methods = [\"GET\"]\n"), want: rules(get),
			diags: []string{`t:3:29: error: "allowed_origins" values must be strings, not a number; quote it: "1" [wrong-type]`}},
		{name: "nested block", src: res("    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n    x {}\n"), want: rules(get),
			diags: []string{`t:5:5: error: unexpected block "x" in a cors_rule block (it takes arguments only); write its values as arguments, e.g. allowed_origins = [...] [unknown-field]`}},
		{name: "legacy inline", src: "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  cors_rule {\n    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n  }\n}\n", want: rules(get)},
		{name: "bucket without rules", src: "resource \"aws_s3_bucket\" \"b\" {}\n",
			diags: []string{`t:1:1: error: no aws_s3_bucket_cors_configuration resource, nor an aws_s3_bucket with cors_rule blocks, in the file; s3cors convert --to terraform writes one [wrong-format]`}},
		{name: "syntax", src: "resource \"x\" {\n",
			diags: []string{`t:1:14: error: invalid HCL: unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file [syntax]`}},
		{name: "no rules", src: "resource \"aws_s3_bucket_cors_configuration\" \"b\" {\n  bucket = \"b\"\n}\n",
			diags: []string{`t:1:1: error: the configuration has no CORSRule (S3 requires at least one rule); to remove CORS from a bucket, delete its configuration (DeleteBucketCors) instead [no-rules]`}},
		{name: "ambiguous name", src: "resource \"aws_s3_bucket\" \"b\" {\n  cors_rule {}\n}\n" + res(""), resource: "b",
			usage: `--resource "b" is ambiguous in t: give one of aws_s3_bucket.b or aws_s3_bucket_cors_configuration.b`},
		{name: "by address", src: "resource \"aws_s3_bucket\" \"b\" {\n  cors_rule {}\n}\n" + res("    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n"),
			resource: "aws_s3_bucket_cors_configuration.b", want: rules(get)},
	})
}

// checkPositions checks that every diagnostic, and every path of the
// configuration read, has a position inside src.
func checkPositions(t *testing.T, src []byte, s *source) {
	t.Helper()
	lines := bytes.Split(src, []byte("\n"))
	inside := func(p corsconf.Pos) bool {
		return p.Line >= 1 && p.Line <= len(lines) && p.Col >= 1 && p.Col <= len(lines[p.Line-1])+1
	}
	for _, d := range s.diags {
		if d.Pos.IsValid() && !inside(d.Pos) {
			t.Errorf("diagnostic outside the source: %s", d)
		}
	}
	for i, r := range s.doc.Config.Rules {
		paths := []string{corsconf.RulePath(i)}
		for _, f := range []string{corsconf.AllowedOriginName, corsconf.AllowedMethodName, corsconf.AllowedHeaderName, corsconf.ExposeHeaderName} {
			for j := range *r.List(f) {
				paths = append(paths, corsconf.ValuePath(i, f, j))
			}
		}
		for _, p := range paths {
			if pos := s.doc.Pos(p); !inside(pos) {
				t.Errorf("%s at %v: not inside the source", p, pos)
			}
		}
	}
}

// readingRules are the rules of the problems of reading, as opposed to
// validation.
var readingRules = map[string]bool{"syntax": true, "wrong-format": true, "unknown-field": true, "wrong-type": true, "duplicate-field": true}

// TestIaCReadRoundTrip writes every configuration of iacConfigs in each
// IaC format and reads it back: the same rules, in the same order.
func TestIaCReadRoundTrip(t *testing.T) {
	bucket, err := parseBucketRef(defaultBucketRef)
	if err != nil {
		t.Fatal(err)
	}
	formats := []struct {
		out iacFormat
		in  corsconf.Format
	}{{iacCloudFormation, corsconf.FormatCloudFormation}, {iacCloudFormationJSON, corsconf.FormatCloudFormation}, {iacTerraform, corsconf.FormatTerraform}}
	for name, cfg := range iacConfigs(t) {
		for _, f := range formats {
			var b bytes.Buffer
			if _, err := writeIaC(&b, cfg, f.out, bucket); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			s, err := checkInput(name, b.Bytes(), inputOptions{from: f.in})
			if err != nil {
				t.Fatalf("%s (%s): %v", name, f.out, err)
			}
			for _, d := range s.diags {
				if readingRules[d.Rule] {
					t.Errorf("%s (%s): %s", name, f.out, d)
				}
			}
			if want := absent(cfg); !s.doc.Config.Equal(want) {
				t.Errorf("%s (%s): read back\n%+v\nwant\n%+v\nfrom\n%s", name, f.out, s.doc.Config.Rules, want.Rules, b.String())
			}
			checkPositions(t, b.Bytes(), s)
		}
	}
}

func TestCheckNesting(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"a: [[1]]", -1},
		{strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting), -1},
		{"x" + strings.Repeat("{", maxNesting+1), maxNesting + 1},
		{"a:\n" + strings.Repeat("- ", maxNesting+1) + "x", 3},
		{strings.Repeat("[]", 2*maxNesting), -1},
	}
	for _, tt := range tests {
		if got := checkNesting([]byte(tt.src)); got != tt.want {
			t.Errorf("checkNesting(%.20q...) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

func TestTFTooComplex(t *testing.T) {
	tests := []struct {
		src string
		bad bool
	}{
		{"a = [1, 2]\nb = x.y.z\n", false},
		{"a = " + strings.Repeat("[", maxNesting+1), true},
		{"a = x" + strings.Repeat(".y", maxExprTokens), true},
		{"a = [\n" + strings.Repeat("\"x\",\n", maxExprTokens/2) + "]\n", true},
		{strings.Repeat("a = [\"x\", \"y\"]\n", maxExprTokens), false},
	}
	for _, tt := range tests {
		if got, msg := tfTooComplex([]byte(tt.src), "t.tf"); (got >= 0) != tt.bad {
			t.Errorf("tfTooComplex(%.20q...) = %d %q, want bad %v", tt.src, got, msg, tt.bad)
		}
	}
}

// TestTerraformOrderNote checks that the note on rule order comes with
// the rules of an aws_s3_bucket_cors_configuration, a set, and only when
// there is an order to lose.
func TestTerraformOrderNote(t *testing.T) {
	rule := "  cors_rule {\n    allowed_origins = [\"*\"]\n    allowed_methods = [\"GET\"]\n  }\n"
	tests := []struct {
		name, src string
		note      bool
	}{
		{"two rules", "resource \"aws_s3_bucket_cors_configuration\" \"b\" {\n" + rule + rule + "}\n", true},
		{"one rule", "resource \"aws_s3_bucket_cors_configuration\" \"b\" {\n" + rule + "}\n", false},
		{"inline list", "resource \"aws_s3_bucket\" \"b\" {\n" + rule + rule + "}\n", false},
	}
	for _, tt := range tests {
		s, err := parseInput("t.tf", []byte(tt.src), inputOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(s.notes) == 1 && strings.Contains(s.notes[0], "as a set"); got != tt.note || len(s.notes) > 1 {
			t.Errorf("%s: notes %q, want a note: %v", tt.name, s.notes, tt.note)
		}
	}
}
