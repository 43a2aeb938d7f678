package cmd

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

// Tests of the test command's reports: the failure report, JSON, the
// JSON stream and JUnit XML. As in test_test.go, the tests that run Main
// are not parallel.

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
