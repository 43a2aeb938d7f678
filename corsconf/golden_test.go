package corsconf_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata")

// inputs returns the configuration files of a testdata directory.
func inputs(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.xml", "*.json"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no inputs in testdata/%s", dir)
	}
	return files
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGoldenOK checks that every file under testdata/ok is valid and that
// its canonical forms match testdata/canonical/<name>.{xml,console.json,cli.json}.
func TestGoldenOK(t *testing.T) {
	for _, file := range inputs(t, "ok") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, diags := corsconf.Check(filepath.Base(file), readFile(t, file), corsconf.FormatAuto)
			for _, d := range diags {
				t.Errorf("unexpected diagnostic: %s", d)
			}
			for _, f := range corsconf.Formats {
				var out bytes.Buffer
				if err := doc.Config.Format(&out, f); err != nil {
					t.Fatal(err)
				}
				base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
				checkGolden(t, filepath.Join("..", "testdata", "canonical", base+canonicalExt(f)), out.Bytes())
			}
		})
	}
}

func canonicalExt(f corsconf.Format) string {
	if f == corsconf.FormatXML {
		return ".xml"
	}
	return "." + f.String() + ".json"
}

// TestGoldenErr checks the diagnostics of every file under testdata/err
// against <name>.out: one line per diagnostic, then S3's answer.
func TestGoldenErr(t *testing.T) {
	for _, file := range inputs(t, "err") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, diags := corsconf.Check(filepath.Base(file), readFile(t, file), corsconf.FormatAuto)
			if !diags.HasErrors() {
				t.Errorf("no error reported")
			}
			var out bytes.Buffer
			for _, d := range diags {
				out.WriteString(goldenLine(d) + "\n")
			}
			checkGolden(t, strings.TrimSuffix(file, filepath.Ext(file))+".out", out.Bytes())
		})
	}
}

func goldenLine(d corsconf.Diagnostic) string {
	line := d.String()
	if d.S3 != nil {
		line += fmt.Sprintf("\n\tS3: %s: %s", d.S3.Code, d.S3.Message)
		if d.S3First {
			line += " (first)"
		}
		if d.S3.Unverified {
			line += " (unverified)"
		}
	}
	return line
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run: go test ./corsconf -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run: go test ./corsconf -update, then review the diff)\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// TestRoundTrip checks the lossless-conversion property over all of
// testdata: xml -> console -> cli -> xml keeps the configuration equal, and
// formatting is idempotent in every format.
func TestRoundTrip(t *testing.T) {
	files := append(inputs(t, "ok"), inputs(t, "err")...)
	files = append(files, inputs(t, "bench")...)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, diags := corsconf.Parse(file, readFile(t, file), corsconf.FormatAuto)
			if len(diags) > 0 {
				return // an err case that cannot be read without loss: no round trip to check
			}
			checkChain(t, &doc.Config, corsconf.FormatXML, corsconf.FormatConsole, corsconf.FormatCLI, corsconf.FormatXML)
			checkChain(t, &doc.Config, corsconf.FormatCLI, corsconf.FormatConsole, corsconf.FormatXML, corsconf.FormatCLI)
		})
	}
}

// checkChain converts cfg through formats in turn and fails if any step
// changes the configuration or is not idempotent.
func checkChain(t testing.TB, cfg *corsconf.Config, formats ...corsconf.Format) {
	t.Helper()
	cur := cfg
	for _, f := range formats {
		var out bytes.Buffer
		if err := cur.Format(&out, f); err != nil {
			t.Fatal(err)
		}
		doc, diags := corsconf.Parse("step", out.Bytes(), f)
		if len(diags) > 0 {
			t.Fatalf("re-reading the %s form: %v\n%s", f, diags, out.Bytes())
		}
		if !doc.Config.Equal(cfg) {
			t.Fatalf("the %s form changed the configuration:\n%s", f, out.Bytes())
		}
		var again bytes.Buffer
		if err := doc.Config.Format(&again, f); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("formatting %s is not idempotent:\n%s\n---\n%s", f, out.Bytes(), again.Bytes())
		}
		cur = &doc.Config
	}
}
