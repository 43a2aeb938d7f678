package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/s3cors/s3cors/corsconf"
)

// The Terraform resource types whose cors_rule blocks are read: the
// configuration resource, and the inline blocks of the bucket resource
// that provider versions before 4 used.
const (
	tfCORSType   = "aws_s3_bucket_cors_configuration"
	tfBucketType = "aws_s3_bucket"
	tfRuleBlock  = "cors_rule"
)

// tfFields are the arguments of a cors_rule block and the S3 names they
// stand for, in the provider's order.
var tfFields = []iacField{
	{"allowed_headers", corsconf.AllowedHeaderName},
	{"allowed_methods", corsconf.AllowedMethodName},
	{"allowed_origins", corsconf.AllowedOriginName},
	{"expose_headers", corsconf.ExposeHeaderName},
	{"id", corsconf.IDName},
	{"max_age_seconds", corsconf.MaxAgeSecondsName},
}

// tfKeys are the keys of tfFields.
var tfKeys = fieldKeys(tfFields)

// tfAliases are names of the other dialects a cors_rule may hold by
// mistake: the argument meant, and why.
var tfAliases = map[string][2]string{
	"exposed_headers": {"expose_headers", "CloudFormation has a d, Terraform does not"},
	"max_age":         {"max_age_seconds", "Terraform's name ends in _seconds"},
	"allowed_origin":  {"allowed_origins", "Terraform's names are plural"},
	"allowed_method":  {"allowed_methods", "Terraform's names are plural"},
	"allowed_header":  {"allowed_headers", "Terraform's names are plural"},
	"expose_header":   {"expose_headers", "Terraform's names are plural"},
}

// tfOrderNote says that Terraform does not keep the order of the rules of
// an aws_s3_bucket_cors_configuration, whose cors_rule is a set (the
// inline blocks of aws_s3_bucket in provider versions before 4 were a
// list).
const tfOrderNote = "%s: Terraform keeps cors_rule blocks as a set, so their order is not significant to it: the rules are read here in the order written, but S3, where the first matching rule wins, may get them in another order"

// tfResource is a resource whose cors_rule blocks can be read.
type tfResource struct {
	addr  string // TYPE.NAME
	block *hclsyntax.Block
}

// tfReader reads the cors_rule blocks of a Terraform file.
type tfReader struct {
	*docBuilder
	lines *srcLines
}

// parseTerraform reads a Terraform file (native syntax): the cors_rule
// blocks of an aws_s3_bucket_cors_configuration resource, or the inline
// ones of an aws_s3_bucket; resource picks one when there are several.
// Values must be literals: a reference, a function call or anything
// else that needs Terraform to evaluate is reported where it is.
func parseTerraform(name string, src []byte, resource string) (*source, error) {
	r := &tfReader{docBuilder: newDocBuilder(name, corsconf.FormatTerraform), lines: newSrcLines(src)}
	body := r.parse(name)
	if body == nil {
		return r.source(""), nil
	}
	found := tfResources(body)
	if len(found) == 0 {
		r.fail(r.lines.pos(0), "wrong-format", "s3cors convert --to terraform writes one",
			"no %s resource, nor an %s with %s blocks, in the file", tfCORSType, tfBucketType, tfRuleBlock)
		return r.source(""), nil
	}
	addrs := make([]string, len(found))
	for i, f := range found {
		addrs[i] = f.addr
	}
	i, err := pickResource(name, "resources with cors_rule blocks", addrs, resource, func(addr, want string) bool {
		return addr == want || strings.TrimPrefix(addr, tfCORSType+".") == want || strings.TrimPrefix(addr, tfBucketType+".") == want
	})
	if err != nil {
		return nil, err
	}
	r.resource(found[i].block)
	var notes []string
	if len(r.doc.Config.Rules) > 1 && strings.HasPrefix(found[i].addr, tfCORSType+".") {
		notes = append(notes, fmt.Sprintf(tfOrderNote, name))
	}
	return r.source(found[i].addr, notes...), nil
}

