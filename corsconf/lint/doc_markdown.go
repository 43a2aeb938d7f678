package lint

import (
	"bufio"
	"fmt"
	"io"
)

// WriteMarkdown writes the catalogue as docs/rules.md: an index, then a
// section per rule with its rationale and examples.
func WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Lint rules")
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Generated from the rule catalogue (`s3cors lint --list-rules`); `go test ./corsconf/lint -update` rewrites it.")
	fmt.Fprintln(bw, "`validate` errors (what S3 rejects) are reported by `lint` too, with the IDs of [validation.md](validation.md).")
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "| Rule | Severity | Fixable | Finds |")
	fmt.Fprintln(bw, "|---|---|---|---|")
	for _, r := range rules {
		fmt.Fprintf(bw, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, yesNo(r.Fixable), r.Summary)
	}
	for _, r := range rules {
		fmt.Fprintf(bw, "\n## %s\n\n%s. Default severity: %s. Fixable: %s.\n\n%s\n", r.ID, capitalize(r.Summary), r.Severity, yesNo(r.Fixable), r.Rationale)
		fmt.Fprintf(bw, "\nReported:\n\n```xml\n%s\n```\n\nNot reported:\n\n```xml\n%s\n```\n", r.Bad, r.Good)
	}
	return bw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
