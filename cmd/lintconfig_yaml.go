package cmd

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/s3cors/s3cors/corsconf/lint"
)

// The strict reader of .s3cors.yaml, over goccy/go-yaml's syntax tree with
// the helpers of yaml.go. Unlike the cases reader, it drops every tag
// (!!str too), treats an alias whose anchor is unknown as null, has no
// merge keys, and puts a problem without a position at 1:1.

// parseLintConfig reads a configuration file, strictly: every unknown key,
// rule ID or level and every value of the wrong type is reported, with its
// position, in one *lintConfigError (wrapped as a usage error).
func parseLintConfig(name string, src []byte) (*lintConfig, error) {
	p := &lintConfigParser{name: name}
	c := p.parse(bytes.TrimPrefix(src, utf8BOM))
	if len(p.problems) == 0 {
		return c, nil
	}
	sortProblems(p.problems)
	e := &lintConfigError{name: name}
	for _, pr := range p.problems {
		e.problems = append(e.problems, pr.location()+": "+pr.msg) // every problem has a position
	}
	return nil, usageError{e}
}

// lintConfigParser reads a configuration from its YAML syntax tree.
type lintConfigParser struct {
	name     string
	problems []fileProblem
	refs     yamlRefs
}

// errorf reports a problem at n.
func (p *lintConfigParser) errorf(n ast.Node, format string, args ...any) {
	line, col := nodePos(n)
	p.add(fileProblem{file: p.name, line: line, col: col, msg: fmt.Sprintf(format, args...)})
}

// add records a problem; one whose position is unknown is put at the start
// of the file.
func (p *lintConfigParser) add(pr fileProblem) {
	if pr.line == 0 {
		pr.line, pr.col = 1, 1
	}
	p.problems = append(p.problems, pr)
}

func (p *lintConfigParser) parse(src []byte) *lintConfig {
	c := &lintConfig{}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		p.add(yamlSyntaxProblem(p.name, err))
		return c
	}
	body := documentBody(file, func(n ast.Node, number int) {
		p.errorf(n, "a configuration holds one YAML document; this is document %d", number)
	})
	if body == nil {
		return c // empty: the defaults
	}
	for _, e := range p.mapping(body, "the configuration: want a mapping with the keys rules and ignore") {
		switch key := p.key(e); key {
		case "rules":
			p.rules(c, e.Value)
		case "ignore":
			p.ignores(c, e.Value)
		default:
			p.errorf(e.Key, "unknown key %q at the top level (keys: rules, ignore)%s", key, suggestFrom(key, "rules", "ignore"))
		}
	}
	return c
}

// rules reads the rules: mapping, rule ID -> level.
func (p *lintConfigParser) rules(c *lintConfig, n ast.Node) {
	for _, e := range p.mapping(n, "rules: want a mapping of rule IDs to off, error, warning or notice") {
		id := p.key(e)
		if !p.checkRuleID(e.Key, id, "rules") {
			continue
		}
		v := p.resolve(e.Value)
		level, ok := p.text(v)
		switch {
		case !ok:
			hint := ""
			if b, isBool := v.(*ast.BoolNode); isBool && !b.Value {
				hint = "; write off"
			}
			p.errorf(e.Value, "rules: %s: want off, error, warning or notice, got %s%s", id, p.kind(v), hint)
		case !slices.Contains(lintLevels, level):
			p.errorf(e.Value, "rules: %s: unknown level %q (use off, error, warning or notice)%s", id, level, suggestLevel(level))
		default:
			if c.Rules == nil {
				c.Rules = map[string]string{}
			}
			c.Rules[id] = level
		}
	}
}

// ignores reads the ignore: list.
func (p *lintConfigParser) ignores(c *lintConfig, n ast.Node) {
	v := p.resolve(n)
	if isNull(v) {
		return
	}
	seq, ok := v.(*ast.SequenceNode)
	if !ok {
		p.errorf(n, "ignore: want a list of entries with rules and paths, got %s", p.kind(v))
		return
	}
	for i, item := range seq.Values {
		c.Ignore = append(c.Ignore, p.ignore(fmt.Sprintf("ignore[%d]", i), item))
	}
}

