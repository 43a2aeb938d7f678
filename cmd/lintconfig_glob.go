package cmd

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// The path globs of the ignore: entries of .s3cors.yaml (see [lintIgnore]):
// relative to the configuration file's directory, matched segment by
// segment with [path.Match], where a "**" segment matches any number of
// directories, none included.

// matchGlob reports whether the slash-separated name matches pattern, a
// glob checked by checkGlob.
func matchGlob(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// checkGlob returns pattern cleaned, or what is wrong with it.
func checkGlob(pattern string) (string, string) {
	switch {
	case strings.TrimSpace(pattern) == "":
		return "", "an empty path pattern"
	case strings.HasPrefix(pattern, "/"):
		return "", fmt.Sprintf("path pattern %q is absolute: patterns are relative to the directory of %s", pattern, lintConfigName)
	case strings.HasSuffix(pattern, "/"):
		return "", fmt.Sprintf("path pattern %q names a directory: write %q for the files under it", pattern, pattern+"**")
	case slices.Contains(strings.Split(pattern, "/"), ".."):
		return "", fmt.Sprintf("path pattern %q leaves the directory of %s", pattern, lintConfigName)
	}
	for _, seg := range strings.Split(pattern, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return "", fmt.Sprintf("path pattern %q is malformed (an unclosed [ or a trailing \\)", pattern)
		}
	}
	return path.Clean(pattern), ""
}
