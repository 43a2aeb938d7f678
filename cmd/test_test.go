package cmd

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests that run Main are not parallel: urfave/cli v2 writes to
// package-level flags (the help flag) on every run.

const uploadConfig = "../testdata/ok/upload.xml"

// writeCases writes a cases file named name in a new temporary directory
// and returns its path.
func writeCases(t testing.TB, name, src string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestTestExpectations checks each kind of expectation, holding and not
// holding, against testdata/ok/upload.xml.
func TestTestExpectations(t *testing.T) {
	const upload = "origin: https://app.example.com\n  method: PUT\n  headers: {Content-Type: image/png}\n"
	tests := []struct {
		name, yaml string
		wantFail   string // a line of the failure; "" when the case passes
	}{
		{"allow holds", "- " + upload + "  expect: allow\n", ""},
		{"allow fails", "- origin: https://evil.example\n  method: PUT\n  expect: allow\n", "expected allow, got deny (blocked at preflight-allow-origin)"},
		{"deny holds", "- origin: https://evil.example\n  method: PUT\n  expect: deny\n", ""},
		{"deny fails", "- " + upload + "  expect: deny\n", "expected deny, got allow"},
		{"blockedBy holds", "- origin: https://a.example\n  credentials: include\n  expect: deny\n  blockedBy: credentials\n", ""},
		{"blockedBy fails", "- origin: https://a.example\n  credentials: include\n  expect: deny\n  blockedBy: allow-origin\n", "expected deny at allow-origin, got deny at credentials"},
		{"readable holds", "- " + upload + "  expect: allow\n  readable: [etag, Content-Length]\n", ""},
		{"readable fails", "- " + upload + "  expect: allow\n  readable: [ETag, x-amz-version-id]\n",
			"expected x-amz-version-id to be readable, but JavaScript cannot read it (readable: Content-Length, ETag)"},
		{"notReadable holds", "- origin: https://a.example\n  expect: allow\n  notReadable: [ETag]\n", ""},
		{"notReadable fails", "- origin: https://a.example\n  expect: allow\n  notReadable: [Content-Type]\n", "expected Content-Type not to be readable, but JavaScript can read it"},
		{"rule by ID holds", "- " + upload + "  expect: allow\n  rule: browser-uploads\n", ""},
		{"rule by index holds", "- origin: https://a.example\n  expect: allow\n  rule: 1\n", ""},
		{"rule fails", "- origin: https://app.example.com\n  expect: allow\n  rule: browser-uploads\n", `expected rule "browser-uploads" to decide, got rule 1`},
		{"rule of a denial holds", "- origin: https://a.example\n  credentials: include\n  expect: deny\n  rule: 1\n", ""},
		{"rule of the request itself", "- origin: https://app.example.com\n  method: PUT\n  expect: allow\n  rule: 1\n",
			`expected rule 1 to decide, got rule 0 ("browser-uploads")`},
		{"rule of a denial fails", "- origin: https://evil.example\n  method: PUT\n  expect: deny\n  rule: 0\n", "expected rule 0 to decide, got no rule (none matched)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeCases(t, "cases.yaml", tt.yaml)
			got := run(nil, nil, false, "test", "--config", uploadConfig, file)
			if tt.wantFail == "" {
				if got.code != ExitOK || got.stdout != "1 passed, 0 failed\n" || got.stderr != "" {
					t.Errorf("got code %d, stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
				}
				return
			}
			if got.code != ExitProblems || !strings.Contains(got.stdout, "\n    "+tt.wantFail+"\n") || !strings.HasSuffix(got.stdout, "\n0 passed, 1 failed\n") {
				t.Errorf("got code %d, stdout:\n%s\nstderr:\n%s\nwant the failure %q", got.code, got.stdout, got.stderr, tt.wantFail)
			}
		})
	}
}

// TestTestRuleOfTheRequestItself checks that a rule expectation names the
// preflight's rule when S3 picks another one for the request itself (it
// matches the request without Access-Control-Request-Headers).
func TestTestRuleOfTheRequestItself(t *testing.T) {
	config := writeCases(t, "cors.json", `{"CORSRules": [
  {"ID": "plain", "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"]},
  {"ID": "with-headers", "AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"], "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"]}
]}`)
	cases := writeCases(t, "cases.yaml", "- origin: https://app.example.com\n  headers: {x-trace: \"1\"}\n  expect: allow\n  rule: with-headers\n"+
		"- origin: https://app.example.com\n  headers: {x-trace: \"1\"}\n  expect: allow\n  rule: plain\n  notReadable: [ETag]\n")
	got := run(nil, nil, false, "test", "--config", config, cases)
	want := `    expected rule "with-headers" to decide, got rule 0 ("plain") for the request itself (the preflight matched rule 1 ("with-headers"))` + "\n"
	if got.code != ExitProblems || !strings.Contains(got.stdout, want) || !strings.HasSuffix(got.stdout, "\n1 passed, 1 failed\n") {
		t.Errorf("code %d, stdout:\n%s\nstderr:\n%s", got.code, got.stdout, got.stderr)
	}
}

func TestTestExitCodes(t *testing.T) {
	pass := writeCases(t, "pass.yaml", "- {origin: https://a.example, expect: allow}\n")
	fail := writeCases(t, "fail.yaml", "- {origin: https://a.example, expect: deny}\n")
	invalid := writeCases(t, "invalid.yaml", "- {origin: https://a.example, expect: maybe}\n")
	dir := t.TempDir()
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		wantStderr string // a part of standard error; "" for none at all
	}{
		{"pass", "", []string{pass}, ExitOK, ""},
		{"fail", "", []string{fail}, ExitProblems, ""},
		{"one of two fails", "", []string{pass, fail}, ExitProblems, ""},
		{"invalid cases", "", []string{pass, invalid}, ExitProblems, invalid + `:1:39: error: expect: "maybe" is not one of allow, deny`},
		{"no config", "", []string{"test", pass}, ExitUsage, "test needs --config FILE"},
		{"no cases", "", nil, ExitUsage, "test needs at least one cases FILE"},
		{"bad format", "", []string{"--format", "sarif", pass}, ExitUsage, `invalid --format "sarif": use text, json or junit`},
		{"bad color", "", []string{"--color", "yes", pass}, ExitUsage, `invalid --color "yes"`},
		{"bad from", "", []string{"--from", "yaml", pass}, ExitUsage, `invalid --from "yaml"`},
		{"stdin twice", "", []string{"-", "-"}, ExitUsage, "standard input (-) can be read only once"},
		{"missing cases file", "", []string{pass, filepath.Join(dir, "nope.yaml")}, ExitFailure, "nope.yaml: no such file or directory"},
		{"directory", "", []string{dir}, ExitFailure, "it is a directory"},
		{"missing config", "", []string{"test", "--config", filepath.Join(dir, "nope.xml"), pass}, ExitFailure, "nope.xml: no such file or directory"},
		{"config syntax", "", []string{"test", "--config", "../testdata/err/not-well-formed.xml", pass}, ExitProblems, "not-well-formed.xml:"},
		{"config S3 rejects", "", []string{"test", "--config", "../testdata/err/methods.xml", fail}, ExitOK,
			"../testdata/err/methods.xml: warning: S3 would reject this configuration"},
		{"cases from stdin", "- {origin: https://a.example, expect: allow}\n", []string{"-"}, ExitOK, ""},
		{"stdin syntax error", "- {origin: https://a.example, expect: allow\n", []string{"-"}, ExitProblems, "<stdin>:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if len(args) == 0 || args[0] != "test" {
				args = append([]string{"test", "--config", uploadConfig}, args...)
			}
			got := run([]byte(tt.stdin), nil, false, args...)
			if got.code != tt.code {
				t.Errorf("code = %d, want %d; stdout:\n%s\nstderr:\n%s", got.code, tt.code, got.stdout, got.stderr)
			}
			if tt.wantStderr == "" && got.stderr != "" || !strings.Contains(got.stderr, tt.wantStderr) {
				t.Errorf("stderr:\n%s\nwant %q", got.stderr, tt.wantStderr)
			}
			if tt.code != ExitOK && tt.code != ExitProblems && got.stdout != "" {
				t.Errorf("stdout:\n%s\nwant nothing", got.stdout)
			}
		})
	}
}

