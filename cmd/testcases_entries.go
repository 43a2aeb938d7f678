package cmd

import (
	"slices"

	"github.com/goccy/go-yaml/ast"
)

// How the cases reader reads YAML beyond the helpers of yaml.go: aliases
// whose anchor is unknown are errors, and mappings may take keys from
// others with merge keys ("<<").

// resolve returns the node n stands for (see [yamlRefs.resolve]); an alias
// whose anchor has not been met is reported, and returned.
func (p *caseParser) resolve(n ast.Node) ast.Node {
	n, unknown := p.refs.resolve(n)
	if unknown != nil {
		p.report(unknown, false, "unknown alias *%s: define the anchor &%s before using it", unknown.Value, unknown.Value)
	}
	return n
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

// valueOrKey is where a problem with a value is reported: at the value,
// or at the key when the value is empty (a null has no useful position).
func valueOrKey(e entry) ast.Node {
	if isNull(e.valueNode) {
		return e.keyNode
	}
	return e.valueNode
}
