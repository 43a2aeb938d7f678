package corsconf

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func jsonIntPtr(n int) *int { return &n }

// TestParseJSON checks the configurations read from valid documents.
func TestParseJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format Format
		in     string
		want   Config
	}{
		{"console every field", FormatConsole,
			`[{"ID": "r1", "AllowedOrigins": ["https://a.example"], "AllowedMethods": ["GET", "HEAD"],
			  "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]`,
			Config{Rules: []Rule{{ID: "r1", AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"GET", "HEAD"},
				AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: jsonIntPtr(3000)}}}},
		{"cli every field", FormatCLI,
			`{"CORSRules": [{"ID": "r1", "AllowedOrigins": ["*"], "AllowedMethods": ["PUT"], "AllowedHeaders": ["x-amz-*"],
			  "ExposeHeaders": ["x-amz-version-id"], "MaxAgeSeconds": 0}]}`,
			Config{Rules: []Rule{{ID: "r1", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"},
				AllowedHeaders: []string{"x-amz-*"}, ExposeHeaders: []string{"x-amz-version-id"}, MaxAgeSeconds: jsonIntPtr(0)}}}},
		{"auto detects console", FormatAuto, `[{"AllowedMethods": ["GET"]}]`,
			Config{Rules: []Rule{{AllowedMethods: []string{"GET"}}}}},
		{"auto detects cli", FormatAuto, `{"CORSRules": [{"AllowedMethods": ["GET"]}]}`,
			Config{Rules: []Rule{{AllowedMethods: []string{"GET"}}}}},
		{"empty lists are absent", FormatConsole,
			`[{"AllowedOrigins": [], "AllowedMethods": [], "AllowedHeaders": [], "ExposeHeaders": []}]`,
			Config{Rules: []Rule{{}}}},
		{"values verbatim with duplicates and empty strings", FormatConsole,
			`[{"AllowedOrigins": [" https://a.example/ ", "", "*", "*"], "AllowedMethods": ["get", "GET", "GET"], "AllowedHeaders": [""]}]`,
			Config{Rules: []Rule{{AllowedOrigins: []string{" https://a.example/ ", "", "*", "*"},
				AllowedMethods: []string{"get", "GET", "GET"}, AllowedHeaders: []string{""}}}}},
		{"empty ID is absent", FormatConsole, `[{"ID": "", "AllowedMethods": ["GET"]}]`,
			Config{Rules: []Rule{{AllowedMethods: []string{"GET"}}}}},
		{"escapes and unicode", FormatConsole,
			`[{"ID": "r\u00e9gle \"1\"", "AllowedOrigins": ["https://ü.example", "a\\b\/c", "<&>"]}]`,
			Config{Rules: []Rule{{ID: `régle "1"`, AllowedOrigins: []string{"https://ü.example", `a\b/c`, "<&>"}}}}},
		{"max age kept whatever its range", FormatConsole,
			`[{"MaxAgeSeconds": -5}, {"MaxAgeSeconds": 2147483648}, {"MaxAgeSeconds": -0}, {"MaxAgeSeconds": ` + strconv.Itoa(math.MaxInt) + `}]`,
			Config{Rules: []Rule{{MaxAgeSeconds: jsonIntPtr(-5)}, {MaxAgeSeconds: jsonIntPtr(2147483648)},
				{MaxAgeSeconds: jsonIntPtr(0)}, {MaxAgeSeconds: jsonIntPtr(math.MaxInt)}}}},
		{"empty console array", FormatConsole, " [ ] \n", Config{}},
		{"empty CORSRules", FormatCLI, `{"CORSRules": []}`, Config{}},
		{"empty rule", FormatConsole, `[{}]`, Config{Rules: []Rule{{}}}},
		{"rule and key order kept", FormatConsole, "[\r\n\t{\"MaxAgeSeconds\": 1, \"ID\": \"b\"},\r\n\t{\"ID\": \"a\"}\r\n]\r\n",
			Config{Rules: []Rule{{ID: "b", MaxAgeSeconds: jsonIntPtr(1)}, {ID: "a"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Parse("cors.json", []byte(tt.in), tt.format)
			if len(diags) != 0 {
				t.Fatalf("Parse: unexpected diagnostics:\n%s", jsonDiagLines(diags))
			}
			// DeepEqual, unlike Config.Equal, tells a nil list from an empty one.
			if !reflect.DeepEqual(doc.Config, tt.want) {
				t.Errorf("Parse config =\n%s\nwant\n%s", dumpJSONConfig(doc.Config), dumpJSONConfig(tt.want))
			}
		})
	}
}

