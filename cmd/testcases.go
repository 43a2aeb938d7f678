package cmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// A cases file holds expectations for the test command: a mapping with a
// "cases" list, or a bare list. It is read once into a YAML syntax tree
// (JSON is read as YAML, after a strict JSON syntax check), and the cases
// and the positions of their problems are both taken from that tree.
//
// This file holds the types and the entry point, parseCasesFile. The
// reading is in yaml.go (helpers for goccy/go-yaml's tree, shared with the
// lint settings), testcases_entries.go (aliases and merge keys),
// testcases_case.go (one case and the checks across its keys),
// testcases_fields.go (the value of each key) and testcases_chunk.go
// (large files, read in chunks).

// Keys of a case, in the order the README documents them.
const (
	keyName        = "name"
	keyOrigin      = "origin"
	keyMethod      = "method"
	keyHeaders     = "headers"
	keyCredentials = "credentials"
	keyPreflight   = "preflight"
	keyXHR         = "xhr"
	keyURL         = "url"
	keyExpect      = "expect"
	keyReadable    = "readable"
	keyNotReadable = "notReadable"
	keyRule        = "rule"
	keyBlockedBy   = "blockedBy"
	keyCases       = "cases"
)

var caseKeys = []string{keyName, keyOrigin, keyMethod, keyHeaders, keyCredentials, keyPreflight, keyXHR, keyURL,
	keyExpect, keyReadable, keyNotReadable, keyRule, keyBlockedBy}

// The values of expect.
const (
	expectAllow = "allow"
	expectDeny  = "deny"
)

// blockSteps are the values of blockedBy: every step that can block a
// request, in the order the browser runs them.
var blockSteps = []simulate.Step{
	simulate.StepPreflightRedirect, simulate.StepPreflightStatus, simulate.StepPreflightAllowOrigin, simulate.StepPreflightCredentials,
	simulate.StepPreflightMethod, simulate.StepPreflightHeaders, simulate.StepAllowOrigin, simulate.StepCredentials,
}

// testCase is one expectation read from a cases file.
type testCase struct {
	file      string
	line, col int // where the case starts, 1-based
	name      string
	req       simulate.BrowserRequest // Origin already reduced from a page URL
	allow     bool                    // expect: allow (else deny)
	// readable and notReadable are response header names JavaScript must,
	// or must not, be able to read; nil when not checked.
	readable, notReadable []string
	rule                  *ruleRef      // nil when not checked
	blockedBy             simulate.Step // "" when not checked
}

func (c *testCase) expected() string {
	if c.allow {
		return expectAllow
	}
	return expectDeny
}

// ruleRef is the rule a case expects to decide, by ID or by index.
type ruleRef struct {
	id    string // set when the case names the rule by ID
	index int    // set when it names it by index
	byID  bool
}

func (r *ruleRef) String() string {
	if r.byID {
		return fmt.Sprintf("rule %q", r.id)
	}
	return fmt.Sprintf("rule %d", r.index)
}

// matches reports whether rule i of cfg is the rule r names.
func (r *ruleRef) matches(cfg *corsconf.Config, i int) bool {
	if i < 0 || i >= len(cfg.Rules) {
		return false
	}
	if r.byID {
		return cfg.Rules[i].ID == r.id
	}
	return i == r.index
}

// casesFile is a parsed cases file.
type casesFile struct {
	name     string
	cases    []testCase
	problems []fileProblem // errors and warnings, in file order
}

// errorCount returns the number of errors (not warnings) among the problems.
func (f *casesFile) errorCount() int {
	n := 0
	for _, p := range f.problems {
		if !p.warning {
			n++
		}
	}
	return n
}

// isJSONCases decides how a cases file is read: by its extension, else
// by its first character ("{" or "[" is JSON).
func isJSONCases(name string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".yaml", ".yml":
		return false
	}
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// caseParser reads cases from a YAML syntax tree.
type caseParser struct {
	f       *casesFile
	cfg     *corsconf.Config
	refs    yamlRefs
	seen    map[fileProblem]bool // problems already reported (a merged mapping is read once per use)
	ruleIDs map[string]bool      // the IDs of cfg's rules, once a case names one
}

func newCaseParser(name string, cfg *corsconf.Config) *caseParser {
	return &caseParser{f: &casesFile{name: name}, cfg: cfg, refs: yamlRefs{keepStr: true}}
}