// TestTestInvalidCasesRunsNothing checks that an invalid cases file stops
// the run before any case, valid files included.
func TestTestInvalidCasesRunsNothing(t *testing.T) {
	pass := writeCases(t, "pass.yaml", "- {origin: https://a.example, expect: allow}\n")
	invalid := writeCases(t, "invalid.yaml", "- origin: https://a.example\n  exepct: allow\n- origin: 1\n  expect: allow\n")
	for _, format := range []string{"text", "json", "junit"} {
		got := run(nil, nil, false, "test", "--config", uploadConfig, "--format", format, pass, invalid)
		want := invalid + ":1:3: error: case 1 has no expect: say whether the browser must allow or deny the request (expect: allow, or expect: deny)\n" +
			invalid + `:2:3: error: unknown key "exepct" in a case; did you mean "expect"?` + "\n" +
			invalid + ":3:11: error: origin: want a string (the page's origin or URL, e.g. https://app.example.com), got an integer\n"
		if got.code != ExitProblems || got.stdout != "" || got.stderr != want {
			t.Errorf("--format %s: code %d, stdout:\n%s\nstderr:\n%s", format, got.code, got.stdout, lineDiff(want, got.stderr))
		}
	}
}

func TestTestColor(t *testing.T) {
	file := writeCases(t, "cases.yaml", "- {origin: https://a.example, expect: deny}\n- {origin: HTTP://A.example, expect: allow}\n")
	for _, tt := range []struct {
		name     string
		args     []string
		terminal bool
		vars     map[string]string
		want     bool
	}{
		{"always", []string{"--color", "always"}, false, nil, true},
		{"never", []string{"--color", "never"}, true, nil, false},
		{"auto at a terminal", nil, true, nil, true},
		{"auto in a pipe", nil, false, nil, false},
		{"NO_COLOR", nil, true, map[string]string{"NO_COLOR": "1"}, false},
	} {
		got := run(nil, tt.vars, tt.terminal, append([]string{"test", "--config", uploadConfig, file}, tt.args...)...)
		for name, out := range map[string]string{"stdout": got.stdout, "stderr": got.stderr} {
			if strings.Contains(out, "\x1b[") != tt.want {
				t.Errorf("%s: %s colour = %v, want %v:\n%q", tt.name, name, !tt.want, tt.want, out)
			}
		}
		if !strings.Contains(got.stdout, "\n0 passed, 2 failed\n") && !strings.Contains(got.stdout, "\n1 passed, 1 failed\n") {
			t.Errorf("%s: the summary line is not plain:\n%q", tt.name, got.stdout)
		}
	}
}

