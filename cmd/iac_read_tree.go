package cmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// A CloudFormation template is read into a tree of cfnNode, from YAML
// (iac_read_yaml.go) or from JSON (here), so that one reader finds the
// configuration in either. Positions are exact: byte offsets for JSON, and
// goccy/go-yaml's positions checked against the source for YAML.

// cfnKind is the kind of a template node.
type cfnKind int

const (
	cfnNull      cfnKind = iota
	cfnString            // text is the string
	cfnNumber            // text is the number as written
	cfnBool              // text is the boolean as written
	cfnList              // items
	cfnMap               // entries
	cfnIntrinsic         // text is the function: "!Sub", "Fn::Sub", "Ref"
	cfnOther             // anything else: text describes it
)

// cfnNode is a node of a template.
type cfnNode struct {
	kind    cfnKind
	pos     corsconf.Pos // where the node starts
	mark    corsconf.Pos // the "-" before a block list item; zero otherwise
	text    string
	items   []*cfnNode
	entries []cfnEntry
}

// cfnEntry is a key of a mapping and its value.
type cfnEntry struct {
	key string
	pos corsconf.Pos // of the key
	val *cfnNode
}

// get returns the first entry of a mapping with key, or nil.
func (n *cfnNode) get(key string) *cfnEntry {
	if n == nil || n.kind != cfnMap {
		return nil
	}
	for i := range n.entries {
		if n.entries[i].key == key {
			return &n.entries[i]
		}
	}
	return nil
}

// str returns the string of a string node under key, or "".
func (n *cfnNode) str(key string) string {
	if e := n.get(key); e != nil && e.val.kind == cfnString {
		return e.val.text
	}
	return ""
}

// describe names the kind of n for messages.
func (n *cfnNode) describe() string {
	switch n.kind {
	case cfnNull:
		return "null"
	case cfnString:
		return "a string"
	case cfnNumber:
		return "a number"
	case cfnBool:
		return "a boolean"
	case cfnList:
		return "a list"
	case cfnMap:
		return "a mapping"
	case cfnIntrinsic:
		return "the intrinsic " + n.text
	}
	return n.text
}

// asIntrinsic turns a mapping written as a long-form intrinsic function
// ({"Fn::Sub": ...} or {"Ref": ...}) into an intrinsic node.
func asIntrinsic(n *cfnNode) *cfnNode {
	if len(n.entries) == 1 {
		if k := n.entries[0].key; k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return &cfnNode{kind: cfnIntrinsic, pos: n.pos, text: k}
		}
	}
	return n
}

// srcLines maps offsets in a body (a source without its byte order mark)
// to positions in the source, whose columns count bytes.
type srcLines struct {
	body   []byte
	starts []int // offset of each line in body
	shift  int   // len(utf8BOM) when the source starts with one: it moves line 1
}

