package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/s3cors/s3cors/corsconf"
)

// cfnReadRule is a CloudFormation CorsRule as a reader that knows only
// CloudFormation's names sees it; strict decoding refuses any other key.
type cfnReadRule struct {
	Id             string   `json:"Id" yaml:"Id"`
	AllowedHeaders []string `json:"AllowedHeaders" yaml:"AllowedHeaders"`
	AllowedMethods []string `json:"AllowedMethods" yaml:"AllowedMethods"`
	AllowedOrigins []string `json:"AllowedOrigins" yaml:"AllowedOrigins"`
	ExposedHeaders []string `json:"ExposedHeaders" yaml:"ExposedHeaders"`
	MaxAge         *int     `json:"MaxAge" yaml:"MaxAge"`
}

type cfnReadSnippet struct {
	CorsConfiguration struct {
		CorsRules []cfnReadRule `json:"CorsRules" yaml:"CorsRules"`
	} `json:"CorsConfiguration" yaml:"CorsConfiguration"`
}

func (r cfnReadRule) rule() corsconf.Rule {
	return corsconf.Rule{
		ID: r.Id, AllowedOrigins: r.AllowedOrigins, AllowedMethods: r.AllowedMethods,
		AllowedHeaders: r.AllowedHeaders, ExposeHeaders: r.ExposedHeaders, MaxAgeSeconds: r.MaxAge,
	}
}

// iacConfigs returns the configurations of testdata/ok, plus one whose
// values need quoting or escaping in every format.
func iacConfigs(t *testing.T) map[string]*corsconf.Config {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "ok", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files in testdata/ok: %v", err)
	}
	out := make(map[string]*corsconf.Config)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := corsconf.Check(f, src, corsconf.FormatAuto)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", f, diags)
		}
		out[filepath.Base(f)] = &doc.Config
	}
	out["escapes"] = &corsconf.Config{Rules: []corsconf.Rule{
		{
			ID:             `q"uote \back${x}%{y}`,
			AllowedOrigins: []string{"https://${host}", "https://%{if x}y%{endif}", `a\b`, `"q"`, "https://bücher.example", "*", "on", "123", "x:", "# c", "$${z}", "tab\there"},
			AllowedMethods: []string{"GET", "PUT"},
			AllowedHeaders: []string{"x-amz-*", "", "N", "yes"},
			ExposeHeaders:  []string{"ETag", "x-é"},
			MaxAgeSeconds:  intPtr(0),
		},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{}},
	}}
	return out
}

// absent normalizes empty lists to nil: every format leaves them out.
func absent(c *corsconf.Config) *corsconf.Config {
	c = c.Clone()
	for i := range c.Rules {
		r := &c.Rules[i]
		for _, l := range []*[]string{&r.AllowedOrigins, &r.AllowedMethods, &r.AllowedHeaders, &r.ExposeHeaders} {
			if len(*l) == 0 {
				*l = nil
			}
		}
	}
	return c
}

func TestCloudFormationRoundTrip(t *testing.T) {
	for name, cfg := range iacConfigs(t) {
		for _, asJSON := range []bool{false, true} {
			var b bytes.Buffer
			if err := writeCloudFormation(&b, cfg, asJSON); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !strings.HasSuffix(b.String(), "\n") || strings.HasSuffix(b.String(), "\n\n") {
				t.Errorf("%s (json %v): output does not end with exactly one newline", name, asJSON)
			}
			var got cfnReadSnippet
			var err error
			if asJSON {
				dec := json.NewDecoder(&b)
				dec.DisallowUnknownFields()
				err = dec.Decode(&got)
			} else {
				if !strings.HasPrefix(b.String(), "CorsConfiguration:\n") {
					t.Errorf("%s: YAML does not start with CorsConfiguration:\n%s", name, b.String())
				}
				err = yaml.UnmarshalWithOptions(b.Bytes(), &got, yaml.Strict())
			}
			if err != nil {
				t.Fatalf("%s (json %v): %v\n%s", name, asJSON, err, b.String())
			}
			back := &corsconf.Config{}
			for _, r := range got.CorsConfiguration.CorsRules {
				back.Rules = append(back.Rules, r.rule())
			}
			if want := absent(cfg); !absent(back).Equal(want) {
				t.Errorf("%s (json %v): read back\n%+v\nwant\n%+v\nfrom\n%s", name, asJSON, back.Rules, want.Rules, b.String())
			}
		}
	}
}

// TestCloudFormationYAMLQuoting checks that strings a YAML 1.1 reader (as
// CloudFormation's) would take for something else are quoted.
func TestCloudFormationYAMLQuoting(t *testing.T) {
	var b bytes.Buffer
	cfg := &corsconf.Config{Rules: []corsconf.Rule{{ID: "on", AllowedOrigins: []string{"yes", "*", "123"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"x-amz-*", "N"}}}}
	if err := writeCloudFormation(&b, cfg, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`Id: "on"`, `- "yes"`, `- "*"`, `- "123"`, `- x-amz-*`, `- "N"`, `- GET`} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}

func TestTerraformRoundTrip(t *testing.T) {
	bucket, err := parseBucketRef(defaultBucketRef)
	if err != nil {
		t.Fatal(err)
	}
	for name, cfg := range iacConfigs(t) {
		var b bytes.Buffer
		notes, err := writeIaC(&b, cfg, iacTerraform, bucket)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if (len(notes) == 1) != (len(cfg.Rules) > 1) || len(notes) > 1 {
			t.Errorf("%s: %d rules, notes %q", name, len(cfg.Rules), notes)
		}
		back := readTerraform(t, name, b.Bytes())
		if want := absent(cfg); !back.Equal(want) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v\nfrom\n%s", name, back.Rules, want.Rules, b.String())
		}
	}
}

