package cmd

import "testing"

// Tests of the glob patterns of the lint configuration's ignore paths.

func TestLintConfigGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"cors.xml", "cors.xml", true},
		{"cors.xml", "dev/cors.xml", false},
		{"*.xml", "cors.xml", true},
		{"*.xml", "dev/cors.xml", false}, // * stays within a segment
		{"*.xml", "cors.json", false},
		{"dev/*", "dev/cors.xml", true},
		{"dev/*", "dev/a/cors.xml", false},
		{"dev/**", "dev/cors.xml", true},
		{"dev/**", "dev/a/b/cors.xml", true},
		{"dev/**", "prod/cors.xml", false},
		{"dev/**", "devel/cors.xml", false},
		{"**/*.local.xml", "a.local.xml", true}, // ** matches no directory too
		{"**/*.local.xml", "a/b/c.local.xml", true},
		{"**/*.local.xml", "a/b/c.xml", false},
		{"**/test/**", "test/x.xml", true},
		{"**/test/**", "a/test/b/x.xml", true},
		{"**/test/**", "a/testing/x.xml", false},
		{"a/**/b/*.xml", "a/b/x.xml", true},
		{"a/**/b/*.xml", "a/x/y/b/x.xml", true},
		{"a/**/**/b", "a/b", true},
		{"a/**/b", "a/x/c", false},
		{"**", "anything/at/all.xml", true},
		{"env-?/[a-c]*.xml", "env-1/b.xml", true},
		{"env-?/[a-c]*.xml", "env-1/d.xml", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}
