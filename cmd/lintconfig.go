package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// lintConfigName is the configuration file lint looks for, walking up from
// each linted file's directory.
const lintConfigName = ".s3cors.yaml"

// levelOff turns a rule off; the other levels are the severities.
const levelOff = "off"

var lintLevels = []string{levelOff, "error", "warning", "notice"}

// lintConfig is a parsed .s3cors.yaml:
//
//	rules:
//	  wildcard-origin: off        # off, error, warning or notice
//	  max-age-missing: warning
//	ignore:
//	  - rules: [wildcard-origin-write]
//	    paths: ["dev/**", "**/*.local.xml"]
//
// testdata/lintconfig/.s3cors.yaml is the README's example.
type lintConfig struct {
	Path   string            // where it was read, "" for none
	Rules  map[string]string // rule ID -> "off", "error", "warning" or "notice"
	Ignore []lintIgnore
	dir    string // the absolute directory of Path: what the globs are relative to
}

// lintIgnore turns rules off for files matching path globs, relative to the
// configuration file's directory. A glob is matched segment by segment
// with [path.Match]; a "**" segment matches any number of directories,
// none included.
type lintIgnore struct {
	Rules []string
	Paths []string // checked by checkGlob and cleaned: "./dev//x" is "dev/x"
}

// lintConfigError lists what is wrong in a configuration file, one
// "file:line:col: message" per problem.
type lintConfigError struct {
	name     string   // the file, as shown
	problems []string // in file order
}

func (e *lintConfigError) Error() string {
	return fmt.Sprintf("%s is not a valid configuration (%s):\n%s",
		e.name, plural(len(e.problems), "problem"), strings.Join(e.problems, "\n"))
}

// loadLintConfig returns the configuration for file: the one named by
// explicit when not "", else the nearest .s3cors.yaml above file, else an
// empty configuration. A configuration that is not valid, or an explicit
// one that does not exist, is a usage error (wrapping a *lintConfigError
// for the former); a file that cannot be read is a plain error.
func loadLintConfig(explicit, file string) (*lintConfig, error) {
	name, shown := explicit, explicit
	if explicit == "" {
		found, err := findLintConfig(file)
		if err != nil || found == "" {
			return &lintConfig{}, err
		}
		name, shown = found, displayPath(found)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		if explicit != "" && errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("cannot read the configuration %s: %v", shown, unwrapPathError(err))
		}
		return nil, fmt.Errorf("cannot read the configuration %s: %w", shown, unwrapPathError(err))
	}
	c, err := parseLintConfig(shown, src)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, fmt.Errorf("cannot locate the configuration %s: %w", shown, err)
	}
	c.Path, c.dir = name, filepath.Dir(abs)
	return c, nil
}

// isStdinName reports whether file names standard input, or anything else
// that is not a local file (s3://bucket): it has no directory of its own.
func isStdinName(file string) bool {
	return file == "" || file == "-" || file == stdinName || strings.Contains(file, "://")
}

