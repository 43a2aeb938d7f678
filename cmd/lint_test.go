package cmd

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// Lint inputs, shared with the golden cases; these tests run from cmd/.
const lintDir = "../testdata/lintcli"

func lintInput(name string) string { return filepath.Join(lintDir, name) }

// lintJSON runs lint --format json with args and decodes its findings.
func lintJSON(t *testing.T, args ...string) ([]lintJSONDiagnostic, result) {
	t.Helper()
	r := run(nil, nil, false, append([]string{"lint", "--format", "json"}, args...)...)
	var out []lintJSONDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("lint --format json: %v\nstdout:\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
	return out, r
}

// TestLintExitCodes derives the expected exit code of each --fail-on from
// the severities the JSON output reports, so that it holds whatever rules
// the catalogue has.
func TestLintExitCodes(t *testing.T) {
	for _, file := range []string{"errors.xml", "trailing-slash.xml", "clean.xml"} {
		findings, _ := lintJSON(t, lintInput(file))
		worst := corsconf.SeverityInvalid
		for _, d := range findings {
			s, ok := corsconf.ParseSeverity(d.Severity)
			if !ok {
				t.Fatalf("severity %q", d.Severity)
			}
			if worst == corsconf.SeverityInvalid || s < worst {
				worst = s
			}
		}
		for _, failOn := range []corsconf.Severity{corsconf.SeverityError, corsconf.SeverityWarning, corsconf.SeverityNotice} {
			want := ExitOK
			if worst != corsconf.SeverityInvalid && worst <= failOn {
				want = ExitProblems
			}
			r := run(nil, nil, false, "lint", "--fail-on", failOn.String(), lintInput(file))
			if r.code != want {
				t.Errorf("%s --fail-on %s: exit %d, want %d (worst finding: %v)", file, failOn, r.code, want, worst)
			}
		}
	}
	// The default is warning.
	if r := run(nil, nil, false, "lint", lintInput("trailing-slash.xml")); r.code != ExitProblems {
		t.Errorf("a warning with the default --fail-on: exit %d, want 1", r.code)
	}
}

func TestLintUsage(t *testing.T) {
	ok := lintInput("clean.xml")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad format", []string{"--format", "xml", ok}, `invalid --format "xml"`},
		{"bad fail-on", []string{"--fail-on", "info", ok}, `invalid --fail-on "info"`},
		{"unknown rule", []string{"--disable", "origin-trailing-slash,no-such-rule", ok}, `unknown rule "no-such-rule" in --disable`},
		{"unknown enabled rule", []string{"--enable", "nope", ok}, `unknown rule "nope" in --enable`},
		{"dry run without fix", []string{"--dry-run", ok}, "--dry-run goes with --fix"},
		{"dry run as json", []string{"--fix", "--dry-run", "--format", "json", ok}, "use it with --format text"},
		{"no file", nil, "lint needs at least one FILE"},
		{"stdin twice", []string{"-", "-"}, "standard input (-) can be read only once"},
		{"list rules as sarif", []string{"--list-rules", "--format", "sarif"}, "--list-rules prints text or json"},
		{"bad color", []string{"--color", "rainbow", ok}, `invalid --color "rainbow"`},
		{"bad from", []string{"--from", "yaml", ok}, `invalid --from "yaml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(nil, nil, false, append([]string{"lint"}, tt.args...)...)
			wantCode(t, r, ExitUsage)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

func TestLintUnreadableFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.xml")
	r := run(nil, nil, false, "lint", missing, lintInput("trailing-slash.xml"))
	wantCode(t, r, ExitFailure)
	if !strings.Contains(r.stderr, "cannot read "+missing) {
		t.Errorf("stderr lacks the read error:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "[origin-trailing-slash]") || !strings.Contains(r.stdout, "\n1 file, ") {
		t.Errorf("the readable file was not linted:\n%s", r.stdout)
	}
}

func TestLintEnableDisable(t *testing.T) {
	file := lintInput("errors.xml")
	findings, _ := lintJSON(t, file)
	var others []string // rules with findings, other than the one disabled
	for _, d := range findings {
		if d.Rule != "origin-trailing-slash" && d.S3Code == "" {
			others = append(others, d.Rule)
		}
	}
	args := []string{"lint", "--disable", "origin-trailing-slash"}
	if len(others) > 0 {
		args = append(args, "--disable", others[0])
	}
	repeated := run(nil, nil, false, append(args, file)...)
	comma := run(nil, nil, false, "lint", "--disable", strings.Join(append([]string{"origin-trailing-slash"}, others[:min(1, len(others))]...), ","), file)
	if comma.stdout != repeated.stdout || comma.code != repeated.code {
		t.Errorf("--disable a,b and --disable a --disable b differ:\n%s\n%s", comma.stdout, repeated.stdout)
	}
	if strings.Contains(comma.stdout, "[origin-trailing-slash]") {
		t.Errorf("disabled rule still reported:\n%s", comma.stdout)
	}
	// What S3 rejects is reported whatever is disabled.
	for _, id := range []string{"[unsupported-method]", "[expose-header-wildcard]"} {
		if !strings.Contains(comma.stdout, id) {
			t.Errorf("validation error %s is gone:\n%s", id, comma.stdout)
		}
	}
	if r := run(nil, nil, false, "lint", "--enable", "origin-trailing-slash", file); !strings.Contains(r.stdout, "[origin-trailing-slash]") {
		t.Errorf("--enable of a rule that is on hides it:\n%s", r.stdout)
	}
	if r := run(nil, nil, false, "lint", "--enable", "origin-trailing-slash", "--disable", "origin-trailing-slash", file); r.code != ExitUsage {
		t.Errorf("a rule both enabled and disabled: exit %d, want 2", r.code)
	}
}

// TestLintJSONAsValidate checks that lint reports what validate reports,
// in the same JSON form.
func TestLintJSONAsValidate(t *testing.T) {
	for _, file := range []string{"../testdata/err/methods.xml", "../testdata/err/json-shapes.json", lintInput("errors.xml")} {
		v := run(nil, nil, false, "validate", "--format", "json", file)
		var want []map[string]any
		if err := json.Unmarshal([]byte(v.stdout), &want); err != nil {
			t.Fatal(err)
		}
		l := run(nil, nil, false, "lint", "--format", "json", file)
		var got []map[string]any
		if err := json.Unmarshal([]byte(l.stdout), &got); err != nil {
			t.Fatal(err)
		}
		var enc []string
		for _, d := range got {
			b, _ := json.Marshal(d)
			enc = append(enc, string(b))
		}
		for _, d := range want {
			b, _ := json.Marshal(d)
			if !slices.Contains(enc, string(b)) {
				t.Errorf("%s: lint lacks validate's %s", file, b)
			}
		}
	}
}

// TestValidationRulesCoverCorsconf checks the table of validation checks
// against the IDs corsconf reports for the error inputs.
func TestValidationRulesCoverCorsconf(t *testing.T) {
	files, err := filepath.Glob("../testdata/err/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".out") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, diags := corsconf.Check(f, src, corsconf.FormatAuto)
		for _, d := range diags {
			if corsconf.LookupCheck(d.Rule) == nil {
				t.Errorf("%s: rule %q is not in validationRules", f, d.Rule)
			}
		}
	}
}

// BenchmarkLint100Rules lints testdata/bench/100-rules.xml: checking,
// every lint rule and the text output.
func BenchmarkLint100Rules(b *testing.B) {
	src, err := os.ReadFile("../testdata/bench/100-rules.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("lint", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			lintSource("100-rules.xml", src, corsconf.FormatAuto, lint.Options{})
		}
	})
	b.Run("command", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			env, _, _ := newTestEnv(src, nil)
			env.Stdout, env.Stderr = io.Discard, io.Discard
			if code := Main(b.Context(), []string{appName, "lint", "-"}, env); code != ExitOK && code != ExitProblems {
				b.Fatalf("exit %d", code)
			}
		}
	})
}

// TestLintDisableKeepsYieldingFinding: content-type-not-allowed is quiet
// where sdk-headers-not-allowed names content-type, and speaks when that
// rule is disabled.
func TestLintDisableKeepsYieldingFinding(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, file, `<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example</AllowedOrigin>`+
		`<AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-amz-date</AllowedHeader></CORSRule></CORSConfiguration>`, 0o644)
	r := run(nil, nil, false, "lint", file)
	if !strings.Contains(r.stdout, "[sdk-headers-not-allowed]") || strings.Contains(r.stdout, "[content-type-not-allowed]") {
		t.Errorf("all rules on:\n%s", r.stdout)
	}
	r = run(nil, nil, false, "lint", "--disable", "sdk-headers-not-allowed", file)
	if strings.Contains(r.stdout, "[sdk-headers-not-allowed]") || !strings.Contains(r.stdout, "[content-type-not-allowed]") {
		t.Errorf("sdk-headers-not-allowed disabled:\n%s", r.stdout)
	}
}
