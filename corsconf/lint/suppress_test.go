package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// withTestRules adds rules test-a, test-b and test-s3 (a validation rule)
// to the catalogue for the duration of the test, so that the tests do not
// depend on which real rules exist, and the rules about ignore comments
// if the catalogue lacks them.
func withTestRules(t *testing.T) {
	t.Helper()
	saved := rules
	rules = append(slices.Clone(rules),
		&Rule{ID: "test-a", Severity: corsconf.SeverityWarning},
		&Rule{ID: "test-b", Severity: corsconf.SeverityNotice},
		&Rule{ID: "test-s3", Severity: corsconf.SeverityError, Validation: true},
	)
	for _, r := range suppressRules {
		if !slices.Contains(rules, r) {
			rules = append(rules, r)
		}
	}
	t.Cleanup(func() { rules = saved })
}

// suppressDoc parses the XML of a test; body is the inside of
// <CORSConfiguration> unless it has that element.
func suppressDoc(t *testing.T, body string) *corsconf.Document {
	t.Helper()
	src := body
	if !strings.Contains(body, "<CORSConfiguration>") {
		src = "<CORSConfiguration>\n" + body + "\n</CORSConfiguration>\n"
	}
	doc, diags := corsconf.Parse("cors.xml", []byte(src), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatalf("does not parse: %v\n%s", diags, src)
	}
	return doc
}

// at makes findings: "rule@path" each, at the path's position. A rule
// ending in "!" makes a finding that S3 would reject.
func at(doc *corsconf.Document, specs ...string) []Finding {
	var out []Finding
	for _, s := range specs {
		rule, path, _ := strings.Cut(s, "@")
		rule, s3 := strings.CutSuffix(rule, "!")
		f := Finding{Diagnostic: doc.Diag(path, corsconf.SeverityWarning, rule, "finding of %s", rule)}
		if s3 {
			f.S3 = &corsconf.S3Error{Code: "InvalidRequest"}
		}
		out = append(out, f)
	}
	return out
}

// brief is how a finding shows in the tests: "line:col rule path", and the
// message for the findings about comments.
func brief(f Finding) string {
	s := fmt.Sprintf("%s %s %s", f.Pos, f.Rule, f.Path)
	if !strings.HasPrefix(f.Message, "finding of ") {
		s += ": " + f.Message
		if f.Hint != "" {
			s += "; " + f.Hint
		}
	}
	return s
}

const rule0 = `<CORSRule>
  <AllowedOrigin>https://a.example</AllowedOrigin>
  <AllowedOrigin>https://b.example</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
  <MaxAgeSeconds>600</MaxAgeSeconds>
</CORSRule>`

