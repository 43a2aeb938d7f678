package corsconf

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// jsonReader reads the JSON forms token by token and knows the offset of
// every token. Nesting is followed with counters, never with recursion, so
// the depth of an untrusted document costs neither stack nor a crash.
type jsonReader struct {
	p      *parser
	body   []byte // the source after the byte order mark; offsets are into it
	dec    *json.Decoder
	open   []int // offsets of the '[' and '{' not closed yet, innermost last
	failed bool  // a syntax error was reported: nothing more is read
}

// parseJSON reads the console JSON (a bare array of rules) or the AWS CLI
// JSON ({"CORSRules": [...]}) of body into p.doc.Config. Every diagnostic has
// a nil S3 answer: the AWS CLI, the SDKs and the console refuse such
// documents before anything reaches S3.
func (p *parser) parseJSON(body []byte, f Format) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	r := &jsonReader{p: p, body: body, dec: dec}
	tok, off, ok := r.next()
	if !ok {
		return
	}
	p.record(RootName, p.base+off)
	switch {
	case f == FormatConsole && tok == json.Delim('['):
		r.rules()
	case f == FormatCLI && tok == json.Delim('{'):
		r.top(off)
	default: // Parse checks the format first; this guards direct callers
		p.doc.incomplete = true
		r.errorAt(off, RootName, "wrong-type", "", "expected %s, found %s", formatNoun(f), jsonKind(tok))
		return
	}
	r.checkEnd()
}

// top reads the object of the AWS CLI form, whose '{' is at offset open.
func (r *jsonReader) top(open int) {
	seen, unknown := false, false
	for {
		key, off, more := r.key()
		if !more {
			break
		}
		switch {
		case key != jsonRulesKey:
			unknown = true
			r.errorAt(off, RootName, "unknown-field", jsonKeyHint(key, jsonTopKeys, jsonTopAliases),
				"unknown key %q in the top-level object", key)
			r.skipValue()
		case seen:
			r.duplicate(off, RootName, key, "the top-level object")
			r.skipValue()
		default:
			seen = true
			r.rulesValue()
		}
	}
	if seen {
		return
	}
	// Without rules to read, "no rules" would be noise; an unknown key
	// ("CorsRules") already explains the missing one.
	r.p.doc.incomplete = true
	if !unknown && !r.failed {
		r.errorAt(open, RootName, "wrong-type", `write {"CORSRules": [...]} with the rules in the list`,
			`missing "CORSRules": AWS CLI JSON is an object whose only key is "CORSRules"`)
	}
}

// rulesValue reads the value of "CORSRules".
func (r *jsonReader) rulesValue() {
	tok, off, ok := r.next()
	if !ok {
		return
	}
	if tok == json.Delim('[') {
		r.rules()
		return
	}
	r.p.doc.incomplete = true
	hint := ""
	if tok == json.Delim('{') {
		hint = `put the rule in a list: "CORSRules": [{...}]`
	}
	r.errorAt(off, RootName, "wrong-type", hint, `"CORSRules" must be a list of rules, not %s`, jsonKind(tok))
	r.skip(tok)
}

// rules reads the elements of a list of rules after its '['. A rule's index
// is its index in Config.Rules, so elements that are not objects take none.
func (r *jsonReader) rules() {
	for {
		tok, off, ok := r.next()
		if !ok || tok == json.Delim(']') {
			return
		}
		i := len(r.p.doc.Config.Rules)
		if tok != json.Delim('{') {
			r.errorAt(off, RulePath(i), "wrong-type", `write each rule as {"AllowedOrigins": [...], "AllowedMethods": [...]}`,
				"a rule must be an object, not %s", jsonKind(tok))
			r.skip(tok)
			continue
		}
		r.p.record(RulePath(i), r.p.base+off)
		var rule Rule
		r.rule(i, &rule)
		r.p.doc.Config.Rules = append(r.p.doc.Config.Rules, rule)
	}
}

