package cmd

import (
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// rule returns a rule with an ID, one origin and methods.
func rule(id, origin string, methods ...string) corsconf.Rule {
	return corsconf.Rule{ID: id, AllowedOrigins: []string{origin}, AllowedMethods: methods}
}

func cfgOf(rules ...corsconf.Rule) *corsconf.Config { return &corsconf.Config{Rules: rules} }

// changeLines renders changes as the text output does, one per line.
func changeLines(cs []ruleChange) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Kind + " " + c.describe() + "\n")
	}
	return b.String()
}

func TestCompareRules(t *testing.T) {
	a, b, c, d := rule("a", "https://a", "GET"), rule("b", "https://b", "PUT"), rule("c", "https://c", "GET"), rule("", "https://d", "GET")
	a2 := rule("a", "https://a", "GET", "HEAD")
	d2 := rule("", "https://d", "GET", "HEAD")
	renamed := rule("new-name", "https://b", "PUT")
	for _, tt := range []struct {
		name     string
		old, new *corsconf.Config
		want     string
	}{
		{"equal", cfgOf(a, b), cfgOf(a, b), ""},
		{"none", nil, cfgOf(a, d), "added rule 0 \"a\"\nadded rule 1\n"},
		{"all removed", cfgOf(a, d), cfgOf(), "removed rule \"a\" (was rule 0)\nremoved rule 1 of the current configuration\n"},
		{"added in the middle is no move", cfgOf(a, c), cfgOf(a, b, c), "added rule 1 \"b\"\n"},
		{"swap", cfgOf(a, b), cfgOf(b, a), "moved rule 0 \"b\" (was rule 1)\n"},
		{"one rule to the end", cfgOf(a, b, c, d), cfgOf(b, c, d, a), "moved rule 3 \"a\" (was rule 0)\n"},
		{"changed by ID", cfgOf(a, b), cfgOf(a2, b), "changed rule 0 \"a\": AllowedMethods [\"GET\"] -> [\"GET\", \"HEAD\"]\n"},
		{"changed without ID", cfgOf(d), cfgOf(d2), "changed rule 0: AllowedMethods [\"GET\"] -> [\"GET\", \"HEAD\"]\n"},
		{"renamed", cfgOf(b), cfgOf(renamed), "changed rule 0 \"new-name\": ID \"b\" -> \"new-name\"\n"},
		{"changed and moved", cfgOf(a, b, c), cfgOf(b, c, a2), "changed rule 2 \"a\" (moved, was rule 0): AllowedMethods [\"GET\"] -> [\"GET\", \"HEAD\"]\n"},
		{"unrelated", cfgOf(b), cfgOf(c), "added rule 0 \"c\"\nremoved rule \"b\" (was rule 0)\n"},
		{"duplicates", cfgOf(a, a), cfgOf(a), "removed rule \"a\" (was rule 1)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := changeLines(compareRules(tt.old, tt.new)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFieldChanges(t *testing.T) {
	age := 3000
	x := corsconf.Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age}
	y := corsconf.Rule{ID: "y", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"*"}}
	c := ruleChange{Kind: changeChanged, Index: intPtr(0), OldIndex: intPtr(0), ID: "y", Fields: fieldChanges(&x, &y)}
	want := `rule 0 "y": ID none -> "y"; AllowedHeaders none -> ["*"]; ExposeHeaders ["ETag"] -> none; MaxAgeSeconds 3000 -> none`
	if got := c.describe(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestMovedRulesMinimal checks that the fewest rules are reported moved.
func TestMovedRulesMinimal(t *testing.T) {
	for _, tt := range []struct {
		pair  []int
		moved int
	}{
		{[]int{0, 1, 2, 3}, 0},
		{[]int{3, 0, 1, 2}, 1},
		{[]int{1, 0, 3, 2}, 2},
		{[]int{3, 2, 1, 0}, 3},
		{[]int{-1, 2, -1, 0, 1}, 1},
		{nil, 0},
	} {
		n := 0
		for _, m := range movedRules(tt.pair) {
			if m {
				n++
			}
		}
		if n != tt.moved {
			t.Errorf("movedRules(%v): %d moved, want %d", tt.pair, n, tt.moved)
		}
	}
}

func TestCountChanges(t *testing.T) {
	cs := []ruleChange{{Kind: changeAdded}, {Kind: changeMoved}, {Kind: changeAdded}, {Kind: changeRemoved}, {Kind: changeChanged}}
	if got, want := countChanges(cs), "1 changed, 1 moved, 2 added, 1 removed"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
