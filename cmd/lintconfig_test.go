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
