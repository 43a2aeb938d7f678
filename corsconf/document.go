package corsconf

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Format names a serialization of a [Config].
type Format int

// The formats. FormatAuto is accepted by [Parse] only.
//
// FormatCloudFormation and FormatTerraform are external: this package
// names them, so that a [Document] says where it was read from, but it
// neither reads nor writes them, since that takes a YAML and an HCL parser
// and this package uses the standard library only. [Parse] answers them
// with an error diagnostic and [Config.Format] with an error; a reader
// outside the package (the s3cors command has both) builds the Document
// itself, records positions with [Document.SetPos] and validates it with
// [CheckDocument].
const (
	FormatAuto           Format = iota // detect from the content
	FormatXML                          // the S3 API document, <CORSConfiguration>
	FormatConsole                      // the S3 console JSON: a bare array of rules
	FormatCLI                          // the AWS CLI / SDK JSON: {"CORSRules": [...]}
	FormatCloudFormation               // external: an AWS::S3::Bucket's CorsConfiguration, in a template (YAML or JSON)
	FormatTerraform                    // external: the cors_rule blocks of a Terraform resource
)

// Formats lists the formats this package reads and writes, in the order
// they are documented. The external formats are not among them.
var Formats = []Format{FormatXML, FormatConsole, FormatCLI}

// String returns the name used on the command line: "xml", "console",
// "cli", "cloudformation", "terraform" or "auto".
func (f Format) String() string {
	switch f {
	case FormatXML:
		return "xml"
	case FormatConsole:
		return "console"
	case FormatCLI:
		return "cli"
	case FormatCloudFormation:
		return "cloudformation"
	case FormatTerraform:
		return "terraform"
	}
	return "auto"
}

// External reports whether f is read and written outside this package:
// FormatCloudFormation or FormatTerraform.
func (f Format) External() bool {
	return f == FormatCloudFormation || f == FormatTerraform
}

// ParseFormat returns the format named s among "auto" and [Formats]
// ("xml", "console", "cli"); ok is false for any other name, the names of
// the external formats included, since this package cannot read them.
func ParseFormat(s string) (f Format, ok bool) {
	for _, f := range append([]Format{FormatAuto}, Formats...) {
		if f.String() == s {
			return f, true
		}
	}
	return FormatAuto, false
}

// Document is a parsed configuration with the position of every element and
// value it was read from.
type Document struct {
	Name   string // as given: "cors.xml", "<stdin>", "s3://bucket"
	Format Format // the format it was read from
	Config Config
	// Comments are the XML comments of the source, in order, for tools
	// that act on annotations; nil for JSON.
	Comments []Comment
	pos      map[string]Pos // path -> where it was read
	// incomplete is set when the rules could not be found at all (wrong
	// root element, no "CORSRules" key): "no rules" would only be noise.
	incomplete bool
}

// Comment is an XML comment and where it is.
type Comment struct {
	Text string // the text between "<!--" and "-->", verbatim
	Pos  Pos    // position of "<!--"
	// Next is the path of the element the comment belongs to: the element
	// that follows it or, when End is set, the element it closes (the
	// comment follows that element's last child). "" means the comment
	// follows the root element.
	Next string
	End  bool
}

// NewDocument returns a document without positions, for a configuration
// that was not read from a file, such as one fetched from S3.
func NewDocument(name string, cfg *Config) *Document {
	return &Document{Name: name, Format: FormatXML, Config: *cfg}
}

// Pos returns the position recorded for path. When path itself has none, it
// returns that of the nearest enclosing path that has one, and the zero Pos
// when there is none at all.
func (d *Document) Pos(path string) Pos {
	for p := path; ; {
		if pos, ok := d.pos[p]; ok {
			return pos
		}
		i := lastSep(p)
		if i < 0 {
			return d.pos[RootName]
		}
		p = p[:i]
	}
}

// lastSep returns the index of the last '.' or '[' of a path, or -1.
func lastSep(p string) int {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' || p[i] == '[' {
			return i
		}
	}
	return -1
}

