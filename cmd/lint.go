package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

const (
	flagFailOn    = "fail-on"
	flagEnable    = "enable"
	flagDisable   = "disable"
	flagFix       = "fix"
	flagDryRun    = "dry-run"
	flagListRules = "list-rules"
)

// lintFormats are the values of lint --format.
var lintFormats = []string{"text", "json", "sarif", "github", "junit"}

func newLintCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "find what S3 accepts but is wrong, risky or fragile, and what it rejects",
		ArgsUsage: "FILE|- ...",
		Description: "Reports what validate reports (errors: S3 rejects the configuration) and the findings of the\n" +
			"lint rules (warnings and notices: S3 accepts it, but browsers will not behave as meant).\n" +
			"Exit 1 when a finding at or above --fail-on exists. --fix applies the safe fixes and rewrites\n" +
			"each file in its own format (standard input: prints the result); --dry-run prints a diff\n" +
			"instead. --list-rules prints the rule catalogue. Settings come from .s3cors.yaml, found\n" +
			"above each file, or from --config.",
		Flags: slices.Concat(
			[]cli.Flag{&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: " + strings.Join(lintFormats, ", ")}},
			ruleSelectionFlags(),
			[]cli.Flag{
				&cli.StringFlag{Name: flagConfig, Usage: "settings `FILE` (default: the nearest .s3cors.yaml above each file)"},
				&cli.BoolFlag{Name: flagFix, Usage: "apply the safe fixes and rewrite the files"},
				&cli.BoolFlag{Name: flagDryRun, Usage: "with --fix: print a unified diff and change nothing"},
				&cli.BoolFlag{Name: flagListRules, Usage: "print the rule catalogue (text or json) and lint nothing"},
				fromFlag(), resourceFlag(), colorFlag(),
			}),
		Action: func(c *cli.Context) error {
			in, err := inputFrom(c)
			if err != nil {
				return err
			}
			o := lintOptions{
				format: c.String(flagFormat), failOn: c.String(flagFailOn), config: c.String(flagConfig),
				enable: splitIDs(c.StringSlice(flagEnable)), disable: splitIDs(c.StringSlice(flagDisable)),
				fix: c.Bool(flagFix), dryRun: c.Bool(flagDryRun), listRules: c.Bool(flagListRules),
				in: in, color: c.String(flagColor), files: c.Args().Slice(),
			}
			return runLint(env, o)
		},
	}
}

type lintOptions struct {
	format, failOn, config, color string
	enable, disable               []string
	fix, dryRun, listRules        bool
	in                            inputOptions
	files                         []string
}

// splitIDs splits comma-separated rule IDs: the app keeps commas in flag
// values, so --disable a,b and --disable a --disable b mean the same.
func splitIDs(values []string) []string {
	var out []string
	for _, v := range values {
		for id := range strings.SplitSeq(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				out = append(out, id)
			}
		}
	}
	return out
}

// ruleSelectionFlags are --fail-on, --enable and --disable, which lint and
// audit share.
func ruleSelectionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: flagFailOn, Value: "warning", Usage: "exit 1 when a finding of this severity or a worse one exists: error, warning or notice"},
		&cli.StringSliceFlag{Name: flagEnable, Usage: "turn on rules, `ID,...` (repeatable)"},
		&cli.StringSliceFlag{Name: flagDisable, Usage: "turn off rules, `ID,...` (repeatable)"},
	}
}

// parseFailOn reads --fail-on, which lint and audit share.
func parseFailOn(s string) (corsconf.Severity, error) {
	sev, ok := corsconf.ParseSeverity(s)
	if !ok {
		return 0, usagef("invalid --fail-on %q: use error, warning or notice", s)
	}
	return sev, nil
}

