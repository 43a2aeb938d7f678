package lint

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/s3cors/s3cors/corsconf"
)

// ignoreKeyword starts an inline ignore comment.
const ignoreKeyword = "s3cors-ignore"

// ignoreComment is an s3cors-ignore comment of a document.
type ignoreComment struct {
	c       corsconf.Comment
	ids     []string        // the rule IDs named, in order, without duplicates
	known   []string        // those that can be ignored
	reason  string          // the text after ":", trimmed; "" when missing
	matched map[string]bool // known ID -> it suppressed a finding
}

// Suppress applies the document's inline ignore comments,
// <!-- s3cors-ignore rule-id[, rule-id]: reason -->, to findings: a
// comment suppresses the findings of the named rules on the element that
// follows it (and inside it). It returns the findings that remain and adds
// findings about the comments themselves: an ignore without a reason, one
// naming an unknown rule, and one that suppressed nothing.
//
// A comment before a <CORSRule> covers the whole rule, one before a value
// such as <AllowedOrigin> covers that value, and one before
// <CORSConfiguration> covers the whole document. A comment with no element
// after it (the last thing inside an element, or after the root) suppresses
// nothing, and neither does one without a reason: both are reported.
// Findings of what S3 rejects are never suppressed. The result is sorted
// like [Lint]'s.
func Suppress(doc *corsconf.Document, findings []Finding) []Finding {
	if doc == nil {
		return findings
	}
	var ignores []*ignoreComment
	for _, c := range doc.Comments {
		if ic, ok := parseIgnore(c); ok {
			ignores = append(ignores, ic)
		}
	}
	if len(ignores) == 0 {
		return findings
	}
	var kept, meta []Finding
	for _, f := range findings {
		if !suppressed(doc, f, ignores) {
			kept = append(kept, f)
		}
	}
	for _, ic := range ignores {
		meta = append(meta, ic.findings(doc)...)
	}
	out := append(kept, meta...)
	slices.SortStableFunc(out, func(a, b Finding) int { return corsconf.Compare(a.Diagnostic, b.Diagnostic) })
	return out
}

// parseIgnore reads an s3cors-ignore comment; ok is false for any other
// comment. The keyword must come first, followed by space or the end.
func parseIgnore(c corsconf.Comment) (*ignoreComment, bool) {
	text := strings.TrimSpace(c.Text)
	rest, found := strings.CutPrefix(text, ignoreKeyword)
	if r, _ := utf8.DecodeRuneInString(rest); !found || (rest != "" && !unicode.IsSpace(r) && r != ':') {
		return nil, false
	}
	list, reason, _ := strings.Cut(rest, ":")
	ic := &ignoreComment{c: c, reason: strings.TrimSpace(reason), matched: map[string]bool{}}
	for _, id := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if !slices.Contains(ic.ids, id) {
			ic.ids = append(ic.ids, id)
		}
	}
	for _, id := range ic.ids {
		if r := Lookup(id); r != nil && ignorable(r) {
			ic.known = append(ic.known, id)
		}
	}
	return ic, true
}

// ignorable reports whether r's findings can be ignored by a comment: all
// but the findings about ignore comments themselves. (A Validation rule's
// lint findings can be; what S3 rejects never reaches here, and is
// refused anyway by [suppressed].)
func ignorable(r *Rule) bool {
	return !slices.Contains(suppressRules, r)
}

// applies reports whether the comment is in force: it has a reason and an
// element follows it.
func (ic *ignoreComment) applies() bool {
	return ic.reason != "" && ic.placed()
}

// placed reports whether an element follows the comment.
func (ic *ignoreComment) placed() bool {
	return !ic.c.End && ic.c.Next != ""
}

// suppressed reports whether a comment in force covers f, and marks every
// such comment as used.
func suppressed(doc *corsconf.Document, f Finding, ignores []*ignoreComment) bool {
	if f.File != doc.Name || f.S3 != nil {
		return false // S3 rejects it: never hidden
	}
	if r := Lookup(f.Rule); r == nil || !ignorable(r) {
		return false
	}
	hit := false
	for _, ic := range ignores {
		if ic.applies() && slices.Contains(ic.known, f.Rule) && covers(ic.c.Next, f.Path) {
			ic.matched[f.Rule] = true
			hit = true
		}
	}
	return hit
}

