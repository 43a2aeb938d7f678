package cmd

import (
	"encoding/json"
	"encoding/xml"
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

func TestTestFailureReport(t *testing.T) {
	file := writeCases(t, "cases.yaml", "cases:\n  - name: checksum upload\n    origin: https://app.example.com\n    method: PUT\n"+
		"    headers: [\"amz-sdk-request: attempt=1\"]\n    expect: allow\n")
	got := run(nil, nil, false, "test", "--config", uploadConfig, file)
	want := []string{
		file + ":2: FAIL: checksum upload",
		"    expected allow, got deny (blocked at preflight-allow-origin)",
		"    browser: Access to fetch at 'https://bucket.s3.amazonaws.com/key' from origin 'https://app.example.com' has been blocked by CORS policy: " +
			"Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		"    Rules, in the order S3 tries them",
		`      rule 0 "browser-uploads": no match; origin yes (https://app.example.com), method yes, headers no (amz-sdk-request)`,
		`          - requested header "amz-sdk-request" is not allowed; add AllowedHeader "amz-sdk-request"`,
		// The public "*" rule gets no hints: rule 0 names the origin.
		"      rule 1: no match; origin yes (*), method no, headers no (amz-sdk-request)",
		"",
		"0 passed, 1 failed",
		"",
	}
	if got.stdout != strings.Join(want, "\n") || got.code != ExitProblems {
		t.Errorf("code %d, stdout:\n%s", got.code, lineDiff(strings.Join(want, "\n"), got.stdout))
	}
}

func TestTestJSON(t *testing.T) {
	file := writeCases(t, "cases.json", `{"cases": [
  {"name": "read", "origin": "https://a.example", "expect": "allow"},
  {"name": "upload", "origin": "https://a.example", "method": "PUT", "expect": "allow"}
]}`)
	got := run(nil, nil, false, "test", "--config", uploadConfig, "--format", "json", file)
	if got.code != ExitProblems || got.stderr != "" {
		t.Fatalf("code %d, stderr:\n%s", got.code, got.stderr)
	}
	var report struct {
		Passed, Failed int
		Cases          []struct {
			Name, File, Expected, Got, Reason string
			Line                              int
			Passed                            bool
			Messages                          []string
		}
	}
	dec := json.NewDecoder(strings.NewReader(got.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("%v in:\n%s", err, got.stdout)
	}
	for _, key := range []string{`"passed"`, `"failed"`, `"cases"`, `"name"`, `"file"`, `"line"`, `"expected"`, `"got"`, `"reason"`, `"messages"`} {
		if !strings.Contains(got.stdout, key+":") {
			t.Errorf("no key %s in:\n%s", key, got.stdout)
		}
	}
	if report.Passed != 1 || report.Failed != 1 || len(report.Cases) != 2 {
		t.Fatalf("report = %+v", report)
	}
	read, upload := report.Cases[0], report.Cases[1]
	if read.Name != "read" || read.File != file || read.Line != 2 || !read.Passed || read.Expected != "allow" || read.Got != "allow" ||
		read.Reason != "" || read.Messages == nil || len(read.Messages) != 0 {
		t.Errorf("passed case = %+v", read)
	}
	if upload.Name != "upload" || upload.Line != 3 || upload.Passed || upload.Expected != "allow" || upload.Got != "deny" ||
		!strings.Contains(upload.Reason, "has been blocked by CORS policy") || len(upload.Messages) < 3 ||
		upload.Messages[0] != "expected allow, got deny (blocked at preflight-allow-origin)" ||
		upload.Messages[1] != "Rules, in the order S3 tries them" || !strings.HasPrefix(upload.Messages[2], `rule 0 "browser-uploads": no match;`) {
		t.Errorf("failed case = %+v", upload)
	}
}

// TestTestJSONStream checks that the report, written one case at a time,
// is what writeJSON writes for the whole report at once.
func TestTestJSONStream(t *testing.T) {
	type whole struct {
		Passed int            `json:"passed"`
		Failed int            `json:"failed"`
		Cases  []jsonTestCase `json:"cases"`
	}
	f := parseCasesFile("c.yaml", []byte("- {name: <b>&, origin: https://a.example, expect: allow}\n- {origin: https://a.example, method: PUT, expect: allow}\n"), testConfig())
	for _, r := range []*testReport{runCases(testConfig(), []*casesFile{f}), {cfg: testConfig()}} {
		w := whole{Passed: r.passed, Failed: r.failed, Cases: []jsonTestCase{}}
		r.jsonCases(func(c jsonTestCase) error {
			w.Cases = append(w.Cases, c)
			return nil
		})
		var want, got strings.Builder
		if err := writeJSON(&want, w); err != nil {
			t.Fatal(err)
		}
		if err := r.writeJSON(&got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed JSON differs:\n%s", lineDiff(want.String(), got.String()))
		}
	}
}

// junitReport is the JUnit XML schema as CI tools read it.
type junitReport struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestTestJUnit(t *testing.T) {
	passing := writeCases(t, "passing.yaml", "- name: read <all> & \"more\"\n  origin: https://a.example\n  expect: allow\n")
	failing := writeCases(t, "failing.yaml", "- name: read\n  origin: https://a.example\n  expect: allow\n"+
		"- name: \"upload ]]> here\"\n  origin: https://a.example\n  method: PUT\n  expect: allow\n"+
		"- name: exposed\n  origin: https://a.example\n  expect: allow\n  readable: [ETag]\n")
	got := run(nil, nil, false, "test", "--config", uploadConfig, "--format", "junit", passing, failing)
	if got.code != ExitProblems || got.stderr != "" {
		t.Fatalf("code %d, stderr:\n%s", got.code, got.stderr)
	}
	if !strings.HasPrefix(got.stdout, xml.Header) {
		t.Errorf("no XML declaration:\n%s", got.stdout)
	}
	var r junitReport
	if err := xml.Unmarshal([]byte(got.stdout), &r); err != nil {
		t.Fatalf("%v in:\n%s", err, got.stdout)
	}
	if r.Tests != 4 || r.Failures != 2 || len(r.Suites) != 2 {
		t.Fatalf("report = %+v", r)
	}
	s0, s1 := r.Suites[0], r.Suites[1]
	if s0.Name != passing || s0.Tests != 1 || s0.Failures != 0 || s0.Cases[0].Name != `read <all> & "more"` || s0.Cases[0].Failure != nil {
		t.Errorf("passing suite = %+v", s0)
	}
	if s1.Name != failing || s1.Tests != 3 || s1.Failures != 2 || len(s1.Cases) != 3 {
		t.Fatalf("failing suite = %+v", s1)
	}
	upload := s1.Cases[1]
	if upload.Name != "upload ]]> here" || upload.File != failing || upload.Classname != failing || upload.Line != 4 || upload.Failure == nil {
		t.Fatalf("failed case = %+v", upload)
	}
	f := upload.Failure
	if f.Message != "expected allow, got deny (blocked at preflight-allow-origin)" || f.Type != "expect" ||
		!strings.Contains(f.Text, failing+":4: upload ]]> here\n") || !strings.Contains(f.Text, "browser: Access to fetch") ||
		!strings.Contains(f.Text, `rule 0 "browser-uploads": no match`) {
		t.Errorf("failure = %+v", f)
	}
	if f := s1.Cases[2].Failure; f == nil || f.Type != "readable" || !strings.HasPrefix(f.Message, "expected ETag to be readable") {
		t.Errorf("readable failure = %+v", f)
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