// parse parses the file and returns its body, or nil after reporting why
// it cannot be read.
func (r *tfReader) parse(name string) *hclsyntax.Body {
	if i := invalidUTF8At(r.lines.body); i >= 0 {
		r.fail(r.lines.pos(i), "syntax", "save the file as UTF-8", "invalid UTF-8 (byte 0x%02X): the file must be UTF-8 text", r.lines.body[i])
		return nil
	}
	if off, msg := tfTooComplex(r.lines.body, name); off >= 0 {
		r.fail(r.lines.pos(off), "syntax", "", "%s", msg)
		return nil
	}
	file, diags := hclsyntax.ParseConfig(r.lines.body, name, hcl.InitialPos)
	if diags.HasErrors() {
		r.doc.MarkIncomplete()
		for _, d := range diags {
			r.hclError(d)
		}
		return nil
	}
	body, _ := file.Body.(*hclsyntax.Body)
	return body
}

// hclError reports an error diagnostic of the HCL parser.
func (r *tfReader) hclError(d *hcl.Diagnostic) {
	if d.Severity != hcl.DiagError {
		return
	}
	pos := r.lines.pos(0)
	if d.Subject != nil {
		pos = r.lines.pos(d.Subject.Start.Byte)
	}
	r.errorf(pos, corsconf.RootName, "syntax", strings.TrimSuffix(d.Detail, "."), "invalid HCL: %s", lowerFirst(d.Summary))
}

// lowerFirst lower-cases the first letter of s unless it starts an
// acronym or a name ("HCL", "JSON").
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// tfResources returns the resources with cors_rule blocks to read, in
// file order.
func tfResources(body *hclsyntax.Body) []tfResource {
	var out []tfResource
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		switch typ := b.Labels[0]; {
		case typ == tfCORSType, typ == tfBucketType && hasRuleBlocks(b.Body):
			out = append(out, tfResource{addr: typ + "." + b.Labels[1], block: b})
		}
	}
	return out
}

func hasRuleBlocks(body *hclsyntax.Body) bool {
	return slices.ContainsFunc(body.Blocks, func(b *hclsyntax.Block) bool {
		return b.Type == tfRuleBlock || (b.Type == "dynamic" && slices.Equal(b.Labels, []string{tfRuleBlock}))
	})
}

// resource reads the cors_rule blocks of a resource, in file order.
func (r *tfReader) resource(b *hclsyntax.Block) {
	r.doc.SetPos(corsconf.RootName, r.lines.pos(b.TypeRange.Start.Byte))
	for _, blk := range b.Body.Blocks {
		switch {
		case blk.Type == tfRuleBlock:
			r.rule(blk)
		case blk.Type == "dynamic" && slices.Equal(blk.Labels, []string{tfRuleBlock}):
			r.errorf(r.lines.pos(blk.TypeRange.Start.Byte), corsconf.RulePath(len(r.doc.Config.Rules)), "wrong-type", "write one cors_rule block per rule",
				"a dynamic \"cors_rule\" block is expanded by Terraform at plan time; s3cors needs literal cors_rule blocks")
		}
	}
}

// rule reads one cors_rule block: its arguments in file order.
func (r *tfReader) rule(blk *hclsyntax.Block) {
	i := r.addRule(r.lines.pos(blk.TypeRange.Start.Byte))
	attrs := make([]*hclsyntax.Attribute, 0, len(blk.Body.Attributes))
	for _, a := range blk.Body.Attributes {
		attrs = append(attrs, a)
	}
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	for _, a := range attrs {
		name := ""
		for _, f := range tfFields {
			if f.key == a.Name {
				name = f.name
			}
		}
		if name == "" {
			r.errorf(r.lines.pos(a.NameRange.Start.Byte), corsconf.RulePath(i), "unknown-field", unknownKeyHint(a.Name, tfKeys, tfAliases),
				"unknown argument %q in a cors_rule block", a.Name)
			continue
		}
		r.field(i, name, a)
	}
	for _, nested := range blk.Body.Blocks {
		r.errorf(r.lines.pos(nested.TypeRange.Start.Byte), corsconf.RulePath(i), "unknown-field", "write its values as arguments, e.g. allowed_origins = [...]",
			"unexpected block %q in a cors_rule block (it takes arguments only)", nested.Type)
	}
}

// field reads argument a of rule i, which fills the S3 field name.
func (r *tfReader) field(i int, name string, a *hclsyntax.Attribute) {
	path := corsconf.FieldPath(i, name)
	switch name {
	case corsconf.IDName:
		if s, pos, ok := r.stringValue(a.Expr, path, a.Name); ok {
			r.setID(i, s, pos)
		}
	case corsconf.MaxAgeSecondsName:
		r.maxAge(i, a)
	default:
		r.doc.SetPos(path, r.lines.pos(a.NameRange.Start.Byte))
		r.list(i, name, a)
	}
}