// findLintConfig returns the nearest .s3cors.yaml in file's directory or
// above it (the working directory for standard input), or "".
func findLintConfig(file string) (string, error) {
	dir, err := os.Getwd()
	if !isStdinName(file) {
		var abs string
		abs, err = filepath.Abs(file)
		dir = filepath.Dir(abs)
	}
	if err != nil {
		return "", fmt.Errorf("cannot look for %s: %w", lintConfigName, err)
	}
	for {
		p := filepath.Join(dir, lintConfigName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// displayPath returns p relative to the working directory when it lies
// inside it, else p.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// options returns the lint options for file under c, with --enable and
// --disable applied on top: the levels of rules:, then the ignore: entries
// whose paths match file, then --enable (which wins over the file), then
// --disable. An unknown ID in the flags, or one in both, is a usage error.
func (c *lintConfig) options(file string, enable, disable []string) (lint.Options, error) {
	opts := lint.Options{Disable: map[string]bool{}, Severity: map[string]corsconf.Severity{}}
	for id, level := range c.Rules {
		if level == levelOff {
			opts.Disable[id] = true
		} else if sev, ok := corsconf.ParseSeverity(level); ok {
			opts.Severity[id] = sev
		}
	}
	if rel, ok := c.relative(file); ok {
		for _, ig := range c.Ignore {
			if slices.ContainsFunc(ig.Paths, func(p string) bool { return matchGlob(p, rel) }) {
				for _, id := range ig.Rules {
					opts.Disable[id] = true
				}
			}
		}
	}
	on, err := flagRuleIDs("--enable", enable)
	if err != nil {
		return lint.Options{}, err
	}
	off, err := flagRuleIDs("--disable", disable)
	if err != nil {
		return lint.Options{}, err
	}
	for _, id := range on {
		if slices.Contains(off, id) {
			return lint.Options{}, usagef("rule %q is in both --enable and --disable", id)
		}
		delete(opts.Disable, id)
	}
	for _, id := range off {
		opts.Disable[id] = true
	}
	return opts, nil
}

// flagRuleIDs returns the rule IDs of a flag's values, which may each hold
// several separated by commas; an unknown ID is a usage error.
func flagRuleIDs(flag string, values []string) ([]string, error) {
	var ids []string
	for _, v := range values {
		for id := range strings.SplitSeq(v, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if lint.Lookup(id) == nil {
				return nil, usagef("unknown rule %q in %s%s", id, flag, suggestRuleID(id))
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// suggestRuleID returns `; did you mean "id"?` for the catalogue's ID
// nearest to id, or "".
func suggestRuleID(id string) string {
	var ids []string
	for _, r := range lint.Rules() {
		ids = append(ids, r.ID)
	}
	if s := corsconf.Suggest(id, ids); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// relative returns file's path relative to the configuration's directory,
// with slashes; ok is false for standard input, with no configuration file,
// and for a file outside that directory.
func (c *lintConfig) relative(file string) (rel string, ok bool) {
	dir := c.dir
	if dir == "" && c.Path != "" {
		if abs, err := filepath.Abs(c.Path); err == nil {
			dir = filepath.Dir(abs)
		}
	}
	if dir == "" || isStdinName(file) {
		return "", false
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	if rel, err = filepath.Rel(dir, abs); err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// matchGlob reports whether the slash-separated name matches pattern, a
// glob checked by checkGlob.
func matchGlob(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// checkGlob returns pattern cleaned, or what is wrong with it.
func checkGlob(pattern string) (string, string) {
	switch {
	case strings.TrimSpace(pattern) == "":
		return "", "an empty path pattern"
	case strings.HasPrefix(pattern, "/"):
		return "", fmt.Sprintf("path pattern %q is absolute: patterns are relative to the directory of %s", pattern, lintConfigName)
	case strings.HasSuffix(pattern, "/"):
		return "", fmt.Sprintf("path pattern %q names a directory: write %q for the files under it", pattern, pattern+"**")
	case slices.Contains(strings.Split(pattern, "/"), ".."):
		return "", fmt.Sprintf("path pattern %q leaves the directory of %s", pattern, lintConfigName)
	}
	for _, seg := range strings.Split(pattern, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return "", fmt.Sprintf("path pattern %q is malformed (an unclosed [ or a trailing \\)", pattern)
		}
	}
	return path.Clean(pattern), ""
}

// parseLintConfig reads a configuration file, strictly: every unknown key,
// rule ID or level and every value of the wrong type is reported, with its
// position, in one *lintConfigError (wrapped as a usage error).
func parseLintConfig(name string, src []byte) (*lintConfig, error) {
	p := &lintConfigParser{name: name}
	c := p.parse(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))
	if len(p.problems) > 0 {
		slices.SortStableFunc(p.problems, func(a, b lintConfigProblem) int {
			if a.line != b.line {
				return a.line - b.line
			}
			return a.col - b.col
		})
		e := &lintConfigError{name: name}
		for _, pr := range p.problems {
			e.problems = append(e.problems, fmt.Sprintf("%s:%d:%d: %s", name, pr.line, pr.col, pr.msg))
		}
		return nil, usageError{e}
	}
	return c, nil
}

type lintConfigProblem struct {
	line, col int
	msg       string
}

// lintConfigParser reads a configuration from its YAML syntax tree.
type lintConfigParser struct {
	name     string
	problems []lintConfigProblem
	anchors  map[string]ast.Node
}

func (p *lintConfigParser) errorf(n ast.Node, format string, args ...any) {
	line, col := yamlNodePos(n)
	p.problems = append(p.problems, lintConfigProblem{line: line, col: col, msg: fmt.Sprintf(format, args...)})
}

func (p *lintConfigParser) parse(src []byte) *lintConfig {
	c := &lintConfig{}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		p.syntaxError(err)
		return c
	}
	var body ast.Node
	for i, doc := range file.Docs {
		if doc.Body == nil {
			continue
		}
		if body != nil {
			p.errorf(doc.Body, "a configuration holds one YAML document; this is document %d", i+1)
			continue
		}
		body = doc.Body
	}
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

func (p *lintConfigParser) syntaxError(err error) {
	var ye interface {
		GetToken() *token.Token
		GetMessage() string
	}
	pr := lintConfigProblem{line: 1, col: 1, msg: "invalid YAML: " + err.Error()}
	if errors.As(err, &ye) {
		pr.msg = "invalid YAML: " + ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			pr.line, pr.col = tk.Position.Line, tk.Position.Column
		}
	}
	p.problems = append(p.problems, pr)
}

// rules reads the rules: mapping, rule ID -> level.
func (p *lintConfigParser) rules(c *lintConfig, n ast.Node) {
	for _, e := range p.mapping(n, "rules: want a mapping of rule IDs to off, error, warning or notice") {
		id := p.key(e)
		if !p.checkRuleID(e.Key, id, "rules") {
			continue
		}
		v := p.resolve(e.Value)
		level, ok := yamlString(v)
		switch {
		case !ok:
			hint := ""
			if b, isBool := v.(*ast.BoolNode); isBool && !b.Value {
				hint = "; write off"
			}
			p.errorf(e.Value, "rules: %s: want off, error, warning or notice, got %s%s", id, yamlKind(v), hint)
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
	if isYAMLNull(v) {
		return
	}
	seq, ok := v.(*ast.SequenceNode)
	if !ok {
		p.errorf(n, "ignore: want a list of entries with rules and paths, got %s", yamlKind(v))
		return
	}
	for i, item := range seq.Values {
		var ig lintIgnore
		var hasRules, hasPaths bool
		where := fmt.Sprintf("ignore[%d]", i)
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
		c.Ignore = append(c.Ignore, ig)
	}
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
		got := yamlKind(p.resolve(n))
		if ok {
			got = "an empty list"
		}
		p.errorf(n, "%s: want a list of %s, such as [a, b], got %s", where, what, got)
		return nil
	}
	var out []yamlStr
	for _, item := range seq.Values {
		v := p.resolve(item)
		if s, ok := yamlString(v); ok {
			out = append(out, yamlStr{s, item})
		} else {
			p.errorf(item, "%s: want a string, got %s", where, yamlKind(v))
		}
	}
	return out
}

// mapping returns the entries of a mapping; for anything else but null it
// reports want.
func (p *lintConfigParser) mapping(n ast.Node, want string) []*ast.MappingValueNode {
	switch v := p.resolve(n).(type) {
	case *ast.MappingNode:
		return v.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}
	case nil, *ast.NullNode:
		return nil
	default:
		p.errorf(n, "%s, got %s", want, yamlKind(v))
		return nil
	}
}

// key returns the text of an entry's key.
func (p *lintConfigParser) key(e *ast.MappingValueNode) string {
	if s, ok := yamlString(p.resolve(e.Key)); ok {
		return s
	}
	return e.Key.String()
}

// resolve returns the node n stands for: the value of an anchor or a tag,
// the node an alias names. Anchors are met in document order, before
// their aliases, as YAML requires.
func (p *lintConfigParser) resolve(n ast.Node) ast.Node {
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
				return nil
			}
			n = target
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
	return n
}

// yamlNodePos returns where n starts. A block mapping's own token is the
// colon after its first key, so its position is that of the first key.
func yamlNodePos(n ast.Node) (line, col int) {
	switch m := n.(type) {
	case nil:
		return 1, 1
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return yamlNodePos(m.Values[0])
		}
	case *ast.MappingValueNode:
		return yamlNodePos(m.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return tk.Position.Line, tk.Position.Column
}

func yamlString(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	}
	return "", false
}

func isYAMLNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return n == nil || ok
}

// yamlKind describes a node's type for messages.
func yamlKind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.StringNode, *ast.LiteralNode:
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

// suggestFrom returns `; did you mean "x"?` for the candidate nearest to
// got, or "".
func suggestFrom(got string, candidates ...string) string {
	if s := corsconf.Suggest(got, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
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
