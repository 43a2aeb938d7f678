package cmd

import (
	"errors"
	"fmt"
	"slices"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Helpers to read goccy/go-yaml's syntax tree, shared by the two strict
// readers of YAML: the lint settings (.s3cors.yaml, lintconfig_yaml.go)
// and the cases of the test command (testcases*.go). They cover the
// problems found and their positions, the documents of a file, anchors,
// aliases and tags, and the kinds and text of nodes.

// fileProblem is an error (or warning) in a file a strict reader reads,
// with its position.
type fileProblem struct {
	file      string
	line, col int // 1-based; 0 when unknown
	warning   bool
	msg       string
}

func (p fileProblem) String() string {
	sev := "error"
	if p.warning {
		sev = "warning"
	}
	return fmt.Sprintf("%s: %s: %s", p.location(), sev, p.msg)
}

// location returns "file:line:col", or "file" when the position is unknown.
func (p fileProblem) location() string {
	if p.line == 0 {
		return p.file
	}
	return fmt.Sprintf("%s:%d:%d", p.file, p.line, p.col)
}

// sortProblems sorts problems into file order; problems at one position
// keep the order they were found in.
func sortProblems(problems []fileProblem) {
	slices.SortStableFunc(problems, func(a, b fileProblem) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
}

// yamlSyntaxProblem returns the problem that err, a syntax error from
// goccy/go-yaml's parser, is in file: at the token it names, when it does.
func yamlSyntaxProblem(file string, err error) fileProblem {
	var ye interface {
		GetToken() *token.Token
		GetMessage() string
	}
	prob := fileProblem{file: file, msg: "invalid YAML: " + err.Error()}
	if errors.As(err, &ye) {
		prob.msg = "invalid YAML: " + ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			prob.line, prob.col = tk.Position.Line, tk.Position.Column
		}
	}
	return prob
}

// documentBody returns the body of the file's only non-empty document, or
// nil when there is none; for every further one it calls extra with its
// body and its 1-based number, to report it.
func documentBody(file *ast.File, extra func(body ast.Node, number int)) ast.Node {
	var body ast.Node
	for i, doc := range file.Docs {
		if doc.Body == nil {
			continue
		}
		if body != nil {
			extra(doc.Body, i+1)
			continue
		}
		body = doc.Body
	}
	return body
}

// yamlRefs resolves the anchors, aliases and tags of one file, recording
// anchors as they are met: in document order, the order YAML requires.
type yamlRefs struct {
	anchors map[string]ast.Node
	// keepStr leaves a value tagged !!str as its *ast.TagNode, which str
	// reads as written; otherwise every tag is dropped for its value.
	keepStr bool
}

// resolve returns the node n stands for: the value of an anchor, the node
// an alias names, the value of a tag. For an alias whose anchor has not
// been met, it returns the alias both as the node and as unknown.
func (r *yamlRefs) resolve(n ast.Node) (node ast.Node, unknown *ast.AliasNode) {
	for range 100 { // bounds a chain of tags and anchors
		switch v := n.(type) {
		case *ast.AnchorNode:
			if r.anchors == nil {
				r.anchors = map[string]ast.Node{}
			}
			r.anchors[v.Name.String()] = v.Value
			n = v.Value
		case *ast.AliasNode:
			target, ok := r.anchors[v.Value.String()]
			if !ok {
				return v, v
			}
			n = target
		case *ast.TagNode:
			if r.keepStr && v.Start != nil && v.Start.Value == "!!str" {
				return v, nil
			}
			n = v.Value
		default:
			return n, nil
		}
	}
	return n, nil
}

// nodePos returns where n starts, or 0, 0 when unknown. A block mapping's
// own token is the colon after its first key, so its position is that of
// the first key.
func nodePos(n ast.Node) (line, col int) {
	switch m := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return nodePos(m.Values[0])
		}
	case *ast.MappingValueNode:
		return nodePos(m.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// kindOf describes a resolved node's type for messages.
func kindOf(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.StringNode, *ast.LiteralNode, *ast.TagNode:
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

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return n == nil || ok
}

// str returns the string a resolved node holds; ok is false when it is
// not a string.
func str(n ast.Node) (s string, ok bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.TagNode: // !!str
		if tk := v.Value.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// scalarText returns the text of any scalar: a string's value, a number or
// boolean as written. ok is false for null, lists and mappings.
func scalarText(n ast.Node) (s string, ok bool) {
	if s, ok := str(n); ok {
		return s, true
	}
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	return "", false
}

// asMapping returns n as a mapping. A mapping with a single key written as
// a list item ("- a: b") is a *ast.MappingValueNode in goccy's tree.
func asMapping(n ast.Node) (*ast.MappingNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m, true
	case *ast.MappingValueNode:
		return &ast.MappingNode{BaseNode: m.BaseNode, Values: []*ast.MappingValueNode{m}}, true
	}
	return nil, false
}
