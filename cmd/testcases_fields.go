package cmd

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/s3cors/s3cors/simulate"
)

// Readers of the values of a case's keys: strings, booleans, enumerations,
// headers and rule references. Each reports what is wrong with its value.

// requiredString reads a string value; want describes it for messages.
func (p *caseParser) requiredString(e entry, want string) (string, bool) {
	s, ok := str(e.valueNode)
	if !ok {
		p.errorf(valueOrKey(e), "%s: want a string (%s), got %s", e.key, want, kindOf(e.valueNode))
	}
	return s, ok
}

// optionalText reads a value written as any scalar (a name may be a
// number); null leaves it unset.
func (p *caseParser) optionalText(e entry, want string) (string, bool) {
	if isNull(e.valueNode) {
		return "", false
	}
	s, ok := scalarText(e.valueNode)
	if !ok {
		p.errorf(valueOrKey(e), "%s: want a string (%s), got %s", e.key, want, kindOf(e.valueNode))
	}
	return s, ok
}

// boolean reads true or false; anything else is an error, and false.
func (p *caseParser) boolean(e entry) bool {
	b, ok := e.valueNode.(*ast.BoolNode)
	if !ok {
		got := kindOf(e.valueNode)
		if s, isStr := str(e.valueNode); isStr {
			got = fmt.Sprintf("the string %q", s)
		}
		p.errorf(valueOrKey(e), "%s: want true or false, got %s", e.key, got)
		return false
	}
	return b.Value
}

// badEnum reports got, the value of key, as none of the allowed values.
func (p *caseParser) badEnum(n ast.Node, key, got string, allowed []string) {
	p.errorf(n, "%s: %q is not one of %s%s", key, got, strings.Join(allowed, ", "), didYouMean(got, allowed))
}

// headers reads the headers a script sets: a mapping of names to values,
// or a list of "Name: value" or "Name" strings (a list item written
// "- Name: value" is a one-key mapping, and is read as such).
func (p *caseParser) headers(v ast.Node) []simulate.Field {
	if isNull(v) {
		return nil
	}
	var out []simulate.Field
	switch h := v.(type) {
	case *ast.MappingNode:
		out = p.headerMapping(out, h)
	case *ast.SequenceNode:
		out = p.headerList(out, h)
	default:
		p.errorf(v, "headers: want a mapping of names to values, or a list of \"Name: value\" strings, got %s", kindOf(v))
	}
	return out
}

// headerMapping appends the headers of a mapping of names to values to out.
func (p *caseParser) headerMapping(out []simulate.Field, m *ast.MappingNode) []simulate.Field {
	for _, e := range p.entries(m, 0) {
		value := ""
		if !isNull(e.valueNode) {
			s, ok := scalarText(e.valueNode)
			if !ok {
				p.errorf(e.valueNode, "headers: the value of %s must be a string, not %s", e.key, kindOf(e.valueNode))
				continue
			}
			value = s
		}
		out = p.addHeader(out, e.keyNode, e.key, e.valueNode, value)
	}
	return out
}

// headerList appends the headers of a list of "Name: value" or "Name"
// strings, or one-key mappings, to out.
func (p *caseParser) headerList(out []simulate.Field, seq *ast.SequenceNode) []simulate.Field {
	for _, item := range seq.Values {
		r := p.resolve(item)
		if m, ok := asMapping(r); ok {
			out = p.headerMapping(out, m)
			continue
		}
		s, ok := str(r)
		if !ok {
			p.errorf(item, "headers: want \"Name: value\" or \"Name\", got %s", kindOf(r))
			continue
		}
		name, value, _ := strings.Cut(s, ":")
		out = p.addHeader(out, item, strings.TrimSpace(name), item, strings.TrimSpace(value))
	}
	return out
}