// TestParseJSONPositions checks where values and fields were read.
func TestParseJSONPositions(t *testing.T) {
	t.Parallel()
	src := "{\n" +
		"  \"CORSRules\": [\n" +
		"    {\n" +
		"      \"ID\": \"first\",\n" +
		"      \"AllowedOrigins\": [ \"https://a.example\" ,\"https://b.example\"],\n" +
		"      \"AllowedMethods\": [\"GET\"],\n" +
		"      \"MaxAgeSeconds\": 3000\n" +
		"    },\n" +
		"\t{\"AllowedHeaders\": [\"*\"], \"ExposeHeaders\": [\"ETag\", \"x-amz-meta-a\"], \"MaxAgeSeconds\": -1}\n" +
		"  ]\n" +
		"}\n"
	doc, diags := Parse("cors.json", []byte(src), FormatCLI)
	if len(diags) != 0 {
		t.Fatalf("Parse: unexpected diagnostics:\n%s", jsonDiagLines(diags))
	}
	tests := []struct{ path, want string }{
		{RootName, "1:1"},
		{RulePath(0), "3:5"},
		{FieldPath(0, IDName), "4:13"},
		{FieldPath(0, AllowedOriginName), "5:7"},
		{ValuePath(0, AllowedOriginName, 0), "5:27"},
		{ValuePath(0, AllowedOriginName, 1), "5:48"},
		{FieldPath(0, AllowedMethodName), "6:7"},
		{ValuePath(0, AllowedMethodName, 0), "6:26"},
		{FieldPath(0, MaxAgeSecondsName), "7:24"},
		{RulePath(1), "9:2"},
		{FieldPath(1, AllowedHeaderName), "9:3"},
		{ValuePath(1, AllowedHeaderName, 0), "9:22"},
		{FieldPath(1, ExposeHeaderName), "9:28"},
		{ValuePath(1, ExposeHeaderName, 0), "9:46"},
		{ValuePath(1, ExposeHeaderName, 1), "9:54"},
		{FieldPath(1, MaxAgeSecondsName), "9:88"},
		{FieldPath(1, IDName), "9:2"},                      // absent: the rule's position
		{ValuePath(0, AllowedOriginName, 5), "5:7"},        // no such value: the list's
		{ValuePath(0, AllowedHeaderName, 0), "3:5"},        // no such list: the rule's
		{RulePath(7), "1:1"},                               // no such rule: the root's
		{"CORSRule[0].AllowedOrigins[0]", "3:5"},           // paths use the XML names
		{FieldPath(0, "AllowedOrigins"), "3:5"},            // idem
		{ValuePath(1, ExposeHeaderName, 1) + ".x", "9:54"}, // below a value: the value's
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			if got := doc.Pos(tt.path).String(); got != tt.want {
				t.Errorf("Pos(%q) = %s, want %s", tt.path, got, tt.want)
			}
		})
	}
}

// TestParseJSONBOM checks that positions count the byte order mark.
func TestParseJSONBOM(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         string
		wantFormat Format
		wantPos    map[string]string
		wantDiags  []string
	}{
		{"console", "\ufeff[{\"AllowedOrigins\": [\"*\"]}]", FormatConsole,
			map[string]string{RootName: "1:4", RulePath(0): "1:5", ValuePath(0, AllowedOriginName, 0): "1:25"}, nil},
		{"cli", "\ufeff{\"CORSRules\": []}", FormatCLI, map[string]string{RootName: "1:4"}, nil},
		{"syntax error", "\ufeff[{\"ID\": \"a\"} x]", FormatConsole, nil,
			[]string{`c.json:1:17: error: invalid JSON: invalid character 'x' after array element [syntax]`}},
		{"unknown key on the next line", "\ufeff\n[{\"Id\": \"a\"}]", FormatConsole, nil,
			[]string{`c.json:2:3: error: unknown key "Id" in rule; did you mean "ID"? (Id is CloudFormation's name) [unknown-field]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Parse("c.json", []byte(tt.in), FormatAuto)
			if doc.Format != tt.wantFormat {
				t.Errorf("Format = %v, want %v", doc.Format, tt.wantFormat)
			}
			checkJSONDiags(t, diags, tt.wantDiags)
			for path, want := range tt.wantPos {
				if got := doc.Pos(path).String(); got != want {
					t.Errorf("Pos(%q) = %s, want %s", path, got, want)
				}
			}
		})
	}
}

// TestParseJSONDeepNesting checks that any depth is skipped without
// recursion, in unknown keys, in wrong-typed values and as the document.
func TestParseJSONDeepNesting(t *testing.T) {
	t.Parallel()
	const depth = 100_000
	arrays := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	objects := strings.Repeat(`{"a": `, depth) + "1" + strings.Repeat("}", depth)
	end := strconv.Itoa(depth + 1)
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string
		rules  int
	}{
		{"arrays in an unknown key", FormatConsole, `[{"Foo": ` + arrays + `, "ID": "x"}]`,
			[]string{`c.json:1:3: error: unknown key "Foo" in rule; ` + jsonValidKeys(jsonRuleKeys[:]) + ` [unknown-field]`}, 1},
		{"objects in an unknown key", FormatConsole, `[{"Foo": ` + objects + `}]`,
			[]string{`c.json:1:3: error: unknown key "Foo" in rule; ` + jsonValidKeys(jsonRuleKeys[:]) + ` [unknown-field]`}, 1},
		{"arrays in a list field", FormatConsole, `[{"AllowedOrigins": ` + arrays + `}]`,
			[]string{`c.json:1:22: error: "AllowedOrigins" values must be strings, not a list [wrong-type]`}, 1},
		{"arrays as the document", FormatConsole, arrays,
			[]string{`c.json:1:2: error: a rule must be an object, not a list; write each rule as {"AllowedOrigins": [...], "AllowedMethods": [...]} [wrong-type]`}, 0},
		{"arrays in CORSRules", FormatCLI, `{"CORSRules": [` + arrays + `]}`,
			[]string{`c.json:1:16: error: a rule must be an object, not a list; write each rule as {"AllowedOrigins": [...], "AllowedMethods": [...]} [wrong-type]`}, 0},
		{"unclosed arrays as the document", FormatConsole, strings.Repeat("[", depth),
			[]string{
				`c.json:1:2: error: a rule must be an object, not a list; write each rule as {"AllowedOrigins": [...], "AllowedMethods": [...]} [wrong-type]`,
				`c.json:1:` + end + `: error: invalid JSON: unexpected end of input; a string, list or object is not closed [syntax]`,
			}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Parse("c.json", []byte(tt.in), tt.format)
			checkJSONDiags(t, diags, tt.want)
			if got := len(doc.Config.Rules); got != tt.rules {
				t.Errorf("got %d rules, want %d", got, tt.rules)
			}
		})
	}
}

// TestParseJSONIncomplete checks that a document whose rules cannot be
// found is marked incomplete, so that Validate does not add "no rules".
func TestParseJSONIncomplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format Format
		in     string
		want   bool
	}{
		{"empty object", FormatCLI, `{}`, true},
		{"CloudFormation key", FormatCLI, `{"CorsRules": [{"AllowedOrigins": ["*"]}]}`, true},
		{"CORSRules not a list", FormatCLI, `{"CORSRules": {"AllowedOrigins": ["*"]}}`, true},
		{"CORSRules null", FormatCLI, `{"CORSRules": null}`, true},
		{"empty CORSRules", FormatCLI, `{"CORSRules": []}`, false},
		{"CORSRules beside an unknown key", FormatCLI, `{"rules": [], "CORSRules": []}`, false},
		{"empty console array", FormatConsole, `[]`, false},
		{"console array of non-rules", FormatConsole, `[1]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, _ := Parse("c.json", []byte(tt.in), tt.format)
			if doc.incomplete != tt.want {
				t.Errorf("incomplete = %v, want %v", doc.incomplete, tt.want)
			}
		})
	}
}

