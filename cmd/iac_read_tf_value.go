package cmd

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/s3cors/s3cors/corsconf"
)

// Values of cors_rule arguments: literals are evaluated (without any
// variable or function), anything else is reported where it is.

// literal evaluates expr, an argument's value, when it needs nothing
// from Terraform: no reference, no function. Otherwise it reports why at
// the place that needs Terraform, about path, and returns false.
func (r *tfReader) literal(expr hclsyntax.Expression, path string) (cty.Value, bool) {
	if vars := expr.Variables(); len(vars) > 0 {
		r.errorf(r.lines.pos(vars[0].SourceRange().Start.Byte), path, "wrong-type", intrinsicHint,
			"value is a Terraform reference (%s); s3cors needs a literal", traversalText(vars[0]))
		return cty.NilVal, false
	}
	var call *hclsyntax.FunctionCallExpr
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok && call == nil {
			call = fc
		}
		return nil
	})
	if call != nil {
		r.errorf(r.lines.pos(call.NameRange.Start.Byte), path, "wrong-type", intrinsicHint,
			"value is a Terraform function call (%s); s3cors needs a literal", call.Name)
		return cty.NilVal, false
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		why := "it cannot be evaluated without Terraform"
		if diags.HasErrors() {
			why = lowerFirst(diags[0].Summary)
		}
		r.errorf(r.lines.pos(expr.Range().Start.Byte), path, "wrong-type", intrinsicHint,
			"value is a Terraform expression that is not a literal (%s); s3cors needs a literal", why)
		return cty.NilVal, false
	}
	return v, true
}

// traversalText writes a reference as it is written: var.origins,
// aws_s3_bucket.b.id, local.x[0].
func traversalText(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + ctyText(s.Key) + "]")
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// ctyText writes a known string or number as HCL would; other values as
// "...".
func ctyText(v cty.Value) string {
	switch {
	case v.IsNull() || !v.IsKnown():
	case v.Type() == cty.String:
		return fmt.Sprintf("%q", v.AsString())
	case v.Type() == cty.Number:
		return v.AsBigFloat().Text('f', -1)
	}
	return "..."
}

// describeCty names the type of v for messages.
func describeCty(v cty.Value) string {
	t := v.Type()
	switch {
	case v.IsNull():
		return "null"
	case t == cty.String:
		return "a string"
	case t == cty.Number:
		return "a number"
	case t == cty.Bool:
		return "a boolean"
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		return "a list"
	}
	return "an object"
}

// stringValue evaluates expr as a string for path (argument key). A null
// is absent: ok is false, and nothing is reported.
func (r *tfReader) stringValue(expr hclsyntax.Expression, path, key string) (string, corsconf.Pos, bool) {
	pos := r.lines.pos(expr.Range().Start.Byte)
	v, ok := r.literal(expr, path)
	if !ok || v.IsNull() {
		return "", pos, false
	}
	if v.Type() != cty.String {
		hint := ""
		if v.Type() == cty.Number || v.Type() == cty.Bool {
			hint = fmt.Sprintf("quote it: %q", ctyScalar(v))
		}
		r.errorf(pos, path, "wrong-type", hint, "%q must be a string, not %s", key, describeCty(v))
		return "", pos, false
	}
	return v.AsString(), pos, true
}

// ctyScalar writes a number or boolean as written in HCL.
func ctyScalar(v cty.Value) string {
	if v.Type() == cty.Bool {
		return fmt.Sprint(v.True())
	}
	return ctyText(v)
}

// maxAge reads max_age_seconds of rule i: a number, or a string that
// holds one, as Terraform converts it.
func (r *tfReader) maxAge(i int, a *hclsyntax.Attribute) {
	path := corsconf.FieldPath(i, corsconf.MaxAgeSecondsName)
	pos := r.lines.pos(a.Expr.Range().Start.Byte)
	v, ok := r.literal(a.Expr, path)
	switch {
	case !ok:
		r.doc.SetPos(path, pos)
	case v.IsNull():
	case v.Type() == cty.Number:
		r.setMaxAge(i, a.Name, ctyText(v), pos)
	case v.Type() == cty.String:
		r.setMaxAge(i, a.Name, v.AsString(), pos)
	default:
		r.doc.SetPos(path, pos)
		r.errorf(pos, path, "wrong-type", "write a whole number of seconds, such as 3000", "%q must be a number, not %s", a.Name, describeCty(v))
	}
}

