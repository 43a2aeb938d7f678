package cmd

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const flagColor = "color"

// colorFlag is --color, the same on every command; a value other than
// auto, always or never is a usage error before the command runs.
func colorFlag() cli.Flag {
	return &cli.StringFlag{Name: flagColor, Value: "auto", Usage: "colour the output: auto, always or never",
		Action: func(_ *cli.Context, mode string) error {
			_, err := useColor(Env{}, mode, nil)
			return err
		}}
}

// useColor decides colour for output written to w: --color always or
// never wins; auto means w is a terminal, NO_COLOR is unset and TERM is not
// "dumb".
func useColor(env Env, mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb" &&
			env.IsTerminal != nil && env.IsTerminal(w), nil
	}
	return false, usagef("invalid --color %q: use auto, always or never", mode)
}

// printer writes human-readable output, coloured or not. It owns its
// colours and never touches fatih/color's global NoColor.
type printer struct {
	w                    io.Writer
	err, warn, note, dim *color.Color
	bold, ok             *color.Color
}

func newPrinter(w io.Writer, on bool) *printer {
	p := &printer{
		w:   w,
		err: color.New(color.FgRed, color.Bold), warn: color.New(color.FgYellow, color.Bold),
		note: color.New(color.FgCyan), dim: color.New(color.Faint),
		bold: color.New(color.Bold), ok: color.New(color.FgGreen, color.Bold),
	}
	for _, c := range []*color.Color{p.err, p.warn, p.note, p.dim, p.bold, p.ok} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p *printer) severity(s corsconf.Severity) *color.Color {
	switch s {
	case corsconf.SeverityError:
		return p.err
	case corsconf.SeverityWarning:
		return p.warn
	}
	return p.note
}

// diagnostic writes d as its one-line form, the severity coloured, then
// S3's answer on an indented line when S3 would reject it.
func (p *printer) diagnostic(d corsconf.Diagnostic) {
	fmt.Fprintf(p.w, "%s: %s: %s %s\n", p.bold.Sprint(location(d)), p.severity(d.Severity).Sprint(d.Severity),
		messageWithHint(d), p.dim.Sprintf("[%s]", d.Rule))
	if d.S3 != nil {
		fmt.Fprintf(p.w, "    S3 answers: 400 %s: %s%s\n", d.S3.Code, d.S3.Message, s3Remarks(d))
	}
}

// location returns "file:line:col", or "file: path" without a position,
// as Diagnostic.String begins.
func location(d corsconf.Diagnostic) string {
	switch {
	case d.Pos.IsValid():
		return fmt.Sprintf("%s:%d:%d", d.File, d.Pos.Line, d.Pos.Col)
	case d.Path != "":
		return d.File + ": " + d.Path
	}
	return d.File
}

func messageWithHint(d corsconf.Diagnostic) string {
	if d.Hint != "" {
		return d.Message + "; " + d.Hint
	}
	return d.Message
}

func s3Remarks(d corsconf.Diagnostic) string {
	switch {
	case d.S3First && d.S3.Unverified:
		return " (S3 would most likely report this one first; code and message unverified)"
	case d.S3First:
		return " (S3 would most likely report this one first)"
	case d.S3.Unverified:
		return " (unverified)"
	}
	return ""
}

// jsonDiagnostic is the stable JSON form of a diagnostic.
type jsonDiagnostic struct {
	File         string `json:"file"`
	Line         int    `json:"line"`
	Column       int    `json:"column"`
	Path         string `json:"path"`
	Severity     string `json:"severity"`
	Rule         string `json:"rule"`
	Message      string `json:"message"`
	Hint         string `json:"hint,omitempty"`
	S3Code       string `json:"s3Code,omitempty"`
	S3Message    string `json:"s3Message,omitempty"`
	S3Unverified bool   `json:"s3Unverified,omitempty"`
	S3First      bool   `json:"s3First,omitempty"`
}

func toJSONDiagnostic(d corsconf.Diagnostic) jsonDiagnostic {
	j := jsonDiagnostic{
		File: d.File, Line: d.Pos.Line, Column: d.Pos.Col, Path: d.Path,
		Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message, Hint: d.Hint, S3First: d.S3First,
	}
	if d.S3 != nil {
		j.S3Code, j.S3Message, j.S3Unverified = d.S3.Code, d.S3.Message, d.S3.Unverified
	}
	return j
}

// writeJSON writes v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeXML writes v as an indented XML document, with the XML declaration
// and a final newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func writeJSONDiagnostics(w io.Writer, ds corsconf.Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, toJSONDiagnostic(d))
	}
	return writeJSON(w, out)
}

// The wording of messages.

// plural returns "1 noun" or "n nouns".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// quoteAll returns `"a", "b"`.
func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// suggestFrom returns `; did you mean "x"?` for the candidate nearest to
// got, or "".
func suggestFrom(got string, candidates ...string) string {
	if s := corsconf.Suggest(got, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// didYouMean is suggestFrom for names where case matters: a candidate that
// differs from got only in case is suggested first, and said so.
func didYouMean(got string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(got, c) {
			return fmt.Sprintf("; did you mean %q? (case matters)", c)
		}
	}
	return suggestFrom(got, candidates...)
}