// TestTestGoldenCasesFiles checks the examples in testdata/cases against
// the configurations they are written for.
func TestTestGoldenCasesFiles(t *testing.T) {
	for _, tt := range []struct {
		config, cases  string
		code           int
		passed, failed string
	}{
		{"../testdata/ok/upload.xml", "../testdata/cases/upload.yaml", ExitOK, "6", "0"},
		{"../testdata/ok/upload.xml", "../testdata/cases/upload-failing.json", ExitProblems, "1", "5"},
		{"../testdata/ok/cli.json", "../testdata/cases/cli.json", ExitOK, "5", "0"},
	} {
		got := run(nil, nil, false, "test", "--config", tt.config, tt.cases)
		if got.code != tt.code || !strings.HasSuffix(got.stdout, tt.passed+" passed, "+tt.failed+" failed\n") || got.stderr != "" {
			t.Errorf("%s: code %d, stdout:\n%s\nstderr:\n%s", tt.cases, got.code, got.stdout, got.stderr)
		}
	}
}

// BenchmarkRunTest times runTest on 100,000 cases against the 100 rules of
// testdata/bench/100-rules.xml, in YAML and in JSON, as CI would run it
// (text output). The -unchunked variants read the files whole, as small
// files are read. Run it with:
//
//	go test ./cmd -run '^$' -bench RunTest -benchtime 3x
func BenchmarkRunTest(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	files := map[string]string{
		"yaml":          filepath.Join(dir, "cases.yaml"),
		"json":          filepath.Join(dir, "cases.json"),
		"json-minified": filepath.Join(dir, "cases.min.json"),
	}
	srcs := map[string]string{"yaml": benchYAML(n, true), "json": benchJSON(n, true, true), "json-minified": benchJSON(n, true, false)}
	for name, file := range files {
		if err := os.WriteFile(file, []byte(srcs[name]), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name, format string
		chunked      bool
	}{
		{"yaml", "yaml", true}, {"json", "json", true}, {"json-minified", "json-minified", true},
		{"yaml-unchunked", "yaml", false}, {"json-unchunked", "json", false},
	} {
		b.Run(tt.name, func(b *testing.B) {
			if !tt.chunked {
				old := chunkMin
				chunkMin = 1 << 62
				b.Cleanup(func() { chunkMin = old })
			}
			b.SetBytes(int64(len(srcs[tt.format])))
			for b.Loop() {
				env, _, stderr := newTestEnv(nil, nil)
				env.Stdout = io.Discard
				err := runTest(env, testOptions{config: "../testdata/bench/100-rules.xml", format: "text", color: "never", files: []string{files[tt.format]}})
				if err != nil || stderr.Len() > 0 {
					b.Fatalf("%v: %s", err, stderr)
				}
			}
		})
	}
}
