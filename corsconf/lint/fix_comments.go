package lint

import (
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// ApplyDocument returns a new document with doc's configuration as [Apply]
// edits it and doc's comments moved along, so that an ignore comment stays
// on its element: a comment stays with the element it preceded, wherever
// that element now is; a comment before a removed element goes to the next
// element that remains (or to the end of the enclosing one), and a comment
// inside a removed rule goes with it. The new document has no positions:
// it is meant to be written, then read again.
func ApplyDocument(doc *corsconf.Document, edits []Edit) *corsconf.Document {
	out := &corsconf.Document{Name: doc.Name, Format: doc.Format, Config: *Apply(&doc.Config, edits), Comments: doc.Comments}
	if len(doc.Comments) > 0 {
		m := newCommentMap(&doc.Config, &out.Config, edits)
		out.Comments = make([]corsconf.Comment, 0, len(doc.Comments))
		for _, c := range doc.Comments {
			if next, end, ok := m.move(c.Next, c.End); ok {
				c.Next, c.End = next, end
				out.Comments = append(out.Comments, c)
			}
		}
	}
	return out
}

// commentMap maps the paths of the linted configuration to those of the
// fixed one.
type commentMap struct {
	old, new     *corsconf.Config
	removedRules map[int]bool
	removed      map[valueKey]bool // values removed from rules that remain
}

type valueKey struct {
	rule  int
	field string
	index int
}

func newCommentMap(old, new *corsconf.Config, edits []Edit) *commentMap {
	m := &commentMap{old: old, new: new, removedRules: map[int]bool{}, removed: map[valueKey]bool{}}
	for _, e := range edits {
		if e.Op == EditRemoveRule && e.Rule >= 0 && e.Rule < len(old.Rules) {
			m.removedRules[e.Rule] = true
		}
	}
	for _, e := range edits {
		if e.Op == EditRemove && e.Rule >= 0 && e.Rule < len(old.Rules) && !m.removedRules[e.Rule] &&
			e.Index >= 0 && e.Index < len(values(&old.Rules[e.Rule], e.Field)) {
			m.removed[valueKey{e.Rule, e.Field, e.Index}] = true
		}
	}
	return m
}

// values returns the values of list field of r, nil for any other field.
func values(r *corsconf.Rule, field string) []string {
	if l := r.List(field); l != nil {
		return *l
	}
	return nil
}

// newRule returns the index in the fixed configuration of rule i, which
// remains.
func (m *commentMap) newRule(i int) int {
	n := i
	for k := range m.removedRules {
		if k < i {
			n--
		}
	}
	return n
}

// newValue returns the index of value j of field of rule i after the
// removals before it.
func (m *commentMap) newValue(i int, field string, j int) int {
	n := j
	for k := range m.removed {
		if k.rule == i && k.field == field && k.index < j {
			n--
		}
	}
	return n
}

// move returns where the comment attached to path (end: closing it)
// belongs in the fixed configuration; ok is false when it goes away with
// the rule it was in.
func (m *commentMap) move(path string, end bool) (string, bool, bool) {
	i, field, j := corsconf.SplitPath(path)
	if i < 0 {
		return path, end, true // the root, or before or after it
	}
	rest := path[strings.IndexByte(path, ']')+1:] // what follows "CORSRule[i]"
	if m.removedRules[i] {
		if rest != "" || end {
			return "", false, false // inside the removed rule
		}
		for k := i + 1; k < len(m.old.Rules); k++ {
			if !m.removedRules[k] {
				return corsconf.RulePath(m.newRule(k)), false, true
			}
		}
		return corsconf.RootName, true, true
	}
	ni := m.newRule(i)
	switch {
	case rest == "":
		return corsconf.RulePath(ni), end, true
	case j < 0:
		return corsconf.RulePath(ni) + rest, end, true
	case !m.removed[valueKey{i, field, j}]:
		return corsconf.ValuePath(ni, field, m.newValue(i, field, j)), end, true
	}
	return m.afterRemoved(i, ni, field, j)
}

// afterRemoved returns where a comment before removed value j of field of
// rule i (ni once fixed) goes: to the next value that remains, else to the
// next element of the rule, else to the end of the rule.
func (m *commentMap) afterRemoved(i, ni int, field string, j int) (string, bool, bool) {
	for k := j + 1; k < len(values(&m.old.Rules[i], field)); k++ {
		if !m.removed[valueKey{i, field, k}] {
			return corsconf.ValuePath(ni, field, m.newValue(i, field, k)), false, true
		}
	}
	r := &m.new.Rules[ni]
	after := false
	for _, f := range corsconf.RuleFields {
		if f == field {
			after = true
			continue
		}
		if !after {
			continue
		}
		if f == corsconf.MaxAgeSecondsName && r.MaxAgeSeconds != nil {
			return corsconf.FieldPath(ni, f), false, true
		}
		if len(values(r, f)) > 0 {
			return corsconf.ValuePath(ni, f, 0), false, true
		}
	}
	return corsconf.RulePath(ni), true, true
}
