package corsconf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// S3Namespace is the XML namespace of the S3 API. Documents may use it or
// no namespace at all.
const S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlReader reads one XML document into p.doc.Config. Every problem is
// reported with S3's MalformedXML answer, since S3 validates the body
// against its schema before anything else.
type xmlReader struct {
	*parser
	dec      *xml.Decoder
	body     []byte
	off      int       // offset in body of the token last read
	pending  []Comment // comments waiting for the next element
	stopped  bool      // a syntax error ended the reading
	ruleSeen map[string]bool
}

func (p *parser) parseXML(body []byte) {
	r := &xmlReader{parser: p, body: body, dec: xml.NewDecoder(bytes.NewReader(body))}
	r.dec.Strict = true
	root, ok := r.readRoot()
	if !ok {
		return
	}
	r.readRules(root)
	r.readTrailer()
	r.attachEnd("", false)
}

// next returns the next token; on a syntax error it reports it, marks the
// reader stopped and returns nil.
func (r *xmlReader) next() xml.Token {
	if r.stopped {
		return nil
	}
	r.off = int(r.dec.InputOffset())
	tok, err := r.dec.Token()
	if err != nil {
		r.stopped = true
		if err != io.EOF {
			r.syntaxError(err)
		}
		return nil
	}
	switch t := tok.(type) {
	case xml.Comment:
		r.pending = append(r.pending, Comment{Text: string(t), Pos: r.at(r.base + r.off)})
	case xml.StartElement:
		r.checkAttrs(t)
	}
	return tok
}

// checkAttrs reports attributes other than namespace declarations: S3's
// schema has none, and canonical output would drop them.
func (r *xmlReader) checkAttrs(t xml.StartElement) {
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		r.fail(RootName, "unknown-field", "remove it", "attribute %q on <%s> is not part of S3's CORS schema", a.Name.Local, t.Name.Local)
	}
}

func (r *xmlReader) syntaxError(err error) {
	// Point at the token that could not be read; at the end of the input
	// for a document cut short.
	off := r.off
	if strings.Contains(err.Error(), "unexpected EOF") {
		off = int(r.dec.InputOffset())
	}
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	if strings.Contains(msg, "CharsetReader") {
		msg = "the document declares an encoding other than UTF-8; S3 reads UTF-8 only"
	}
	if off > len(r.body) {
		off = len(r.body)
	}
	r.errorAt(r.base+off, RootName, "syntax", errMalformedXML(), "", "XML is not well-formed: %s", msg)
}

func (r *xmlReader) fail(path, rule, hint, format string, args ...any) {
	r.errorAt(r.base+r.off, path, rule, errMalformedXML(), hint, format, args...)
}

// startElement records the element at path and attaches pending comments.
func (r *xmlReader) startElement(path string) {
	r.record(path, r.base+r.off)
	r.attachComments(path)
}

// attachComments gives the comments read since the last element the path
// of the element they belong to (see [Comment]).
func (r *xmlReader) attachComments(path string) { r.attachEnd(path, false) }

func (r *xmlReader) attachEnd(path string, end bool) {
	for i := range r.pending {
		r.pending[i].Next, r.pending[i].End = path, end
	}
	r.doc.Comments = append(r.doc.Comments, r.pending...)
	r.pending = nil
}

// readRoot skips the prolog and returns the root element.
func (r *xmlReader) readRoot() (xml.StartElement, bool) {
	for {
		switch t := r.next().(type) {
		case nil:
			if !r.stopped || len(r.diags) == 0 {
				r.errorAt(r.base+len(r.body), RootName, "syntax", errMalformedXML(), "", "the document has no root element")
			}
			return xml.StartElement{}, false
		case xml.Directive:
			r.fail(RootName, "syntax", "remove it", "a %q declaration is not allowed: S3 rejects DTDs and entity declarations", firstWord(t))
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				r.fail(RootName, "syntax", "", "text %q before the root element", shorten(string(t)))
			}
		case xml.StartElement:
			r.startElement(RootName)
			if t.Name.Local != RootName || !knownSpace(t.Name.Space) {
				r.doc.incomplete = true
				r.fail(RootName, "unknown-field", rootHint(t.Name), "the root element is %s, not <CORSConfiguration>", describeName(t.Name))
				return t, false
			}
			return t, true
		}
	}
}

func rootHint(n xml.Name) string {
	if n.Local == RootName {
		return "use the S3 namespace " + S3Namespace + " or none"
	}
	if strings.EqualFold(n.Local, RootName) || n.Local == "CorsConfiguration" {
		return `did you mean "CORSConfiguration"?`
	}
	return ""
}

func knownSpace(s string) bool { return s == "" || s == S3Namespace }

// readRules reads the children of the root element up to its end.
func (r *xmlReader) readRules(root xml.StartElement) {
	for {
		switch t := r.next().(type) {
		case nil:
			return
		case xml.EndElement:
			r.attachEnd(RootName, true)
			return
		case xml.CharData:
			r.checkText(t, RootName)
		case xml.Directive:
			r.fail(RootName, "syntax", "", "a %q declaration is not allowed inside the document", firstWord(t))
		case xml.StartElement:
			if t.Name.Local == RuleName && knownSpace(t.Name.Space) {
				r.readRule(len(r.doc.Config.Rules))
				continue
			}
			path := RootName + "." + t.Name.Local
			r.startElement(path)
			r.fail(path, "unknown-field", suggestElement(t.Name.Local, []string{RuleName}),
				"unknown element %s in <CORSConfiguration>", describeName(t.Name))
			r.skip()
		}
	}
}