// rule reads the members of rule i after its '{'.
func (r *jsonReader) rule(i int, rule *Rule) {
	var seen [len(jsonRuleKeys)]bool
	for {
		key, off, more := r.key()
		if !more {
			return
		}
		k := jsonRuleFieldIndex(key)
		switch {
		case k < 0:
			r.errorAt(off, RulePath(i), "unknown-field", jsonKeyHint(key, jsonRuleKeys[:], jsonRuleAliases),
				"unknown key %q in rule", key)
			r.skipValue()
		case seen[k]:
			r.duplicate(off, FieldPath(i, RuleFields[k]), key, "rule")
			r.skipValue()
		default:
			seen[k] = true
			r.field(i, k, off, rule)
		}
	}
}

// field reads the value of field k of rule i, whose key is at offset keyOff.
func (r *jsonReader) field(i, k, keyOff int, rule *Rule) {
	switch name := RuleFields[k]; name {
	case IDName:
		r.id(i, rule)
	case MaxAgeSecondsName:
		r.maxAge(i, rule)
	default:
		r.p.record(FieldPath(i, name), r.p.base+keyOff)
		*rule.List(name) = r.list(i, k)
	}
}

// list reads a list of strings, field k of rule i. It returns nil for an
// empty list, which S3 treats as an absent one.
func (r *jsonReader) list(i, k int) []string {
	key, name := jsonRuleKeys[k], RuleFields[k]
	tok, off, ok := r.next()
	if !ok {
		return nil
	}
	if tok != json.Delim('[') {
		r.errorAt(off, FieldPath(i, name), "wrong-type", r.listHint(tok, off),
			"%q must be a list of strings, not %s", key, jsonKind(tok))
		r.skip(tok)
		return nil
	}
	var vals []string
	for {
		tok, off, ok := r.next()
		if !ok || tok == json.Delim(']') {
			return vals
		}
		path := ValuePath(i, name, len(vals))
		s, isString := tok.(string)
		if !isString {
			r.errorAt(off, path, "wrong-type", r.quoteHint(tok, off), "%q values must be strings, not %s", key, jsonKind(tok))
			r.skip(tok)
			continue
		}
		r.p.record(path, r.p.base+off)
		vals = append(vals, s)
	}
}

// id reads the value of "ID" of rule i.
func (r *jsonReader) id(i int, rule *Rule) {
	tok, off, ok := r.next()
	if !ok {
		return
	}
	path := FieldPath(i, IDName)
	r.p.record(path, r.p.base+off)
	s, isString := tok.(string)
	if !isString {
		r.errorAt(off, path, "wrong-type", r.quoteHint(tok, off), `"ID" must be a string, not %s`, jsonKind(tok))
		r.skip(tok)
		return
	}
	rule.ID = s
}

// maxAge reads the value of "MaxAgeSeconds" of rule i. Any integer that
// fits in an int is kept, negative or not: the range is Validate's concern.
func (r *jsonReader) maxAge(i int, rule *Rule) {
	tok, off, ok := r.next()
	if !ok {
		return
	}
	path := FieldPath(i, MaxAgeSecondsName)
	r.p.record(path, r.p.base+off)
	num, isNumber := tok.(json.Number)
	if !isNumber {
		hint := ""
		if s, isString := tok.(string); isString {
			hint = unquoteHint(s)
		}
		r.errorAt(off, path, "wrong-type", hint, `"MaxAgeSeconds" must be an integer, not %s`, jsonKind(tok))
		r.skip(tok)
		return
	}
	s := num.String()
	if !isJSONInt(s) {
		msg, hint := jsonNotIntegerAdvice(s)
		r.errorAt(off, path, "invalid-max-age", hint, msg, s)
		return
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.errorAt(off, path, "invalid-max-age", "write a whole number of seconds, such as 3000",
			"MaxAgeSeconds %q is out of range", s)
		return
	}
	rule.MaxAgeSeconds = &n
}

// duplicate reports a key given twice in one object, at the second one.
func (r *jsonReader) duplicate(off int, path, key, where string) {
	r.errorAt(off, path, "duplicate-field", "keep a single "+strconv.Quote(key)+"; this tool reads the first one",
		"duplicate key %q in %s: the AWS CLI would keep the last one", key, where)
}

