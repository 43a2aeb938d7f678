package cmd

import (
	"reflect"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// testConfig is testdata/ok/upload.xml: rule 0 "browser-uploads" for the
// app's uploads, rule 1 (no ID) for reads from anywhere.
func testConfig() *corsconf.Config {
	age := 3000
	return &corsconf.Config{Rules: []corsconf.Rule{
		{ID: "browser-uploads", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"PUT", "POST"},
			AllowedHeaders: []string{"content-type", "x-amz-*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"}},
	}}
}

// problemLines returns the problems of f as "line:col: severity: message".
func problemLines(f *casesFile) []string {
	var out []string
	for _, p := range f.problems {
		out = append(out, strings.TrimPrefix(p.String(), f.name+":"))
	}
	return out
}

func TestParseCasesFileShapes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, file, src string }{
		{"yaml mapping", "c.yaml", "cases:\n  - origin: https://a.example\n    expect: allow\n  - origin: https://b.example\n    expect: deny\n"},
		{"yaml bare list", "c.yml", "- origin: https://a.example\n  expect: allow\n- origin: https://b.example\n  expect: deny\n"},
		{"yaml flow", "c.yaml", "cases: [{origin: https://a.example, expect: allow}, {origin: https://b.example, expect: deny}]\n"},
		{"json mapping", "c.json", `{"cases": [{"origin": "https://a.example", "expect": "allow"}, {"origin": "https://b.example", "expect": "deny"}]}`},
		{"json bare list", "c.json", `[{"origin": "https://a.example", "expect": "allow"}, {"origin": "https://b.example", "expect": "deny"}]`},
		{"json by content", "cases.txt", `[{"origin": "https://a.example", "expect": "allow"}, {"origin": "https://b.example", "expect": "deny"}]`},
		{"yaml by content", "-", "cases:\n- origin: https://a.example\n  expect: allow\n- origin: https://b.example\n  expect: deny\n"},
		{"byte order mark", "c.yaml", "\xEF\xBB\xBF- origin: https://a.example\n  expect: allow\n- origin: https://b.example\n  expect: deny\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := parseCasesFile(tt.file, []byte(tt.src), testConfig())
			if len(f.problems) > 0 {
				t.Fatalf("problems: %q", problemLines(f))
			}
			if len(f.cases) != 2 {
				t.Fatalf("got %d cases, want 2", len(f.cases))
			}
			a, b := f.cases[0], f.cases[1]
			if a.req.Origin != "https://a.example" || !a.allow || b.req.Origin != "https://b.example" || b.allow {
				t.Errorf("cases = %+v, %+v", a, b)
			}
			if a.name != "case 1" || b.name != "case 2" {
				t.Errorf("default names = %q, %q; want case 1, case 2", a.name, b.name)
			}
			if a.line == 0 || b.line <= a.line && b.col <= a.col {
				t.Errorf("positions = %d:%d, %d:%d", a.line, a.col, b.line, b.col)
			}
		})
	}
}

func TestParseCasesFileDefaults(t *testing.T) {
	t.Parallel()
	f := parseCasesFile("c.yaml", []byte("- origin: https://app.example.com/upload?x=1\n  expect: allow\n"), testConfig())
	if len(f.problems) > 0 {
		t.Fatalf("problems: %q", problemLines(f))
	}
	got := f.cases[0]
	want := simulate.BrowserRequest{Origin: "https://app.example.com", Method: "GET", URL: simulate.DefaultURL}
	if !reflect.DeepEqual(got.req, want) {
		t.Errorf("request = %+v, want %+v", got.req, want)
	}
	if got.line != 1 || got.col != 3 || got.file != "c.yaml" {
		t.Errorf("position = %s:%d:%d, want c.yaml:1:3", got.file, got.line, got.col)
	}
	if got.rule != nil || got.blockedBy != "" || got.readable != nil || got.notReadable != nil {
		t.Errorf("expectations = %+v, want none beyond the verdict", got)
	}
}

