package cmd

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// cfnBucketType is the resource type whose CorsConfiguration is read.
const cfnBucketType = "AWS::S3::Bucket"

// cfnFields are the keys of a CloudFormation CorsRule and the S3 names
// they stand for, in the order of the resource schema.
var cfnFields = []iacField{
	{"AllowedHeaders", corsconf.AllowedHeaderName},
	{"AllowedMethods", corsconf.AllowedMethodName},
	{"AllowedOrigins", corsconf.AllowedOriginName},
	{"ExposedHeaders", corsconf.ExposeHeaderName},
	{"Id", corsconf.IDName},
	{"MaxAge", corsconf.MaxAgeSecondsName},
}

// cfnKeys are the keys of cfnFields.
var cfnKeys = fieldKeys(cfnFields)

// cfnAliases are keys of the other dialects that a rule of a template may
// hold by mistake: the CloudFormation key meant, and why.
var cfnAliases = map[string][2]string{
	"ExposeHeaders":  {"ExposedHeaders", "CloudFormation's name has a d; ExposeHeaders is the S3 API's"},
	"ExposeHeader":   {"ExposedHeaders", "CloudFormation's name is plural, with a d"},
	"MaxAgeSeconds":  {"MaxAge", "MaxAgeSeconds is the S3 API's name"},
	"ID":             {"Id", "ID is the S3 API's name"},
	"AllowedOrigin":  {"AllowedOrigins", "CloudFormation's names are plural"},
	"AllowedMethod":  {"AllowedMethods", "CloudFormation's names are plural"},
	"AllowedHeader":  {"AllowedHeaders", "CloudFormation's names are plural"},
	"ExposedHeader":  {"ExposedHeaders", "CloudFormation's names are plural"},
	"exposedHeaders": {"ExposedHeaders", "exposedHeaders is CDK's name"},
	"maxAge":         {"MaxAge", "maxAge is CDK's name"},
}

// cfnReader reads the CorsConfiguration of a template into a document.
type cfnReader struct {
	*docBuilder
	file  string // the file name, for messages
	lines *srcLines
}

// parseCloudFormation reads a CloudFormation template (YAML or JSON) or a
// snippet of one: a resource, its Properties, a CorsConfiguration or a
// bare CorsRules list. In a template, the AWS::S3::Bucket resources with a
// CorsConfiguration are the candidates, and resource picks one.
func parseCloudFormation(name string, src []byte, resource string) (*source, error) {
	r := &cfnReader{docBuilder: newDocBuilder(name, corsconf.FormatCloudFormation), file: name}
	root := r.tree(src)
	if root == nil {
		return r.source(""), nil
	}
	target, rootPos, picked, err := r.find(root, resource)
	if err != nil || target == nil {
		return r.source(picked), err
	}
	r.doc.SetPos(corsconf.RootName, rootPos)
	if target.kind == cfnList {
		r.rules(target)
	} else {
		r.corsConfiguration(target)
	}
	return r.source(picked), nil
}

// tree parses the template: JSON when it starts like JSON (unless it is
// valid YAML only, and not named .json), YAML otherwise. It reports a
// syntax error and returns nil when the template cannot be read.
func (r *cfnReader) tree(src []byte) *cfnNode {
	lines := newSrcLines(src)
	r.lines = lines
	if i := invalidUTF8At(lines.body); i >= 0 {
		r.fail(lines.pos(i), "syntax", "save the file as UTF-8", "invalid UTF-8 (byte 0x%02X): the template must be UTF-8 text", lines.body[i])
		return nil
	}
	if off := checkNesting(lines.body); off >= 0 {
		r.fail(lines.pos(off), "syntax", "", "the template nests more than %d levels deep (s3cors reads at most %d)", maxNesting, maxNesting)
		return nil
	}
	trimmed := bytes.TrimLeft(lines.body, " \t\r\n")
	var root *cfnNode
	var pos corsconf.Pos
	var msg string
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		root, pos, msg = readJSONTree(lines)
		if root == nil && !strings.EqualFold(filepath.Ext(r.file), ".json") {
			if y, _, _ := readYAMLTree(lines); y != nil {
				root = y
			}
		}
	} else {
		root, pos, msg = readYAMLTree(lines)
	}
	if root == nil {
		line, _ := lines.line(pos.Line)
		r.fail(pos, "syntax", aliasHint(line), "%s", msg)
	}
	return root
}

