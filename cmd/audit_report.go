package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
)

// auditReport is the result of an audit. It keeps the findings and the
// names of the buckets without a configuration or that could not be read,
// never the configurations: memory grows with what is reported only.
type auditReport struct {
	// lint holds the findings and, as failures, the buckets that could not
	// be read, so that lint's writers and exit rules apply as they are.
	lint        lintReport
	buckets     int      // listed and reported (with, without or unreadable)
	withCORS    int      // read, with a configuration
	withoutCORS []string // bucket names, sorted by sort
}

// add records the result of one bucket.
func (r *auditReport) add(res auditResult) {
	r.buckets++
	switch {
	case res.err != nil:
		r.lint.failures = append(r.lint.failures, lintFailure{name: auditName(res.bucket), msg: res.err.Error()})
	case res.noCORS:
		r.withoutCORS = append(r.withoutCORS, res.bucket)
	default:
		r.withCORS++
		r.lint.findings = append(r.lint.findings, res.findings...)
	}
}

// sort puts everything in bucket order: the workers finish in any order.
func (r *auditReport) sort() {
	sortFindings(r.lint.findings)
	slices.Sort(r.withoutCORS)
	slices.SortFunc(r.lint.failures, func(a, b lintFailure) int { return strings.Compare(a.name, b.name) })
}

// write prints the report in format.
func (r *auditReport) write(w io.Writer, format string, color bool) error {
	switch format {
	case "json":
		return r.writeJSON(w)
	case "sarif":
		return r.writeSARIF(w)
	}
	r.writeText(newPrinter(w, color))
	return nil
}

// auditNoCORS is what the text report says of a bucket without a
// configuration.
const auditNoCORS = "no CORS configuration"

// writeText prints, in bucket order, each finding as lint prints it (the
// path in place of a position) and a line for each bucket without a
// configuration, then the summary. The buckets that could not be read
// were reported on standard error as they failed, and are counted.
func (r *auditReport) writeText(p *printer) {
	fs, none := r.lint.findings, r.withoutCORS
	for len(fs) > 0 || len(none) > 0 {
		if len(none) > 0 && (len(fs) == 0 || auditName(none[0]) < fs[0].File) {
			fmt.Fprintf(p.w, "%s: %s\n", p.bold.Sprint(auditName(none[0])), p.dim.Sprint(auditNoCORS))
			none = none[1:]
			continue
		}
		p.finding(fs[0])
		fs = fs[1:]
	}
	fmt.Fprintln(p.w, r.summary())
}

// summary is the last line of the text report:
// "N buckets (N with CORS, N without, N unreadable), N errors, N warnings, N notices".
func (r *auditReport) summary() string {
	return fmt.Sprintf("%s (%d with CORS, %d without, %d unreadable), %s, %s, %s", plural(r.buckets, "bucket"),
		r.withCORS, len(r.withoutCORS), len(r.lint.failures),
		plural(r.lint.count(corsconf.SeverityError), "error"),
		plural(r.lint.count(corsconf.SeverityWarning), "warning"),
		plural(r.lint.count(corsconf.SeverityNotice), "notice"))
}

// auditJSON is the report in --format json. The findings are lint's JSON
// diagnostics (file "s3://BUCKET", line and column 0, the path set).
type auditJSON struct {
	Buckets     int                  `json:"buckets"`
	WithCORS    int                  `json:"withCors"`
	WithoutCORS []string             `json:"withoutCors"`
	Unreadable  []auditJSONFailure   `json:"unreadable"`
	Findings    []lintJSONDiagnostic `json:"findings"`
}

// auditJSONFailure is a bucket that could not be read, and why.
type auditJSONFailure struct {
	Bucket  string `json:"bucket"`
	Message string `json:"message"`
}

func (r *auditReport) writeJSON(w io.Writer) error {
	out := auditJSON{
		Buckets: r.buckets, WithCORS: r.withCORS, WithoutCORS: r.withoutCORS,
		Unreadable: make([]auditJSONFailure, 0, len(r.lint.failures)),
		Findings:   make([]lintJSONDiagnostic, 0, len(r.lint.findings)),
	}
	if out.WithoutCORS == nil {
		out.WithoutCORS = []string{}
	}
	for _, fl := range r.lint.failures {
		out.Unreadable = append(out.Unreadable, auditJSONFailure{Bucket: strings.TrimPrefix(fl.name, "s3://"), Message: fl.msg})
	}
	for _, f := range r.lint.findings {
		out.Findings = append(out.Findings, lintJSONDiagnostic{jsonDiagnostic: toJSONDiagnostic(f.Diagnostic), Fixable: len(f.Fix) > 0})
	}
	return writeJSON(w, out)
}

// writeSARIF prints lint's SARIF log of the findings, with two changes:
// every location is the bucket's s3:// URI (lint's writer makes file
// paths relative to the source root), and each bucket without a
// configuration is a notification of level "note" (not a result: there is
// nothing to fix). The buckets that could not be read are notifications of
// level "error", as unreadable files are for lint.
func (r *auditReport) writeSARIF(w io.Writer) error {
	log := r.lint.sarifLog()
	run := &log.Runs[0]
	for i := range run.Results { // one per finding, in order
		run.Results[i].Locations[0].PhysicalLocation.ArtifactLocation = sarifArtifactLocation{URI: r.lint.findings[i].File}
	}
	inv := &run.Invocations[0]
	for i := range inv.ToolExecutionNotifications { // one per failure, in order
		inv.ToolExecutionNotifications[i].Locations[0].PhysicalLocation.ArtifactLocation = sarifArtifactLocation{URI: r.lint.failures[i].name}
	}
	for _, b := range r.withoutCORS {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "note", Message: sarifText{fmt.Sprintf("bucket %q has %s", b, auditNoCORS)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: auditName(b)}}}},
		})
	}
	return writeJSON(w, log)
}
