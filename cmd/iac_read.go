package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

// Readers for the infrastructure-as-code forms of a configuration: a
// CloudFormation template or snippet (iac_read_cfn.go, over the trees of
// iac_read_tree.go and iac_read_yaml.go) and a Terraform file
// (iac_read_tf.go and iac_read_tf_value.go). corsconf names these formats
// but cannot read them, since it uses the standard library only: the
// readers here build the corsconf.Document themselves, with a position for
// every rule, key and value, and corsconf.CheckDocument validates it. This
// file holds what both share: --resource, format detection, the choice of
// a resource, and the builder of the document.

const flagResource = "resource"

func resourceFlag() cli.Flag {
	return &cli.StringFlag{Name: flagResource, Usage: "with CloudFormation or Terraform input: read the bucket resource `NAME` (a logical ID; Terraform: NAME or TYPE.NAME)"}
}

// inputOptions say how to read a configuration file: --from and --resource.
type inputOptions struct {
	from     corsconf.Format
	resource string // the template resource to read; "" for the only one
}

// inputFrom reads --from and --resource.
func inputFrom(c *cli.Context) (inputOptions, error) {
	from, err := parseFrom(c.String(flagFrom))
	return inputOptions{from: from, resource: c.String(flagResource)}, err
}

// source is one configuration input after reading.
type source struct {
	doc      *corsconf.Document
	diags    corsconf.Diagnostics
	resource string   // the resource read from a template; "" for the other formats and for snippets
	notes    []string // to print on standard error, after "s3cors: note: "
}

// maxIaCSize bounds a template or Terraform file. CloudFormation accepts
// templates of up to 1 MB; the YAML parser slows down well before the
// general input limit.
const maxIaCSize = 1 << 20

// parseInput reads src in the format in.from, or in the detected one
// (detectFormat). corsconf reads its own formats; CloudFormation and
// Terraform are read here. The error is a usageError when --resource does
// not fit the input (or is needed), or a failure for a file too large.
func parseInput(name string, src []byte, in inputOptions) (*source, error) {
	f := in.from
	if f == corsconf.FormatAuto {
		f = detectFormat(name, src)
	}
	if f.External() && len(src) > maxIaCSize {
		return nil, fmt.Errorf("cannot read %s: larger than %d MiB, the most s3cors reads of a template or Terraform file", name, maxIaCSize>>20)
	}
	switch f {
	case corsconf.FormatCloudFormation:
		return parseCloudFormation(name, src, in.resource)
	case corsconf.FormatTerraform:
		return parseTerraform(name, src, in.resource)
	}
	if in.resource != "" {
		return nil, usagef("--resource %q applies to CloudFormation and Terraform input, and %s is not read as either: add --from cloudformation or --from terraform", in.resource, name)
	}
	doc, diags := corsconf.Parse(name, src, f)
	return &source{doc: doc, diags: diags}, nil
}

// checkInput is parseInput followed by validation, as corsconf.Check does
// for its own formats.
func checkInput(name string, src []byte, in inputOptions) (*source, error) {
	s, err := parseInput(name, src, in)
	if err != nil {
		return nil, err
	}
	s.diags = corsconf.CheckDocument(s.doc, s.diags)
	return s, nil
}

// printNotes prints the notes of s on standard error.
func printNotes(env Env, s *source) {
	for _, n := range s.notes {
		fmt.Fprintf(env.Stderr, "%s: note: %s\n", appName, n)
	}
}

// cfnMarkers are texts only a CloudFormation template or snippet holds.
var cfnMarkers = []string{"AWSTemplateFormatVersion", "AWS::S3::Bucket", "CorsConfiguration", "CorsRules"}

// cfnTopKeys are the top-level keys that make a JSON object a
// CloudFormation template or snippet rather than AWS CLI JSON.
var cfnTopKeys = []string{"AWSTemplateFormatVersion", "Resources", "Type", "Properties", "CorsConfiguration"}

// detectFormat decides the format of an input read with --from auto: a
// name ending in .tf is Terraform and one ending in .template is
// CloudFormation. Otherwise the content decides: a JSON object with a
// top-level key of a template (cfnTopKeys) is CloudFormation; content that
// is neither XML nor JSON is CloudFormation when it holds one of
// cfnMarkers, and Terraform when it names an aws_s3_bucket resource type.
// Anything else is left to corsconf (FormatAuto): XML, console and CLI
// JSON are read as before, and what none of the readers can take gets
// corsconf's message about the first character.
func detectFormat(name string, src []byte) corsconf.Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tf":
		return corsconf.FormatTerraform
	case ".template":
		return corsconf.FormatCloudFormation
	}
	body := bytes.TrimPrefix(src, utf8BOM)
	if f, ok := corsconf.Detect(body); ok {
		if f == corsconf.FormatCLI && json.Valid(body) && hasTopKey(body, cfnTopKeys) {
			return corsconf.FormatCloudFormation
		}
		return corsconf.FormatAuto
	}
	for _, m := range cfnMarkers {
		if bytes.Contains(body, []byte(m)) {
			return corsconf.FormatCloudFormation
		}
	}
	if bytes.Contains(body, []byte(`"aws_s3_bucket`)) {
		return corsconf.FormatTerraform
	}
	return corsconf.FormatAuto
}