// parseCasesFile reads the cases of one file. cfg is the configuration the
// cases run against: a case naming a rule it does not have is an error.
// Every problem of the file is reported, each with its position.
func parseCasesFile(name string, src []byte, cfg *corsconf.Config) *casesFile {
	src = bytes.TrimPrefix(src, utf8BOM)
	isJSON := isJSONCases(name, src)
	p := newCaseParser(name, cfg)
	if isJSON && !json.Valid(src) {
		p.jsonSyntaxError(src)
		return p.f
	}
	if len(src) >= chunkMin {
		if chunks, ok := splitCases(src, isJSON); ok && p.chunked(chunks) {
			return p.done()
		}
		p = newCaseParser(name, cfg) // start again, on the whole file
	}
	return p.whole(src)
}

// whole reads the cases of src parsed as a whole.
func (p *caseParser) whole(src []byte) *casesFile {
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		p.f.problems = append(p.f.problems, yamlSyntaxProblem(p.f.name, err))
		return p.f
	}
	body := documentBody(file, func(n ast.Node, number int) {
		p.errorf(n, "a cases file holds one YAML document; this is document %d", number)
	})
	if body == nil {
		p.f.problems = append(p.f.problems, fileProblem{file: p.f.name, line: 1, col: 1, msg: "no cases: the file is empty"})
		return p.f
	}
	p.cases(body)
	return p.done()
}

// cases reads the top level: a mapping with "cases", or a bare list.
func (p *caseParser) cases(body ast.Node) {
	list, ok := p.caseList(p.resolve(body))
	if !ok {
		return
	}
	seq, ok := list.(*ast.SequenceNode)
	if !ok {
		p.errorf(list, "want a list of cases, got %s", kindOf(list))
		return
	}
	if len(seq.Values) == 0 {
		p.errorf(seq, "no cases: the list is empty")
		return
	}
	p.f.cases = make([]testCase, 0, len(seq.Values))
	for i, item := range seq.Values {
		p.addCase(i, item)
	}
}

// caseList returns the node that holds the list of cases: the value of
// "cases" when body is a mapping, else body itself. ok is false when the
// mapping has no "cases" key.
func (p *caseParser) caseList(body ast.Node) (list ast.Node, ok bool) {
	m, isMapping := asMapping(body)
	if !isMapping {
		return body, true
	}
	for _, e := range p.entries(m, 0) {
		if e.key == keyCases {
			list = e.valueNode
			continue
		}
		p.errorf(e.keyNode, "unknown key %q at the top level (only %q is allowed)%s", e.key, keyCases, didYouMean(e.key, []string{keyCases}))
	}
	if list == nil {
		p.errorf(body, "no %q key: a cases file is a mapping with a %q list, or a bare list", keyCases, keyCases)
		return nil, false
	}
	return list, true
}

// addCase reads case i (0-based) from item and keeps it when it is valid.
func (p *caseParser) addCase(i int, item ast.Node) {
	if c, ok := p.testCase(i, item); ok {
		p.f.cases = append(p.f.cases, c)
	}
}

// done sorts the problems into file order and returns the file.
func (p *caseParser) done() *casesFile {
	sortProblems(p.f.problems)
	return p.f
}

// report records a problem at n, once: a mapping merged in several
// cases is read once per use.
func (p *caseParser) report(n ast.Node, warning bool, format string, args ...any) {
	line, col := nodePos(n)
	prob := fileProblem{file: p.f.name, line: line, col: col, warning: warning, msg: fmt.Sprintf(format, args...)}
	if p.seen == nil {
		p.seen = map[fileProblem]bool{}
	}
	if !p.seen[prob] {
		p.seen[prob] = true
		p.f.problems = append(p.f.problems, prob)
	}
}

// errorf reports an error at n. An alias left unresolved has been
// reported already: nothing more is said about it.
func (p *caseParser) errorf(n ast.Node, format string, args ...any) {
	if _, unresolved := n.(*ast.AliasNode); unresolved {
		return
	}
	p.report(n, false, format, args...)
}

func (p *caseParser) warnf(n ast.Node, format string, args ...any) {
	p.report(n, true, format, args...)
}

func (p *caseParser) jsonSyntaxError(src []byte) {
	var v any
	err := json.Unmarshal(src, &v)
	var se *json.SyntaxError
	line, col := 1, 1
	msg := "invalid JSON"
	if errors.As(err, &se) {
		line, col = offsetPos(src, int(se.Offset)-1)
		msg = "invalid JSON: " + se.Error()
	} else if err != nil {
		msg = "invalid JSON: " + err.Error()
	}
	p.f.problems = append(p.f.problems, fileProblem{file: p.f.name, line: line, col: col, msg: msg})
}

// offsetPos returns the 1-based line and byte column of offset off in src.
func offsetPos(src []byte, off int) (line, col int) {
	off = max(0, min(off, len(src)))
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	return line, off - (bytes.LastIndexByte(before, '\n') + 1) + 1
}
