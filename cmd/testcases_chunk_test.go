package cmd

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// withChunks makes every cases file be read in chunks of about size bytes
// while the test runs. Tests that use it must not be parallel.
func withChunks(t *testing.T, size int) {
	t.Helper()
	oldMin, oldSize := chunkMin, chunkSize
	chunkMin, chunkSize = 0, size
	t.Cleanup(func() { chunkMin, chunkSize = oldMin, oldSize })
}

// TestChunkedMatchesWhole checks that reading a file in chunks gives the
// cases and problems, positions included, of reading it whole.
func TestChunkedMatchesWhole(t *testing.T) {
	inputs := []struct {
		name, file, src string
		chunked         bool // whether the file has a shape read in chunks
	}{
		{"yaml", "c.yaml", benchYAML(30, true), true},
		{"yaml bare list", "c.yaml", "---\n# the cases\n" + strings.TrimPrefix(strings.ReplaceAll(benchYAML(30, true), "\n  ", "\n"), "cases:\n"), true},
		{"yaml items at column 1", "c.yaml", strings.ReplaceAll(benchYAML(30, true), "\n  ", "\n"), true},
		{"yaml with comment", "c.yaml", strings.Replace(benchYAML(30, true), "cases:", "cases:  # all of them\n# more\n", 1), true},
		{"yaml crlf", "c.yaml", strings.ReplaceAll(benchYAML(30, true), "\n", "\r\n"), true},
		{"json", "c.json", benchJSON(30, true, true), true},
		{"json minified", "c.json", benchJSON(30, true, false), true},
		{"json bare list", "c.json", strings.TrimSuffix(strings.TrimPrefix(benchJSON(30, true, true), `{"cases": `), "}\n"), true},
		{"anchors across chunks", "c.yaml", "cases:\n  - &base\n    origin: https://app.example.com\n    method: PUT\n    expect: allow\n" +
			strings.Repeat("  - <<: *base\n    name: again\n    exepct: deny\n", 20), true},
		{"errors", "c.yaml", strings.ReplaceAll(benchYAML(30, true), "expect: deny", "expect: nope"), true},
		{"syntax error in a chunk", "c.yaml", strings.Replace(benchYAML(30, true), "name: read 16", "name: \"read 16", 1), false},
		{"yaml flow list", "c.yaml", "cases: [" + strings.Repeat("{origin: https://a.example, expect: allow},\n", 20) + "]\n", false},
		{"another top-level key", "c.json", strings.Replace(benchJSON(30, true, true), `{"cases": `, `{"case": 1, "cases": `, 1), false},
		{"item less indented", "c.yaml", benchYAML(30, true) + " - origin: https://x.example\n   expect: allow\n", false},
	}
	cfg := benchConfig(t)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			whole := parseCasesFile(in.file, []byte(in.src), cfg)
			withChunks(t, 200)
			chunks, ok := splitCases([]byte(in.src), isJSONCases(in.file, []byte(in.src)))
			if ok && len(chunks) < 2 && in.chunked {
				t.Fatalf("got %d chunks, want several", len(chunks))
			}
			if in.chunked {
				p := newCaseParser(in.file, cfg)
				if !ok || !p.chunked(chunks) {
					t.Fatalf("not read in chunks (split: %v)", ok)
				}
			}
			chunked := parseCasesFile(in.file, []byte(in.src), cfg)
			if len(whole.cases) == 0 && len(whole.problems) == 0 {
				t.Fatal("nothing read")
			}
			if !reflect.DeepEqual(whole.cases, chunked.cases) {
				t.Errorf("cases differ:\nwhole:   %s\nchunked: %s", firstDiff(whole.cases, chunked.cases), firstDiff(chunked.cases, whole.cases))
			}
			if w, c := problemLines(whole), problemLines(chunked); !reflect.DeepEqual(w, c) {
				t.Errorf("problems differ:\nwhole:\n%s\nchunked:\n%s", strings.Join(w, "\n"), strings.Join(c, "\n"))
			}
		})
	}
}

// benchConfig returns testdata/bench/100-rules.xml.
func benchConfig(t testing.TB) *corsconf.Config {
	t.Helper()
	src, err := os.ReadFile("../testdata/bench/100-rules.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := corsconf.Parse("100-rules.xml", src, corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("100-rules.xml: %v", diags)
	}
	return &doc.Config
}

