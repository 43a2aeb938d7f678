package corsconf

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// fullJSONRule has every field set.
var fullJSONRule = Rule{
	ID:             "rule-1",
	AllowedOrigins: []string{"https://a.example", "https://b.example"},
	AllowedMethods: []string{"GET", "HEAD"},
	AllowedHeaders: []string{"*"},
	ExposeHeaders:  []string{"ETag"},
	MaxAgeSeconds:  jsonIntPtr(3000),
}

// TestFormatJSON checks the canonical text of both JSON forms.
func TestFormatJSON(t *testing.T) {
	t.Parallel()
	fullConsole := `[
  {
    "ID": "rule-1",
    "AllowedOrigins": [
      "https://a.example",
      "https://b.example"
    ],
    "AllowedMethods": [
      "GET",
      "HEAD"
    ],
    "AllowedHeaders": [
      "*"
    ],
    "ExposeHeaders": [
      "ETag"
    ],
    "MaxAgeSeconds": 3000
  }
]
`
	tests := []struct {
		name   string
		format Format
		cfg    Config
		want   string
	}{
		{"console no rules", FormatConsole, Config{}, "[]\n"},
		{"console empty rules", FormatConsole, Config{Rules: []Rule{}}, "[]\n"},
		{"cli no rules", FormatCLI, Config{}, "{\n  \"CORSRules\": []\n}\n"},
		{"console every field", FormatConsole, Config{Rules: []Rule{fullJSONRule}}, fullConsole},
		{"cli every field", FormatCLI, Config{Rules: []Rule{fullJSONRule}},
			"{\n  \"CORSRules\": " + strings.ReplaceAll(strings.TrimSuffix(fullConsole, "\n"), "\n", "\n  ") + "\n}\n"},
		{"absent fields left out, zero max age kept", FormatConsole,
			Config{Rules: []Rule{{AllowedMethods: []string{"GET"}, AllowedHeaders: []string{}, MaxAgeSeconds: jsonIntPtr(0)}}},
			"[\n  {\n    \"AllowedMethods\": [\n      \"GET\"\n    ],\n    \"MaxAgeSeconds\": 0\n  }\n]\n"},
		{"empty rule", FormatConsole, Config{Rules: []Rule{{}}}, "[\n  {}\n]\n"},
		{"two rules in order", FormatCLI, Config{Rules: []Rule{{ID: "b"}, {ID: "a", MaxAgeSeconds: jsonIntPtr(-1)}}},
			"{\n  \"CORSRules\": [\n    {\n      \"ID\": \"b\"\n    },\n    {\n      \"ID\": \"a\",\n      \"MaxAgeSeconds\": -1\n    }\n  ]\n}\n"},
		{"no HTML escaping, unicode as is", FormatConsole,
			Config{Rules: []Rule{{AllowedOrigins: []string{"https://ü.example/?a=1&b=<x>", "", "\"q\"\\\t"}}}},
			"[\n  {\n    \"AllowedOrigins\": [\n      \"https://ü.example/?a=1&b=<x>\",\n      \"\",\n      \"\\\"q\\\"\\\\\\t\"\n    ]\n  }\n]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := tt.cfg.Format(&b, tt.format); err != nil {
				t.Fatalf("Format: %v", err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("Format =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestFormatJSONRoundTrip checks that Parse reads back what Format wrote,
// and that formatting that again gives the same text.
func TestFormatJSONRoundTrip(t *testing.T) {
	t.Parallel()
	configs := []struct {
		name string
		cfg  Config
	}{
		{"none", Config{}},
		{"every field", Config{Rules: []Rule{fullJSONRule}}},
		{"duplicates", Config{Rules: []Rule{
			{AllowedOrigins: []string{"*", "*"}, AllowedMethods: []string{"GET", "GET"}},
			{AllowedOrigins: []string{"*", "*"}, AllowedMethods: []string{"GET", "GET"}},
		}}},
		{"empty strings", Config{Rules: []Rule{{AllowedOrigins: []string{""}, AllowedMethods: []string{""},
			AllowedHeaders: []string{"", ""}, ExposeHeaders: []string{""}}}}},
		{"unicode and escapes", Config{Rules: []Rule{{ID: "règle ☃ \U0001F600",
			AllowedOrigins: []string{"https://bücher.example", "<&>", "tab\there", "quote\"back\\slash", "\u2028\x00"}}}}},
		{"max age zero, absent and extremes", Config{Rules: []Rule{
			{MaxAgeSeconds: jsonIntPtr(0)}, {}, {MaxAgeSeconds: jsonIntPtr(-1)},
			{MaxAgeSeconds: jsonIntPtr(math.MaxInt)}, {MaxAgeSeconds: jsonIntPtr(math.MinInt)},
		}}},
		{"spaces kept", Config{Rules: []Rule{{ID: " id ", AllowedOrigins: []string{" https://a.example "}}}}},
	}
	for _, c := range configs {
		for _, f := range []Format{FormatConsole, FormatCLI} {
			t.Run(c.name+"/"+f.String(), func(t *testing.T) {
				t.Parallel()
				var out bytes.Buffer
				if err := c.cfg.Format(&out, f); err != nil {
					t.Fatalf("Format: %v", err)
				}
				doc, diags := Parse("round.json", out.Bytes(), FormatAuto)
				if len(diags) != 0 {
					t.Fatalf("Parse(Format(cfg)): diagnostics:\n%s\nfor\n%s", jsonDiagLines(diags), out.String())
				}
				if doc.Format != f {
					t.Errorf("Parse detected %v, want %v", doc.Format, f)
				}
				if !doc.Config.Equal(&c.cfg) {
					t.Errorf("Parse(Format(cfg)) =\n%s\nwant\n%s", dumpJSONConfig(doc.Config), dumpJSONConfig(c.cfg))
				}
				var again bytes.Buffer
				if err := doc.Config.Format(&again, f); err != nil || again.String() != out.String() {
					t.Errorf("Format is not idempotent (err %v):\n%s\nthen\n%s", err, out.String(), again.String())
				}
			})
		}
	}
}

var errJSONWrite = errors.New("disk full")

type failingJSONWriter struct{}

func (failingJSONWriter) Write([]byte) (int, error) { return 0, errJSONWrite }

// TestFormatJSONErrors checks the errors formatJSON returns.
func TestFormatJSONErrors(t *testing.T) {
	t.Parallel()
	cfg := Config{Rules: []Rule{fullJSONRule}}
	tests := []struct {
		name   string
		format Format
		w      failingJSONWriter
	}{
		{"console write error", FormatConsole, failingJSONWriter{}},
		{"cli write error", FormatCLI, failingJSONWriter{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := cfg.formatJSON(tt.w, tt.format); !errors.Is(err, errJSONWrite) {
				t.Errorf("formatJSON = %v, want %v", err, errJSONWrite)
			}
		})
	}
	t.Run("not a JSON format", func(t *testing.T) {
		t.Parallel()
		var b bytes.Buffer
		if err := cfg.formatJSON(&b, FormatXML); err == nil || b.Len() != 0 {
			t.Errorf("formatJSON(FormatXML) = %v after writing %q, want an error and nothing written", err, b.String())
		}
	})
}