// list reads a list of strings, field name of rule i. The elements of a
// list written out ([...]) are read one by one, each at its place; any
// other literal list is read whole. A null is absent.
func (r *tfReader) list(i int, name string, a *hclsyntax.Attribute) {
	if tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok {
		for _, e := range tuple.Exprs {
			path := corsconf.ValuePath(i, name, len(*r.doc.Config.Rules[i].List(name)))
			if s, pos, ok := r.listString(e, path, a.Name); ok {
				r.addValue(i, name, s, pos)
			}
		}
		return
	}
	path := corsconf.FieldPath(i, name)
	v, ok := r.literal(a.Expr, path)
	if !ok || v.IsNull() {
		return
	}
	pos := r.lines.pos(a.Expr.Range().Start.Byte)
	t := v.Type()
	if !t.IsListType() && !t.IsTupleType() && !t.IsSetType() {
		hint := ""
		if t == cty.String {
			hint = fmt.Sprintf("write [%q]", v.AsString())
		}
		r.errorf(pos, path, "wrong-type", hint, "%q must be a list of strings, not %s", a.Name, describeCty(v))
		return
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || e.Type() != cty.String {
			r.errorf(pos, path, "wrong-type", "", "%q values must be strings, not %s", a.Name, describeCty(e))
			continue
		}
		r.addValue(i, name, e.AsString(), pos)
	}
}

// listString evaluates one element of a list written out.
func (r *tfReader) listString(e hclsyntax.Expression, path, key string) (string, corsconf.Pos, bool) {
	pos := r.lines.pos(e.Range().Start.Byte)
	v, ok := r.literal(e, path)
	if !ok {
		return "", pos, false
	}
	if v.IsNull() || v.Type() != cty.String {
		hint := ""
		if !v.IsNull() && (v.Type() == cty.Number || v.Type() == cty.Bool) {
			hint = fmt.Sprintf("quote it: %q", ctyScalar(v))
		}
		r.errorf(pos, path, "wrong-type", hint, "%q values must be strings, not %s", key, describeCty(v))
		return "", pos, false
	}
	return v.AsString(), pos, true
}

// maxExprTokens bounds the tokens of one expression: hclsyntax's parser
// recurses along chains of operators and traversals (a.b.c..., !!!x), and
// a long enough chain would exhaust the stack.
const maxExprTokens = 20000

// tfTooComplex returns the offset where body nests brackets deeper than
// maxNesting or has an expression of more than maxExprTokens tokens, with
// the message to report, or -1. The lexer does not recurse. An expression
// ends at a line break outside parentheses, brackets and interpolations.
func tfTooComplex(body []byte, name string) (int, string) {
	tokens, _ := hclsyntax.LexConfig(body, name, hcl.InitialPos)
	depth, open, run := 0, 0, 0
	for _, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenOBrace:
			depth++
		case hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			depth, open = depth+1, open+1
		case hclsyntax.TokenCBrace:
			depth = max(0, depth-1)
		case hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
			depth, open = max(0, depth-1), max(0, open-1)
		case hclsyntax.TokenNewline:
			if open == 0 {
				run = 0
			}
		}
		if depth > maxNesting {
			return tok.Range.Start.Byte, fmt.Sprintf("the file nests more than %d levels deep (s3cors reads at most %d)", maxNesting, maxNesting)
		}
		if run++; run > maxExprTokens {
			return tok.Range.Start.Byte, fmt.Sprintf("an expression of more than %d tokens (s3cors reads at most %d)", maxExprTokens, maxExprTokens)
		}
	}
	return -1, ""
}