// ignore reads one entry of the ignore: list, named where in messages.
func (p *lintConfigParser) ignore(where string, item ast.Node) lintIgnore {
	var ig lintIgnore
	var hasRules, hasPaths bool
	for _, e := range p.mapping(item, where+": want a mapping with the keys rules and paths") {
		switch key := p.key(e); key {
		case "rules":
			hasRules = true
			for _, r := range p.strings(e.Value, where+".rules", "rule IDs") {
				if p.checkRuleID(r.node, r.s, where+".rules") {
					ig.Rules = append(ig.Rules, r.s)
				}
			}
		case "paths":
			hasPaths = true
			for _, g := range p.strings(e.Value, where+".paths", "path globs") {
				if clean, problem := checkGlob(g.s); problem != "" {
					p.errorf(g.node, "%s: %s", where+".paths", problem)
				} else {
					ig.Paths = append(ig.Paths, clean)
				}
			}
		default:
			p.errorf(e.Key, "%s: unknown key %q (keys: rules, paths)%s", where, key, suggestFrom(key, "rules", "paths"))
		}
	}
	if _, isMap := p.resolve(item).(*ast.MappingNode); isMap && (!hasRules || !hasPaths) {
		missing := "rules"
		if hasRules {
			missing = "paths"
		} else if !hasPaths {
			missing = "rules and no paths"
		}
		p.errorf(item, "%s: the entry has no %s (an entry needs both)", where, missing)
	}
	return ig
}

// checkRuleID reports an ID that is not in the catalogue.
func (p *lintConfigParser) checkRuleID(n ast.Node, id, where string) bool {
	if lint.Lookup(id) != nil {
		return true
	}
	p.errorf(n, "%s: unknown rule %q%s", where, id, suggestRuleID(id))
	return false
}

type yamlStr struct {
	s    string
	node ast.Node
}

// strings reads a non-empty list of strings.
func (p *lintConfigParser) strings(n ast.Node, where, what string) []yamlStr {
	seq, ok := p.resolve(n).(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		got := p.kind(p.resolve(n))
		if ok {
			got = "an empty list"
		}
		p.errorf(n, "%s: want a list of %s, such as [a, b], got %s", where, what, got)
		return nil
	}
	var out []yamlStr
	for _, item := range seq.Values {
		v := p.resolve(item)
		if s, ok := p.text(v); ok {
			out = append(out, yamlStr{s, item})
		} else {
			p.errorf(item, "%s: want a string, got %s", where, p.kind(v))
		}
	}
	return out
}

// mapping returns the entries of a mapping; for anything else but null it
// reports want.
func (p *lintConfigParser) mapping(n ast.Node, want string) []*ast.MappingValueNode {
	v := p.resolve(n)
	if isNull(v) {
		return nil
	}
	if m, ok := asMapping(v); ok {
		return m.Values
	}
	p.errorf(n, "%s, got %s", want, p.kind(v))
	return nil
}

// key returns the text of an entry's key.
func (p *lintConfigParser) key(e *ast.MappingValueNode) string {
	if s, ok := p.text(p.resolve(e.Key)); ok {
		return s
	}
	return e.Key.String()
}

// resolve returns the node n stands for (see [yamlRefs.resolve]), and nil
// for an alias whose anchor has not been met. Every tag is dropped: a
// *ast.TagNode is left only where resolve gives up on a cycle of tags and
// aliases, and text and kind do not take it for a string.
func (p *lintConfigParser) resolve(n ast.Node) ast.Node {
	n, unknown := p.refs.resolve(n)
	if unknown != nil {
		return nil
	}
	return n
}

// text returns the string a resolved node holds, as str does.
func (p *lintConfigParser) text(n ast.Node) (string, bool) {
	if _, isTag := n.(*ast.TagNode); isTag {
		return "", false
	}
	return str(n)
}

// kind describes a resolved node's type as kindOf does, but calls null
// "nothing", the word of the configuration's messages.
func (p *lintConfigParser) kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.TagNode:
		return "a " + n.Type().String()
	}
	return kindOf(n)
}

// suggestLevel suggests a level for the names other tools use.
func suggestLevel(got string) string {
	switch strings.ToLower(got) {
	case "warn":
		return `; did you mean "warning"?`
	case "info", "information", "style":
		return `; did you mean "notice"?`
	case "ignore", "disable", "disabled", "none", "false", "no":
		return `; did you mean "off"?`
	}
	return suggestFrom(got, lintLevels...)
}
