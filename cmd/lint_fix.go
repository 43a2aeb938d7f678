package cmd

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// fix applies the fixes of every file's fixable findings and writes each
// changed file in its own format, atomically; standard input is printed
// fixed to standard output; with --dry-run each change is printed as a
// unified diff to p instead. A file is rewritten in canonical form (as fmt
// writes it) with its XML comments kept. A file with problems that
// rewriting would lose (a syntax error, an unknown element) is left alone.
// Each fixed file is linted again, so that the report and the exit code
// say what remains; p gets one "fixed:" line per fix.
func (r *lintReport) fix(env Env, o lintOptions, p *printer) error {
	var fixed []lint.Finding
	for _, lf := range r.files {
		stdin := lf.name == stdinName
		applied, edits := selectFixes(lf.findings)
		if len(edits) > 0 {
			if _, diags := corsconf.Parse(lf.name, lf.src, o.from); len(diags) > 0 {
				fmt.Fprintf(env.Stderr, "%s: %s: not fixed: rewriting it would lose what could not be read; correct its errors first\n", appName, lf.name)
				edits = nil
			}
		}
		if len(edits) == 0 {
			if stdin && !o.dryRun { // a filter prints its input unchanged
				if _, err := env.Stdout.Write(lf.src); err != nil {
					return err
				}
			}
			continue
		}
		var buf bytes.Buffer
		if err := applyFixes(lf.doc, edits).Write(&buf, lf.doc.Format); err != nil {
			return err
		}
		out := buf.Bytes()
		switch {
		case o.dryRun:
			fmt.Fprint(p.w, unifiedDiff(lf.name, lf.src, out))
		case stdin:
			if _, err := env.Stdout.Write(out); err != nil {
				return err
			}
		default:
			if err := writeFileAtomic(lf.name, out); err != nil {
				fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
				r.failures = append(r.failures, lintFailure{name: lf.name, msg: err.Error()})
				continue
			}
		}
		fixed = append(fixed, applied...)
		lf.src = out
		lf.doc, lf.findings = lintSource(lf.name, out, lf.doc.Format, lf.opts)
	}
	if !o.dryRun {
		sortFindings(fixed)
		for _, f := range fixed {
			fmt.Fprintf(p.w, "%s: %s: %s %s\n", p.bold.Sprint(location(f.Diagnostic)), p.ok.Sprint("fixed"), f.Message, p.dim.Sprintf("[%s]", f.Rule))
		}
	}
	return nil
}

// selectFixes returns the fixable findings whose fixes can be made
// together, and their edits. A finding whose edits would change a value,
// or a rule, that an earlier finding's edits change differently is left
// for the next run (which lints the result of this one): of two fixes of
// one origin, say one that lower-cases it and one that drops its trailing
// slash, only the first is made, and it is the only one reported fixed.
func selectFixes(findings []lint.Finding) ([]lint.Finding, []lint.Edit) {
	type target struct {
		rule  int
		field string
		index int
	}
	claimed := map[target]lint.Edit{}
	removedRules := map[int]bool{}
	touchedRules := map[int]bool{}
	var selected []lint.Finding
	var edits []lint.Edit
	for _, f := range findings {
		if len(f.Fix) == 0 {
			continue
		}
		ok := true
		for _, e := range f.Fix {
			switch e.Op {
			case lint.EditRemoveRule:
				ok = ok && (removedRules[e.Rule] || !touchedRules[e.Rule])
			case lint.EditSet, lint.EditRemove:
				prev, seen := claimed[target{e.Rule, e.Field, e.Index}]
				ok = ok && !removedRules[e.Rule] && (!seen || prev == e)
			default:
				ok = ok && !removedRules[e.Rule]
			}
		}
		if !ok {
			continue
		}
		for _, e := range f.Fix {
			if e.Op == lint.EditRemoveRule {
				removedRules[e.Rule] = true
			} else {
				touchedRules[e.Rule] = true
			}
			if e.Op == lint.EditSet || e.Op == lint.EditRemove {
				claimed[target{e.Rule, e.Field, e.Index}] = e
			}
		}
		selected = append(selected, f)
		edits = append(edits, f.Fix...)
	}
	return selected, edits
}