// aliasHint explains a YAML error on a line with a plain "*", the usual
// wildcard of CORS, which YAML reads as an alias: ["*"] must be quoted.
func aliasHint(line []byte) string {
	for i, c := range line {
		if c == '*' && (i == 0 || bytes.IndexByte([]byte(" \t[,"), line[i-1]) >= 0) {
			return `quote the wildcard, "*": a plain * starts a YAML alias`
		}
	}
	return ""
}

// find returns the node that holds the configuration (a CorsConfiguration
// value, or a CorsRules list), where the configuration starts, and the
// logical ID of the resource it belongs to ("" in a snippet). A nil node
// means it was not found, and said so.
func (r *cfnReader) find(root *cfnNode, resource string) (*cfnNode, corsconf.Pos, string, error) {
	if root.kind == cfnList {
		return root, root.pos, "", r.noNames(resource)
	}
	if e := root.get("Resources"); e != nil {
		return r.fromResources(e.val, e.pos, resource)
	}
	switch {
	case root.get("Type") != nil || root.get("Properties") != nil:
		return r.fromResource(root, root.pos, "", resource)
	case root.get("CorsConfiguration") != nil:
		e := root.get("CorsConfiguration")
		return e.val, e.pos, "", r.noNames(resource)
	case root.get("CorsRules") != nil:
		return root, root.pos, "", r.noNames(resource)
	case root.kind == cfnMap && len(r.buckets(root)) > 0: // resources without the Resources key
		return r.fromResources(root, root.pos, resource)
	}
	r.fail(root.pos, "wrong-format", "give a template with an AWS::S3::Bucket resource, a resource, its Properties, a CorsConfiguration or a CorsRules list",
		"no CloudFormation CORS configuration found: the document is %s without Resources, Properties, CorsConfiguration or CorsRules", root.describe())
	return nil, corsconf.Pos{}, "", nil
}

// noNames is the usage error of --resource with a snippet, which names no
// resource.
func (r *cfnReader) noNames(resource string) error {
	if resource == "" {
		return nil
	}
	return usagef("invalid --resource %q: %s is a snippet without resource names; leave --resource out", resource, r.file)
}

// buckets returns the entries of the AWS::S3::Bucket resources of a
// Resources mapping.
func (r *cfnReader) buckets(resources *cfnNode) []*cfnEntry {
	var out []*cfnEntry
	if resources.kind != cfnMap {
		return nil
	}
	for i := range resources.entries {
		if e := &resources.entries[i]; e.val.str("Type") == cfnBucketType {
			out = append(out, e)
		}
	}
	return out
}

// fromResources finds the bucket to read among the Resources of a
// template, whose key is at keyPos.
func (r *cfnReader) fromResources(resources *cfnNode, keyPos corsconf.Pos, want string) (*cfnNode, corsconf.Pos, string, error) {
	var names, bare []string
	var withCORS []*cfnEntry
	for _, e := range r.buckets(resources) {
		if props := e.val.get("Properties"); props != nil && props.val.get("CorsConfiguration") != nil {
			names, withCORS = append(names, e.key), append(withCORS, e)
		} else {
			bare = append(bare, e.key)
		}
	}
	if len(withCORS) == 0 || (want != "" && slices.Contains(bare, want) && !slices.Contains(names, want)) {
		return nil, corsconf.Pos{}, "", r.noCORS(keyPos, bare, want)
	}
	i, err := pickResource(r.file, "AWS::S3::Bucket resources with a CorsConfiguration", names, want, func(n, w string) bool { return n == w })
	if err != nil {
		return nil, corsconf.Pos{}, "", err
	}
	return r.fromResource(withCORS[i].val, withCORS[i].pos, withCORS[i].key, "")
}

