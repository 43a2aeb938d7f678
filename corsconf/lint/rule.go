package lint

import (
	"fmt"

	"github.com/s3cors/s3cors/corsconf"
)

// Rule is one lint check and its documentation.
type Rule struct {
	ID        string            // stable kebab-case identifier
	Severity  corsconf.Severity // default severity of its findings
	Summary   string            // one line: what it finds
	Rationale string            // why it matters, a paragraph
	Bad, Good string            // examples: the CORSRule elements of a configuration, in S3 XML
	Fixable   bool              // --fix can correct its findings safely
	// Validation marks the rules whose errors come from corsconf.Validate
	// (S3 rejects the configuration); lint reports those as validate does.
	Validation bool
	// Abridged marks examples shortened for the documentation (the real
	// ones, near S3's limits, run to tens of kilobytes): tests use the
	// full examples of testdata/lint instead.
	Abridged bool
	check    func(c *Context)
}

// Context is what a rule's check sees and how it reports.
type Context struct {
	Doc   *corsconf.Document
	Cfg   *corsconf.Config
	rule  *Rule
	state *run
}

// Report adds a finding of the current rule at path, with its default
// severity.
func (c *Context) Report(path, format string, args ...any) *Finding {
	return c.ReportAs(c.rule.Severity, path, format, args...)
}

// ReportAs adds a finding of the current rule at path with severity sev.
func (c *Context) ReportAs(sev corsconf.Severity, path, format string, args ...any) *Finding {
	d := c.Doc.Diag(path, sev, c.rule.ID, format, args...)
	c.state.findings = append(c.state.findings, Finding{Diagnostic: d})
	return &c.state.findings[len(c.state.findings)-1]
}

// Finding is a diagnostic with the edits that fix it, if any.
type Finding struct {
	corsconf.Diagnostic
	Fix []Edit // nil when the finding has no safe fix
	// yieldsTo names the rule whose finding at the same place already
	// says this one: [Options.Apply] drops this finding unless that rule
	// is disabled. "" for a finding that stands alone.
	yieldsTo string
}

// WithHint sets the finding's hint and returns it.
func (f *Finding) WithHint(format string, args ...any) *Finding {
	f.Hint = fmt.Sprintf(format, args...)
	return f
}

// WithFix attaches edits that fix the finding and returns it.
func (f *Finding) WithFix(edits ...Edit) *Finding {
	f.Fix = append(f.Fix, edits...)
	return f
}