// hasTopKey reports whether the JSON object src, valid JSON, has one of
// keys at its top level.
func hasTopKey(src []byte, keys []string) bool {
	dec := json.NewDecoder(bytes.NewReader(src))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if key, _ := tok.(string); slices.Contains(keys, key) {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// pickResource returns the index among names of the resource to read: the
// one --resource (want) names, or the only one. what names the kind of
// resource for messages, in the plural. match says whether a name answers
// to want. names is never empty.
func pickResource(file, what string, names []string, want string, match func(name, want string) bool) (int, error) {
	list := strings.Join(names, ", ")
	if want == "" {
		if len(names) == 1 {
			return 0, nil
		}
		return -1, usagef("%s has %d %s (%s): choose one with --resource NAME", file, len(names), what, list)
	}
	var hits []int
	for i, n := range names {
		if match(n, want) {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return -1, usagef("invalid --resource %q: %s has no such resource among its %s (%s)%s", want, file, what, list, suggestFrom(want, names...))
	}
	return -1, usagef("--resource %q is ambiguous in %s: give one of %s", want, file, quoteList(hits, names))
}

func quoteList(idx []int, names []string) string {
	q := make([]string, len(idx))
	for i, k := range idx {
		q[i] = names[k]
	}
	return strings.Join(q, " or ")
}

// intrinsicHint is the advice for a value an IaC tool computes.
const intrinsicHint = "write the value itself, or check the deployed configuration with s3cors pull"

// docBuilder builds the document of a CloudFormation or Terraform reader:
// the rules, the position of every path and the diagnostics.
type docBuilder struct {
	doc   *corsconf.Document
	diags corsconf.Diagnostics
}

func newDocBuilder(name string, f corsconf.Format) *docBuilder {
	return &docBuilder{doc: &corsconf.Document{Name: name, Format: f}}
}

// errorf reports an error about path at pos.
func (b *docBuilder) errorf(pos corsconf.Pos, path, rule, hint, format string, args ...any) {
	b.diags = append(b.diags, corsconf.Diagnostic{
		File: b.doc.Name, Pos: pos, Path: path, Severity: corsconf.SeverityError,
		Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// fail reports a problem that leaves no configuration to read: the
// document is incomplete, so that validation adds nothing to it.
func (b *docBuilder) fail(pos corsconf.Pos, rule, hint, format string, args ...any) {
	b.doc.MarkIncomplete()
	b.errorf(pos, corsconf.RootName, rule, hint, format, args...)
}

// addRule appends an empty rule that starts at pos and returns its index.
func (b *docBuilder) addRule(pos corsconf.Pos) int {
	i := len(b.doc.Config.Rules)
	b.doc.Config.Rules = append(b.doc.Config.Rules, corsconf.Rule{})
	b.doc.SetPos(corsconf.RulePath(i), pos)
	return i
}

// addValue appends s, read at pos, to list field of rule i.
func (b *docBuilder) addValue(i int, field string, s string, pos corsconf.Pos) {
	list := b.doc.Config.Rules[i].List(field)
	b.doc.SetPos(corsconf.ValuePath(i, field, len(*list)), pos)
	*list = append(*list, s)
}

// setID sets the ID of rule i, read at pos.
func (b *docBuilder) setID(i int, id string, pos corsconf.Pos) {
	b.doc.SetPos(corsconf.FieldPath(i, corsconf.IDName), pos)
	b.doc.Config.Rules[i].ID = id
}

// setMaxAge sets MaxAgeSeconds of rule i from text, the value as written
// at pos: an integer, which a string may hold (both tools convert it).
func (b *docBuilder) setMaxAge(i int, key, text string, pos corsconf.Pos) {
	path := corsconf.FieldPath(i, corsconf.MaxAgeSecondsName)
	b.doc.SetPos(path, pos)
	n, ok := parseMaxAge(text)
	if !ok {
		b.errorf(pos, path, "invalid-max-age", "write a whole number of seconds, such as 3000",
			"%s %q is not an integer from 0 to 2147483647", key, text)
		return
	}
	b.doc.Config.Rules[i].MaxAgeSeconds = &n
}

// parseMaxAge reads a decimal integer that fits in an int32, sign
// allowed (a negative one is validation's business).
func parseMaxAge(s string) (int, bool) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if digits == "" || len(digits) > 10 || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n := 0
	for _, c := range digits {
		n = n*10 + int(c-'0')
	}
	if n > 1<<31-1 {
		return 0, false
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}

// source returns what was built.
func (b *docBuilder) source(resource string, notes ...string) *source {
	return &source{doc: b.doc, diags: b.diags, resource: resource, notes: notes}
}

// unknownKeyHint returns the advice for an unknown key of a rule: the
// known key it stands for, and why, from aliases; else the nearest key.
func unknownKeyHint(key string, keys []string, aliases map[string][2]string) string {
	if a, ok := aliases[key]; ok {
		return fmt.Sprintf("did you mean %q? (%s)", a[0], a[1])
	}
	return strings.TrimPrefix(didYouMean(key, keys), "; ")
}

// invalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8, or -1.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		c, n := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// iacField is a key of a rule in a template format and the S3 name it
// stands for.
type iacField struct{ key, name string }

// fieldKeys returns the keys of fs, in order.
func fieldKeys(fs []iacField) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}