// TestParseJSONTruncated checks every prefix of a document: each must end
// in one syntax error at the end of the input, without a panic.
func TestParseJSONTruncated(t *testing.T) {
	t.Parallel()
	docs := []struct {
		format Format
		src    string
	}{
		{FormatConsole, `[{"ID": "réglé\u00e9\n", "AllowedOrigins": ["*", ""], "MaxAgeSeconds": -30.5e+2, "X": [true, false, null, {"a": []}]}]`},
		{FormatCLI, `{"CORSRules": [{"AllowedMethods": ["GET"], "MaxAgeSeconds": 3000}], "rules": {}}`},
	}
	for _, d := range docs {
		t.Run(d.format.String(), func(t *testing.T) {
			t.Parallel()
			for n := 1; n < len(d.src); n++ {
				src := d.src[:n]
				if !utf8.ValidString(src) {
					continue // Parse reports invalid UTF-8 before reading JSON
				}
				_, diags := Parse("c.json", []byte(src), d.format)
				if len(diags) == 0 {
					t.Fatalf("Parse(%q): no diagnostics", src)
				}
				last := diags[len(diags)-1]
				want := newLineIndex([]byte(src)).pos(len(src))
				if last.Rule != "syntax" || last.Pos != want || last.Path != RootName {
					t.Errorf("Parse(%q): last diagnostic %s (path %s), want a syntax error at %s", src, last, last.Path, want)
				}
			}
		})
	}
}

// checkJSONDiags compares diagnostics with their expected String() lines, and
// checks what every JSON diagnostic shares.
func checkJSONDiags(t *testing.T, diags Diagnostics, want []string) {
	t.Helper()
	got := make([]string, len(diags))
	for i, d := range diags {
		got[i] = d.String()
		if d.Severity != SeverityError || d.S3 != nil || d.Path == "" {
			t.Errorf("diagnostic %d: severity %v, S3 %v, path %q; want error, nil, a path", i, d.Severity, d.S3, d.Path)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func jsonDiagLines(diags Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func dumpJSONConfig(c Config) string {
	var b strings.Builder
	for i, r := range c.Rules {
		age := "<nil>"
		if r.MaxAgeSeconds != nil {
			age = strconv.Itoa(*r.MaxAgeSeconds)
		}
		fmt.Fprintf(&b, "  rule %d: ID=%q origins=%#v methods=%#v headers=%#v expose=%#v maxAge=%s\n",
			i, r.ID, r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders, age)
	}
	if c.Rules == nil {
		b.WriteString("  (nil rules)\n")
	}
	return b.String()
}