// addHeader appends the header name: value to out when a browser can send
// it, and reports it otherwise.
func (p *caseParser) addHeader(out []simulate.Field, keyNode ast.Node, name string, valueNode ast.Node, value string) []simulate.Field {
	switch {
	case !isToken(name):
		p.errorf(keyNode, "headers: %q is not a header name (a name is letters, digits and !#$%%&'*+-.^_`|~)", name)
	case strings.ContainsAny(value, "\r\n\x00"):
		p.errorf(valueNode, "headers: the value of %s holds a line break or NUL, which no browser sends", name)
	default:
		out = append(out, simulate.Field{Name: name, Value: value})
	}
	return out
}

// headerNames reads a list of response header names (a single name is
// accepted too).
func (p *caseParser) headerNames(e entry) []string {
	v := e.valueNode
	if isNull(v) {
		return nil
	}
	items := []ast.Node{v}
	if seq, ok := v.(*ast.SequenceNode); ok {
		items = seq.Values
	}
	names := []string{}
	for _, item := range items {
		r := p.resolve(item)
		s, ok := str(r)
		if !ok {
			p.errorf(item, "%s: want a list of header names, got %s", e.key, kindOf(r))
			continue
		}
		if !isToken(s) {
			p.errorf(item, "%s: %q is not a header name", e.key, s)
			continue
		}
		names = append(names, s)
	}
	return names
}

// ruleRef reads rule: a rule's ID, or its 0-based index. The rule must
// exist in the configuration.
func (p *caseParser) ruleRef(e entry) *ruleRef {
	v := e.valueNode
	if isNull(v) {
		return nil
	}
	if i, ok := v.(*ast.IntegerNode); ok {
		return p.ruleByIndex(i)
	}
	s, ok := str(v)
	if !ok {
		p.errorf(valueOrKey(e), "rule: want a rule's ID or its 0-based index, got %s", kindOf(v))
		return nil
	}
	return p.ruleByID(v, s)
}

// ruleByIndex reads a rule's 0-based index. An index Atoi does not read
// (written 0x1 or 1_0, say) is taken as goccy read it.
func (p *caseParser) ruleByIndex(i *ast.IntegerNode) *ruleRef {
	n := len(p.cfg.Rules)
	idx, err := strconv.Atoi(i.GetToken().Value)
	if err != nil {
		idx = -1
		if x, ok := i.GetValue().(int64); ok && x >= 0 && x < int64(n) {
			idx = int(x)
		}
	}
	if idx < 0 || idx >= n {
		p.errorf(i, "rule: there is no rule %s: the configuration has %s (indexes 0 to %d)", i.GetToken().Value, plural(n, "rule"), n-1)
		return nil
	}
	return &ruleRef{index: idx}
}

// ruleByID reads a rule's ID, s, written at v.
func (p *caseParser) ruleByID(v ast.Node, s string) *ruleRef {
	if p.ruleIDs == nil {
		p.ruleIDs = map[string]bool{}
		for _, r := range p.cfg.Rules {
			if r.ID != "" {
				p.ruleIDs[r.ID] = true
			}
		}
	}
	if p.ruleIDs[s] {
		return &ruleRef{id: s, byID: true}
	}
	p.errorf(v, "rule: no rule has the ID %q%s", s, p.ruleIDHint(s))
	return nil
}

// ruleIDHint returns what to add to the message for s, an ID no rule has.
func (p *caseParser) ruleIDHint(s string) string {
	ids := slices.Sorted(maps.Keys(p.ruleIDs))
	hint := didYouMean(s, ids)
	if idx, err := strconv.Atoi(s); err == nil && idx >= 0 && idx < len(p.cfg.Rules) {
		hint = fmt.Sprintf("; to name rule %d by its index, write it without quotes", idx)
	} else if len(ids) == 0 {
		hint = "; the configuration's rules have no IDs: name the rule by its 0-based index"
	} else if hint == "" && len(ids) <= 10 {
		hint = "; the IDs are " + quoteAll(ids)
	}
	return hint
}

// isToken reports whether s is an HTTP token (RFC 9110): what header
// names and methods are made of.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
