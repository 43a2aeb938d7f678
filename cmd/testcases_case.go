package cmd

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/s3cors/s3cors/simulate"
)

// caseReader reads one case: its keys one at a time, then the checks that
// involve several keys.
type caseReader struct {
	*caseParser
	c testCase
	// The keys read, nil when absent: problems that involve several keys
	// are reported at them.
	originKey, expectKey, readableKey, notReadableKey, blockedByKey ast.Node

	rawOrigin string // origin as written: a page URL or an origin
	expectOK  bool   // expect holds allow or deny
}

// testCase reads case i (0-based) from item.
func (p *caseParser) testCase(i int, item ast.Node) (testCase, bool) {
	r := caseReader{caseParser: p, c: testCase{file: p.f.name, name: fmt.Sprintf("case %d", i+1)}}
	r.c.line, r.c.col = nodePos(item)
	m, ok := asMapping(p.resolve(item))
	if !ok {
		p.errorf(item, "case %d: want a mapping with at least %s and %s, got %s", i+1, keyOrigin, keyExpect, kindOf(p.resolve(item)))
		return r.c, false
	}
	before := p.f.errorCount()
	r.c.req.Method = "GET"
	r.c.req.URL = simulate.DefaultURL
	for _, e := range p.entries(m, 0) {
		r.field(e)
	}
	label := r.label(i)
	r.checkOrigin(item, label)
	r.checkExpect(item, label)
	r.checkReadableOverlap()
	return r.c, p.f.errorCount() == before
}

// field reads one key of the case.
func (r *caseReader) field(e entry) {
	switch e.key {
	case keyName:
		if s, ok := r.optionalText(e, "the case's name"); ok {
			r.c.name = s
		}
	case keyOrigin:
		r.readOrigin(e)
	case keyMethod:
		r.readMethod(e)
	case keyHeaders:
		r.c.req.Header = r.headers(e.valueNode)
	case keyCredentials:
		r.readCredentials(e)
	case keyPreflight:
		r.c.req.ForcePreflight = r.boolean(e)
	case keyXHR:
		if r.boolean(e) {
			r.c.req.Initiator = simulate.InitiatorXHR
		}
	case keyURL:
		r.readURL(e)
	case keyExpect:
		r.readExpect(e)
	case keyReadable:
		r.readableKey = e.keyNode
		r.c.readable = r.headerNames(e)
	case keyNotReadable:
		r.notReadableKey = e.keyNode
		r.c.notReadable = r.headerNames(e)
	case keyRule:
		r.c.rule = r.ruleRef(e)
	case keyBlockedBy:
		r.readBlockedBy(e)
	default:
		r.errorf(e.keyNode, "unknown key %q in a case%s", e.key, didYouMean(e.key, caseKeys))
	}
}

// readOrigin reads origin as written; checkOrigin reduces it once every
// key is read.
func (r *caseReader) readOrigin(e entry) {
	r.originKey = e.keyNode
	s, ok := r.requiredString(e, "the page's origin or URL, e.g. https://app.example.com")
	if !ok {
		return
	}
	if s == "" {
		r.errorf(e.valueNode, "origin is empty: use the page's origin, e.g. https://app.example.com")
	}
	r.rawOrigin = s
}

func (r *caseReader) readMethod(e entry) {
	s, ok := r.requiredString(e, "an HTTP method such as GET or PUT")
	if !ok {
		return
	}
	if !isToken(s) {
		r.errorf(e.valueNode, "method %q is not an HTTP method: use one such as GET or PUT", s)
	}
	r.c.req.Method = s
}

func (r *caseReader) readCredentials(e entry) {
	s, ok := r.requiredString(e, "omit, same-origin or include")
	if !ok {
		return
	}
	cr, valid := simulate.ParseCredentials(s)
	if !valid {
		r.badEnum(e.valueNode, keyCredentials, s, []string{"omit", "same-origin", "include"})
	}
	r.c.req.Credentials = cr
}

// readURL reads the request's URL; a URL without a path addresses the
// bucket rather than an object.
func (r *caseReader) readURL(e entry) {
	s, ok := r.requiredString(e, "an absolute URL such as "+simulate.DefaultURL)
	if !ok {
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		r.errorf(e.valueNode, "url %q is not an absolute URL: use one such as %s", s, simulate.DefaultURL)
	}
	r.c.req.URL = s
	if err == nil && (u.Path == "" || u.Path == "/") {
		r.c.req.Resource = simulate.ResourceBucket
	}
}

func (r *caseReader) readExpect(e entry) {
	r.expectKey = e.keyNode
	s, ok := r.requiredString(e, "allow or deny")
	if !ok {
		return
	}
	switch s {
	case expectAllow:
		r.c.allow, r.expectOK = true, true
	case expectDeny:
		r.expectOK = true
	default:
		r.badEnum(e.valueNode, keyExpect, s, []string{expectAllow, expectDeny})
	}
}

func (r *caseReader) readBlockedBy(e entry) {
	r.blockedByKey = e.keyNode
	s, ok := r.requiredString(e, "the step that blocks the request")
	if !ok {
		return
	}
	step := simulate.Step(s)
	if !slices.Contains(blockSteps, step) {
		names := make([]string, len(blockSteps))
		for i, st := range blockSteps {
			names[i] = string(st)
		}
		r.badEnum(e.valueNode, keyBlockedBy, s, names)
	}
	r.c.blockedBy = step
}

// label names case i (0-based) in messages: by its name when it has one.
func (r *caseReader) label(i int) string {
	label := fmt.Sprintf("case %d", i+1)
	if r.c.name != label {
		label = fmt.Sprintf("case %q", r.c.name)
	}
	return label
}

// checkOrigin reports a missing origin, and sets the request's Origin,
// reduced from a page URL when it is one.
func (r *caseReader) checkOrigin(item ast.Node, label string) {
	if r.originKey == nil {
		r.errorf(item, "%s has no %s: the page's origin, e.g. origin: https://app.example.com", label, keyOrigin)
		return
	}
	if r.rawOrigin == "" {
		return
	}
	var warnings []string
	r.c.req.Origin = resolveOrigin(r.rawOrigin, &warnings)
	if r.c.req.Origin == r.rawOrigin { // not reduced from a page URL: its warnings matter
		for _, w := range warnings {
			r.warnf(r.originKey, "%s", w)
		}
	}
}

// checkExpect reports a missing expect, and the expectations that do not
// go with the verdict it expects.
func (r *caseReader) checkExpect(item ast.Node, label string) {
	if r.expectKey == nil {
		r.errorf(item, "%s has no %s: say whether the browser must allow or deny the request (expect: allow, or expect: deny)", label, keyExpect)
	} else if r.expectOK && r.c.allow && r.blockedByKey != nil {
		r.errorf(r.blockedByKey, "%s needs expect: deny (an allowed request is not blocked)", keyBlockedBy)
	} else if r.expectOK && !r.c.allow {
		if r.readableKey != nil {
			r.errorf(r.readableKey, "%s needs expect: allow (JavaScript reads nothing of a denied request)", keyReadable)
		}
		if r.notReadableKey != nil {
			r.errorf(r.notReadableKey, "%s needs expect: allow (JavaScript reads nothing of a denied request)", keyNotReadable)
		}
	}
}

// checkReadableOverlap reports the headers both readable and not.
func (r *caseReader) checkReadableOverlap() {
	for _, name := range r.c.readable {
		if slices.ContainsFunc(r.c.notReadable, func(n string) bool { return strings.EqualFold(n, name) }) {
			r.errorf(r.notReadableKey, "%s is both in %s and in %s", name, keyReadable, keyNotReadable)
		}
	}
}
