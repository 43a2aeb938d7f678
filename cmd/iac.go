package cmd

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/s3cors/s3cors/corsconf"
)

// Writers for the infrastructure-as-code forms of a configuration:
// CloudFormation's CorsConfiguration property (YAML or JSON) and Terraform's
// aws_s3_bucket_cors_configuration resource. They live here, not in
// corsconf, which uses the standard library only.

// iacFormat is an output of convert that is not one of corsconf's formats.
type iacFormat int

const (
	iacNone iacFormat = iota
	iacCloudFormation
	iacCloudFormationJSON
	iacTerraform
)

// iacFormatNames are the --to names of the IaC formats, in help order.
var iacFormatNames = []struct {
	name string
	f    iacFormat
}{
	{"cloudformation", iacCloudFormation},
	{"cloudformation-json", iacCloudFormationJSON},
	{"terraform", iacTerraform},
}

func (f iacFormat) String() string {
	for _, n := range iacFormatNames {
		if n.f == f {
			return n.name
		}
	}
	return ""
}

// defaultBucketRef is the bucket argument of the Terraform resource when
// --bucket-ref is not given.
const defaultBucketRef = "aws_s3_bucket.this.id"

// cfnRule is a rule under CloudFormation's names (AWS::S3::Bucket CorsRule).
// Absent fields (Id "", empty lists, nil MaxAge) are left out.
type cfnRule struct {
	Id             string   `json:"Id,omitempty" yaml:"Id,omitempty"`
	AllowedOrigins []string `json:"AllowedOrigins,omitempty" yaml:"AllowedOrigins,omitempty"`
	AllowedMethods []string `json:"AllowedMethods,omitempty" yaml:"AllowedMethods,omitempty"`
	AllowedHeaders []string `json:"AllowedHeaders,omitempty" yaml:"AllowedHeaders,omitempty"`
	ExposedHeaders []string `json:"ExposedHeaders,omitempty" yaml:"ExposedHeaders,omitempty"`
	MaxAge         *int     `json:"MaxAge,omitempty" yaml:"MaxAge,omitempty"`
}

type cfnCorsConfiguration struct {
	CorsRules []cfnRule `json:"CorsRules" yaml:"CorsRules"`
}

// cfnSnippet is what convert writes: a CorsConfiguration key that pastes
// under an AWS::S3::Bucket's Properties.
type cfnSnippet struct {
	CorsConfiguration cfnCorsConfiguration `json:"CorsConfiguration" yaml:"CorsConfiguration"`
}

func toCFN(c *corsconf.Config) cfnSnippet {
	rules := make([]cfnRule, len(c.Rules)) // never nil
	for i, r := range c.Rules {
		rules[i] = cfnRule{
			Id:             r.ID,
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposedHeaders: r.ExposeHeaders,
			MaxAge:         r.MaxAgeSeconds,
		}
	}
	return cfnSnippet{CorsConfiguration: cfnCorsConfiguration{CorsRules: rules}}
}

// writeCloudFormation writes c as CloudFormation's CorsConfiguration
// property, in YAML (2-space indentation, lists indented under their key)
// or in JSON (indented like the other JSON forms, HTML characters kept).
// CloudFormation lists keep their order, so rule order is kept.
func writeCloudFormation(w io.Writer, c *corsconf.Config, asJSON bool) error {
	v := toCFN(c)
	if asJSON {
		return writeJSON(w, v)
	}
	node, err := yaml.ValueToNode(v, yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return err
	}
	ast.Walk(quoteUnsafe{}, node)
	_, err = io.WriteString(w, strings.TrimSuffix(node.String(), "\n")+"\n")
	return err
}

// quoteUnsafe double-quotes every string that go-yaml would leave plain but
// that is not obviously a plain string to every YAML reader: CloudFormation
// and other YAML 1.1 readers take yes, no, on, off, y and n as booleans, and
// plain scalars with tabs, a leading digit or sign, or a final colon are
// easy to misread. Keys (CloudFormation's names) are all plain-safe.
type quoteUnsafe struct{}