// key reads the next key of an object; more is false at the closing '}'
// and after a syntax error.
func (r *jsonReader) key() (key string, off int, more bool) {
	tok, off, ok := r.next()
	if !ok || tok == json.Delim('}') {
		return "", off, false
	}
	key, _ = tok.(string) // the decoder only returns strings in key position
	return key, off, true
}

// skipValue reads and discards the next value.
func (r *jsonReader) skipValue() {
	if tok, _, ok := r.next(); ok {
		r.skip(tok)
	}
}

// skip discards the rest of the value whose first token is tok. It counts
// delimiters instead of recursing, so any depth is safe.
func (r *jsonReader) skip(tok json.Token) {
	depth := 0
	for {
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth <= 0 {
			return
		}
		var ok bool
		if tok, _, ok = r.next(); !ok {
			return
		}
	}
}

// next returns the next token and the offset in body where it starts.
// After a syntax error, reported here, it returns ok false for good.
func (r *jsonReader) next() (tok json.Token, off int, ok bool) {
	if r.failed {
		return nil, len(r.body), false
	}
	// InputOffset is the end of the previous token; the separators the
	// decoder elides come before the next one.
	off = jsonSkip(r.body, int(r.dec.InputOffset()), jsonSeparators)
	tok, err := r.dec.Token()
	if err != nil {
		r.syntaxError(err)
		return nil, off, false
	}
	switch tok {
	case json.Delim('['), json.Delim('{'):
		r.open = append(r.open, off)
	case json.Delim(']'), json.Delim('}'):
		if n := len(r.open); n > 0 { // always: the decoder checks nesting
			r.open = r.open[:n-1]
		}
	}
	return tok, off, true
}

// checkEnd reports anything but whitespace after the top-level value: the
// decoder would read it as a second document.
func (r *jsonReader) checkEnd() {
	if r.failed {
		return
	}
	off := jsonSkip(r.body, int(r.dec.InputOffset()), jsonSpace)
	if off < len(r.body) {
		r.failed = true
		hint := r.syntaxHint(off)
		if hint == "" {
			hint = "a JSON document holds a single value; remove what follows it"
		}
		r.errorAt(off, RootName, "syntax", hint, "invalid JSON: unexpected %s after the end of the document", jsonDescribeByte(r.body, off))
	}
}

// syntaxError reports err, returned by the decoder, at the offending byte.
func (r *jsonReader) syntaxError(err error) {
	r.failed = true
	off, msg := r.locate(err)
	r.errorAt(off, RootName, "syntax", r.syntaxHint(off), "invalid JSON: %s", msg)
}

// locate returns the offset of the byte that caused err and a message.
func (r *jsonReader) locate(err error) (off int, msg string) {
	var se *json.SyntaxError
	if !errors.As(err, &se) { // io.EOF or io.ErrUnexpectedEOF
		return len(r.body), "unexpected end of input"
	}
	// The decoder stops at the start of the token it could not take. The
	// offset of its error is no help: for an error inside a string, number
	// or literal it counts every byte of every value decoded so far. A
	// misplaced token is at the stop, and its message says where it was
	// expected; an error inside a token recurs, with the same message and an
	// offset from the token's start, when that token is decoded alone (a
	// scalar, so without nesting).
	off = min(int(r.dec.InputOffset()), len(r.body))
	if off == len(r.body) || bytes.IndexByte([]byte("[]{},:"), r.body[off]) >= 0 {
		return off, se.Error()
	}
	var v any
	var inner *json.SyntaxError
	alone := json.NewDecoder(bytes.NewReader(r.body[off:]))
	if errors.As(alone.Decode(&v), &inner) && inner.Error() == se.Error() {
		return min(off+int(inner.Offset)-1, len(r.body)), se.Error()
	}
	return off, se.Error()
}

// errorAt reports an error at offset off of body.
func (r *jsonReader) errorAt(off int, path, rule, hint, format string, args ...any) {
	r.p.errorAt(r.p.base+off, path, rule, nil, hint, format, args...)
}
