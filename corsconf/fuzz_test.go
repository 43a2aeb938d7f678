package corsconf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// addSeeds adds every file of testdata with one of the extensions.
func addSeeds(f *testing.F, exts ...string) {
	for _, dir := range []string{"ok", "err", "bench", "cli/input"} {
		for _, ext := range exts {
			files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*"+ext))
			for _, file := range files {
				if b, err := os.ReadFile(file); err == nil {
					f.Add(b)
				}
			}
		}
	}
}

func FuzzParseXML(f *testing.F) {
	addSeeds(f, ".xml")
	f.Add([]byte("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"))
	f.Add([]byte("\xef\xbb\xbf<CORSConfiguration/>"))
	f.Fuzz(func(t *testing.T, src []byte) { checkParse(t, src, corsconf.FormatXML) })
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f, ".json")
	f.Add([]byte(`[{"AllowedOrigins":["*"],"AllowedMethods":["GET"],"MaxAgeSeconds":0}]`))
	f.Add([]byte(`{"CORSRules":[{"ID":"\u0001","AllowedOrigins":[""],"AllowedMethods":["GET","GET"]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) { checkParse(t, src, corsconf.FormatAuto) })
}

// checkParse checks the parser's properties on any input: no panic, every
// position inside the input, Validate and Check run on whatever was read,
// and a document read without problems survives format -> parse unchanged
// in every format (XML only when every value is representable in XML).
func checkParse(t *testing.T, src []byte, f corsconf.Format) {
	doc, diags := corsconf.Parse("fuzz", src, f)
	lines := bytes.Split(src, []byte("\n"))
	for _, d := range diags {
		checkPos(t, lines, d.Pos, d.String())
	}
	for i := range doc.Config.Rules {
		checkPos(t, lines, doc.Pos(corsconf.RulePath(i)), corsconf.RulePath(i))
	}
	vdiags := corsconf.Validate(doc)
	_, cdiags := corsconf.Check("fuzz", src, f)
	for _, d := range append(vdiags, cdiags...) {
		checkPos(t, lines, d.Pos, d.String())
	}
	if len(diags) > 0 {
		return
	}
	for _, to := range corsconf.Formats {
		if to == corsconf.FormatXML && hasRule(vdiags, "invalid-character") {
			continue
		}
		var out bytes.Buffer
		if err := doc.Config.Format(&out, to); err != nil {
			t.Fatal(err)
		}
		back, bdiags := corsconf.Parse("again", out.Bytes(), to)
		if len(bdiags) > 0 {
			t.Fatalf("the %s form does not parse: %v\n%s", to, bdiags, out.Bytes())
		}
		if !back.Config.Equal(&doc.Config) {
			t.Fatalf("the %s form changed the configuration:\n%q\n%s", to, src, out.Bytes())
		}
	}
}

func hasRule(ds corsconf.Diagnostics, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}

// checkPos fails unless p is unknown or lies inside the input; a column
// may point just past the end of a line (an unexpected end of input).
func checkPos(t *testing.T, lines [][]byte, p corsconf.Pos, what string) {
	t.Helper()
	if !p.IsValid() {
		return
	}
	if p.Line > len(lines) || p.Col < 1 || p.Col > len(lines[p.Line-1])+1 {
		t.Fatalf("position %s outside the input (%d lines): %s", p, len(lines), what)
	}
}