func TestParseCasesFileFields(t *testing.T) {
	t.Parallel()
	src := `cases:
  - name: every field
    origin: https://app.example.com
    method: put
    headers:
      Content-Type: image/png
      X-Count: 5
      X-Empty:
    credentials: include
    preflight: true
    xhr: true
    url: https://bucket.s3.amazonaws.com/
    expect: allow
    readable: [ETag, Content-Length]
    notReadable: x-amz-request-id
    rule: browser-uploads
  - origin: https://app.example.com
    headers: ["Content-Type: text/plain", x-amz-date, "Accept:  a, b "]
    expect: deny
    blockedBy: preflight-headers
    rule: 1
  - origin: https://app.example.com
    headers:
      - Content-Type: image/png
      - "x-amz-meta-a: 1"
    expect: deny
`
	f := parseCasesFile("c.yaml", []byte(src), testConfig())
	if len(f.problems) > 0 {
		t.Fatalf("problems: %q", problemLines(f))
	}
	a := f.cases[0]
	wantReq := simulate.BrowserRequest{
		Origin: "https://app.example.com", URL: "https://bucket.s3.amazonaws.com/", Method: "put",
		Header:      []simulate.Field{{Name: "Content-Type", Value: "image/png"}, {Name: "X-Count", Value: "5"}, {Name: "X-Empty"}},
		Credentials: simulate.CredentialsInclude, ForcePreflight: true, Initiator: simulate.InitiatorXHR, Resource: simulate.ResourceBucket,
	}
	if !reflect.DeepEqual(a.req, wantReq) {
		t.Errorf("request =\n%+v\nwant\n%+v", a.req, wantReq)
	}
	if a.name != "every field" || !a.allow || !reflect.DeepEqual(a.readable, []string{"ETag", "Content-Length"}) ||
		!reflect.DeepEqual(a.notReadable, []string{"x-amz-request-id"}) || a.rule == nil || a.rule.String() != `rule "browser-uploads"` {
		t.Errorf("case 1 = %+v", a)
	}
	b := f.cases[1]
	wantHeaders := []simulate.Field{{Name: "Content-Type", Value: "text/plain"}, {Name: "x-amz-date"}, {Name: "Accept", Value: "a, b"}}
	if !reflect.DeepEqual(b.req.Header, wantHeaders) || b.blockedBy != simulate.StepPreflightHeaders || b.rule.String() != "rule 1" {
		t.Errorf("case 2 = %+v", b)
	}
	wantHeaders = []simulate.Field{{Name: "Content-Type", Value: "image/png"}, {Name: "x-amz-meta-a", Value: "1"}}
	if c := f.cases[2]; !reflect.DeepEqual(c.req.Header, wantHeaders) {
		t.Errorf("case 3 headers = %+v, want %+v", c.req.Header, wantHeaders)
	}
}

func TestParseCasesFileAnchors(t *testing.T) {
	t.Parallel()
	src := `cases:
  - &upload
    name: upload
    origin: https://app.example.com
    method: PUT
    headers: &png {Content-Type: image/png}
    expect: allow
  - <<: *upload
    name: upload from elsewhere
    origin: https://evil.example
    expect: deny
  - origin: https://app.example.com
    headers: *png
    expect: allow
`
	f := parseCasesFile("c.yaml", []byte(src), testConfig())
	if len(f.problems) > 0 {
		t.Fatalf("problems: %q", problemLines(f))
	}
	b := f.cases[1]
	if b.name != "upload from elsewhere" || b.req.Origin != "https://evil.example" || b.req.Method != "PUT" || b.allow || len(b.req.Header) != 1 {
		t.Errorf("merged case = %+v", b)
	}
	if c := f.cases[2]; len(c.req.Header) != 1 || c.req.Header[0].Value != "image/png" {
		t.Errorf("aliased headers = %+v", c.req.Header)
	}
}

