package cmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// FuzzParseCloudFormation checks that the CloudFormation reader never
// panics, puts every position inside its input, and reads back what the
// writer writes of any configuration it reads.
func FuzzParseCloudFormation(f *testing.F) {
	addIaCSeeds(f, []string{"*.yaml", "*.json"}, iacCloudFormation, iacCloudFormationJSON)
	for _, s := range []string{
		"CorsRules: !If [a, b]", `{"CorsRules": {"Fn::Split": [",", "a,b"]}}`, "- AllowedOrigins: [*]",
		"Resources:\n  A: &a {Type: AWS::S3::Bucket, Properties: {CorsConfiguration: {CorsRules: [{AllowedOrigins: [x], AllowedMethods: [GET]}]}}}\n  B: *a\n",
		"? CorsRules\n: []", "CorsRules:\n  - MaxAge: -0x1F\n    Id: !!str 12\n", "\ufeffCorsRules: [{AllowedOrigins: [\"é\"], AllowedMethods: [GET]}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkIaCRead(t, src, corsconf.FormatCloudFormation, iacCloudFormationJSON)
	})
}

// FuzzParseTerraform is FuzzParseCloudFormation for the Terraform reader.
func FuzzParseTerraform(f *testing.F) {
	addIaCSeeds(f, []string{"*.tf"}, iacTerraform)
	for _, s := range []string{
		"resource \"aws_s3_bucket_cors_configuration\" \"a\" {\n  cors_rule {\n    allowed_origins = [\"${x}\", 1, null, true]\n    allowed_methods = tolist([\"GET\"])\n    max_age_seconds = 1e3\n  }\n}\n",
		"resource \"aws_s3_bucket\" \"b\" {\n  dynamic \"cors_rule\" {\n    for_each = []\n  }\n}\n",
		"resource \"aws_s3_bucket_cors_configuration\" \"a\" {\n  cors_rule {\n    allowed_origins = {a = 1}\n    allowed_methods = [for x in [\"GET\"] : x if x != \"\"]\n    id = <<-EOT\n    a\n    EOT\n  }\n}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkIaCRead(t, src, corsconf.FormatTerraform, iacTerraform)
	})
}

// addIaCSeeds adds the files of testdata/iac matching patterns, and the
// configurations of testdata/ok written in each of formats.
func addIaCSeeds(f *testing.F, patterns []string, formats ...iacFormat) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("..", iacGoldenDir, p))
		for _, file := range files {
			if src, err := os.ReadFile(file); err == nil {
				f.Add(src)
			}
		}
	}
	bucket, _ := parseBucketRef(defaultBucketRef)
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "ok", "*"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		doc, _ := corsconf.Parse(file, src, corsconf.FormatAuto)
		for _, out := range formats {
			var b bytes.Buffer
			if _, err := writeIaC(&b, &doc.Config, out, bucket); err == nil {
				f.Add(b.Bytes())
			}
		}
	}
}

// checkIaCRead reads src in format from. Without a problem of reading,
// the configuration written in format out must read back the same.
func checkIaCRead(t *testing.T, src []byte, from corsconf.Format, out iacFormat) {
	s, err := checkInput("fuzz", src, inputOptions{from: from})
	if err != nil {
		var ue usageError
		if !errors.As(err, &ue) && len(src) <= maxIaCSize {
			t.Fatalf("error %v", err)
		}
		return
	}
	checkPositions(t, src, s)
	for _, d := range s.diags {
		if readingRules[d.Rule] {
			return
		}
	}
	bucket, _ := parseBucketRef(defaultBucketRef)
	var b bytes.Buffer
	if _, err := writeIaC(&b, &s.doc.Config, out, bucket); err != nil {
		t.Fatalf("write: %v", err)
	}
	back, err := checkInput("fuzz", b.Bytes(), inputOptions{from: from})
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, b.Bytes())
	}
	if !back.doc.Config.Equal(&s.doc.Config) {
		t.Fatalf("read back\n%+v\nwant\n%+v\nfrom\n%s", back.doc.Config.Rules, s.doc.Config.Rules, b.Bytes())
	}
}