// Diag returns a diagnostic of d at path, positioned from the recorded
// positions.
func (d *Document) Diag(path string, sev Severity, rule, format string, args ...any) Diagnostic {
	return Diagnostic{File: d.Name, Pos: d.Pos(path), Path: path, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// SetPos records that path (such as "CORSRule[1].AllowedOrigin[0]", see
// [RulePath], [FieldPath] and [ValuePath]) was read at p, for readers
// outside this package. As in the parsers, the first position recorded
// for a path stays. Record, as the parsers do, [RootName] where the
// configuration starts, each rule where it starts, each list field where
// its key is, each value (ID and MaxAgeSeconds included) where it is:
// a diagnostic about a path without a position takes that of the nearest
// enclosing path that has one.
func (d *Document) SetPos(path string, p Pos) { d.setPos(path, p) }

// MarkIncomplete records that the rules of d could not be found at all,
// for readers outside this package that report why themselves: [Validate]
// then does not add that the configuration has no rule.
func (d *Document) MarkIncomplete() { d.incomplete = true }

func (d *Document) setPos(path string, p Pos) {
	if d.pos == nil {
		d.pos = make(map[string]Pos)
	}
	if _, dup := d.pos[path]; !dup {
		d.pos[path] = p
	}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse reads a configuration in format f, or in the format detected from
// the content when f is [FormatAuto]. It never panics and always returns a
// document; the diagnostics say what could not be read (syntax errors,
// unknown fields, values of the wrong type). A leading UTF-8 byte order mark
// is skipped. Call [Validate] for what S3 would reject in a readable
// document. An external format (see [Format.External]) gets a single
// wrong-format error: this package cannot read it.
func Parse(name string, src []byte, f Format) (*Document, Diagnostics) {
	doc := &Document{Name: name, Format: f}
	p := newParser(doc, src)
	if f.External() {
		doc.incomplete = true
		p.errorAt(0, RootName, "wrong-format", nil, "read it with the s3cors command, or convert it first (s3cors convert --from "+f.String()+" --to xml)",
			"package corsconf cannot read %s input: its reader is part of the s3cors command", f)
		return doc, p.diags
	}
	body := src
	if bytes.HasPrefix(body, utf8BOM) {
		body = body[len(utf8BOM):]
		p.base = len(utf8BOM)
	}
	if bytes.HasPrefix(body, []byte{0xFE, 0xFF}) || bytes.HasPrefix(body, []byte{0xFF, 0xFE}) {
		p.errorAt(0, RootName, "syntax", nil, "save it as UTF-8", "the document is UTF-16 text: S3 configurations are UTF-8")
		return doc, p.diags
	}
	if i := invalidUTF8(body); i >= 0 {
		p.errorAt(p.base+i, RootName, "syntax", p.xmlOnly(f, body), "save the file as UTF-8",
			"invalid UTF-8 (byte 0x%02X): the document must be UTF-8 text", body[i])
		return doc, p.diags
	}
	detected, ok := Detect(body)
	if !ok {
		p.errorAt(p.base+firstNonSpace(body), RootName, "syntax", p.xmlOnly(f, body), "",
			"%s (an S3 CORS configuration is XML starting with \"<\", a console JSON array starting with \"[\", or AWS CLI JSON starting with \"{\")", describeStart(body))
		return doc, p.diags
	}
	if f == FormatAuto {
		f = detected
		doc.Format = f
	}
	if !p.checkForced(f, detected, body) {
		return doc, p.diags
	}
	switch f {
	case FormatXML:
		p.parseXML(body)
	default:
		p.parseJSON(body, f)
	}
	return doc, p.diags
}

// Detect returns the format of src judged by its first significant
// character: "<" for XML, "[" for console JSON and "{" for CLI JSON.
func Detect(src []byte) (f Format, ok bool) {
	src = bytes.TrimPrefix(src, utf8BOM)
	i := firstNonSpace(src)
	if i >= len(src) {
		return FormatAuto, false
	}
	switch src[i] {
	case '<':
		return FormatXML, true
	case '[':
		return FormatConsole, true
	case '{':
		return FormatCLI, true
	}
	return FormatAuto, false
}

func firstNonSpace(src []byte) int {
	for i, b := range src {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return i
		}
	}
	return len(src)
}

func describeStart(body []byte) string {
	i := firstNonSpace(body)
	switch {
	case len(body) == 0:
		return "the document is empty"
	case i == len(body):
		return "the document holds only whitespace"
	}
	r, _ := utf8.DecodeRune(body[i:])
	return fmt.Sprintf("unexpected %q at the start of the document", r)
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// checkForced reports a document whose content does not match the format
// forced by the caller, and returns false when parsing cannot go on.
func (p *parser) checkForced(f, detected Format, body []byte) bool {
	if f == detected {
		return true
	}
	at := p.base + firstNonSpace(body)
	switch {
	case f == FormatCLI && detected == FormatConsole:
		p.errorAt(at, RootName, "wrong-format", nil, `wrap the array as {"CORSRules": [...]}, or read it with --from console`,
			"expected AWS CLI JSON {\"CORSRules\": [...]} but found a console JSON array")
	case f == FormatConsole && detected == FormatCLI:
		p.errorAt(at, RootName, "wrong-format", nil, `the console takes the bare array inside "CORSRules", or read it with --from cli`,
			"expected a console JSON array but found a JSON object")
	default:
		p.errorAt(at, RootName, "wrong-format", nil, fmt.Sprintf("read it with --from %s", detected),
			"expected %s but found %s", formatNoun(f), formatNoun(detected))
	}
	return false
}

func formatNoun(f Format) string {
	switch f {
	case FormatXML:
		return "an XML document"
	case FormatConsole:
		return "a console JSON array"
	case FormatCLI:
		return "AWS CLI JSON"
	}
	return "an unknown format"
}
