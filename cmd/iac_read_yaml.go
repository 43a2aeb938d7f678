package cmd

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/s3cors/s3cors/corsconf"
)

// yamlTree reads a YAML template into a tree of cfnNode. CloudFormation's
// short-form intrinsics (!Ref, !Sub, !If, ...) become intrinsic nodes;
// anchors and aliases are resolved, each anchor converted once.
type yamlTree struct {
	lines   *srcLines
	anchors map[string]*cfnNode
}

// readYAMLTree returns the tree of a YAML template, or the position and
// message of its syntax error.
func readYAMLTree(lines *srcLines) (*cfnNode, corsconf.Pos, string) {
	file, err := parser.ParseBytes(lines.body, 0)
	if err != nil {
		prob := yamlSyntaxProblem("", err)
		return nil, lines.runePos(prob.line, prob.col), prob.msg
	}
	var extra ast.Node
	body := documentBody(file, func(n ast.Node, _ int) {
		if extra == nil {
			extra = n
		}
	})
	t := &yamlTree{lines: lines, anchors: map[string]*cfnNode{}}
	if extra != nil {
		return nil, t.pos(extra), "a template holds one YAML document; this is a second one"
	}
	if body == nil {
		return nil, lines.pos(0), "the template is empty"
	}
	return t.node(body), corsconf.Pos{}, ""
}

// node converts n. Nesting is bounded (checkNesting), so the recursion is
// too.
func (t *yamlTree) node(n ast.Node) *cfnNode {
	out := &cfnNode{pos: t.pos(n)}
	switch v := n.(type) {
	case nil, *ast.NullNode:
	case *ast.StringNode:
		out.kind, out.text = cfnString, v.Value
	case *ast.LiteralNode:
		out.kind, out.text = cfnString, v.Value.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		out.kind, out.text = cfnNumber, v.GetToken().Value
	case *ast.BoolNode:
		out.kind, out.text = cfnBool, v.GetToken().Value
	case *ast.SequenceNode:
		t.list(out, v)
	case *ast.MappingNode, *ast.MappingValueNode:
		m, _ := asMapping(v)
		t.mapping(out, m)
		return asIntrinsic(out)
	case *ast.TagNode:
		return t.tag(out, v)
	case *ast.MappingKeyNode: // "? key"
		return t.node(v.Value)
	case *ast.AnchorNode:
		val := t.node(v.Value)
		t.anchors[v.Name.String()] = val
		return val
	case *ast.AliasNode:
		if val, ok := t.anchors[v.Value.String()]; ok {
			return val
		}
		out.kind, out.text = cfnOther, fmt.Sprintf("the undefined alias *%s", v.Value.String())
	default:
		out.kind, out.text = cfnOther, "a YAML "+n.Type().String()
	}
	return out
}

func (t *yamlTree) list(out *cfnNode, s *ast.SequenceNode) {
	out.kind = cfnList
	for i, item := range s.Values {
		n := t.node(item)
		if !s.IsFlowStyle && i < len(s.Entries) && s.Entries[i] != nil {
			// A copy: an alias may share the node with other places.
			c := *n
			c.mark = t.lines.tokenPos(s.Entries[i].Start)
			n = &c
		}
		out.items = append(out.items, n)
	}
}

func (t *yamlTree) mapping(out *cfnNode, m *ast.MappingNode) {
	out.kind = cfnMap
	for _, mv := range m.Values {
		if mv == nil {
			continue
		}
		key := ""
		if k := t.node(mv.Key); k.kind != cfnMap && k.kind != cfnList {
			key = k.text
		}
		out.entries = append(out.entries, cfnEntry{key: key, pos: t.pos(mv.Key), val: t.node(mv.Value)})
	}
}

// tag converts a tagged node: !!str reads the value as a string, the other
// standard tags are dropped, and any other tag is a CloudFormation
// intrinsic function in short form.
func (t *yamlTree) tag(out *cfnNode, v *ast.TagNode) *cfnNode {
	name := ""
	if v.Start != nil {
		name = v.Start.Value
	}
	switch {
	case name == "!!str":
		out.kind = cfnString
		if tk := v.Value.GetToken(); tk != nil {
			out.text = tk.Value
		}
		return out
	case strings.HasPrefix(name, "!!"):
		return t.node(v.Value)
	}
	out.kind, out.text = cfnIntrinsic, name
	return out
}

// pos returns where n starts: its first key for a block mapping.
func (t *yamlTree) pos(n ast.Node) corsconf.Pos {
	for range 100 { // bounds a chain of nested mappings
		switch m := n.(type) {
		case nil:
			return corsconf.Pos{}
		case *ast.MappingNode:
			if m.IsFlowStyle || len(m.Values) == 0 {
				return t.lines.tokenPos(m.GetToken())
			}
			n = m.Values[0]
			continue
		case *ast.MappingValueNode:
			n = m.Key
			continue
		}
		return t.lines.tokenPos(n.GetToken())
	}
	return corsconf.Pos{}
}

// tokenPos returns the position of tk in the source. goccy/go-yaml counts
// columns in runes, and is one column short after a tag or a tab on the
// line: the column is checked against the source and moved to the
// nearest place where the token's text is.
func (l *srcLines) tokenPos(tk *token.Token) corsconf.Pos {
	if tk == nil || tk.Position == nil {
		return corsconf.Pos{}
	}
	line, ok := l.line(tk.Position.Line)
	if !ok {
		return l.runePos(tk.Position.Line, tk.Position.Column)
	}
	at := runeIndex(line, tk.Position.Column-1)
	if needle := tokenText(tk); needle != "" {
		for _, d := range []int{0, 1, -1, 2, -2, 3, -3} {
			if i := at + d; i >= 0 && i <= len(line) && bytes.HasPrefix(line[i:], []byte(needle)) {
				at = i
				break
			}
		}
	}
	return l.lineCol(tk.Position.Line, at)
}

// runePos returns the position of column col, counted in runes, of line.
func (l *srcLines) runePos(line, col int) corsconf.Pos {
	text, ok := l.line(line)
	if !ok || line < 1 {
		return l.pos(len(l.body))
	}
	return l.lineCol(line, runeIndex(text, col-1))
}

// runeIndex returns the byte index of rune n of line, or len(line).
func runeIndex(line []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(line); n-- {
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return i
}

// tokenText returns the start of a token as written: its source text
// without surrounding space, up to the end of its first line.
func tokenText(tk *token.Token) string {
	s := strings.TrimLeft(tk.Origin, " \t\r\n")
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " \t")
	if len(s) > 16 {
		s = s[:16]
	}
	return s
}