func TestSuppress(t *testing.T) {
	withTestRules(t)
	o0, o1 := "CORSRule[0].AllowedOrigin[0]", "CORSRule[0].AllowedOrigin[1]"
	tests := []struct {
		name     string
		body     string
		findings []string // rule@path
		want     []string // brief of each finding returned, in order
	}{
		{
			name:     "no comments",
			body:     rule0,
			findings: []string{"test-a@" + o0},
			want:     []string{"3:18 test-a " + o0},
		},
		{
			name:     "other comments are left alone",
			body:     "<!-- ignore test-a: x -->\n<!-- s3cors-ignored test-a: x -->\n<!-- S3CORS-IGNORE test-a: x -->\n<!--s3cors-ignore-->" + rule0,
			findings: []string{"test-a@" + o0},
			want: []string{
				"5:1 ignore-unknown-rule CORSRule[0]: ignore comment names no rule; write <!-- s3cors-ignore rule-id: reason -->",
				"6:18 test-a " + o0,
			},
		},
		{
			name:     "before a rule, covers the rule and its values",
			body:     "<!-- s3cors-ignore test-a: reviewed -->\n" + rule0 + "\n" + rule0,
			findings: []string{"test-a@CORSRule[0]", "test-a@" + o1, "test-a@CORSRule[0].MaxAgeSeconds", "test-a@CORSRule[1].AllowedOrigin[0]", "test-b@" + o0},
			want:     []string{"4:18 test-b " + o0, "10:18 test-a CORSRule[1].AllowedOrigin[0]"},
		},
		{
			name:     "before a value, covers that value only",
			body:     "<CORSRule>\n  <AllowedOrigin>https://a.example</AllowedOrigin>\n  <!-- s3cors-ignore test-a: reviewed -->\n  <AllowedOrigin>https://b.example/</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n</CORSRule>",
			findings: []string{"test-a@" + o0, "test-a@" + o1, "test-a@CORSRule[0]", "test-a@CORSRule[0].AllowedOrigin"},
			want:     []string{"2:1 test-a CORSRule[0]", "3:3 test-a CORSRule[0].AllowedOrigin", "3:18 test-a " + o0},
		},
		{
			name:     "before a single-valued field",
			body:     "<CORSRule>\n  <AllowedOrigin>*</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n  <!-- s3cors-ignore test-a: reviewed -->\n  <MaxAgeSeconds>1</MaxAgeSeconds>\n</CORSRule>",
			findings: []string{"test-a@CORSRule[0].MaxAgeSeconds", "test-a@" + o0},
			want:     []string{"3:18 test-a " + o0},
		},
		{
			name:     "before the root, covers the document",
			body:     "<!-- s3cors-ignore test-a: public assets bucket -->\n<CORSConfiguration>\n" + rule0 + "\n" + rule0 + "\n</CORSConfiguration>\n",
			findings: []string{"test-a@CORSConfiguration", "test-a@" + o0, "test-a@CORSRule[1].AllowedOrigin[1]", "test-b@CORSRule[1]"},
			want:     []string{"9:1 test-b CORSRule[1]"},
		},
		{
			name:     "rule 1 does not cover rule 10",
			body:     strings.Repeat(rule0+"\n", 1) + "<!-- s3cors-ignore test-a: reviewed -->\n" + strings.Repeat(rule0+"\n", 10),
			findings: []string{"test-a@CORSRule[10].AllowedOrigin[0]", "test-a@CORSRule[1].AllowedOrigin[0]"},
			want:     []string{"64:18 test-a CORSRule[10].AllowedOrigin[0]"},
		},
		{
			name:     "several IDs, comma or space separated, repeated",
			body:     "<!-- s3cors-ignore test-a,test-b  test-a: reviewed -->\n" + rule0,
			findings: []string{"test-a@" + o0, "test-b@" + o1},
			want:     nil,
		},
		{
			name:     "several IDs, one unused",
			body:     "<!-- s3cors-ignore test-a, test-b: reviewed -->\n" + rule0,
			findings: []string{"test-b@" + o1},
			want:     []string{`2:1 unused-ignore CORSRule[0]: ignore comment for "test-a" suppressed nothing: CORSRule[0] has no such finding; remove it from the comment`},
		},
		{
			name:     "several IDs, all unused",
			body:     "<CORSRule>\n  <!-- s3cors-ignore test-a, test-b: reviewed -->\n  <AllowedOrigin>*</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n</CORSRule>",
			findings: []string{"test-a@CORSRule[0]"},
			want: []string{
				"2:1 test-a CORSRule[0]",
				`3:3 unused-ignore CORSRule[0].AllowedOrigin[0]: ignore comment for "test-a", "test-b" suppressed nothing: CORSRule[0].AllowedOrigin[0] has no such finding; remove them from the comment`,
			},
		},
		{
			name:     "unused before the root",
			body:     "<!-- s3cors-ignore test-a: reviewed -->\n<CORSConfiguration>\n" + rule0 + "\n</CORSConfiguration>\n",
			findings: nil,
			want:     []string{`1:1 unused-ignore CORSConfiguration: ignore comment for "test-a" suppressed nothing: the document has no such finding; remove it from the comment`},
		},
		{
			name:     "unknown rule, with a suggestion; the known one applies",
			body:     "<!-- s3cors-ignore test-aa, test-b, zzz-unrelated-rule: reviewed -->\n" + rule0,
			findings: []string{"test-a@" + o0, "test-b@" + o1},
			want: []string{
				`2:1 ignore-unknown-rule CORSRule[0]: ignore comment names unknown rule "test-aa"; did you mean "test-a"?`,
				`2:1 ignore-unknown-rule CORSRule[0]: ignore comment names unknown rule "zzz-unrelated-rule"`,
				"4:18 test-a " + o0,
			},
		},
		{
			name:     "unknown rule in another case",
			body:     "<!-- s3cors-ignore Test-A: reviewed -->\n" + rule0,
			findings: []string{"test-a@" + o0},
			want: []string{
				`2:1 ignore-unknown-rule CORSRule[0]: ignore comment names unknown rule "Test-A"; did you mean "test-a"?`,
				"4:18 test-a " + o0,
			},
		},
		{
			name:     "no reason: no colon",
			body:     "<!-- s3cors-ignore test-a -->\n" + rule0,
			findings: []string{"test-a@" + o0},
			want: []string{
				`2:1 ignore-without-reason CORSRule[0]: ignore comment for "test-a" has no reason, so it does not apply; say why after a colon: <!-- s3cors-ignore test-a: why the finding is acceptable here -->`,
				"4:18 test-a " + o0,
			},
		},
		{
			name:     "no reason: empty after the colon",
			body:     "<!-- s3cors-ignore test-a, test-b:   \n  -->\n" + rule0,
			findings: []string{"test-a@" + o0},
			want: []string{
				`2:1 ignore-without-reason CORSRule[0]: ignore comment for "test-a", "test-b" has no reason, so it does not apply; say why after a colon: <!-- s3cors-ignore test-a, test-b: why the finding is acceptable here -->`,
				"5:18 test-a " + o0,
			},
		},
		{
			name:     "reason with colons, over several lines",
			body:     "<!--\n  s3cors-ignore\n  test-a:\n  see: WEB-142\n-->\n" + rule0,
			findings: []string{"test-a@" + o0},
			want:     nil,
		},
		{
			name:     "at the end of a rule: precedes no element",
			body:     "<CORSRule>\n  <AllowedOrigin>*</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n  <!-- s3cors-ignore test-a: reviewed -->\n</CORSRule>",
			findings: []string{"test-a@CORSRule[0]", "test-a@" + o0},
			want: []string{
				"2:1 test-a CORSRule[0]",
				"3:18 test-a " + o0,
				`5:3 unused-ignore CORSRule[0]: ignore comment for "test-a" precedes no element, so it suppresses nothing; put it just before the element it is about, such as a <CORSRule> or an <AllowedOrigin>`,
			},
		},
		{
			name:     "at the end of the root",
			body:     rule0 + "\n<!-- s3cors-ignore test-a: reviewed -->",
			findings: []string{"test-a@CORSRule[0]"},
			want: []string{
				"2:1 test-a CORSRule[0]",
				`8:1 unused-ignore CORSConfiguration: ignore comment for "test-a" precedes no element, so it suppresses nothing; put it just before the element it is about, such as a <CORSRule> or an <AllowedOrigin>`,
			},
		},
		{
			name:     "after the root, without a reason",
			body:     "<CORSConfiguration>\n" + rule0 + "\n</CORSConfiguration>\n<!-- s3cors-ignore test-a -->\n",
			findings: []string{"test-a@CORSRule[0]"},
			want: []string{
				"2:1 test-a CORSRule[0]",
				`9:1 ignore-without-reason CORSConfiguration: ignore comment for "test-a" has no reason, so it does not apply; say why after a colon: <!-- s3cors-ignore test-a: why the finding is acceptable here -->`,
				`9:1 unused-ignore CORSConfiguration: ignore comment for "test-a" precedes no element, so it suppresses nothing; put it just before the element it is about, such as a <CORSRule> or an <AllowedOrigin>`,
			},
		},
		{
			name:     "what S3 rejects is never suppressed",
			body:     "<!-- s3cors-ignore test-a, test-s3: reviewed -->\n" + rule0,
			findings: []string{"test-a!@" + o0, "test-s3!@" + o1},
			want: []string{
				`2:1 unused-ignore CORSRule[0]: ignore comment for "test-a", "test-s3" suppressed nothing: CORSRule[0] has no such finding; remove them from the comment; what S3 rejects cannot be ignored`,
				"4:18 test-a " + o0,
				"5:18 test-s3 " + o1,
			},
		},
		{
			name:     "a lint finding of a validation rule can be ignored",
			body:     "<!-- s3cors-ignore test-s3: reviewed -->\n" + rule0,
			findings: []string{"test-s3@CORSRule[0]"},
			want:     nil,
		},
		{
			name:     "the rules about comments cannot be ignored",
			body:     "<!-- s3cors-ignore unused-ignore, ignore-without-reason: reviewed -->\n<!-- s3cors-ignore test-a: reviewed -->\n" + rule0,
			findings: nil,
			want: []string{
				`2:1 unused-ignore CORSRule[0]: rule "ignore-without-reason" is about ignore comments and cannot be ignored by one; turn it off in .s3cors.yaml instead`,
				`2:1 unused-ignore CORSRule[0]: rule "unused-ignore" is about ignore comments and cannot be ignored by one; turn it off in .s3cors.yaml instead`,
				`3:1 unused-ignore CORSRule[0]: ignore comment for "test-a" suppressed nothing: CORSRule[0] has no such finding; remove it from the comment`,
			},
		},
		{
			name:     "two comments cover one finding: both are used",
			body:     "<!-- s3cors-ignore test-a: rule reviewed -->\n<CORSRule>\n  <!-- s3cors-ignore test-a: origin reviewed -->\n  <AllowedOrigin>*</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n</CORSRule>",
			findings: []string{"test-a@" + o0},
			want:     nil,
		},
		{
			name: "several findings and comments",
			body: "<!-- s3cors-ignore test-b: reviewed -->\n" + rule0 + "\n<CORSRule>\n  <!-- s3cors-ignore test-a: reviewed -->\n  <AllowedOrigin>*</AllowedOrigin>\n  <!-- s3cors-ignore test-a: reviewed -->\n  <AllowedOrigin>*</AllowedOrigin>\n  <AllowedMethod>GET</AllowedMethod>\n</CORSRule>",
			findings: []string{"test-a@" + o0, "test-b@" + o0, "test-b@" + o1, "test-a@CORSRule[1].AllowedOrigin[0]",
				"test-b@CORSRule[1].AllowedOrigin[0]", "test-a@CORSRule[1]"},
			want: []string{
				"4:18 test-a " + o0,
				"9:1 test-a CORSRule[1]",
				"11:18 test-b CORSRule[1].AllowedOrigin[0]",
				`12:3 unused-ignore CORSRule[1].AllowedOrigin[1]: ignore comment for "test-a" suppressed nothing: CORSRule[1].AllowedOrigin[1] has no such finding; remove it from the comment`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := suppressDoc(t, tt.body)
			findings := at(doc, tt.findings...)
			in := slices.Clone(findings)
			var got []string
			for _, f := range Suppress(doc, findings) {
				got = append(got, brief(f))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			if !slices.EqualFunc(in, findings, func(a, b Finding) bool { return a.Diagnostic == b.Diagnostic }) {
				t.Errorf("Suppress changed its argument")
			}
		})
	}
}

// TestSuppressRuleExamples checks the examples of the rules about ignore
// comments as TestCatalogue does for the others, through Suppress.
func TestSuppressRuleExamples(t *testing.T) {
	for _, r := range suppressRules {
		t.Run(r.ID, func(t *testing.T) {
			if r.Summary == "" || r.Rationale == "" || r.Severity == corsconf.SeverityInvalid || r.check != nil || r.Fixable {
				t.Fatalf("bad metadata: %+v", r)
			}
			for _, ex := range []struct {
				src  string
				want bool
			}{{r.Bad, true}, {r.Good, false}} {
				doc := suppressDoc(t, ex.src)
				var got []string
				for _, f := range Suppress(doc, Lint(doc, Options{})) {
					if f.Rule == r.ID {
						got = append(got, f.String())
					}
				}
				if (len(got) > 0) != ex.want {
					t.Errorf("reported: %v, want reported: %v\n%s", got, ex.want, ex.src)
				}
			}
		})
	}
}