func (r *xmlReader) checkText(t xml.CharData, path string) {
	if len(bytes.TrimSpace(t)) > 0 {
		r.fail(path, "syntax", "", "unexpected text %q: only elements are allowed here", shorten(strings.TrimSpace(string(t))))
	}
}

// readTrailer checks that nothing but comments and whitespace follows the
// root element.
func (r *xmlReader) readTrailer() {
	for {
		switch t := r.next().(type) {
		case nil:
			return
		case xml.StartElement:
			r.fail(RootName, "syntax", "", "a second root element %s after </CORSConfiguration>", describeName(t.Name))
			return
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				r.fail(RootName, "syntax", "", "text after </CORSConfiguration>")
				return
			}
		}
	}
}

// skip consumes the rest of the element just started, whatever its depth,
// without recursion.
func (r *xmlReader) skip() {
	for depth := 1; depth > 0; {
		switch r.next().(type) {
		case nil:
			return
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

// readRule reads one <CORSRule> as rule i.
func (r *xmlReader) readRule(i int) {
	r.startElement(RulePath(i))
	r.doc.Config.Rules = append(r.doc.Config.Rules, Rule{})
	r.ruleSeen = map[string]bool{}
	for {
		switch t := r.next().(type) {
		case nil:
			return
		case xml.EndElement:
			r.attachEnd(RulePath(i), true)
			return
		case xml.CharData:
			r.checkText(t, RulePath(i))
		case xml.StartElement:
			r.readField(i, t)
		}
	}
}

// readField reads one child element of rule i.
func (r *xmlReader) readField(i int, t xml.StartElement) {
	rule := &r.doc.Config.Rules[i]
	name := t.Name.Local
	list := rule.List(name)
	if !knownSpace(t.Name.Space) || (list == nil && name != IDName && name != MaxAgeSecondsName) {
		path := RulePath(i) + "." + name
		r.startElement(path)
		r.fail(path, "unknown-field", suggestElement(name, RuleFields), "unknown element %s in <CORSRule>", describeName(t.Name))
		r.skip()
		return
	}
	path := FieldPath(i, name)
	if list != nil {
		if len(*list) == 0 {
			r.record(path, r.base+r.off)
		}
		path = ValuePath(i, name, len(*list))
	}
	r.attachComments(path)
	text, at, ok := r.readText(path)
	if !ok {
		return
	}
	r.record(path, at)
	r.store(i, name, text, at, list)
}

// store puts the text of element name into rule i.
func (r *xmlReader) store(i int, name, text string, at int, list *[]string) {
	rule := &r.doc.Config.Rules[i]
	if list != nil {
		*list = append(*list, text)
		return
	}
	path := FieldPath(i, name)
	if r.ruleSeen[name] {
		r.errorAt(at, path, "duplicate-field", errMalformedXML(), "keep one",
			"<%s> appears twice in one <CORSRule>; S3 allows at most one", name)
		return
	}
	r.ruleSeen[name] = true
	if name == IDName {
		rule.ID = text
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil {
		problem := "is not an integer"
		if errors.Is(err, strconv.ErrRange) {
			problem = "is out of range"
		}
		r.errorAt(at, path, "invalid-max-age", errMalformedXML(), "",
			"MaxAgeSeconds %q %s (S3 takes a whole number of seconds, 0 to 2147483647)", text, problem)
		return
	}
	rule.MaxAgeSeconds = &n
}

// readText reads the text content of a simple element up to its end tag.
// It returns the text and the offset in the whole source where it starts:
// its first non-space byte, or the end of the start tag when there is none.
func (r *xmlReader) readText(path string) (string, int, bool) {
	// CharData is only valid until the next token: copy it. Most values
	// are one CharData token, kept with a single copy.
	var text string
	var more []byte
	at := r.base + int(r.dec.InputOffset())
	first := true
	for {
		switch t := r.next().(type) {
		case nil:
			return "", 0, false
		case xml.EndElement:
			if more != nil {
				return string(more), at, true
			}
			return text, at, true
		case xml.CharData:
			if first && len(bytes.TrimSpace(t)) > 0 {
				at = r.base + r.off + firstNonSpace(r.body[r.off:])
				first = false
			}
			switch {
			case more != nil:
				more = append(more, t...)
			case text == "":
				text = string(t)
			default:
				more = append([]byte(text), t...)
			}
		case xml.StartElement:
			_, field, _ := SplitPath(path)
			r.fail(path, "unknown-field", "", "element %s inside <%s>: a value holds text only", describeName(t.Name), field)
			r.skip()
		}
	}
}

func describeName(n xml.Name) string {
	if n.Space != "" && n.Space != S3Namespace {
		return fmt.Sprintf("<%s> in namespace %q", n.Local, n.Space)
	}
	return "<" + n.Local + ">"
}

func firstWord(d xml.Directive) string {
	f := strings.Fields(string(d))
	if len(f) == 0 {
		return "<!>"
	}
	return "<!" + f[0]
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
