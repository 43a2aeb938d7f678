package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// The settings of lint, .s3cors.yaml: this file holds their types, how
// they are found and how they become lint options. The strict reader is
// in lintconfig_yaml.go, the path globs in lintconfig_glob.go.

// lintConfigName is the configuration file lint looks for, walking up from
// each linted file's directory.
const lintConfigName = ".s3cors.yaml"

// levelOff turns a rule off; the other levels are the severities.
const levelOff = "off"

var lintLevels = []string{levelOff, "error", "warning", "notice"}

// lintConfig is a parsed .s3cors.yaml:
//
//	rules:
//	  wildcard-origin: off        # off, error, warning or notice
//	  max-age-missing: warning
//	ignore:
//	  - rules: [wildcard-origin-write]
//	    paths: ["dev/**", "**/*.local.xml"]
//
// testdata/lintconfig/.s3cors.yaml is the README's example.
type lintConfig struct {
	Path   string            // where it was read, "" for none
	Rules  map[string]string // rule ID -> "off", "error", "warning" or "notice"
	Ignore []lintIgnore
	dir    string // the absolute directory of Path: what the globs are relative to
}

// lintIgnore turns rules off for files matching path globs, relative to the
// configuration file's directory. A glob is matched segment by segment
// with [path.Match]; a "**" segment matches any number of directories,
// none included.
type lintIgnore struct {
	Rules []string
	Paths []string // checked by checkGlob and cleaned: "./dev//x" is "dev/x"
}

// lintConfigError lists what is wrong in a configuration file, one
// "file:line:col: message" per problem.
type lintConfigError struct {
	name     string   // the file, as shown
	problems []string // in file order
}

func (e *lintConfigError) Error() string {
	return fmt.Sprintf("%s is not a valid configuration (%s):\n%s",
		e.name, plural(len(e.problems), "problem"), strings.Join(e.problems, "\n"))
}

// loadLintConfig returns the configuration for file: the one named by
// explicit when not "", else the nearest .s3cors.yaml above file, else an
// empty configuration. A configuration that is not valid, or an explicit
// one that does not exist, is a usage error (wrapping a *lintConfigError
// for the former); a file that cannot be read is a plain error.
func loadLintConfig(explicit, file string) (*lintConfig, error) {
	name, shown := explicit, explicit
	if explicit == "" {
		found, err := findLintConfig(file)
		if err != nil || found == "" {
			return &lintConfig{}, err
		}
		name, shown = found, displayPath(found)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		if explicit != "" && errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("cannot read the configuration %s: %v", shown, unwrapPathError(err))
		}
		return nil, fmt.Errorf("cannot read the configuration %s: %w", shown, unwrapPathError(err))
	}
	c, err := parseLintConfig(shown, src)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, fmt.Errorf("cannot locate the configuration %s: %w", shown, err)
	}
	c.Path, c.dir = name, filepath.Dir(abs)
	return c, nil
}

// isStdinName reports whether file names standard input, or anything else
// that is not a local file (s3://bucket): it has no directory of its own.
func isStdinName(file string) bool {
	return file == "" || file == "-" || file == stdinName || strings.Contains(file, "://")
}

// findLintConfig returns the nearest .s3cors.yaml in file's directory or
// above it (the working directory for standard input), or "".
func findLintConfig(file string) (string, error) {
	dir, err := os.Getwd()
	if !isStdinName(file) {
		var abs string
		abs, err = filepath.Abs(file)
		dir = filepath.Dir(abs)
	}
	if err != nil {
		return "", fmt.Errorf("cannot look for %s: %w", lintConfigName, err)
	}
	for {
		p := filepath.Join(dir, lintConfigName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// displayPath returns p relative to the working directory when it lies
// inside it, else p.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// options returns the lint options for file under c, with --enable and
// --disable applied on top: the levels of rules:, then the ignore: entries
// whose paths match file, then --enable (which wins over the file), then
// --disable. An unknown ID in the flags, or one in both, is a usage error.
func (c *lintConfig) options(file string, enable, disable []string) (lint.Options, error) {
	opts := lint.Options{Disable: map[string]bool{}, Severity: map[string]corsconf.Severity{}}
	for id, level := range c.Rules {
		if level == levelOff {
			opts.Disable[id] = true
		} else if sev, ok := corsconf.ParseSeverity(level); ok {
			opts.Severity[id] = sev
		}
	}
	if rel, ok := c.relative(file); ok {
		for _, ig := range c.Ignore {
			if slices.ContainsFunc(ig.Paths, func(p string) bool { return matchGlob(p, rel) }) {
				for _, id := range ig.Rules {
					opts.Disable[id] = true
				}
			}
		}
	}
	on, err := flagRuleIDs("--enable", enable)
	if err != nil {
		return lint.Options{}, err
	}
	off, err := flagRuleIDs("--disable", disable)
	if err != nil {
		return lint.Options{}, err
	}
	for _, id := range on {
		if slices.Contains(off, id) {
			return lint.Options{}, usagef("rule %q is in both --enable and --disable", id)
		}
		delete(opts.Disable, id)
	}
	for _, id := range off {
		opts.Disable[id] = true
	}
	return opts, nil
}

// flagRuleIDs returns the rule IDs of a flag's values, which may each hold
// several separated by commas; an unknown ID is a usage error.
func flagRuleIDs(flag string, values []string) ([]string, error) {
	ids := splitIDs(values)
	for _, id := range ids {
		if lint.Lookup(id) == nil && corsconf.LookupCheck(id) != nil {
			return nil, usagef("%s %s: %q is a check of what S3 rejects, which is always reported", flag, id, id)
		}
		if lint.Lookup(id) == nil {
			return nil, usagef("unknown rule %q in %s%s", id, flag, suggestRuleID(id))
		}
	}
	return ids, nil
}

// suggestRuleID returns `; did you mean "id"?` for the catalogue's ID
// nearest to id, or "".
func suggestRuleID(id string) string {
	var ids []string
	for _, r := range lint.Rules() {
		ids = append(ids, r.ID)
	}
	return suggestFrom(id, ids...)
}

// relative returns file's path relative to the configuration's directory,
// with slashes; ok is false for standard input, with no configuration file,
// and for a file outside that directory.
func (c *lintConfig) relative(file string) (rel string, ok bool) {
	dir := c.dir
	if dir == "" && c.Path != "" {
		if abs, err := filepath.Abs(c.Path); err == nil {
			dir = filepath.Dir(abs)
		}
	}
	if dir == "" || isStdinName(file) {
		return "", false
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	if rel, err = filepath.Rel(dir, abs); err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}
