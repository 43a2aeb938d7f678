package cmd

import (
	"slices"

	"github.com/goccy/go-yaml/ast"
)

// Helpers to read goccy/go-yaml's syntax tree: positions, anchors and
// aliases, the kinds and text of scalars, and mappings with merge keys.

// nodePos returns where n starts. A block mapping's own token is the
// colon after its first key, so its position is that of the first key.
func nodePos(n ast.Node) (line, col int) {
	switch m := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return nodePos(m.Values[0])
		}
	case *ast.MappingValueNode:
		return nodePos(m.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// resolve returns the node n stands for: the value of an anchor, the node
// an alias names, the value of a tag. It records anchors as it meets them,
// which is in document order, the order YAML requires.
func (p *caseParser) resolve(n ast.Node) ast.Node {
	for range 100 { // bounds a chain of tags and anchors
		switch v := n.(type) {
		case *ast.AnchorNode:
			if p.anchors == nil {
				p.anchors = map[string]ast.Node{}
			}
			p.anchors[v.Name.String()] = v.Value
			n = v.Value
		case *ast.AliasNode:
			target, ok := p.anchors[v.Value.String()]
			if !ok {
				p.report(v, false, "unknown alias *%s: define the anchor &%s before using it", v.Value, v.Value)
				return v
			}
			n = target
		case *ast.TagNode:
			if v.Start != nil && v.Start.Value == "!!str" {
				return v
			}
			n = v.Value
		default:
			return n
		}
	}
	return n
}

// kindOf describes a node's type for messages.
func kindOf(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.StringNode, *ast.LiteralNode, *ast.TagNode:
		return "a string"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	}
	return "a " + n.Type().String()
}

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return n == nil || ok
}

// str returns the string a resolved node holds; ok is false when it is
// not a string.
func str(n ast.Node) (s string, ok bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.TagNode: // !!str
		if tk := v.Value.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// scalarText returns the text of any scalar: a string's value, a number or
// boolean as written. ok is false for null, lists and mappings.
func scalarText(n ast.Node) (s string, ok bool) {
	if s, ok := str(n); ok {
		return s, true
	}
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	return "", false
}

// entry is one key of a mapping, merge keys already applied.
type entry struct {
	key       string
	keyNode   ast.Node
	valueNode ast.Node // resolved
}

// entries lists the keys of mapping m in order; keys merged in with "<<"
// come first, and the mapping's own keys override them.
func (p *caseParser) entries(m *ast.MappingNode, depth int) []entry {
	var own, merged []entry
	for _, mv := range m.Values {
		if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
			merged = append(merged, p.mergeEntries(mv.Value, depth)...)
			continue
		}
		k, ok := scalarText(p.resolve(mv.Key))
		if !ok {
			p.errorf(mv.Key, "a key must be a string, not %s", kindOf(p.resolve(mv.Key)))
			continue
		}
		own = append(own, entry{key: k, keyNode: mv.Key, valueNode: p.resolve(mv.Value)})
	}
	return overrideMerged(merged, own)
}

// overrideMerged returns the keys merged in, first, without those the
// mapping has itself (the first of a key merged twice wins), then the
// mapping's own keys.
func overrideMerged(merged, own []entry) []entry {
	if len(merged) == 0 {
		return own
	}
	out := make([]entry, 0, len(merged)+len(own))
	for _, e := range merged {
		if !slices.ContainsFunc(own, func(o entry) bool { return o.key == e.key }) &&
			!slices.ContainsFunc(out, func(o entry) bool { return o.key == e.key }) {
			out = append(out, e)
		}
	}
	return append(out, own...)
}

// mergeEntries reads the value of a merge key: a mapping, or a list of
// mappings. depth counts the merges that led to it.
func (p *caseParser) mergeEntries(v ast.Node, depth int) []entry {
	if depth > 10 {
		p.errorf(v, "merge keys nested too deeply")
		return nil
	}
	switch m := p.resolve(v).(type) {
	case *ast.MappingNode:
		return p.entries(m, depth+1)
	case *ast.SequenceNode:
		var out []entry
		for _, item := range m.Values {
			out = append(out, p.mergeEntries(item, depth+1)...)
		}
		return out
	case nil:
		return nil
	default:
		p.errorf(v, "<< merges a mapping, not %s", kindOf(m))
		return nil
	}
}

// asMapping returns n as a mapping. A mapping with a single key written as
// a list item ("- a: b") is a *ast.MappingValueNode in goccy's tree.
func asMapping(n ast.Node) (*ast.MappingNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m, true
	case *ast.MappingValueNode:
		return &ast.MappingNode{BaseNode: m.BaseNode, Values: []*ast.MappingValueNode{m}}, true
	}
	return nil, false
}

// valueOrKey is where a problem with a value is reported: at the value,
// or at the key when the value is empty (a null has no useful position).
func valueOrKey(e entry) ast.Node {
	if isNull(e.valueNode) {
		return e.keyNode
	}
	return e.valueNode
}
