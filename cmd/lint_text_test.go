package cmd

import (
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// Tests of lint's text output: the findings and their summary, colour,
// and the source line with its caret under a finding.

func TestLintTextAndSummary(t *testing.T) {
	r := run(nil, nil, false, "lint", lintInput("trailing-slash.xml"), lintInput("clean.xml"), lintInput("errors.xml"))
	want := lintInput("errors.xml") + `:3:20: warning: origin "https://app.example.com/" ends with a slash and can never match: browsers send origins without one; write "https://app.example.com" (fixable) [origin-trailing-slash]
    <AllowedOrigin>https://app.example.com/</AllowedOrigin>
                   ^~~~~~~~~~~~~~~~~~~~~~~~
`
	if !strings.Contains(r.stdout, want) {
		t.Errorf("output lacks\n%s\ngot:\n%s", want, r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "3 files, ") || !strings.HasSuffix(last, " notices") && !strings.HasSuffix(last, " notice") {
		t.Errorf("last line %q is not the summary", last)
	}
	// Sorted by file: errors.xml first, whatever the argument order.
	if !strings.HasPrefix(r.stdout, lintInput("errors.xml")+":") {
		t.Errorf("output is not sorted by file:\n%s", r.stdout)
	}
}

func TestLintColor(t *testing.T) {
	file := lintInput("errors.xml")
	if r := run(nil, nil, false, "lint", "--color", "always", file); !ansi.MatchString(r.stdout) {
		t.Errorf("--color always: no colour:\n%q", r.stdout)
	}
	if r := run(nil, nil, true, "lint", file); !ansi.MatchString(r.stdout) {
		t.Errorf("at a terminal: no colour:\n%q", r.stdout)
	}
	plain := run(nil, nil, false, "lint", file)
	for _, r := range []result{plain, run(nil, map[string]string{"NO_COLOR": "1"}, true, "lint", file), run(nil, nil, true, "lint", "--color", "never", file)} {
		if ansi.MatchString(r.stdout) {
			t.Errorf("coloured:\n%q", r.stdout)
		}
	}
	// Colour only decorates.
	coloured := run(nil, nil, false, "lint", "--color", "always", file)
	if got := ansi.ReplaceAllString(coloured.stdout, ""); got != plain.stdout {
		t.Errorf("without its escapes, the coloured output differs (-plain +coloured):\n%s", lineDiff(plain.stdout, got))
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		pos         corsconf.Pos
		format      corsconf.Format
		line, caret string
	}{
		{"xml text", "  <AllowedOrigin>https://a.example/</AllowedOrigin>", corsconf.Pos{Line: 1, Col: 18}, corsconf.FormatXML,
			"  <AllowedOrigin>https://a.example/</AllowedOrigin>", "                 ^~~~~~~~~~~~~~~~~~"},
		{"xml text with spaces and commas", "<A>a, b c</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>a, b c</A>", "   ^~~~~~"},
		{"xml element", "x\n    <MaxAge>3</MaxAge>\n", corsconf.Pos{Line: 2, Col: 5}, corsconf.FormatXML, "    <MaxAge>3</MaxAge>", "    ^~~~~~~~"},
		{"xml empty value", "<A></A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A></A>", "   ^"},
		{"xml cdata", "<A><![CDATA[x]]></A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A><![CDATA[x]]></A>", "   ^~~~~~~~~~~~~"},
		{"tabs kept", "\t\t<A>été/</A>", corsconf.Pos{Line: 1, Col: 6}, corsconf.FormatXML, "\t\t<A>été/</A>", "\t\t   ^~~~"},
		{"json string", `  "AllowedOrigins": ["a\"b", "c"]`, corsconf.Pos{Line: 1, Col: 22}, corsconf.FormatCLI,
			`  "AllowedOrigins": ["a\"b", "c"]`, "                     ^~~~~~"},
		{"json number", `"MaxAgeSeconds": 3000,`, corsconf.Pos{Line: 1, Col: 18}, corsconf.FormatCLI, `"MaxAgeSeconds": 3000,`, "                 ^~~~"},
		{"json object", "[\n  {", corsconf.Pos{Line: 2, Col: 3}, corsconf.FormatConsole, "  {", "  ^"},
		{"crlf", "<A>\r\n<B>x</B>\r\n", corsconf.Pos{Line: 2, Col: 4}, corsconf.FormatXML, "<B>x</B>", "   ^"},
		{"bom", "\xEF\xBB\xBF<A>x</A>", corsconf.Pos{Line: 1, Col: 7}, corsconf.FormatXML, "<A>x</A>", "   ^"},
		{"end of line", "<A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>", "   ^"},
		{"control characters", "<A>\x1b[31mx</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>\uFFFD[31mx</A>", "   ^~~~~~"},
		{"invalid utf-8", "<A>\xff</A>", corsconf.Pos{Line: 1, Col: 4}, corsconf.FormatXML, "<A>\uFFFD</A>", "   ^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, caret, ok := snippet([]byte(tt.src), tt.pos, tt.format)
			if !ok || line != tt.line || caret != tt.caret {
				t.Errorf("snippet = (%q, %q, %v), want (%q, %q, true)", line, caret, ok, tt.line, tt.caret)
			}
		})
	}
	for _, pos := range []corsconf.Pos{{Line: 3, Col: 1}, {Line: 1, Col: 10}, {Line: 0, Col: 0}} {
		if _, _, ok := snippet([]byte("<A>x</A>\n"), pos, corsconf.FormatXML); ok {
			t.Errorf("snippet at %v: ok for a position outside the source", pos)
		}
	}
}

func TestSnippetLongLine(t *testing.T) {
	src := `[{"AllowedOrigins": [` + strings.Repeat(`"https://a.example", `, 30) + `"https://b.example/"], "AllowedMethods": ["GET"]` + strings.Repeat(" ", 200) + "}]"
	col := strings.Index(src, `"https://b.example/"`) + 1
	line, caret, ok := snippet([]byte(src), corsconf.Pos{Line: 1, Col: col}, corsconf.FormatConsole)
	if !ok {
		t.Fatal("not ok")
	}
	if len([]rune(line)) > snippetWidth+6 || !strings.HasPrefix(line, "...") || !strings.HasSuffix(line, "...") {
		t.Errorf("long line not cut around the value: %q", line)
	}
	at := strings.Index(caret, "^")
	if got := line[at : at+len(`"https://b.example/"`)]; got != `"https://b.example/"` || strings.Count(caret, "~") != len(got)-1 {
		t.Errorf("caret does not underline the value:\n%s\n%s", line, caret)
	}
}