func newSrcLines(src []byte) *srcLines {
	body := bytes.TrimPrefix(src, utf8BOM)
	l := &srcLines{body: body, starts: []int{0}, shift: len(src) - len(body)}
	for i, c := range body {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// pos returns the position of offset off of the body.
func (l *srcLines) pos(off int) corsconf.Pos {
	off = max(0, min(off, len(l.body)))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return l.lineCol(line+1, off-l.starts[line])
}

// lineCol returns the position of byte index col (0-based) of line
// (1-based) of the body.
func (l *srcLines) lineCol(line, col int) corsconf.Pos {
	p := corsconf.Pos{Line: line, Col: col + 1}
	if line == 1 {
		p.Col += l.shift
	}
	return p
}

// line returns line n (1-based) of the body without its line break, and
// false when there is no such line.
func (l *srcLines) line(n int) ([]byte, bool) {
	if n < 1 || n > len(l.starts) {
		return nil, false
	}
	end := len(l.body)
	if n < len(l.starts) {
		end = l.starts[n] - 1
	}
	return bytes.TrimSuffix(l.body[l.starts[n-1]:end], []byte("\r")), true
}

// jsonTree reads a JSON template. The source is valid JSON (checked
// before), and nesting is bounded (checkNesting), so the recursion is too.
type jsonTree struct {
	lines *srcLines
	dec   *json.Decoder
}

// readJSONTree returns the tree of a JSON template, or the position and
// message of its syntax error.
func readJSONTree(lines *srcLines) (*cfnNode, corsconf.Pos, string) {
	if !json.Valid(lines.body) {
		var v any
		err := json.Unmarshal(lines.body, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, lines.pos(int(se.Offset) - 1), "invalid JSON: " + se.Error()
		}
		return nil, lines.pos(len(lines.body)), "invalid JSON: unexpected end of input"
	}
	t := &jsonTree{lines: lines, dec: json.NewDecoder(bytes.NewReader(lines.body))}
	t.dec.UseNumber()
	tok, off, ok := t.next()
	if !ok {
		return nil, lines.pos(0), "invalid JSON: the document is empty"
	}
	return t.value(tok, off), corsconf.Pos{}, ""
}

// next returns the next token and the offset where it starts.
func (t *jsonTree) next() (json.Token, int, bool) {
	off := int(t.dec.InputOffset())
	for off < len(t.lines.body) && strings.IndexByte(" \t\r\n,:", t.lines.body[off]) >= 0 {
		off++
	}
	tok, err := t.dec.Token()
	return tok, off, err == nil
}

func (t *jsonTree) value(tok json.Token, off int) *cfnNode {
	n := &cfnNode{pos: t.lines.pos(off)}
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			t.list(n)
			return n
		}
		t.object(n)
		return asIntrinsic(n)
	case string:
		n.kind, n.text = cfnString, v
	case json.Number:
		n.kind, n.text = cfnNumber, v.String()
	case bool:
		n.kind, n.text = cfnBool, strconv.FormatBool(v)
	}
	return n
}

func (t *jsonTree) list(n *cfnNode) {
	n.kind = cfnList
	for {
		tok, off, ok := t.next()
		if !ok || tok == json.Delim(']') {
			return
		}
		n.items = append(n.items, t.value(tok, off))
	}
}

func (t *jsonTree) object(n *cfnNode) {
	n.kind = cfnMap
	for {
		tok, off, ok := t.next()
		if !ok || tok == json.Delim('}') {
			return
		}
		key, _ := tok.(string)
		vtok, voff, ok := t.next()
		if !ok {
			return
		}
		n.entries = append(n.entries, cfnEntry{key: key, pos: t.lines.pos(off), val: t.value(vtok, voff)})
	}
}

// maxNesting bounds the nesting of brackets in a template or Terraform
// file. The YAML and HCL parsers recurse at each level: a deep enough
// input would exhaust the stack, which no recover catches, and goccy's
// parser slows down with the square of the depth.
const maxNesting = 500

// checkNesting returns the offset where brackets ("[", "{", "(") nest
// deeper than maxNesting, or where a YAML line opens more than maxNesting
// block items ("- - - x"), and -1 when they never do. Brackets inside
// strings count too: this only bounds the work of the parsers.
func checkNesting(body []byte) int {
	depth, lineStart := 0, true
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '[', '{', '(':
			if depth++; depth > maxNesting {
				return i
			}
		case ']', '}', ')':
			depth = max(0, depth-1)
		case '\n':
			lineStart = true
			continue
		case ' ', '\t':
			continue
		case '-', '?':
			if lineStart && blockItems(body[i:]) > maxNesting {
				return i
			}
		}
		lineStart = false
	}
	return -1
}

// blockItems counts the "- " or "? " indicators that start line.
func blockItems(line []byte) int {
	n := 0
	for len(line) >= 2 && (line[0] == '-' || line[0] == '?') && (line[1] == ' ' || line[1] == '\t') {
		n++
		line = bytes.TrimLeft(line[2:], " \t")
	}
	return n
}
