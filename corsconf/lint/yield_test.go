package lint_test

import (
	"slices"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

// TestYieldingFinding: content-type-not-allowed stays quiet where
// sdk-headers-not-allowed names content-type, but speaks when that rule
// is disabled, whether Lint skips it or Apply drops it after Run.
func TestYieldingFinding(t *testing.T) {
	src := `<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example</AllowedOrigin>` +
		`<AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-amz-date</AllowedHeader></CORSRule></CORSConfiguration>`
	doc, diags := corsconf.Parse("y.xml", []byte(src), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	rules := func(fs []lint.Finding) []string {
		var ids []string
		for _, f := range fs {
			ids = append(ids, f.Rule)
		}
		return ids
	}
	off := lint.Options{Disable: map[string]bool{"sdk-headers-not-allowed": true}}
	for name, got := range map[string][]string{
		"Lint":                rules(lint.Lint(doc, lint.Options{})),
		"Run then Apply":      rules(lint.Options{}.Apply(lint.Run(doc))),
		"Lint, sdk off":       rules(lint.Lint(doc, off)),
		"Run then Apply, off": rules(off.Apply(lint.Run(doc))),
	} {
		sdk, ct := slices.Contains(got, "sdk-headers-not-allowed"), slices.Contains(got, "content-type-not-allowed")
		if sdk == ct {
			t.Errorf("%s: %v: want exactly one of sdk-headers-not-allowed and content-type-not-allowed", name, got)
		}
	}
}
