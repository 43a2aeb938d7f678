package cmd

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// ots is the reference rule, in the catalogue from the start.
const ots = "origin-trailing-slash"

// twoRules returns the IDs of two rules of the catalogue, ots first.
func twoRules(t *testing.T) (string, string) {
	t.Helper()
	for _, r := range lint.Rules() {
		if r.ID != ots {
			return ots, r.ID
		}
	}
	t.Fatal("the catalogue has a single rule")
	return "", ""
}

// writeFiles creates files under dir: path -> content; a path ending in
// "/" is a directory.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLintConfigDiscovery(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		".s3cors.yaml":                    "rules: {" + ots + ": off}\n",
		"sub/.s3cors.yaml":                "rules: {" + ots + ": notice}\n",
		"sub/deeper/cors.xml":             "",
		"other/cors.xml":                  "",
		"dirconf/.s3cors.yaml/":           "",
		"testdata-like/a/b/c/d/cors.json": "",
	})
	top, sub := filepath.Join(root, ".s3cors.yaml"), filepath.Join(root, "sub", ".s3cors.yaml")
	tests := []struct {
		name, chdir, file, want string
	}{
		{"nearest above the file", "", filepath.Join(root, "sub", "deeper", "cors.xml"), sub},
		{"in the file's directory", "", filepath.Join(root, "sub", "cors.xml"), sub},
		{"several levels up", "", filepath.Join(root, "testdata-like", "a", "b", "c", "d", "cors.json"), top},
		{"a sibling's does not count", "", filepath.Join(root, "other", "cors.xml"), top},
		{"a directory of that name is skipped", "", filepath.Join(root, "dirconf", "cors.xml"), top},
		{"relative file name", filepath.Join(root, "sub"), filepath.Join("deeper", "cors.xml"), sub},
		{"relative with ..", filepath.Join(root, "sub"), filepath.Join("..", "other", "cors.xml"), top},
		{"stdin: from the working directory", filepath.Join(root, "sub", "deeper"), "-", sub},
		{"stdin as named in messages", filepath.Join(root, "other"), stdinName, top},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.chdir != "" {
				t.Chdir(tt.chdir)
			}
			c, err := loadLintConfig("", tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if c.Path != tt.want {
				t.Errorf("Path = %q, want %q", c.Path, tt.want)
			}
			want := "off"
			if tt.want == sub {
				want = "notice"
			}
			if c.Rules[ots] != want {
				t.Errorf("Rules = %v, want %s: %s", c.Rules, ots, want)
			}
		})
	}
	t.Run("none found", func(t *testing.T) {
		empty := t.TempDir()
		c, err := loadLintConfig("", filepath.Join(empty, "a", "cors.xml"))
		if err != nil {
			t.Fatal(err)
		}
		// Above the temporary directory is the machine's: only what lies
		// inside it is known.
		if strings.HasPrefix(c.Path, empty) {
			t.Errorf("Path = %q", c.Path)
		}
	})
}

