package cmd

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/fatih/color"
	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

const flagColor = "color"

func colorFlag() cli.Flag {
	return &cli.StringFlag{Name: flagColor, Value: "auto", Usage: "colour the output: auto, always or never"}
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
	loc := d.File
	if d.Pos.IsValid() {
		loc = fmt.Sprintf("%s:%d:%d", d.File, d.Pos.Line, d.Pos.Col)
	} else if d.Path != "" {
		loc += ": " + d.Path
	}
	msg := d.Message
	if d.Hint != "" {
		msg += "; " + d.Hint
	}
	fmt.Fprintf(p.w, "%s: %s: %s %s\n", p.bold.Sprint(loc), p.severity(d.Severity).Sprint(d.Severity), msg, p.dim.Sprintf("[%s]", d.Rule))
	if d.S3 != nil {
		fmt.Fprintf(p.w, "    S3 answers: 400 %s: %s%s\n", d.S3.Code, d.S3.Message, s3Remarks(d))
	}
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

func writeJSONDiagnostics(w io.Writer, ds corsconf.Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, toJSONDiagnostic(d))
	}
	return writeJSON(w, out)
}
