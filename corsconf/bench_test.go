package corsconf_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// benchConfig is a valid 100-rule configuration, about 64 KB as sent to S3.
const benchConfig = "../testdata/bench/100-rules.xml"

func readBench(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile(benchConfig)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkCheck100Rules(b *testing.B) {
	src := readBench(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, diags := corsconf.Check("bench.xml", src, corsconf.FormatAuto); len(diags) != 0 {
			b.Fatal(diags)
		}
	}
}

func BenchmarkParseXML100Rules(b *testing.B) {
	src := readBench(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		corsconf.Parse("bench.xml", src, corsconf.FormatXML)
	}
}

func BenchmarkFormat100Rules(b *testing.B) {
	doc, _ := corsconf.Parse("bench.xml", readBench(b), corsconf.FormatXML)
	for _, f := range corsconf.Formats {
		b.Run(f.String(), func(b *testing.B) {
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if err := doc.Config.Format(&out, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseCheckFormat100Rules(b *testing.B) {
	src := readBench(b)
	b.SetBytes(int64(len(src)))
	var out bytes.Buffer
	for b.Loop() {
		doc, _ := corsconf.Check("bench.xml", src, corsconf.FormatAuto)
		out.Reset()
		if err := doc.Config.Format(&out, corsconf.FormatCLI); err != nil {
			b.Fatal(err)
		}
	}
}