// check validates the options and returns the --fail-on severity.
func (o lintOptions) check() (corsconf.Severity, error) {
	if !slices.Contains(lintFormats, o.format) {
		return 0, usagef("invalid --format %q: use %s", o.format, strings.Join(lintFormats, ", "))
	}
	failOn, err := parseFailOn(o.failOn)
	if err != nil {
		return 0, err
	}
	if o.listRules {
		if o.format != "text" && o.format != "json" {
			return 0, usagef("--list-rules prints text or json, not %s", o.format)
		}
		return failOn, nil
	}
	if o.dryRun && !o.fix {
		return 0, usagef("--dry-run goes with --fix")
	}
	if o.fix && o.in.from.External() {
		return 0, errNoRewrite("lint --fix", o.in.from.String()+" input", o.in.from)
	}
	if o.dryRun && o.format != "text" {
		return 0, usagef("--fix --dry-run prints a diff: use it with --format text")
	}
	if len(o.files) == 0 {
		return 0, usagef("lint needs at least one FILE (or - for standard input)")
	}
	if n := countStdin(o.files); n > 1 {
		return 0, usagef("standard input (-) can be read only once, got it %d times", n)
	}
	// Checked here too, so that a mistake is said before any file is read.
	if _, err := flagRuleIDs("--"+flagEnable, o.enable); err != nil {
		return 0, err
	}
	if _, err := flagRuleIDs("--"+flagDisable, o.disable); err != nil {
		return 0, err
	}
	return failOn, nil
}

func countStdin(files []string) int {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	return n
}

// lintReport is the result of a run over all inputs.
type lintReport struct {
	files    []*lintedFile  // in argument order
	failures []lintFailure  // inputs that could not be read or configured
	findings []lint.Finding // of every file, sorted by file, line and column
	version  string         // of the tool, for SARIF
	byName   map[string]*lintedFile
}

// file returns the linted file named name, or nil.
func (r *lintReport) file(name string) *lintedFile {
	return r.byName[name]
}

// collect gathers the findings of every file, sorted.
func (r *lintReport) collect() {
	r.findings = r.findings[:0]
	r.byName = make(map[string]*lintedFile, len(r.files))
	for _, f := range r.files {
		r.findings = append(r.findings, f.findings...)
		r.byName[f.name] = f
	}
	sortFindings(r.findings)
}

func sortFindings(fs []lint.Finding) {
	slices.SortStableFunc(fs, func(a, b lint.Finding) int { return corsconf.Compare(a.Diagnostic, b.Diagnostic) })
}

