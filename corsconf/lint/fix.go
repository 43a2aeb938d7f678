package lint

import (
	"cmp"
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

// EditOp is the kind of an [Edit].
type EditOp int

// The edits a fix can make.
const (
	EditSet        EditOp = iota + 1 // replace value Index of Field of rule Rule with Value
	EditAppend                       // append Value to Field of rule Rule
	EditRemove                       // remove value Index of Field of rule Rule
	EditRemoveRule                   // remove rule Rule
)

// Edit is one change to a configuration. Indexes refer to the
// configuration as it was linted; [Apply] orders the edits so that they
// stay valid.
type Edit struct {
	Op    EditOp
	Rule  int
	Field string // corsconf.AllowedOriginName, ...; unused for EditRemoveRule
	Index int
	Value string
}

// Apply returns a copy of cfg with the edits made: replacements first,
// then appends, then removals from the last to the first, so that the
// indexes of the linted configuration stay right. Duplicate edits count
// once.
func Apply(cfg *corsconf.Config, edits []Edit) *corsconf.Config {
	out := cfg.Clone()
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, compareEdits)
	edits = slices.Compact(edits)
	for _, e := range edits {
		switch e.Op {
		case EditSet:
			if l := list(out, e.Rule, e.Field); l != nil && e.Index < len(*l) {
				(*l)[e.Index] = e.Value
			}
		case EditAppend:
			if l := list(out, e.Rule, e.Field); l != nil {
				*l = append(*l, e.Value)
			}
		case EditRemove:
			if l := list(out, e.Rule, e.Field); l != nil && e.Index < len(*l) {
				*l = slices.Delete(*l, e.Index, e.Index+1)
			}
		case EditRemoveRule:
			if e.Rule < len(out.Rules) {
				out.Rules = slices.Delete(out.Rules, e.Rule, e.Rule+1)
			}
		}
	}
	return out
}

// compareEdits orders sets, appends, value removals and rule removals, the
// removals from the highest index down.
func compareEdits(a, b Edit) int {
	if c := cmp.Compare(a.Op, b.Op); c != 0 {
		return c
	}
	if a.Op == EditRemove || a.Op == EditRemoveRule {
		return cmp.Or(cmp.Compare(b.Rule, a.Rule), cmp.Compare(a.Field, b.Field), cmp.Compare(b.Index, a.Index))
	}
	return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Index, b.Index), cmp.Compare(a.Value, b.Value))
}

// list returns the list field of rule i, or nil.
func list(cfg *corsconf.Config, i int, field string) *[]string {
	if i >= len(cfg.Rules) {
		return nil
	}
	return cfg.Rules[i].List(field)
}
