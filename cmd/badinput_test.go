package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Documents the bad inputs are built from.
const (
	validXML     = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	validConsole = `[{"AllowedOrigins":["*"],"AllowedMethods":["GET"]}]`
	validCLI     = `{"CORSRules":[{"AllowedOrigins":["*"],"AllowedMethods":["GET"]}]}`
	deep         = 100_000   // nesting depth of the deep documents
	big          = 10 << 20  // size of the big documents
	garbageSize  = 4 << 10   // size of the random documents
	garbageSeed  = 0x5eed_c0 // fixed, so that a failure can be reproduced
)

// bom is the UTF-8 byte order mark, which a document may start with.
const bom = "\xef\xbb\xbf"

func xmlRule(inner string) string {
	return "<CORSConfiguration><CORSRule>" + inner + "</CORSRule></CORSConfiguration>"
}

func xmlMaxAge(v string) string {
	return xmlRule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>" + v + "</MaxAgeSeconds>")
}

func consoleMaxAge(v string) string {
	return `[{"AllowedOrigins":["*"],"AllowedMethods":["GET"],"MaxAgeSeconds":` + v + `}]`
}

func cliMaxAge(v string) string {
	return `{"CORSRules":` + consoleMaxAge(v) + `}`
}

// garbage returns n random bytes; with alphabet set, n random bytes of it.
func garbage(n int, alphabet string) string {
	r := rand.New(rand.NewPCG(garbageSeed, uint64(len(alphabet))))
	b := make([]byte, n)
	for i := range b {
		if alphabet == "" {
			b[i] = byte(r.UintN(256))
		} else {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
	}
	return string(b)
}

const (
	xmlAlphabet  = `<>/="'&;#!?[] -:CORSConfigurationRuleAllowedOriginMethodHeaderExposeMaxAgeSecondsID*xml` + "\n\t"
	jsonAlphabet = `[]{}:,"\ 0123456789-+.eEtrufalsnCORSRulesAllowedOriginsMethods*` + "\n\t"
)

type badInput struct {
	name string
	src  string
	code int    // exit code of validate and of convert --to xml
	kind string // for a valid input: the format validate reports
}

func badInputs() []badInput {
	return []badInput{
		{name: "empty", src: "", code: ExitProblems},
		{name: "whitespace only", src: " \n\t\r\n  \n", code: ExitProblems},
		{name: "BOM only", src: bom, code: ExitProblems},
		{name: "BOM then XML", src: bom + validXML, code: ExitOK, kind: "xml"},
		{name: "BOM then console JSON", src: bom + validConsole, code: ExitOK, kind: "console"},
		{name: "BOM then CLI JSON", src: bom + validCLI, code: ExitOK, kind: "cli"},
		{name: "two BOMs then XML", src: bom + bom + validXML, code: ExitProblems},
		{name: "UTF-16 document", src: "\xff\xfe<\x00C\x00O\x00R\x00S\x00", code: ExitProblems},
		{name: "invalid UTF-8 in XML", src: xmlRule("<AllowedOrigin>\xff\xfe</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), code: ExitProblems},
		{name: "invalid UTF-8 in JSON", src: `[{"AllowedOrigins":["` + "\xc3\x28" + `"],"AllowedMethods":["GET"]}]`, code: ExitProblems},
		{name: "NUL in XML", src: xmlRule("<AllowedOrigin>a\x00b</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), code: ExitProblems},
		{name: "NUL in JSON", src: `[{"AllowedOrigins":["a` + "\x00" + `b"],"AllowedMethods":["GET"]}]`, code: ExitProblems},
		{name: "random binary", src: garbage(garbageSize, ""), code: ExitProblems},
		{name: "random XML-ish", src: "<" + garbage(garbageSize, xmlAlphabet), code: ExitProblems},
		{name: "random console-ish", src: "[" + garbage(garbageSize, jsonAlphabet), code: ExitProblems},
		{name: "random CLI-ish", src: "{" + garbage(garbageSize, jsonAlphabet), code: ExitProblems},
		{name: "10 MB of spaces then garbage", src: strings.Repeat(" ", big) + "garbage", code: ExitProblems},
		{name: "10 MB of spaces then XML garbage", src: strings.Repeat(" ", big) + "<CORSConfiguration><<", code: ExitProblems},
		// 1 MB, not 10, to keep the test fast: a run over 10 MB of rules
		// takes over a second.
		{name: "1 MB origin", src: xmlRule("<AllowedOrigin>" + strings.Repeat("a", 1<<20) + "</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), code: ExitProblems},
		{name: "1 MB of rules", src: manyRules(1 << 20), code: ExitProblems},
		{name: "deep XML in a rule", src: xmlRule(strings.Repeat("<a>", deep) + strings.Repeat("</a>", deep)), code: ExitProblems},
		{name: "deep XML in a value", src: xmlRule("<AllowedOrigin>" + strings.Repeat("<a>", deep) + strings.Repeat("</a>", deep) + "</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"), code: ExitProblems},
		{name: "deep XML unclosed", src: xmlRule(strings.Repeat("<a>", deep)), code: ExitProblems},
		{name: "deep XML root", src: strings.Repeat("<CORSConfiguration>", deep), code: ExitProblems},
		{name: "deep JSON arrays", src: strings.Repeat("[", deep) + strings.Repeat("]", deep), code: ExitProblems},
		{name: "deep JSON arrays unclosed", src: strings.Repeat("[", deep), code: ExitProblems},
		{name: "deep JSON arrays in a value", src: `{"CORSRules":[{"AllowedMethods":["GET"],"AllowedOrigins":` + strings.Repeat("[", deep) + strings.Repeat("]", deep) + `}]}`, code: ExitProblems},
		{name: "deep JSON objects in a rule", src: `[{"AllowedMethods":["GET"],"AllowedOrigins":["*"],"X":` + strings.Repeat(`{"a":`, deep) + "1" + strings.Repeat("}", deep) + `}]`, code: ExitProblems},
		{name: "billion laughs", src: billionLaughs, code: ExitProblems},
		{name: "external entity", src: externalEntity, code: ExitProblems},
		{name: "encoding ISO-8859-1", src: `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" + validXML, code: ExitProblems},
		{name: "encoding UTF-16", src: `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + validXML, code: ExitProblems},
		{name: "JSON duplicate key in a rule", src: `[{"AllowedOrigins":["*"],"AllowedMethods":["GET"],"AllowedMethods":["PUT"]}]`, code: ExitProblems},
		{name: "JSON duplicate CORSRules", src: `{"CORSRules":[{"AllowedOrigins":["*"],"AllowedMethods":["GET"]}],"CORSRules":[]}`, code: ExitProblems},
		{name: "JSON trailing garbage", src: validConsole + " xyz", code: ExitProblems},
		{name: "JSON trailing value", src: validCLI + "{}", code: ExitProblems},
		{name: "XML trailing garbage", src: validXML + " xyz", code: ExitProblems},
		{name: "XML MaxAgeSeconds 99999999999999999999", src: xmlMaxAge("99999999999999999999"), code: ExitProblems},
		{name: "XML MaxAgeSeconds 2147483648", src: xmlMaxAge("2147483648"), code: ExitProblems},
		{name: "XML MaxAgeSeconds -1", src: xmlMaxAge("-1"), code: ExitProblems},
		{name: "console MaxAgeSeconds 99999999999999999999", src: consoleMaxAge("99999999999999999999"), code: ExitProblems},
		{name: "console MaxAgeSeconds 2147483648", src: consoleMaxAge("2147483648"), code: ExitProblems},
		{name: "console MaxAgeSeconds -1", src: consoleMaxAge("-1"), code: ExitProblems},
		{name: "CLI MaxAgeSeconds 99999999999999999999", src: cliMaxAge("99999999999999999999"), code: ExitProblems},
		{name: "CLI MaxAgeSeconds 2147483648", src: cliMaxAge("2147483648"), code: ExitProblems},
		{name: "CLI MaxAgeSeconds -1", src: cliMaxAge("-1"), code: ExitProblems},
	}
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<CORSConfiguration><CORSRule><AllowedOrigin>&lol9;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>
`

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CORSConfiguration><CORSRule><AllowedOrigin>&xxe;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>
`

// manyRules returns a valid XML document of about size bytes made of one
// rule repeated.
func manyRules(size int) string {
	const rule = "<CORSRule><AllowedOrigin>https://example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>\n"
	return "<CORSConfiguration>\n" + strings.Repeat(rule, size/len(rule)) + "</CORSConfiguration>\n"
}

// TestBadInput feeds each bad input to validate and to convert --to xml,
// as a file and on standard input. Every run must end with the expected
// exit code and a report of whole diagnostic lines, never a crash, a
// stack trace or an internal error.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	for i, in := range badInputs() {
		file := filepath.Join(dir, fmt.Sprintf("input%02d", i))
		if err := os.WriteFile(file, []byte(in.src), 0o644); err != nil {
			t.Fatal(err)
		}
		// Not parallel: urfave/cli v2 writes to its global HelpFlag and
		// VersionFlag on every run, so concurrent runs of Main race.
		t.Run(in.name, func(t *testing.T) {
			for _, src := range []struct{ name, arg string }{{file, file}, {stdinName, "-"}} {
				via := "file"
				if src.arg == "-" {
					via = "stdin"
				}
				t.Run("validate/"+via, func(t *testing.T) {
					r := run([]byte(in.src), nil, false, "validate", src.arg)
					checkBadInput(t, in, src.name, r, r.stdout, r.stderr)
					if in.code == ExitOK && r.stdout != fmt.Sprintf("%s: valid (1 rule, %s)\n", src.name, in.kind) {
						t.Errorf("stdout %q, want the file reported valid as %s", r.stdout, in.kind)
					}
				})
				if via == "file" {
					t.Run("validate-json/"+via, func(t *testing.T) {
						r := run([]byte(in.src), nil, false, "validate", "--format", "json", src.arg)
						checkBadInputJSON(t, in, r)
					})
				}
				t.Run("convert/"+via, func(t *testing.T) {
					r := run([]byte(in.src), nil, false, "convert", "--to", "xml", src.arg)
					checkBadInput(t, in, src.name, r, r.stderr, r.stdout)
					if in.code == ExitOK {
						want := run([]byte(strings.TrimPrefix(in.src, bom)), nil, false, "convert", "--to", "xml", "-")
						if want.code != ExitOK || r.stdout != want.stdout {
							t.Errorf("stdout\n%s\nwant the same as without the byte order mark:\n%s", r.stdout, want.stdout)
						}
					}
				})
			}
		})
	}
}

// checkBadInput checks a run over in, named name in messages, whose report
// of problems goes to report and whose other stream is other.
func checkBadInput(t *testing.T, in badInput, name string, r result, report, other string) {
	t.Helper()
	if r.code != in.code {
		t.Errorf("exit code %d, want %d", r.code, in.code)
	}
	checkNoCrash(t, r.stdout+r.stderr)
	if in.code == ExitOK {
		if r.stderr != "" {
			t.Errorf("stderr %q, want empty", r.stderr)
		}
		return
	}
	if other != "" {
		t.Errorf("output besides the report: %q", shortText(other))
	}
	if report == "" {
		t.Fatal("no diagnostic")
	}
	diag := diagnosticLine(name)
	lines := strings.Split(strings.TrimSuffix(report, "\n"), "\n")
	if !diag.MatchString(lines[0]) {
		t.Errorf("first line is not one whole diagnostic line:\n%s", shortText(report))
	}
	for _, l := range lines[1:] {
		if !diag.MatchString(l) && !strings.HasPrefix(l, "    S3 answers: 400 ") {
			t.Errorf("line is neither a diagnostic nor an S3 answer: %q", shortText(l))
		}
	}
}

// diagnosticLine matches one text diagnostic of the file called name:
// "name:1:2: error: message [rule-id]", or with a path for a position.
func diagnosticLine(name string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(name) +
		`(:\d+:\d+|: [A-Za-z]+(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)?): error: \S[^\n]* \[[a-z0-9]+(-[a-z0-9]+)*\]$`)
}

// checkBadInputJSON checks validate --format json over in: a JSON array
// of diagnostics whose positions lie inside the input.
func checkBadInputJSON(t *testing.T, in badInput, r result) {
	t.Helper()
	if r.code != in.code {
		t.Errorf("exit code %d, want %d", r.code, in.code)
	}
	checkNoCrash(t, r.stdout+r.stderr)
	var ds []jsonDiagnostic
	if err := json.Unmarshal([]byte(r.stdout), &ds); err != nil {
		t.Fatalf("stdout is not a JSON array of diagnostics: %v\n%s", err, shortText(r.stdout))
	}
	if (len(ds) == 0) != (in.code == ExitOK) {
		t.Errorf("%d diagnostics for exit code %d", len(ds), r.code)
	}
	lines := bytes.Split([]byte(in.src), []byte("\n"))
	for _, d := range ds {
		if strings.ContainsAny(d.Message+d.Hint, "\n\r") {
			t.Errorf("message on several lines: %q; %q", d.Message, d.Hint)
		}
		if d.Rule == "" || d.Path == "" || d.Severity != "error" {
			t.Errorf("incomplete diagnostic %+v", d)
		}
		if d.Line == 0 {
			continue
		}
		if d.Line < 1 || d.Line > len(lines) || d.Column < 1 || d.Column > len(lines[d.Line-1])+1 {
			t.Errorf("position %d:%d is outside the input [%s] %s", d.Line, d.Column, d.Rule, d.Message)
		}
	}
}

func checkNoCrash(t *testing.T, out string) {
	t.Helper()
	for _, s := range []string{"panic", "goroutine", ".go:", "internal error", "root:x:0:0"} {
		if strings.Contains(out, s) {
			t.Errorf("output contains %q:\n%s", s, shortText(out))
		}
	}
}

// shortText keeps failure messages readable when the input is huge.
func shortText(s string) string {
	if len(s) > 2000 {
		return s[:2000] + fmt.Sprintf("... (%d bytes)", len(s))
	}
	return s
}