func TestLintConfigExplicit(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"sub/.s3cors.yaml": "rules: {" + ots + ": notice}\n",
		"conf/lint.yaml":   "ignore:\n  - rules: [" + ots + "]\n    paths: [\"dev/*.xml\"]\n",
		"conf/bad.yaml":    "rules: {" + ots + ": loud}\nignore: 3\n",
	})
	explicit := filepath.Join(root, "conf", "lint.yaml")
	c, err := loadLintConfig(explicit, filepath.Join(root, "sub", "cors.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != explicit || len(c.Rules) != 0 || len(c.Ignore) != 1 {
		t.Fatalf("got %+v: the explicit file wins over the nearest", c)
	}
	// Its globs are relative to its own directory.
	for file, want := range map[string]bool{
		filepath.Join(root, "conf", "dev", "cors.xml"): true,
		filepath.Join(root, "dev", "cors.xml"):         false,
		filepath.Join(root, "sub", "dev", "cors.xml"):  false,
	} {
		opts, err := c.options(file, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if opts.Disable[ots] != want {
			t.Errorf("%s: disabled = %v, want %v", file, opts.Disable[ots], want)
		}
	}

	t.Run("missing", func(t *testing.T) {
		_, err := loadLintConfig(filepath.Join(root, "nope.yaml"), "cors.xml")
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "nope.yaml: no such file") {
			t.Errorf("err = %v, want a usage error naming the file", err)
		}
	})
	t.Run("a directory", func(t *testing.T) {
		_, err := loadLintConfig(filepath.Join(root, "conf"), "cors.xml")
		var ue usageError
		if err == nil || errors.As(err, &ue) {
			t.Errorf("err = %v, want a failure", err)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		bad := filepath.Join(root, "conf", "bad.yaml")
		_, err := loadLintConfig(bad, "cors.xml")
		var ue usageError
		var ce *lintConfigError
		if !errors.As(err, &ue) || !errors.As(err, &ce) {
			t.Fatalf("err = %v, want a usage error holding a *lintConfigError", err)
		}
		want := bad + " is not a valid configuration (2 problems):\n" +
			bad + `:1:32: rules: origin-trailing-slash: unknown level "loud" (use off, error, warning or notice)` + "\n" +
			bad + ":2:9: ignore: want a list of entries with rules and paths, got an integer"
		if err.Error() != want {
			t.Errorf("got:\n%s\nwant:\n%s", err, want)
		}
	})
}

func TestLintConfigParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the problems, "line:col: message"; none when the file is valid
	}{
		{name: "empty", src: ""},
		{name: "comments only", src: "# nothing yet\n"},
		{name: "null sections", src: "rules:\nignore:\n"},
		{name: "every form", src: "rules:\n  " + ots + ": off\nignore:\n  - rules: [" + ots + "]\n    paths: [\"dev/**\", '*.local.xml', ./x/y.json]\n  - rules:\n      - " + ots + "\n    paths:\n      - a\n"},
		{name: "anchors and aliases", src: "ignore:\n  - rules: &r [" + ots + "]\n    paths: [a]\n  - rules: *r\n    paths: [b]\n"},
		{name: "a byte order mark", src: "\xEF\xBB\xBFrules: {" + ots + ": warning}\n"},
		{
			name: "syntax error",
			src:  "rules: {" + ots + ": off\n",
			want: []string{"1:8: invalid YAML: could not find flow mapping end token '}'"},
		},
		{
			name: "duplicate key",
			src:  "rules:\n  " + ots + ": off\n  " + ots + ": error\n",
			want: []string{`3:3: invalid YAML: mapping key "origin-trailing-slash" already defined at [2:3]`},
		},
		{
			name: "not a mapping",
			src:  "- rules\n",
			want: []string{"1:1: the configuration: want a mapping with the keys rules and ignore, got a list"},
		},
		{
			name: "two documents",
			src:  "rules: {}\n---\nrules: {}\n",
			want: []string{"3:1: a configuration holds one YAML document; this is document 2"},
		},
		{
			name: "unknown keys",
			src:  "rule:\n  " + ots + ": off\nignores: []\nextends: base.yaml\n",
			want: []string{
				`1:1: unknown key "rule" at the top level (keys: rules, ignore); did you mean "rules"?`,
				`3:1: unknown key "ignores" at the top level (keys: rules, ignore); did you mean "ignore"?`,
				`4:1: unknown key "extends" at the top level (keys: rules, ignore)`,
			},
		},
		{
			name: "unknown rules",
			src:  "rules:\n  origin-trailing-slashes: off\n  no-such-thing: off\n",
			want: []string{
				`2:3: rules: unknown rule "origin-trailing-slashes"; did you mean "origin-trailing-slash"?`,
				`3:3: rules: unknown rule "no-such-thing"`,
			},
		},
		{
			name: "levels",
			src:  "rules:\n  " + ots + ": warn\n",
			want: []string{`2:26: rules: origin-trailing-slash: unknown level "warn" (use off, error, warning or notice); did you mean "warning"?`},
		},
		{
			name: "level of another type",
			src:  "rules: {" + ots + ": false}\n---\n",
			want: []string{"1:32: rules: origin-trailing-slash: want off, error, warning or notice, got a boolean; write off"},
		},
		{
			name: "level missing, level a list",
			src:  "rules:\n  " + ots + ":\n  x-" + ots + ": [off]\n",
			want: []string{
				"2:25: rules: origin-trailing-slash: want off, error, warning or notice, got nothing",
				`3:3: rules: unknown rule "x-origin-trailing-slash"; did you mean "origin-trailing-slash"?`,
			},
		},
		{
			name: "rules of the wrong type",
			src:  "rules: [" + ots + "]\n",
			want: []string{"1:8: rules: want a mapping of rule IDs to off, error, warning or notice, got a list"},
		},
		{
			name: "ignore entries",
			src: "ignore:\n  - rules: " + ots + "\n    paths: []\n  - path: [a]\n    rules: [nope, " + ots + ", 3]\n  - 7\n" +
				"  - rules: [" + ots + "]\n  - paths: [a]\n  - {}\n",
			want: []string{
				"2:12: ignore[0].rules: want a list of rule IDs, such as [a, b], got a string",
				"3:12: ignore[0].paths: want a list of path globs, such as [a, b], got an empty list",
				`4:5: ignore[1]: unknown key "path" (keys: rules, paths); did you mean "paths"?`,
				"4:5: ignore[1]: the entry has no paths (an entry needs both)",
				`5:13: ignore[1].rules: unknown rule "nope"`,
				"5:42: ignore[1].rules: want a string, got an integer",
				"6:5: ignore[2]: want a mapping with the keys rules and paths, got an integer",
				"7:5: ignore[3]: the entry has no paths (an entry needs both)",
				"8:5: ignore[4]: the entry has no rules (an entry needs both)",
				"9:5: ignore[5]: the entry has no rules and no paths (an entry needs both)",
			},
		},
		{
			name: "bad globs",
			src:  "ignore:\n  - rules: [" + ots + "]\n    paths: [\"/abs/*.xml\", \"dev/\", \"../up/*.xml\", \"a/[b\", \"\"]\n",
			want: []string{
				`3:13: ignore[0].paths: path pattern "/abs/*.xml" is absolute: patterns are relative to the directory of .s3cors.yaml`,
				`3:27: ignore[0].paths: path pattern "dev/" names a directory: write "dev/**" for the files under it`,
				`3:35: ignore[0].paths: path pattern "../up/*.xml" leaves the directory of .s3cors.yaml`,
				`3:50: ignore[0].paths: path pattern "a/[b" is malformed (an unclosed [ or a trailing \)`,
				"3:58: ignore[0].paths: an empty path pattern",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLintConfig("c.yaml", []byte(tt.src))
			var got []string
			if err != nil {
				var ce *lintConfigError
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a *lintConfigError", err)
				}
				for _, p := range ce.problems {
					got = append(got, strings.TrimPrefix(p, "c.yaml:"))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestLintConfigParseValues(t *testing.T) {
	src := "rules:\n  " + ots + ": notice\nignore:\n  - rules: [" + ots + "]\n    paths: [./dev/**/x.xml, 'a//b/*.xml']\n"
	c, err := parseLintConfig("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(c.Rules, map[string]string{ots: "notice"}) {
		t.Errorf("Rules = %v", c.Rules)
	}
	want := []lintIgnore{{Rules: []string{ots}, Paths: []string{"dev/**/x.xml", "a/b/*.xml"}}}
	if len(c.Ignore) != 1 || !slices.Equal(c.Ignore[0].Rules, want[0].Rules) || !slices.Equal(c.Ignore[0].Paths, want[0].Paths) {
		t.Errorf("Ignore = %+v, want %+v", c.Ignore, want)
	}
}

func TestLintConfigGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"cors.xml", "cors.xml", true},
		{"cors.xml", "dev/cors.xml", false},
		{"*.xml", "cors.xml", true},
		{"*.xml", "dev/cors.xml", false}, // * stays within a segment
		{"*.xml", "cors.json", false},
		{"dev/*", "dev/cors.xml", true},
		{"dev/*", "dev/a/cors.xml", false},
		{"dev/**", "dev/cors.xml", true},
		{"dev/**", "dev/a/b/cors.xml", true},
		{"dev/**", "prod/cors.xml", false},
		{"dev/**", "devel/cors.xml", false},
		{"**/*.local.xml", "a.local.xml", true}, // ** matches no directory too
		{"**/*.local.xml", "a/b/c.local.xml", true},
		{"**/*.local.xml", "a/b/c.xml", false},
		{"**/test/**", "test/x.xml", true},
		{"**/test/**", "a/test/b/x.xml", true},
		{"**/test/**", "a/testing/x.xml", false},
		{"a/**/b/*.xml", "a/b/x.xml", true},
		{"a/**/b/*.xml", "a/x/y/b/x.xml", true},
		{"a/**/**/b", "a/b", true},
		{"a/**/b", "a/x/c", false},
		{"**", "anything/at/all.xml", true},
		{"env-?/[a-c]*.xml", "env-1/b.xml", true},
		{"env-?/[a-c]*.xml", "env-1/d.xml", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestLintConfigOptions(t *testing.T) {
	a, b := twoRules(t)
	root := t.TempDir()
	conf := filepath.Join(root, lintConfigName)
	writeFiles(t, root, map[string]string{lintConfigName: "rules:\n  " + a + ": off\n  " + b + ": notice\n" +
		"ignore:\n  - rules: [" + b + "]\n    paths: [\"dev/**\", \"**/*.local.xml\"]\n"})
	c, err := loadLintConfig(conf, "-")
	if err != nil {
		t.Fatal(err)
	}
	in := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	sev := map[string]corsconf.Severity{b: corsconf.SeverityNotice}
	tests := []struct {
		name            string
		file            string
		enable, disable []string
		wantOff         []string
		wantErr         string
	}{
		{name: "levels", file: in("cors.xml"), wantOff: []string{a}},
		{name: "ignore by **", file: in("dev", "x", "cors.xml"), wantOff: []string{a, b}},
		{name: "ignore by **/*", file: in("prod", "cors.local.xml"), wantOff: []string{a, b}},
		{name: "no ignore outside the directory", file: filepath.Join(filepath.Dir(root), "dev", "cors.xml"), wantOff: []string{a}},
		{name: "no ignore for stdin", file: stdinName, wantOff: []string{a}},
		{name: "--enable wins over the level", file: in("cors.xml"), enable: []string{a}},
		{name: "--enable wins over ignore", file: in("dev", "cors.xml"), enable: []string{a + "," + b}},
		{name: "--disable", file: in("cors.xml"), disable: []string{b}, wantOff: []string{a, b}},
		{name: "--disable, repeated and split", file: in("cors.xml"), disable: []string{b + ", " + a, b}, wantOff: []string{a, b}},
		{name: "in both", file: in("cors.xml"), enable: []string{b}, disable: []string{b}, wantErr: `rule "` + b + `" is in both --enable and --disable`},
		{name: "unknown in --disable", file: in("cors.xml"), disable: []string{"origin-trailing-slashes"},
			wantErr: `unknown rule "origin-trailing-slashes" in --disable; did you mean "origin-trailing-slash"?`},
		{name: "unknown in --enable", file: in("cors.xml"), enable: []string{"zzz"}, wantErr: `unknown rule "zzz" in --enable`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := c.options(tt.file, tt.enable, tt.disable)
			if tt.wantErr != "" {
				var ue usageError
				if !errors.As(err, &ue) || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want the usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(maps.Keys(opts.Disable)); !slices.Equal(got, slices.Sorted(slices.Values(tt.wantOff))) {
				t.Errorf("Disable = %v, want %v", got, tt.wantOff)
			}
			if !maps.Equal(opts.Severity, sev) {
				t.Errorf("Severity = %v, want %v", opts.Severity, sev)
			}
		})
	}
	t.Run("no configuration", func(t *testing.T) {
		opts, err := (&lintConfig{}).options(in("dev", "cors.xml"), nil, []string{a})
		if err != nil || !maps.Equal(opts.Disable, map[string]bool{a: true}) || len(opts.Severity) != 0 {
			t.Errorf("got %+v, %v", opts, err)
		}
	})
}

func TestLintConfigApplyOptions(t *testing.T) {
	a, b := twoRules(t)
	f := func(rule string, sev corsconf.Severity, s3 bool) lint.Finding {
		d := corsconf.Diagnostic{File: "f", Path: "CORSConfiguration", Rule: rule, Severity: sev, Message: "m"}
		if s3 {
			d.S3 = &corsconf.S3Error{Code: "InvalidRequest"}
		}
		return lint.Finding{Diagnostic: d}
	}
	in := []lint.Finding{f(a, corsconf.SeverityWarning, false), f(b, corsconf.SeverityWarning, false), f(a, corsconf.SeverityError, true)}
	got := lint.Options{Disable: map[string]bool{a: true}, Severity: map[string]corsconf.Severity{b: corsconf.SeverityNotice}}.Apply(in)
	want := []lint.Finding{f(b, corsconf.SeverityNotice, false), f(a, corsconf.SeverityError, true)}
	if len(got) != len(want) || got[0].Diagnostic != want[0].Diagnostic || got[1].Rule != a || got[1].Severity != corsconf.SeverityError {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if in[1].Severity != corsconf.SeverityWarning {
		t.Errorf("the argument was changed")
	}
}

// TestLintConfigExample checks the example of docs/commands/lint.md,
// testdata/lintconfig/.s3cors.yaml, as lint finds it, and the messages for
// a file full of mistakes against testdata/lintconfig/errors.out.
func TestLintConfigExample(t *testing.T) {
	dir := filepath.Join("..", "testdata", "lintconfig")
	c, err := loadLintConfig("", filepath.Join(dir, "prod", "cors.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != filepath.Join(dir, lintConfigName) && c.Path != mustAbs(t, filepath.Join(dir, lintConfigName)) {
		t.Fatalf("found %q", c.Path)
	}
	for file, want := range map[string][]string{
		filepath.Join(dir, "prod", "cors.xml"):       {"wildcard-origin"},
		filepath.Join(dir, "dev", "a", "cors.xml"):   {"max-age-missing", "wildcard-origin", "wildcard-origin-write"},
		filepath.Join(dir, "prod", "cors.local.xml"): {"max-age-missing", "wildcard-origin", "wildcard-origin-write"},
	} {
		opts, err := c.options(file, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Sorted(maps.Keys(opts.Disable)); !slices.Equal(got, want) {
			t.Errorf("%s: Disable = %v, want %v", file, got, want)
		}
		if opts.Severity["origin-trailing-slash"] != corsconf.SeverityError || opts.Severity["max-age-missing"] != corsconf.SeverityNotice {
			t.Errorf("%s: Severity = %v", file, opts.Severity)
		}
	}

	_, err = loadLintConfig(filepath.Join(dir, "errors.yaml"), "-")
	if err == nil {
		t.Fatal("errors.yaml: no error")
	}
	checkGolden(t, filepath.Join(dir, "errors.out"), err.Error()+"\n")
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