// readTerraform parses src and returns the rules of its cors_rule blocks,
// checking the resource around them.
func readTerraform(t *testing.T, name string, src []byte) *corsconf.Config {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(src, name+".tf", hcl.InitialPos)
	if diags.HasErrors() || len(diags) > 0 {
		t.Fatalf("%s: %v\n%s", name, diags, src)
	}
	body := f.Body.(*hclsyntax.Body)
	if len(body.Blocks) != 1 || len(body.Attributes) != 0 {
		t.Fatalf("%s: want one resource block\n%s", name, src)
	}
	res := body.Blocks[0]
	if res.Type != "resource" || !slices.Equal(res.Labels, []string{"aws_s3_bucket_cors_configuration", "this"}) {
		t.Errorf("%s: block %s %q", name, res.Type, res.Labels)
	}
	if len(res.Body.Attributes) != 1 || res.Body.Attributes["bucket"] == nil {
		t.Fatalf("%s: want only the bucket attribute, got %v", name, res.Body.Attributes)
	}
	st, ok := res.Body.Attributes["bucket"].Expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(st.Traversal) != 3 || st.Traversal.RootName() != "aws_s3_bucket" {
		t.Errorf("%s: bucket is not the traversal %s", name, defaultBucketRef)
	}
	out := &corsconf.Config{}
	for _, blk := range res.Body.Blocks {
		if blk.Type != "cors_rule" || len(blk.Labels) != 0 || len(blk.Body.Blocks) != 0 {
			t.Fatalf("%s: unexpected block %s %q", name, blk.Type, blk.Labels)
		}
		var r corsconf.Rule
		for key, attr := range blk.Body.Attributes {
			v, diags := attr.Expr.Value(nil) // literals only: no variables, no functions
			if diags.HasErrors() {
				t.Fatalf("%s: %s: %v", name, key, diags)
			}
			switch key {
			case "id":
				if v.Type() != cty.String {
					t.Fatalf("%s: id is %s", name, v.Type().FriendlyName())
				}
				r.ID = v.AsString()
			case "allowed_headers":
				r.AllowedHeaders = ctyStrings(t, key, v)
			case "allowed_methods":
				r.AllowedMethods = ctyStrings(t, key, v)
			case "allowed_origins":
				r.AllowedOrigins = ctyStrings(t, key, v)
			case "expose_headers":
				r.ExposeHeaders = ctyStrings(t, key, v)
			case "max_age_seconds":
				bf := v.AsBigFloat()
				n, acc := bf.Int64()
				if !bf.IsInt() || acc != 0 {
					t.Fatalf("%s: max_age_seconds %v", name, bf)
				}
				r.MaxAgeSeconds = intPtr(int(n))
			default:
				t.Fatalf("%s: unexpected attribute %s", name, key)
			}
		}
		out.Rules = append(out.Rules, r)
	}
	return out
}

func ctyStrings(t *testing.T, key string, v cty.Value) []string {
	t.Helper()
	if !v.Type().IsTupleType() && !v.Type().IsListType() {
		t.Fatalf("%s is %s, want a list", key, v.Type().FriendlyName())
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() != cty.String {
			t.Fatalf("%s holds a %s", key, e.Type().FriendlyName())
		}
		out = append(out, e.AsString())
	}
	return out
}

// TestTerraformEscapes checks hclwrite's escaping of template sequences
// and quotes, which a hand-written writer would have to get right.
func TestTerraformEscapes(t *testing.T) {
	cfg := &corsconf.Config{Rules: []corsconf.Rule{{ID: `a"b\c`, AllowedOrigins: []string{"https://${x}", "%{y}", "$${z}"}, AllowedMethods: []string{"GET"}}}}
	bucket, _ := parseBucketRef(`"my-bucket"`)
	var b bytes.Buffer
	notes, err := writeIaC(&b, cfg, iacTerraform, bucket)
	if err != nil || len(notes) != 0 {
		t.Fatalf("err %v, notes %q", err, notes)
	}
	for _, want := range []string{`bucket = "my-bucket"`, `id              = "a\"b\\c"`, `"https://$${x}"`, `"%%{y}"`, `"$$${z}"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %s in\n%s", want, b.String())
		}
	}
}

func TestParseBucketRef(t *testing.T) {
	for _, s := range []string{"aws_s3_bucket.this.id", "var.bucket", "module.site.bucket_id", `"my-bucket"`} {
		if _, err := parseBucketRef(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"", "bucket", "a b", "aws_s3_bucket.this.id + 1", `"unterminated`, "${var.x}"} {
		if _, err := parseBucketRef(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestParseConvertTo(t *testing.T) {
	for s, want := range map[string]iacFormat{"cloudformation": iacCloudFormation, "cloudformation-json": iacCloudFormationJSON, "terraform": iacTerraform, "xml": iacNone, "cli": iacNone} {
		if _, got, err := parseConvertTo(s); err != nil || got != want {
			t.Errorf("%s: %v %v", s, got, err)
		}
	}
	for _, s := range []string{"", "auto", "yaml", "hcl", "CloudFormation"} {
		if _, _, err := parseConvertTo(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
