package cmd

import (
	"bytes"
	"fmt"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// fix applies the fixes of every file's fixable findings and writes each
// changed file in its own format, atomically; standard input is printed
// fixed to standard output; with --dry-run each change is printed as a
// unified diff to p instead. A file is rewritten in canonical form (as fmt
// writes it) with its XML comments kept. A file with problems that
// rewriting would lose (a syntax error, an unknown element) is left alone.
// Each fixed file is linted again, so that the report and the exit code
// say what remains; p gets one "fixed:" line per fix.
func (r *lintReport) fix(env Env, o lintOptions, p *printer) error {
	var fixed []lint.Finding
	for _, lf := range r.files {
		orig := lf.src
		applied, err := fixPasses(env, lf, o.in.from)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			if lf.name == stdinName && !o.dryRun { // a filter prints its input unchanged
				if _, err := env.Stdout.Write(orig); err != nil {
					return err
				}
			}
			continue
		}
		if err := r.writeFixed(env, o, p, lf, orig); err != nil {
			if err == errFailure {
				continue
			}
			return err
		}
		fixed = append(fixed, applied...)
	}
	if !o.dryRun {
		sortFindings(fixed)
		for _, f := range fixed {
			fmt.Fprintf(p.w, "%s: %s: %s %s\n", p.bold.Sprint(location(f.Diagnostic)), p.ok.Sprint("fixed"), f.Message, p.dim.Sprintf("[%s]", f.Rule))
		}
	}
	return nil
}

// maxFixPasses bounds the rounds of fixing: a fix can reveal another (two
// origins made equal are then duplicates), and each round is linted again.
const maxFixPasses = 5

// fixPasses applies lf's fixes round after round, in memory, until no
// fixable finding is left; lf then holds the fixed source, document and
// findings. It returns the findings fixed, none when the file is left
// alone because rewriting it would lose what could not be read.
func fixPasses(env Env, lf *lintedFile, from corsconf.Format) ([]lint.Finding, error) {
	var applied []lint.Finding
	for pass := 0; pass < maxFixPasses; pass++ {
		found, edits := selectFixes(lf.findings)
		if len(edits) == 0 {
			break
		}
		if pass == 0 {
			if _, diags := corsconf.Parse(lf.name, lf.src, from); len(diags) > 0 {
				fmt.Fprintf(env.Stderr, "%s: %s: not fixed: rewriting it would lose what could not be read; correct its errors first\n", appName, lf.name)
				return nil, nil
			}
		}
		var buf bytes.Buffer
		if err := lint.ApplyDocument(lf.doc, edits).Write(&buf, lf.doc.Format); err != nil {
			return nil, err
		}
		applied = append(applied, found...)
		lf.src, lf.lines = buf.Bytes(), nil
		lf.doc, lf.findings = lintSource(lf.name, lf.src, lf.doc.Format, lf.opts)
	}
	return applied, nil
}

// writeFixed writes lf's fixed source: a diff from orig with --dry-run,
// standard output for standard input, else the file, atomically. A write
// that fails is recorded and returns errFailure.
func (r *lintReport) writeFixed(env Env, o lintOptions, p *printer, lf *lintedFile, orig []byte) error {
	switch {
	case o.dryRun:
		_, err := fmt.Fprint(p.w, unifiedDiff(lf.name, orig, lf.src))
		return err
	case lf.name == stdinName:
		_, err := env.Stdout.Write(lf.src)
		return err
	}
	if err := writeFileAtomic(lf.name, lf.src); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %s\n", appName, err)
		r.failures = append(r.failures, lintFailure{name: lf.name, msg: err.Error()})
		return errFailure
	}
	return nil
}

// selectFixes returns the fixable findings whose fixes can be made
// together, and their edits. A finding whose edits would change a value,
// or a rule, that an earlier finding's edits change differently is left
// for the next run (which lints the result of this one): of two fixes of
// one origin, say one that lower-cases it and one that drops its trailing
// slash, only the first is made, and it is the only one reported fixed.
func selectFixes(findings []lint.Finding) ([]lint.Finding, []lint.Edit) {
	type target struct {
		rule  int
		field string
		index int
	}
	claimed := map[target]lint.Edit{}
	removedRules := map[int]bool{}
	touchedRules := map[int]bool{}
	var selected []lint.Finding
	var edits []lint.Edit
	for _, f := range findings {
		if len(f.Fix) == 0 {
			continue
		}
		ok := true
		for _, e := range f.Fix {
			switch e.Op {
			case lint.EditRemoveRule:
				ok = ok && (removedRules[e.Rule] || !touchedRules[e.Rule])
			case lint.EditSet, lint.EditRemove:
				prev, seen := claimed[target{e.Rule, e.Field, e.Index}]
				ok = ok && !removedRules[e.Rule] && (!seen || prev == e)
			default:
				ok = ok && !removedRules[e.Rule]
			}
		}
		if !ok {
			continue
		}
		for _, e := range f.Fix {
			if e.Op == lint.EditRemoveRule {
				removedRules[e.Rule] = true
			} else {
				touchedRules[e.Rule] = true
			}
			if e.Op == lint.EditSet || e.Op == lint.EditRemove {
				claimed[target{e.Rule, e.Field, e.Index}] = e
			}
		}
		selected = append(selected, f)
		edits = append(edits, f.Fix...)
	}
	return selected, edits
}