// applyFixes returns a copy of doc with the edits made and its comments
// moved along: a comment stays with the element it preceded, wherever
// that element now is; a comment before a removed element goes to the
// next element that remains (or to the end of the enclosing one), and a
// comment inside a removed rule goes with it.
func applyFixes(doc *corsconf.Document, edits []lint.Edit) *corsconf.Document {
	out := *doc
	out.Config = *lint.Apply(&doc.Config, edits)
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
	return &out
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

func newCommentMap(old, new *corsconf.Config, edits []lint.Edit) *commentMap {
	m := &commentMap{old: old, new: new, removedRules: map[int]bool{}, removed: map[valueKey]bool{}}
	for _, e := range edits {
		if e.Op == lint.EditRemoveRule && e.Rule >= 0 && e.Rule < len(old.Rules) {
			m.removedRules[e.Rule] = true
		}
	}
	for _, e := range edits {
		if e.Op == lint.EditRemove && e.Rule >= 0 && e.Rule < len(old.Rules) && !m.removedRules[e.Rule] &&
			e.Index >= 0 && e.Index < len(values(&old.Rules[e.Rule], e.Field)) {
			m.removed[valueKey{e.Rule, e.Field, e.Index}] = true
		}
	}
	return m
}

// ruleFields are the fields of a rule in the order they are written.
var ruleFields = []string{corsconf.IDName, corsconf.AllowedOriginName, corsconf.AllowedMethodName,
	corsconf.AllowedHeaderName, corsconf.ExposeHeaderName, corsconf.MaxAgeSecondsName}

func values(r *corsconf.Rule, field string) []string {
	switch field {
	case corsconf.AllowedOriginName:
		return r.AllowedOrigins
	case corsconf.AllowedMethodName:
		return r.AllowedMethods
	case corsconf.AllowedHeaderName:
		return r.AllowedHeaders
	case corsconf.ExposeHeaderName:
		return r.ExposeHeaders
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
	i, rest, ok := splitRulePath(path)
	if !ok {
		return path, end, true // the root, or before or after it
	}
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
	field, j, isValue := splitValue(rest)
	switch {
	case rest == "":
		return corsconf.RulePath(ni), end, true
	case !isValue:
		return corsconf.RulePath(ni) + rest, end, true
	case !m.removed[valueKey{i, field, j}]:
		return corsconf.ValuePath(ni, field, m.newValue(i, field, j)), end, true
	}
	// Before a removed value: the next value that remains, else the next
	// element of the rule, else the end of the rule.
	for k := j + 1; k < len(values(&m.old.Rules[i], field)); k++ {
		if !m.removed[valueKey{i, field, k}] {
			return corsconf.ValuePath(ni, field, m.newValue(i, field, k)), false, true
		}
	}
	r := &m.new.Rules[ni]
	after := false
	for _, f := range ruleFields {
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

// splitRulePath splits "CORSRule[i]<rest>" into i and rest.
func splitRulePath(path string) (int, string, bool) {
	s, ok := strings.CutPrefix(path, corsconf.RuleName+"[")
	if !ok {
		return 0, "", false
	}
	n, rest, ok := strings.Cut(s, "]")
	i, err := strconv.Atoi(n)
	if !ok || err != nil {
		return 0, "", false
	}
	return i, rest, true
}

// splitValue splits ".Field[j]" into Field and j.
func splitValue(rest string) (string, int, bool) {
	s, ok := strings.CutPrefix(rest, ".")
	if !ok || !strings.HasSuffix(s, "]") {
		return "", 0, false
	}
	field, n, ok := strings.Cut(strings.TrimSuffix(s, "]"), "[")
	j, err := strconv.Atoi(n)
	if !ok || err != nil {
		return "", 0, false
	}
	return field, j, true
}