// firstDiff describes the first case of a that is not in b at the same index.
func firstDiff(a, b []testCase) string {
	for i := range a {
		if i >= len(b) || !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("[%d] %+v", i, a[i])
		}
	}
	return fmt.Sprintf("%d cases", len(a))
}

// benchYAML returns n cases in YAML for testdata/bench/100-rules.xml
// (rules "uploads-000" to "uploads-099"; rule k allows
// https://appK.example.com and https://*.tenantK.example.net). With
// passing, every case passes; else every tenth case fails.
func benchYAML(n int, passing bool) string {
	var b strings.Builder
	b.WriteString("cases:\n")
	for i := range n {
		c := benchCase(i, passing)
		fmt.Fprintf(&b, "  - name: %s\n    origin: %s\n", c.name, c.origin)
		if c.method != "" {
			fmt.Fprintf(&b, "    method: %s\n", c.method)
		}
		if c.headers {
			b.WriteString("    headers:\n      Content-Type: image/png\n      x-amz-date: 20250101T000000Z\n")
		}
		fmt.Fprintf(&b, "    expect: %s\n", c.expect)
		if c.readable != "" {
			fmt.Fprintf(&b, "    readable: [%s]\n", c.readable)
		}
		if c.rule != "" {
			fmt.Fprintf(&b, "    rule: %s\n", c.rule)
		}
		if c.blockedBy != "" {
			fmt.Fprintf(&b, "    blockedBy: %s\n", c.blockedBy)
		}
	}
	return b.String()
}

// benchJSON returns the cases of [benchYAML] in JSON, indented or on one
// line.
func benchJSON(n int, passing, indent bool) string {
	nl, in1, in2 := "\n", "    ", "      "
	if !indent {
		nl, in1, in2 = "", "", ""
	}
	var b strings.Builder
	b.WriteString(`{"cases": [` + nl)
	for i := range n {
		c := benchCase(i, passing)
		if i > 0 {
			b.WriteString("," + nl)
		}
		fmt.Fprintf(&b, `%s{%s%s"name": %q,%s%s"origin": %q`, in1, nl, in2, c.name, nl, in2, c.origin)
		if c.method != "" {
			fmt.Fprintf(&b, `,%s%s"method": %q`, nl, in2, c.method)
		}
		if c.headers {
			fmt.Fprintf(&b, `,%s%s"headers": {"Content-Type": "image/png", "x-amz-date": "20250101T000000Z"}`, nl, in2)
		}
		fmt.Fprintf(&b, `,%s%s"expect": %q`, nl, in2, c.expect)
		if c.readable != "" {
			fmt.Fprintf(&b, `,%s%s"readable": [%q]`, nl, in2, c.readable)
		}
		if c.rule != "" {
			rule := c.rule // an index stays a number, an ID is a string
			if strings.HasPrefix(rule, "uploads") {
				rule = fmt.Sprintf("%q", rule)
			}
			fmt.Fprintf(&b, `,%s%s"rule": %s`, nl, in2, rule)
		}
		if c.blockedBy != "" {
			fmt.Fprintf(&b, `,%s%s"blockedBy": %q`, nl, in2, c.blockedBy)
		}
		fmt.Fprintf(&b, "%s%s}", nl, in1)
	}
	b.WriteString(nl + "]}\n")
	return b.String()
}

type benchCaseSpec struct {
	name, origin, method, expect, readable, rule, blockedBy string
	headers                                                 bool
}

func benchCase(i int, passing bool) benchCaseSpec {
	k := i % 100
	var c benchCaseSpec
	switch i % 3 {
	case 0: // an upload from the rule's app
		c = benchCaseSpec{name: fmt.Sprintf("upload %d", i), origin: fmt.Sprintf("https://app%d.example.com", k), method: "PUT",
			headers: true, expect: "allow", readable: "ETag", rule: fmt.Sprintf("uploads-%03d", k)}
	case 1: // a read from a tenant, by index
		c = benchCaseSpec{name: fmt.Sprintf("read %d", i), origin: fmt.Sprintf("https://t%d.tenant%d.example.net", i, k), expect: "allow", rule: fmt.Sprint(k)}
	default: // an upload from elsewhere
		c = benchCaseSpec{name: fmt.Sprintf("upload from elsewhere %d", i), origin: fmt.Sprintf("https://evil%d.example", i), method: "PUT",
			headers: true, expect: "deny", blockedBy: "preflight-allow-origin"}
	}
	if !passing && i%10 == 0 {
		c.readable, c.expect, c.rule, c.blockedBy = "", "deny", "", ""
	}
	return c
}
