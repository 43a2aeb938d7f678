package corsconf

import "fmt"

// parser holds what the XML and JSON readers share: the document being
// built, the line index of the source and the diagnostics found.
type parser struct {
	doc   *Document
	src   []byte
	li    *lineIndex
	base  int // offset of the parsed body in src (3 after a byte order mark)
	diags Diagnostics
}

func newParser(doc *Document, src []byte) *parser {
	return &parser{doc: doc, src: src, li: newLineIndex(src)}
}

// at returns the position of byte offset off of the whole source.
func (p *parser) at(off int) Pos { return p.li.pos(off) }

// record remembers that path was read at offset off of the source.
func (p *parser) record(path string, off int) { p.doc.setPos(path, p.at(off)) }

// errorAt reports an error at offset off of the whole source.
func (p *parser) errorAt(off int, path, rule string, s3 *S3Error, hint, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{
		File: p.doc.Name, Pos: p.at(off), Path: path, Severity: SeverityError,
		Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint, S3: s3,
	})
}

// xmlOnly returns S3's MalformedXML answer when the document is XML (S3
// would receive it as it is) and nil for JSON, which the AWS CLI, SDKs and
// console refuse before anything reaches S3.
func (p *parser) xmlOnly(f Format, body []byte) *S3Error {
	if f == FormatXML || (f == FormatAuto && isXMLStart(body)) {
		return errMalformedXML()
	}
	return nil
}

func isXMLStart(body []byte) bool {
	d, ok := Detect(body)
	return ok && d == FormatXML
}
