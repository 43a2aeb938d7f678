package lint_test

import (
	"os"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// BenchmarkLint100Rules lints a valid 100-rule configuration of about
// 64 KB, parsed once.
func BenchmarkLint100Rules(b *testing.B) {
	src, err := os.ReadFile("../../testdata/bench/100-rules.xml")
	if err != nil {
		b.Fatal(err)
	}
	doc, _ := corsconf.Parse("100-rules.xml", src, corsconf.FormatXML)
	b.ReportAllocs()
	for b.Loop() {
		lint.Lint(doc, lint.Options{})
	}
}