// noCORS reports a template without a bucket to read: a usage error when
// --resource names a bucket without a CorsConfiguration, else a
// diagnostic at the Resources key.
func (r *cfnReader) noCORS(keyPos corsconf.Pos, bare []string, want string) error {
	if want != "" && slices.Contains(bare, want) {
		return usagef("invalid --resource %q: the AWS::S3::Bucket %q of %s has no CorsConfiguration", want, want, r.file)
	}
	if len(bare) == 0 {
		r.fail(keyPos, "wrong-format", "", "the template has no AWS::S3::Bucket resource, so no CORS configuration")
		return nil
	}
	r.fail(keyPos, "wrong-format", "add a CorsConfiguration under the bucket's Properties (s3cors convert --to cloudformation writes one)",
		"no AWS::S3::Bucket of the template has a CorsConfiguration (buckets: %s)", strings.Join(bare, ", "))
	return nil
}

// fromResource returns the CorsConfiguration of a resource that starts
// at pos: named name in a template, or a snippet (name "") for which
// --resource (want) is a usage error.
func (r *cfnReader) fromResource(res *cfnNode, pos corsconf.Pos, name, want string) (*cfnNode, corsconf.Pos, string, error) {
	if name == "" {
		if err := r.noNames(want); err != nil {
			return nil, corsconf.Pos{}, "", err
		}
	}
	if t := res.get("Type"); t != nil && t.val.text != cfnBucketType {
		r.fail(t.val.pos, "wrong-format", "", "the resource is of type %q, not %s", t.val.text, cfnBucketType)
		return nil, corsconf.Pos{}, name, nil
	}
	props := res.get("Properties")
	if props == nil {
		r.fail(pos, "wrong-format", "", "the resource has no Properties, so no CorsConfiguration")
		return nil, corsconf.Pos{}, name, nil
	}
	cc := props.val.get("CorsConfiguration")
	if cc == nil {
		r.fail(props.pos, "wrong-format", "add a CorsConfiguration under Properties (s3cors convert --to cloudformation writes one)",
			"the bucket's Properties have no CorsConfiguration")
		return nil, corsconf.Pos{}, name, nil
	}
	return cc.val, cc.pos, name, nil
}

// intrinsic reports a value computed by CloudFormation at deployment.
func (r *cfnReader) intrinsic(n *cfnNode, path string) {
	r.errorf(n.pos, path, "wrong-type", intrinsicHint, "value is a CloudFormation intrinsic (%s); s3cors needs a literal", n.text)
}

// corsConfiguration reads the value of CorsConfiguration: a mapping
// whose only key is CorsRules.
func (r *cfnReader) corsConfiguration(n *cfnNode) {
	switch n.kind {
	case cfnIntrinsic:
		r.doc.MarkIncomplete()
		r.intrinsic(n, corsconf.RootName)
		return
	case cfnMap:
	default:
		r.fail(n.pos, "wrong-type", "write CorsConfiguration: {CorsRules: [...]}", "CorsConfiguration must be a mapping with a CorsRules list, not %s", n.describe())
		return
	}
	var rules *cfnEntry
	for i := range n.entries {
		switch e := &n.entries[i]; {
		case e.key != "CorsRules":
			r.errorf(e.pos, corsconf.RootName, "unknown-field", strings.TrimPrefix(didYouMean(e.key, []string{"CorsRules"}), "; "),
				"unknown key %q in CorsConfiguration (its only key is \"CorsRules\")", e.key)
		case rules != nil:
			r.errorf(e.pos, corsconf.RootName, "duplicate-field", "keep a single \"CorsRules\"; this tool reads the first one", "duplicate key \"CorsRules\" in CorsConfiguration")
		default:
			rules = e
		}
	}
	if rules == nil {
		r.fail(r.doc.Pos(corsconf.RootName), "wrong-type", "write CorsConfiguration: {CorsRules: [...]}", "CorsConfiguration has no CorsRules list")
		return
	}
	r.rules(rules.val)
}