// count returns the number of findings of severity s.
func (r *lintReport) count(s corsconf.Severity) int {
	n := 0
	for _, f := range r.findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// failing reports whether a finding at or above failOn exists: error is
// above warning, which is above notice.
func (r *lintReport) failing(failOn corsconf.Severity) bool {
	return slices.ContainsFunc(r.findings, func(f lint.Finding) bool {
		return f.Severity != corsconf.SeverityInvalid && f.Severity <= failOn
	})
}

func runLint(env Env, o lintOptions) error {
	failOn, err := o.check()
	if err != nil {
		return err
	}
	if o.listRules {
		return writeRuleList(env.Stdout, o.format)
	}
	// Standard input rewritten by --fix goes to standard output: the
	// report goes to standard error then.
	out := env.Stdout
	if o.fix && !o.dryRun && countStdin(o.files) > 0 {
		out = env.Stderr
	}
	on, err := useColor(env, o.color, out)
	if err != nil {
		return err
	}
	r, err := lintInputs(env, o)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	if o.fix {
		// The "fixed:" lines go with the text report, else to standard error.
		fp := newPrinter(bw, on)
		if o.format != "text" {
			errOn, _ := useColor(env, o.color, env.Stderr) // the mode is valid: checked above
			fp = newPrinter(env.Stderr, errOn)
		}
		fixErr := r.fix(env, o, fp)
		if err := bw.Flush(); err != nil {
			return err
		}
		if fixErr != nil {
			return fixErr
		}
	}
	r.collect()
	if o.dryRun {
		fmt.Fprintln(bw, r.summary())
	} else if err := r.write(bw, o.format, on); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	switch {
	case len(r.failures) > 0:
		return errFailure
	case r.failing(failOn):
		return errProblems
	}
	return nil
}

// lintInputs reads, checks and lints every input. An input that cannot be
// read (or whose settings cannot be) is reported on standard error and
// recorded as a failure; the others are still linted. A usage error (an
// unknown rule in --enable, an invalid settings file) stops the run. The
// findings stay with their files: the caller collects them once --fix
// has had its turn.
func lintInputs(env Env, o lintOptions) (*lintReport, error) {
	r := &lintReport{version: env.Version}
	configs := newLintConfigCache(o.config)
	reported := map[string]bool{}
	fail := func(name string, err error) {
		msg := err.Error()
		if !reported[msg] { // a broken .s3cors.yaml is said once
			fmt.Fprintf(env.Stderr, "%s: %s\n", appName, msg)
			reported[msg] = true
		}
		r.failures = append(r.failures, lintFailure{name: name, msg: msg})
	}
	for _, arg := range o.files {
		name, src, err := readInput(env, arg)
		if err != nil {
			fail(name, err)
			continue
		}
		opts, err := configs.options(name, o.enable, o.disable)
		var doc *corsconf.Document
		var findings []lint.Finding
		if err == nil {
			doc, findings, err = lintAnyInput(env, name, src, o, opts)
		}
		var ue usageError
		if errors.As(err, &ue) {
			return nil, err
		}
		if err != nil {
			fail(name, err)
			continue
		}
		r.files = append(r.files, &lintedFile{name: name, src: src, doc: doc, opts: opts, findings: findings})
	}
	return r, nil
}

// lintConfigCache loads the settings of each directory once.
type lintConfigCache struct {
	explicit string
	byDir    map[string]*lintConfig
}

func newLintConfigCache(explicit string) *lintConfigCache {
	return &lintConfigCache{explicit: explicit, byDir: map[string]*lintConfig{}}
}

// options returns the lint options for file: its settings, then --enable
// and --disable.
func (c *lintConfigCache) options(file string, enable, disable []string) (lint.Options, error) {
	key := filepath.Dir(file)
	if c.explicit != "" {
		key = "" // one file for every input
	}
	cfg, ok := c.byDir[key]
	if !ok {
		var err error
		if cfg, err = loadLintConfig(c.explicit, file); err != nil {
			return lint.Options{}, err
		}
		c.byDir[key] = cfg
	}
	return cfg.options(file, enable, disable)
}

// lintSource checks and lints one document: what S3 rejects (the
// validation errors of corsconf.Check, as validate reports them, which no
// setting turns off) and the lint findings under opts, with the inline
// ignores applied. A document that is not well-formed gets only its
// syntax errors: rules over the part that could be read would only add
// noise.
func lintSource(name string, src []byte, from corsconf.Format, opts lint.Options) (*corsconf.Document, []lint.Finding) {
	doc, diags := corsconf.Check(name, src, from)
	return doc, lintDiagnostics(doc, diags, opts)
}

// lintDiagnostics returns the findings of a checked document: its
// diagnostics, then the lint findings under opts unless it could not be
// read.
func lintDiagnostics(doc *corsconf.Document, diags corsconf.Diagnostics, opts lint.Options) []lint.Finding {
	findings := make([]lint.Finding, 0, len(diags))
	readable := true
	for _, d := range diags {
		if d.Rule == "syntax" || d.Rule == "wrong-format" {
			readable = false
		}
		findings = append(findings, lint.Finding{Diagnostic: d})
	}
	if readable {
		// Suppress adds findings about the ignore comments: opts apply to them too.
		findings = append(findings, opts.Apply(lint.Suppress(doc, lint.Run(doc)))...)
	}
	sortFindings(findings)
	return findings
}

// write prints the findings in format.
func (r *lintReport) write(w io.Writer, format string, color bool) error {
	switch format {
	case "json":
		return r.writeJSON(w)
	case "sarif":
		return r.writeSARIF(w)
	case "github":
		return r.writeGitHub(w)
	case "junit":
		return r.writeJUnit(w)
	}
	r.writeText(newPrinter(w, color))
	return nil
}

// summary is the last line of the text output.
func (r *lintReport) summary() string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(len(r.files), "file"),
		plural(r.count(corsconf.SeverityError), "error"),
		plural(r.count(corsconf.SeverityWarning), "warning"),
		plural(r.count(corsconf.SeverityNotice), "notice"))
}