// covers reports whether path is element next or lies inside it. The root
// element covers every path: rule paths do not start with its name.
func covers(next, path string) bool {
	return next == corsconf.RootName || corsconf.Within(path, next)
}

// findings returns what is wrong with the comment, once the document's
// findings have been matched against it.
func (ic *ignoreComment) findings(doc *corsconf.Document) []Finding {
	var out []Finding
	if len(ic.ids) == 0 {
		out = append(out, *ic.report(doc, ruleIgnoreUnknownRule, "ignore comment names no rule").
			WithHint("write <!-- %s rule-id: reason -->", ignoreKeyword))
	}
	for _, id := range ic.ids {
		if f := ic.checkID(doc, id); f != nil {
			out = append(out, *f)
		}
	}
	if len(ic.known) == 0 {
		return out
	}
	if ic.reason == "" {
		out = append(out, *ic.report(doc, ruleIgnoreWithoutReason, "ignore comment for %s has no reason, so it does not apply", quoteAll(ic.known)).
			WithHint("say why after a colon: <!-- %s %s: why the finding is acceptable here -->", ignoreKeyword, strings.Join(ic.known, ", ")))
	}
	switch {
	case !ic.placed():
		out = append(out, *ic.report(doc, ruleUnusedIgnore, "ignore comment for %s precedes no element, so it suppresses nothing", quoteAll(ic.known)).
			WithHint("put it just before the element it is about, such as a <CORSRule> or an <AllowedOrigin>"))
	case ic.reason != "":
		if unused := ic.unused(); len(unused) > 0 {
			f := ic.report(doc, ruleUnusedIgnore, "ignore comment for %s suppressed nothing: %s has no such finding", quoteAll(unused), describePath(ic.c.Next)).
				WithHint("remove %s from the comment", plural(len(unused), "it", "them"))
			if slices.ContainsFunc(unused, func(id string) bool { return Lookup(id).Validation }) {
				f.Hint += "; what S3 rejects cannot be ignored"
			}
			out = append(out, *f)
		}
	}
	return out
}

// checkID reports a named ID that is not a rule, or whose findings cannot
// be ignored; nil when it is fine.
func (ic *ignoreComment) checkID(doc *corsconf.Document, id string) *Finding {
	r := Lookup(id)
	switch {
	case r == nil && corsconf.LookupCheck(id) != nil:
		return ic.report(doc, ruleIgnoreUnknownRule, "%q is a check of what S3 rejects, which cannot be ignored", id).
			WithHint("correct the value: S3 would refuse the configuration")
	case r == nil:
		f := ic.report(doc, ruleIgnoreUnknownRule, "ignore comment names unknown rule %q", id)
		if s := suggestRule(id); s != "" {
			f.WithHint("did you mean %q?", s)
		}
		return f
	case slices.Contains(suppressRules, r):
		return ic.report(doc, ruleUnusedIgnore, "rule %q is about ignore comments and cannot be ignored by one", id).
			WithHint("turn it off in .s3cors.yaml instead")
	}
	return nil
}

// unused returns the known IDs that suppressed nothing.
func (ic *ignoreComment) unused() []string {
	var out []string
	for _, id := range ic.known {
		if !ic.matched[id] {
			out = append(out, id)
		}
	}
	return out
}

// report returns a finding of rule r about the comment, at its position.
func (ic *ignoreComment) report(doc *corsconf.Document, r *Rule, format string, args ...any) *Finding {
	path := ic.c.Next
	if path == "" {
		path = corsconf.RootName
	}
	return &Finding{Diagnostic: corsconf.Diagnostic{
		File: doc.Name, Pos: ic.c.Pos, Path: path, Severity: r.Severity, Rule: r.ID,
		Message: fmt.Sprintf(format, args...),
	}}
}

// describePath names the element at path in a message.
func describePath(path string) string {
	if path == corsconf.RootName {
		return "the document"
	}
	return path
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// suggestRule returns the rule ID nearest to id, or "" when none is near.
func suggestRule(id string) string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return corsconf.Suggest(id, ids)
}
