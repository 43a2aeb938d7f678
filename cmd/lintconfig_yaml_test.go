package cmd

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Tests of the lint configuration's YAML reader: the mistakes it reports
// and the values it reads.

func TestLintConfigParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the problems, "line:col: message"; none when the file is valid
	}{
		{name: "empty", src: ""},
		{name: "comments only", src: "# nothing yet\n"},
		{name: "null sections", src: "rules:\nignore:\n"},
		{name: "every form", src: "rules:\n  " + ots + ": off\nignore:\n  - rules: [" + ots + "]\n    paths: [\"dev/**\", '*.local.xml', ./x/y.json]\n  - rules:\n      - " + ots + "\n    paths:\n      - a\n"},
		{name: "anchors and aliases", src: "ignore:\n  - rules: &r [" + ots + "]\n    paths: [a]\n  - rules: *r\n    paths: [b]\n"},
		{name: "a byte order mark", src: "\xEF\xBB\xBFrules: {" + ots + ": warning}\n"},
		{
			name: "syntax error",
			src:  "rules: {" + ots + ": off\n",
			want: []string{"1:8: invalid YAML: could not find flow mapping end token '}'"},
		},
		{
			name: "duplicate key",
			src:  "rules:\n  " + ots + ": off\n  " + ots + ": error\n",
			want: []string{`3:3: invalid YAML: mapping key "origin-trailing-slash" already defined at [2:3]`},
		},
		{
			name: "not a mapping",
			src:  "- rules\n",
			want: []string{"1:1: the configuration: want a mapping with the keys rules and ignore, got a list"},
		},
		{
			name: "two documents",
			src:  "rules: {}\n---\nrules: {}\n",
			want: []string{"3:1: a configuration holds one YAML document; this is document 2"},
		},
		{
			name: "unknown keys",
			src:  "rule:\n  " + ots + ": off\nignores: []\nextends: base.yaml\n",
			want: []string{
				`1:1: unknown key "rule" at the top level (keys: rules, ignore); did you mean "rules"?`,
				`3:1: unknown key "ignores" at the top level (keys: rules, ignore); did you mean "ignore"?`,
				`4:1: unknown key "extends" at the top level (keys: rules, ignore)`,
			},
		},
		{
			name: "unknown rules",
			src:  "rules:\n  origin-trailing-slashes: off\n  no-such-thing: off\n",
			want: []string{
				`2:3: rules: unknown rule "origin-trailing-slashes"; did you mean "origin-trailing-slash"?`,
				`3:3: rules: unknown rule "no-such-thing"`,
			},
		},
		{
			name: "levels",
			src:  "rules:\n  " + ots + ": warn\n",
			want: []string{`2:26: rules: origin-trailing-slash: unknown level "warn" (use off, error, warning or notice); did you mean "warning"?`},
		},
		{
			name: "level of another type",
			src:  "rules: {" + ots + ": false}\n---\n",
			want: []string{"1:32: rules: origin-trailing-slash: want off, error, warning or notice, got a boolean; write off"},
		},
		{
			name: "level missing, level a list",
			src:  "rules:\n  " + ots + ":\n  x-" + ots + ": [off]\n",
			want: []string{
				"2:25: rules: origin-trailing-slash: want off, error, warning or notice, got nothing",
				`3:3: rules: unknown rule "x-origin-trailing-slash"; did you mean "origin-trailing-slash"?`,
			},
		},
		{
			name: "rules of the wrong type",
			src:  "rules: [" + ots + "]\n",
			want: []string{"1:8: rules: want a mapping of rule IDs to off, error, warning or notice, got a list"},
		},
		{
			name: "ignore entries",
			src: "ignore:\n  - rules: " + ots + "\n    paths: []\n  - path: [a]\n    rules: [nope, " + ots + ", 3]\n  - 7\n" +
				"  - rules: [" + ots + "]\n  - paths: [a]\n  - {}\n",
			want: []string{
				"2:12: ignore[0].rules: want a list of rule IDs, such as [a, b], got a string",
				"3:12: ignore[0].paths: want a list of path globs, such as [a, b], got an empty list",
				`4:5: ignore[1]: unknown key "path" (keys: rules, paths); did you mean "paths"?`,
				"4:5: ignore[1]: the entry has no paths (an entry needs both)",
				`5:13: ignore[1].rules: unknown rule "nope"`,
				"5:42: ignore[1].rules: want a string, got an integer",
				"6:5: ignore[2]: want a mapping with the keys rules and paths, got an integer",
				"7:5: ignore[3]: the entry has no paths (an entry needs both)",
				"8:5: ignore[4]: the entry has no rules (an entry needs both)",
				"9:5: ignore[5]: the entry has no rules and no paths (an entry needs both)",
			},
		},
		{
			name: "bad globs",
			src:  "ignore:\n  - rules: [" + ots + "]\n    paths: [\"/abs/*.xml\", \"dev/\", \"../up/*.xml\", \"a/[b\", \"\"]\n",
			want: []string{
				`3:13: ignore[0].paths: path pattern "/abs/*.xml" is absolute: patterns are relative to the directory of .s3cors.yaml`,
				`3:27: ignore[0].paths: path pattern "dev/" names a directory: write "dev/**" for the files under it`,
				`3:35: ignore[0].paths: path pattern "../up/*.xml" leaves the directory of .s3cors.yaml`,
				`3:50: ignore[0].paths: path pattern "a/[b" is malformed (an unclosed [ or a trailing \)`,
				"3:58: ignore[0].paths: an empty path pattern",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLintConfig("c.yaml", []byte(tt.src))
			var got []string
			if err != nil {
				var ce *lintConfigError
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a *lintConfigError", err)
				}
				for _, p := range ce.problems {
					got = append(got, strings.TrimPrefix(p, "c.yaml:"))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestLintConfigParseValues(t *testing.T) {
	src := "rules:\n  " + ots + ": notice\nignore:\n  - rules: [" + ots + "]\n    paths: [./dev/**/x.xml, 'a//b/*.xml']\n"
	c, err := parseLintConfig("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(c.Rules, map[string]string{ots: "notice"}) {
		t.Errorf("Rules = %v", c.Rules)
	}
	want := []lintIgnore{{Rules: []string{ots}, Paths: []string{"dev/**/x.xml", "a/b/*.xml"}}}
	if len(c.Ignore) != 1 || !slices.Equal(c.Ignore[0].Rules, want[0].Rules) || !slices.Equal(c.Ignore[0].Paths, want[0].Paths) {
		t.Errorf("Ignore = %+v, want %+v", c.Ignore, want)
	}
}
