package cmd

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// The rule-level comparison of two configurations. S3 uses the first rule
// that matches a request, so the order of rules matters: a rule that kept
// its content but changed places relative to the others is "moved".

// Kinds of rule change.
const (
	changeAdded   = "added"
	changeRemoved = "removed"
	changeChanged = "changed"
	changeMoved   = "moved"
)

// ruleChange is one difference between the current configuration (old)
// and the wanted one (new). Its JSON form is part of diff --format json.
type ruleChange struct {
	Kind string `json:"kind"`
	// Index is the rule's position in the wanted configuration, null for a
	// removed rule; OldIndex its position in the current one, null for an
	// added rule. Both are 0-based.
	Index    *int   `json:"index"`
	OldIndex *int   `json:"oldIndex"`
	ID       string `json:"id,omitempty"`
	// Moved marks a changed rule whose place among the others changed too.
	Moved  bool          `json:"moved,omitempty"`
	Fields []fieldChange `json:"fields,omitempty"`
}

// fieldChange is one field of a changed rule: a list of strings, a number
// or a string, null when the field is absent.
type fieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// compareRules returns the differences from old to new: the rules of new
// in their order (added, changed, moved), then the removed rules of old.
// A nil old stands for a bucket without configuration.
func compareRules(old, new *corsconf.Config) []ruleChange {
	if old == nil {
		old = &corsconf.Config{}
	}
	pair := matchRules(old.Rules, new.Rules)
	moved := movedRules(pair)
	var out []ruleChange
	used := make([]bool, len(old.Rules))
	for j, i := range pair {
		c := ruleChange{Index: intPtr(j), ID: new.Rules[j].ID}
		switch {
		case i < 0:
			c.Kind = changeAdded
		case !old.Rules[i].Equal(&new.Rules[j]):
			c.Kind, c.OldIndex, c.Moved = changeChanged, intPtr(i), moved[j]
			c.Fields = fieldChanges(&old.Rules[i], &new.Rules[j])
		case moved[j]:
			c.Kind, c.OldIndex = changeMoved, intPtr(i)
		}
		if i >= 0 {
			used[i] = true
		}
		if c.Kind != "" {
			out = append(out, c)
		}
	}
	for i, u := range used {
		if !u {
			out = append(out, ruleChange{Kind: changeRemoved, OldIndex: intPtr(i), ID: old.Rules[i].ID})
		}
	}
	return out
}

func intPtr(i int) *int { return &i }

// matchRules pairs each rule of new with a rule of old, or -1: first
// identical rules, then rules with the same ID, then rules that share an
// origin and a method (the same rule, edited). Each pass takes the first
// unpaired candidate in order.
func matchRules(old, new []corsconf.Rule) []int {
	pair := make([]int, len(new))
	for j := range pair {
		pair[j] = -1
	}
	used := make([]bool, len(old))
	passes := []func(a, b *corsconf.Rule) bool{
		func(a, b *corsconf.Rule) bool { return a.Equal(b) },
		func(a, b *corsconf.Rule) bool { return a.ID != "" && a.ID == b.ID },
		func(a, b *corsconf.Rule) bool {
			return overlaps(a.AllowedOrigins, b.AllowedOrigins) && overlaps(a.AllowedMethods, b.AllowedMethods)
		},
	}
	for _, same := range passes {
		for j := range new {
			if pair[j] >= 0 {
				continue
			}
			for i := range old {
				if !used[i] && same(&old[i], &new[j]) {
					pair[j], used[i] = i, true
					break
				}
			}
		}
	}
	return pair
}

func overlaps(a, b []string) bool {
	for _, v := range a {
		if slices.Contains(b, v) {
			return true
		}
	}
	return false
}

// movedRules marks the paired rules that changed places: all but a
// longest run of pairs whose old positions keep their order, so that the
// fewest rules are reported as moved.
func movedRules(pair []int) []bool {
	var js []int // new positions of the paired rules, in order
	for j, i := range pair {
		if i >= 0 {
			js = append(js, j)
		}
	}
	// Longest increasing subsequence of the old positions, O(n log n).
	tails := []int{}             // tails[k]: index into js ending a run of length k+1
	prev := make([]int, len(js)) // the previous element of the run through js[x]
	for x, j := range js {
		k, _ := slices.BinarySearchFunc(tails, pair[j], func(t, v int) int { return pair[js[t]] - v })
		if k > 0 {
			prev[x] = tails[k-1]
		} else {
			prev[x] = -1
		}
		if k == len(tails) {
			tails = append(tails, x)
		} else {
			tails[k] = x
		}
	}
	moved := make([]bool, len(pair))
	for _, j := range js {
		moved[j] = true
	}
	if len(tails) > 0 {
		for x := tails[len(tails)-1]; x >= 0; x = prev[x] {
			moved[js[x]] = false
		}
	}
	return moved
}

// fieldChanges lists the fields that differ between two rules.
func fieldChanges(a, b *corsconf.Rule) []fieldChange {
	var out []fieldChange
	if a.ID != b.ID {
		out = append(out, fieldChange{"ID", optString(a.ID), optString(b.ID)})
	}
	lists := []struct {
		name string
		a, b []string
	}{
		{"AllowedOrigins", a.AllowedOrigins, b.AllowedOrigins},
		{"AllowedMethods", a.AllowedMethods, b.AllowedMethods},
		{"AllowedHeaders", a.AllowedHeaders, b.AllowedHeaders},
		{"ExposeHeaders", a.ExposeHeaders, b.ExposeHeaders},
	}
	for _, l := range lists {
		if !slices.Equal(l.a, l.b) {
			out = append(out, fieldChange{l.name, optList(l.a), optList(l.b)})
		}
	}
	if !equalAge(a.MaxAgeSeconds, b.MaxAgeSeconds) {
		out = append(out, fieldChange{"MaxAgeSeconds", optInt(a.MaxAgeSeconds), optInt(b.MaxAgeSeconds)})
	}
	return out
}

func equalAge(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func optList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

func optInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// countChanges returns "1 changed, 2 added", kinds in a fixed order.
func countChanges(cs []ruleChange) string {
	counts := map[string]int{}
	for _, c := range cs {
		counts[c.Kind]++
	}
	var parts []string
	for _, k := range []string{changeChanged, changeMoved, changeAdded, changeRemoved} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

// describe returns the text line of a change, without its kind word.
func (c ruleChange) describe() string {
	label := func(i int) string {
		if c.ID != "" {
			return fmt.Sprintf("rule %d %q", i, c.ID)
		}
		return fmt.Sprintf("rule %d", i)
	}
	switch c.Kind {
	case changeAdded:
		return label(*c.Index)
	case changeRemoved:
		if c.ID != "" {
			return fmt.Sprintf("rule %q (was rule %d)", c.ID, *c.OldIndex)
		}
		return fmt.Sprintf("rule %d of the current configuration", *c.OldIndex)
	case changeMoved:
		return fmt.Sprintf("%s (was rule %d)", label(*c.Index), *c.OldIndex)
	}
	s := label(*c.Index)
	if c.Moved {
		s += fmt.Sprintf(" (moved, was rule %d)", *c.OldIndex)
	}
	parts := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		parts[i] = fmt.Sprintf("%s %s -> %s", f.Field, showValue(f.Old), showValue(f.New))
	}
	return s + ": " + strings.Join(parts, "; ")
}

// showValue renders a field value: ["a", "b"], 3000, "id" or none.
func showValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "none"
	case []string:
		return "[" + quoteAll(v) + "]"
	case int:
		return strconv.Itoa(v)
	case string:
		return strconv.Quote(v)
	}
	return fmt.Sprint(v)
}