// TestParseCasesFileErrors checks that every problem of a file is
// reported, each at its position.
func TestParseCasesFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{"unknown key", "c.yaml", "- origin: https://a.example\n  exepct: allow\n  Method: GET\n  expect: deny\n", []string{
			`2:3: error: unknown key "exepct" in a case; did you mean "expect"?`,
			`3:3: error: unknown key "Method" in a case; did you mean "method"? (case matters)`,
		}},
		{"missing origin and expect", "c.yaml", "- name: nothing\n- method: GET\n", []string{
			`1:3: error: case "nothing" has no origin: the page's origin, e.g. origin: https://app.example.com`,
			`1:3: error: case "nothing" has no expect: say whether the browser must allow or deny the request (expect: allow, or expect: deny)`,
			`2:3: error: case 2 has no origin: the page's origin, e.g. origin: https://app.example.com`,
			`2:3: error: case 2 has no expect: say whether the browser must allow or deny the request (expect: allow, or expect: deny)`,
		}},
		{"wrong types", "c.yaml", "- origin: 5\n  method: [GET]\n  preflight: \"yes\"\n  xhr:\n  headers: x\n  readable: {a: b}\n  expect: true\n", []string{
			`1:11: error: origin: want a string (the page's origin or URL, e.g. https://app.example.com), got an integer`,
			`2:11: error: method: want a string (an HTTP method such as GET or PUT), got a list`,
			`3:14: error: preflight: want true or false, got the string "yes"`,
			`4:3: error: xhr: want true or false, got null`,
			`5:12: error: headers: want a mapping of names to values, or a list of "Name: value" strings, got a string`,
			`6:13: error: readable: want a list of header names, got a mapping`,
			`7:11: error: expect: want a string (allow or deny), got a boolean`,
		}},
		{"bad values", "c.yaml", "- origin: https://a.example\n  method: GET /x\n  credentials: cookies\n  expect: allowed\n  blockedBy: preflight-header\n  url: /key\n", []string{
			`2:11: error: method "GET /x" is not an HTTP method: use one such as GET or PUT`,
			`3:16: error: credentials: "cookies" is not one of omit, same-origin, include`,
			`4:11: error: expect: "allowed" is not one of allow, deny; did you mean "allow"?`,
			`5:14: error: blockedBy: "preflight-header" is not one of preflight-redirect, preflight-status, preflight-allow-origin, preflight-credentials, preflight-method, preflight-headers, allow-origin, credentials; did you mean "preflight-headers"?`,
			`6:8: error: url "/key" is not an absolute URL: use one such as https://bucket.s3.amazonaws.com/key`,
		}},
		{"headers", "c.yaml", "- origin: https://a.example\n  headers:\n    bad name: x\n    X-List: [a]\n    X-Line: \"a\\nb\"\n  expect: allow\n- origin: https://a.example\n  headers: [\"(x): 1\", 5]\n  expect: allow\n", []string{
			`3:5: error: headers: "bad name" is not a header name (a name is letters, digits and !#$%&'*+-.^_` + "`" + `|~)`,
			`4:13: error: headers: the value of X-List must be a string, not a list`,
			`5:13: error: headers: the value of X-Line holds a line break or NUL, which no browser sends`,
			`8:13: error: headers: "(x)" is not a header name (a name is letters, digits and !#$%&'*+-.^_` + "`" + `|~)`,
			`8:23: error: headers: want "Name: value" or "Name", got an integer`,
		}},
		{"expectations that cannot hold", "c.yaml", "- origin: https://a.example\n  expect: deny\n  readable: [ETag]\n  notReadable: [Date]\n- origin: https://a.example\n  expect: allow\n  blockedBy: allow-origin\n  readable: [ETag]\n  notReadable: [etag]\n", []string{
			`3:3: error: readable needs expect: allow (JavaScript reads nothing of a denied request)`,
			`4:3: error: notReadable needs expect: allow (JavaScript reads nothing of a denied request)`,
			`7:3: error: blockedBy needs expect: deny (an allowed request is not blocked)`,
			`9:3: error: ETag is both in readable and in notReadable`,
		}},
		{"rules", "c.yaml", "- {origin: https://a.example, expect: allow, rule: 2}\n- {origin: https://a.example, expect: allow, rule: browser-upload}\n- {origin: https://a.example, expect: allow, rule: \"1\"}\n- {origin: https://a.example, expect: allow, rule: -1}\n- {origin: https://a.example, expect: allow, rule: [0]}\n", []string{
			`1:52: error: rule: there is no rule 2: the configuration has 2 rules (indexes 0 to 1)`,
			`2:52: error: rule: no rule has the ID "browser-upload"; did you mean "browser-uploads"?`,
			`3:52: error: rule: no rule has the ID "1"; to name rule 1 by its index, write it without quotes`,
			`4:52: error: rule: there is no rule -1: the configuration has 2 rules (indexes 0 to 1)`,
			`5:52: error: rule: want a rule's ID or its 0-based index, got a list`,
		}},
		{"origin warnings", "c.yaml", "- origin: HTTPS://App.example.com\n  expect: allow\n- origin: \"\"\n  expect: allow\n", []string{
			`1:3: warning: no browser sends Origin "HTTPS://App.example.com" (it has upper-case letters); S3 compares it as given`,
			`3:11: error: origin is empty: use the page's origin, e.g. https://app.example.com`,
		}},
		{"top level", "c.yaml", "case:\n  - origin: https://a.example\n", []string{
			`1:1: error: unknown key "case" at the top level (only "cases" is allowed); did you mean "cases"?`,
			`1:1: error: no "cases" key: a cases file is a mapping with a "cases" list, or a bare list`,
		}},
		{"not a list", "c.yaml", "cases: all\n", []string{`1:8: error: want a list of cases, got a string`}},
		{"not a mapping", "c.yaml", "- https://a.example\n", []string{`1:3: error: case 1: want a mapping with at least origin and expect, got a string`}},
		{"empty list", "c.json", `{"cases": []}`, []string{`1:11: error: no cases: the list is empty`}},
		{"empty file", "c.yaml", "# nothing yet\n", []string{`1:1: error: no cases: the file is empty`}},
		{"two documents", "c.yaml", "- {origin: https://a.example, expect: allow}\n---\n- {origin: https://b.example, expect: allow}\n", []string{
			`3:1: error: a cases file holds one YAML document; this is document 2`,
		}},
		{"unknown alias", "c.yaml", "- origin: *site\n  expect: allow\n", []string{`1:11: error: unknown alias *site: define the anchor &site before using it`}},
		{"yaml syntax", "c.yaml", "- origin: \"https://a.example\n  expect: allow\n", []string{`1:11: error: invalid YAML: could not find end character of double-quoted text`}},
		{"duplicate key", "c.yaml", "- origin: https://a.example\n  origin: https://b.example\n", []string{`2:3: error: invalid YAML: mapping key "origin" already defined at [1:3]`}},
		{"json syntax", "c.json", "{\"cases\": [\n  {\"origin\": \"https://a.example\", \"expect\": \"allow\"},\n]}\n", []string{
			`3:1: error: invalid JSON: invalid character ']' looking for beginning of value`,
		}},
		{"json wrong type", "c.json", "[\n  {\"origin\": \"https://a.example\", \"expect\": \"allow\", \"preflight\": 1}\n]\n", []string{
			`2:67: error: preflight: want true or false, got an integer`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := parseCasesFile(tt.file, []byte(tt.src), testConfig())
			got := problemLines(f)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{"exepct", `; did you mean "expect"?`},
		{"notreadable", `; did you mean "notReadable"? (case matters)`},
		{"not_readable", `; did you mean "notReadable"?`},
		{"blocked-by", `; did you mean "blockedBy"?`},
		{"header", `; did you mean "headers"?`},
		{"zzz", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := didYouMean(tt.got, caseKeys); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}
