package cmd

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// writeText prints each finding on one line, as corsconf's Diagnostic
// String does ("(fixable)" before the rule ID when --fix can correct it,
// so that the line still ends with [rule-id]), then the source
// line and a caret line under the value when the position is known, and
// last the summary line "N files, N errors, N warnings, N notices".
func (r *lintReport) writeText(p *printer) {
	for _, f := range r.findings {
		p.finding(f)
		if !f.Pos.IsValid() {
			continue
		}
		if lf := r.file(f.File); lf != nil {
			if line, caret, ok := lf.snippet(f.Pos); ok {
				fmt.Fprintf(p.w, "%s\n%s\n", line, p.severity(f.Severity).Sprint(caret))
			}
		}
	}
	fmt.Fprintln(p.w, r.summary())
}

// finding writes the one-line form of f, coloured as the printer's
// diagnostics are: location bold, severity in its colour, rule ID dim.
func (p *printer) finding(f lint.Finding) {
	fixable := ""
	if len(f.Fix) > 0 {
		fixable = p.dim.Sprint(" (fixable)")
	}
	fmt.Fprintf(p.w, "%s: %s: %s%s %s\n", p.bold.Sprint(location(f.Diagnostic)), p.severity(f.Severity).Sprint(f.Severity),
		messageWithHint(f.Diagnostic), fixable, p.dim.Sprintf("[%s]", f.Rule))
}

// snippetWidth bounds the source shown for one finding, in characters: a
// minified JSON document is one long line.
const snippetWidth = 160

// snippet returns source line pos.Line of src and a caret line that puts
// "^~~~" under the value that starts at pos (see [valueSpan]). Tabs before
// the value stay tabs in the caret line, so that it lines up whatever the
// tab width. Control characters are shown as U+FFFD, so that a file cannot
// drive the terminal. ok is false when the position is not in src.
func snippet(src []byte, pos corsconf.Pos, format corsconf.Format) (line, caret string, ok bool) {
	lf := &lintedFile{src: src, doc: &corsconf.Document{Format: format}}
	return lf.snippet(pos)
}

// snippet is [snippet] of the file's source, in its format, read through
// its index of lines.
func (lf *lintedFile) snippet(pos corsconf.Pos) (line, caret string, ok bool) {
	text, ok := lf.line(pos.Line)
	if !ok {
		return "", "", false
	}
	format := lf.doc.Format
	start := pos.Col - 1
	if pos.Line == 1 && bytes.HasPrefix(text, utf8BOM) {
		text, start = text[len(utf8BOM):], start-len(utf8BOM)
	}
	if start < 0 || start > len(text) {
		return "", "", false
	}
	end := valueSpan(text, start, format)
	runes := []rune(string(text)) // invalid UTF-8 becomes U+FFFD, one rune per byte
	rs, re := utf8.RuneCount(text[:start]), utf8.RuneCount(text[:end])
	if re == rs {
		re = rs + 1 // at the end of the line, or an empty value: one caret
	}
	// A long line is shown around the value.
	from, to, pre, post := 0, len(runes), "", ""
	if len(runes) > snippetWidth {
		from = max(0, rs-snippetWidth/4)
		to = min(len(runes), from+snippetWidth)
		if from > 0 {
			pre = "..."
		}
		if to < len(runes) {
			post = "..."
		}
	}
	re = max(min(re, to), rs+1)
	var l, c strings.Builder
	l.WriteString(pre)
	c.WriteString(strings.Repeat(" ", len(pre)))
	for i, ch := range runes[from:to] {
		if ch != '\t' && (unicode.IsControl(ch) || ch == utf8.RuneError) {
			ch = utf8.RuneError
		}
		l.WriteRune(ch)
		if i+from < rs {
			if ch == '\t' {
				c.WriteByte('\t')
			} else {
				c.WriteByte(' ')
			}
		}
	}
	l.WriteString(post)
	c.WriteString("^" + strings.Repeat("~", re-rs-1))
	return l.String(), c.String(), true
}

// valueSpan returns the end (exclusive, a byte offset in line) of the
// value that starts at start in a document of format f: a JSON string up
// to its closing quote, an XML element or CDATA section up to its ">", XML
// text up to the next "<", any other JSON value up to the next delimiter.
// It stays on the line.
func valueSpan(line []byte, start int, f corsconf.Format) int {
	rest := line[start:]
	if len(rest) == 0 {
		return start
	}
	switch {
	case rest[0] == '"':
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return start + i + 1
			}
		}
		return len(line)
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		if i := bytes.Index(rest, []byte("]]>")); i >= 0 {
			return start + i + 3
		}
		return len(line)
	case bytes.HasPrefix(rest, []byte("</")):
		return start // an empty value: the closing tag follows at once
	case rest[0] == '<':
		if i := bytes.IndexByte(rest, '>'); i >= 0 {
			return start + i + 1
		}
		return len(line)
	case f == corsconf.FormatXML:
		if i := bytes.IndexByte(rest, '<'); i >= 0 {
			return start + i
		}
		return len(line)
	case rest[0] == '{' || rest[0] == '[':
		return start + 1
	case f == corsconf.FormatCloudFormation:
		return start + yamlScalarSpan(rest)
	}
	if i := bytes.IndexAny(rest, ",:}] \t"); i >= 0 {
		return start + i
	}
	return len(line)
}

// yamlScalarSpan returns the length of the YAML scalar rest starts with:
// a single-quoted string up to its closing quote, or a plain scalar up to
// ": ", " #", the end of the line, or a flow delimiter (",", "]", "}").
// A plain scalar may hold ":" followed by anything but a space, as URLs do.
func yamlScalarSpan(rest []byte) int {
	if rest[0] == '\'' {
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(rest)
	}
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == ',' || c == ']' || c == '}':
			return i
		case c == ':' && (i+1 == len(rest) || rest[i+1] == ' '):
			return i
		case c == '#' && i > 0 && (rest[i-1] == ' ' || rest[i-1] == '\t'):
			return len(bytes.TrimRight(rest[:i], " \t"))
		}
	}
	return len(bytes.TrimRight(rest, " \t"))
}