func (q quoteUnsafe) Visit(n ast.Node) ast.Visitor {
	s, ok := n.(*ast.StringNode)
	if !ok || s.Token == nil || s.Token.Type != token.StringType {
		return q
	}
	// A string go-yaml decided to quote holds its quoted form (from
	// strconv.Quote); a string it left plain never starts with a quote.
	if strings.HasPrefix(s.Value, `"`) {
		if raw, err := strconv.Unquote(s.Value); err == nil {
			s.Value = raw
			s.Token.Type = token.DoubleQuoteType
			return q
		}
	}
	if !plainSafe(s.Value) {
		s.Token.Type = token.DoubleQuoteType
	}
	return q
}

// plainSafe reports whether s reads back as the same string from a plain
// YAML scalar under YAML 1.1 and 1.2.
func plainSafe(s string) bool {
	if s == "" || strings.HasSuffix(s, ":") || yaml11Words[strings.ToLower(s)] {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || strings.ContainsRune("._/:*+-", r)):
		default:
			return false
		}
	}
	return true
}

// yaml11Words are the plain scalars that a YAML 1.1 reader takes for a
// boolean or null.
var yaml11Words = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
	"on": true, "off": true, "null": true,
}

// parseBucketRef reads --bucket-ref: a Terraform traversal such as
// aws_s3_bucket.this.id or var.bucket, or a bucket name in double quotes
// ("my-bucket"), written as a string literal.
func parseBucketRef(s string) (hclwrite.Tokens, error) {
	if len(s) > 0 && s[0] == '"' {
		name, err := strconv.Unquote(s)
		if err != nil {
			return nil, usagef("invalid --bucket-ref %s: %v", s, err)
		}
		return hclwrite.TokensForValue(cty.StringVal(name)), nil
	}
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() || len(tr) < 2 {
		return nil, usagef("invalid --bucket-ref %q: give a reference such as %s, or a bucket name in double quotes", s, defaultBucketRef)
	}
	return hclwrite.TokensForTraversal(tr), nil
}

// writeTerraform writes c as an aws_s3_bucket_cors_configuration resource
// named "this", one cors_rule block per rule, with hclwrite, which quotes
// and escapes values (including "${" and "%{") as HCL requires.
func writeTerraform(w io.Writer, c *corsconf.Config, bucket hclwrite.Tokens) error {
	f := hclwrite.NewEmptyFile()
	res := f.Body().AppendNewBlock("resource", []string{"aws_s3_bucket_cors_configuration", "this"}).Body()
	res.SetAttributeRaw("bucket", bucket)
	for _, r := range c.Rules {
		res.AppendNewline()
		b := res.AppendNewBlock("cors_rule", nil).Body()
		if r.ID != "" {
			b.SetAttributeValue("id", cty.StringVal(r.ID))
		}
		setList(b, "allowed_headers", r.AllowedHeaders)
		setList(b, "allowed_methods", r.AllowedMethods)
		setList(b, "allowed_origins", r.AllowedOrigins)
		setList(b, "expose_headers", r.ExposeHeaders)
		if r.MaxAgeSeconds != nil {
			b.SetAttributeValue("max_age_seconds", cty.NumberIntVal(int64(*r.MaxAgeSeconds)))
		}
	}
	_, err := w.Write(hclwrite.Format(f.Bytes()))
	return err
}

// setList sets name to a list of strings, or leaves it out when vs is
// empty (absent).
func setList(b *hclwrite.Body, name string, vs []string) {
	if len(vs) == 0 {
		return
	}
	vals := make([]cty.Value, len(vs))
	for i, v := range vs {
		vals[i] = cty.StringVal(v)
	}
	b.SetAttributeValue(name, cty.ListVal(vals))
}

// terraformOrderNote is printed on standard error when a configuration of
// more than one rule is written for Terraform.
const terraformOrderNote = "note: Terraform stores cors_rule blocks as a set and does not keep rule order, which S3's first-match evaluation depends on"

// writeIaC writes c in format f and returns the notes to print on standard
// error.
func writeIaC(w *bytes.Buffer, c *corsconf.Config, f iacFormat, bucket hclwrite.Tokens) (notes []string, err error) {
	switch f {
	case iacCloudFormation, iacCloudFormationJSON:
		return nil, writeCloudFormation(w, c, f == iacCloudFormationJSON)
	case iacTerraform:
		if len(c.Rules) > 1 {
			notes = append(notes, terraformOrderNote)
		}
		return notes, writeTerraform(w, c, bucket)
	}
	return nil, fmt.Errorf("unknown output format %d", f)
}