// rules reads the CorsRules list. A rule's index is its index in the
// configuration, so items that are not rules take none.
func (r *cfnReader) rules(n *cfnNode) {
	switch n.kind {
	case cfnIntrinsic:
		r.doc.MarkIncomplete()
		r.intrinsic(n, corsconf.RootName)
		return
	case cfnList:
	default:
		r.fail(n.pos, "wrong-type", "write CorsRules as a list: CorsRules: [{AllowedOrigins: [...], AllowedMethods: [...]}]", "CorsRules must be a list of rules, not %s", n.describe())
		return
	}
	for _, item := range n.items {
		path := corsconf.RulePath(len(r.doc.Config.Rules))
		switch item.kind {
		case cfnMap:
			r.rule(item)
		case cfnIntrinsic:
			r.intrinsic(item, path)
		default:
			r.errorf(item.pos, path, "wrong-type", "write each rule as a mapping with AllowedOrigins and AllowedMethods", "a rule must be a mapping, not %s", item.describe())
		}
	}
}

// rule reads one CorsRule.
func (r *cfnReader) rule(n *cfnNode) {
	pos := n.pos
	if n.mark.IsValid() {
		pos = n.mark
	}
	i := r.addRule(pos)
	seen := map[string]bool{}
	for _, e := range n.entries {
		name := ""
		for _, f := range cfnFields {
			if f.key == e.key {
				name = f.name
			}
		}
		switch {
		case name == "":
			r.errorf(e.pos, corsconf.RulePath(i), "unknown-field", unknownKeyHint(e.key, cfnKeys, cfnAliases), "unknown key %q in a CorsRule", e.key)
		case seen[e.key]:
			r.errorf(e.pos, corsconf.FieldPath(i, name), "duplicate-field", fmt.Sprintf("keep a single %q; this tool reads the first one", e.key), "duplicate key %q in a CorsRule", e.key)
		default:
			seen[e.key] = true
			r.field(i, name, e)
		}
	}
}

// field reads the value of key e of rule i, which fills the S3 field name.
func (r *cfnReader) field(i int, name string, e cfnEntry) {
	path := corsconf.FieldPath(i, name)
	v := e.val
	switch {
	case v.kind == cfnIntrinsic:
		r.doc.SetPos(path, v.pos)
		r.intrinsic(v, path)
	case name == corsconf.IDName && v.kind == cfnString:
		r.setID(i, v.text, v.pos)
	case name == corsconf.MaxAgeSecondsName && (v.kind == cfnNumber || v.kind == cfnString):
		r.setMaxAge(i, e.key, v.text, v.pos)
	case name == corsconf.IDName:
		r.errorf(v.pos, path, "wrong-type", quoteHint(v), "\"Id\" must be a string, not %s", v.describe())
	case name == corsconf.MaxAgeSecondsName:
		r.errorf(v.pos, path, "wrong-type", "write a whole number of seconds, such as 3000", "\"MaxAge\" must be an integer, not %s", v.describe())
	default:
		r.doc.SetPos(path, e.pos)
		r.list(i, name, e.key, v)
	}
}

// list reads a list of strings, field name of rule i under key.
func (r *cfnReader) list(i int, name, key string, v *cfnNode) {
	if v.kind != cfnList {
		hint := ""
		if v.kind == cfnString {
			hint = fmt.Sprintf("write [%q]", v.text)
		}
		r.errorf(v.pos, corsconf.FieldPath(i, name), "wrong-type", hint, "%q must be a list of strings, not %s", key, v.describe())
		return
	}
	for _, item := range v.items {
		path := corsconf.ValuePath(i, name, len(*r.doc.Config.Rules[i].List(name)))
		switch item.kind {
		case cfnString:
			r.addValue(i, name, item.text, item.pos)
		case cfnIntrinsic:
			r.intrinsic(item, path)
		default:
			r.errorf(item.pos, path, "wrong-type", r.valueHint(item), "%q values must be strings, not %s", key, item.describe())
		}
	}
}

// valueHint is quoteHint, or the advice for a plain "*" read as an alias.
func (r *cfnReader) valueHint(n *cfnNode) string {
	col := n.pos.Col - 1
	if n.pos.Line == 1 {
		col -= r.lines.shift
	}
	if line, ok := r.lines.line(n.pos.Line); ok && col >= 0 && col < len(line) && line[col] == '*' {
		return aliasHint(line[col:])
	}
	return quoteHint(n)
}

// quoteHint suggests quoting a number or boolean YAML read as such.
func quoteHint(n *cfnNode) string {
	if n.kind == cfnNumber || n.kind == cfnBool {
		return fmt.Sprintf("quote it: %q", n.text)
	}
	return ""
}
