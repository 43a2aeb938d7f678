package lint

import (
	"slices"

	"github.com/s3cors/s3cors/corsconf"
)

// rules is the catalogue, in documentation order: the lists of
// rules_<group>.go, each rule in rule_<id>.go. There is no registration at
// init time: these lists are the whole set.
var rules = slices.Concat(originRules, wildcardRules, browserRules, structureRules, suppressRules)

// Rules returns the catalogue, in documentation order.
func Rules() []*Rule { return slices.Clone(rules) }

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) *Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Options adjust a run. The zero value runs every rule that is on by
// default, at its default severity.
type Options struct {
	Disable  map[string]bool              // rule IDs not to run
	Severity map[string]corsconf.Severity // rule ID -> severity replacing the default
}

// run is the state of one Lint call.
type run struct {
	findings []Finding
}

// Lint runs the rules over doc that opts does not disable and returns
// their findings as [Options.Apply] keeps them, sorted like diagnostics.
// It does not report what S3 rejects: combine it with [corsconf.Check]
// for that.
func Lint(doc *corsconf.Document, opts Options) []Finding {
	return opts.Apply(runRules(doc, opts.Disable))
}

// Run runs every rule over doc and returns all their findings, sorted,
// for a caller that applies [Options] itself after [Suppress]: then an
// ignore comment naming a disabled rule is not reported as unused, and a
// finding that yields to a disabled rule is not lost.
func Run(doc *corsconf.Document) []Finding {
	return runRules(doc, nil)
}

func runRules(doc *corsconf.Document, disabled map[string]bool) []Finding {
	st := &run{}
	for _, r := range rules {
		if r.check != nil && !disabled[r.ID] {
			r.check(&Context{Doc: doc, Cfg: &doc.Config, rule: r, state: st})
		}
	}
	slices.SortStableFunc(st.findings, func(a, b Finding) int { return corsconf.Compare(a.Diagnostic, b.Diagnostic) })
	return st.findings
}

// Apply returns the findings that opts keeps: those of disabled rules are
// dropped, and so are findings that yield to a rule that is not disabled
// (content-type-not-allowed where sdk-headers-not-allowed names
// content-type), and severities are replaced. What S3 rejects (a finding with an S3
// answer) is kept as it is. Lint everything, [Suppress], then Apply: an
// ignore comment naming a disabled rule is then not reported as unused.
func (o Options) Apply(findings []Finding) []Finding {
	out := make([]Finding, 0, len(findings))
	for _, f := range findings {
		if f.S3 == nil {
			if o.Disable[f.Rule] || (f.yieldsTo != "" && !o.Disable[f.yieldsTo]) {
				continue
			}
			if sev, ok := o.Severity[f.Rule]; ok {
				f.Severity = sev
			}
		}
		out = append(out, f)
	}
	return out
}

// Diagnostics returns the diagnostics of findings.
func Diagnostics(findings []Finding) corsconf.Diagnostics {
	out := make(corsconf.Diagnostics, len(findings))
	for i, f := range findings {
		out[i] = f.Diagnostic
	}
	return out
}
