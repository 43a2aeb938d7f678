package cmd

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/cli")

// goldenDir holds the end-to-end cases, relative to the repository root.
const goldenDir = "testdata/cli"

// result is what one run of Main produced.
type result struct {
	stdout, stderr string
	code           int
}

// newTestEnv returns a fake environment: stdin is fed from stdin, Getenv
// answers from vars only, nothing is a terminal, and the version is
// "test". It also returns the buffers behind Stdout and Stderr.
func newTestEnv(stdin []byte, vars map[string]string) (env Env, stdout, stderr *bytes.Buffer) {
	stdout, stderr = new(bytes.Buffer), new(bytes.Buffer)
	env = Env{
		Stdin:      bytes.NewReader(stdin),
		Stdout:     stdout,
		Stderr:     stderr,
		Getenv:     func(k string) string { return vars[k] },
		Version:    "test",
		IsTerminal: func(any) bool { return false },
	}
	return env, stdout, stderr
}

// runEnv runs Main with args (without the program name) in env, whose
// Stdout and Stderr are stdout and stderr.
func runEnv(env Env, stdout, stderr *bytes.Buffer, args ...string) result {
	code := Main(context.Background(), append([]string{appName}, args...), env)
	return result{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

// run runs Main with args in the environment of [newTestEnv]; terminal
// makes every writer a terminal.
func run(stdin []byte, vars map[string]string, terminal bool, args ...string) result {
	env, stdout, stderr := newTestEnv(stdin, vars)
	env.IsTerminal = func(any) bool { return terminal }
	return runEnv(env, stdout, stderr, args...)
}

// goldenCase is one testdata/cli/<name>.args file.
type goldenCase struct {
	args  []string
	stdin string            // file fed as standard input, relative to the repository root; "" for none
	vars  map[string]string // environment variables the case sets
}

// readGoldenCase reads an .args file: one argument per line. Leading lines
// "stdin: FILE" and "env: NAME=VALUE" are directives, not arguments.
func readGoldenCase(file string) (goldenCase, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return goldenCase{}, err
	}
	c := goldenCase{vars: map[string]string{}}
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" {
		return c, nil
	}
	lines := strings.Split(text, "\n")
	for len(lines) > 0 {
		if f, ok := strings.CutPrefix(lines[0], "stdin: "); ok {
			c.stdin = f
		} else if kv, ok := strings.CutPrefix(lines[0], "env: "); ok {
			k, v, found := strings.Cut(kv, "=")
			if !found {
				return c, fmt.Errorf("%s: directive %q: want env: NAME=VALUE", file, lines[0])
			}
			c.vars[k] = v
		} else {
			break
		}
		lines = lines[1:]
	}
	c.args = lines
	return c, nil
}

// TestMainGolden runs every testdata/cli/<case>.args through Main and
// compares standard output, standard error and the exit code with
// <case>.stdout, <case>.stderr and <case>.code. Paths in the cases are
// relative to the repository root, so the test runs from there. Run
// "go test ./cmd -update" to rewrite the golden files, then review the diff.
func TestMainGolden(t *testing.T) {
	t.Chdir("..")
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.args"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no cases in %s", goldenDir)
	}
	for _, file := range files {
		base := strings.TrimSuffix(file, ".args")
		t.Run(filepath.Base(base), func(t *testing.T) {
			runGoldenCase(t, base)
		})
	}
}

func runGoldenCase(t *testing.T, base string) {
	t.Helper()
	c, err := readGoldenCase(base + ".args")
	if err != nil {
		t.Fatal(err)
	}
	var stdin []byte
	if c.stdin != "" {
		if stdin, err = os.ReadFile(c.stdin); err != nil {
			t.Fatalf("stdin: %v", err)
		}
	}
	got := run(stdin, c.vars, false, c.args...)
	outputs := []struct{ ext, got string }{
		{".stdout", got.stdout},
		{".stderr", got.stderr},
		{".code", strconv.Itoa(got.code) + "\n"},
	}
	for _, o := range outputs {
		checkGolden(t, base+o.ext, o.got)
	}
}

// checkGolden compares got with the content of file byte for byte, or
// rewrites file with got under -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("%v (run go test ./cmd -update to create it)", err)
		return
	}
	if string(want) != got {
		t.Errorf("%s differs (-want +got):\n%s", file, lineDiff(string(want), got))
	}
}

// TestGoldenFilesHaveCases reports expected-output files left behind by a
// case that was renamed or removed.
func TestGoldenFilesHaveCases(t *testing.T) {
	for _, ext := range []string{".stdout", ".stderr", ".code"} {
		files, err := filepath.Glob(filepath.Join("..", goldenDir, "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if _, err := os.Stat(strings.TrimSuffix(f, ext) + ".args"); err != nil {
				t.Errorf("%s has no .args file", f)
			}
		}
	}
}

func TestReadGoldenCase(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, in  string
		wantArgs  []string
		wantStdin string
		wantVars  map[string]string
	}{
		{name: "empty", in: "", wantArgs: nil},
		{name: "args", in: "validate\nx.xml\n", wantArgs: []string{"validate", "x.xml"}},
		{name: "no final newline", in: "validate\nx.xml", wantArgs: []string{"validate", "x.xml"}},
		{name: "empty argument", in: "fmt\n\n", wantArgs: []string{"fmt", ""}},
		{name: "directives", in: "stdin: a.xml\nenv: NO_COLOR=1\nvalidate\n-\n",
			wantArgs: []string{"validate", "-"}, wantStdin: "a.xml", wantVars: map[string]string{"NO_COLOR": "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "case.args")
			if err := os.WriteFile(file, []byte(tt.in), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := readGoldenCase(file)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%q", c.args) != fmt.Sprintf("%q", tt.wantArgs) {
				t.Errorf("args = %q, want %q", c.args, tt.wantArgs)
			}
			if c.stdin != tt.wantStdin {
				t.Errorf("stdin = %q, want %q", c.stdin, tt.wantStdin)
			}
			for k, v := range tt.wantVars {
				if c.vars[k] != v {
					t.Errorf("vars[%q] = %q, want %q", k, c.vars[k], v)
				}
			}
		})
	}
}

// lineDiff returns a line diff from want to got: unchanged lines start
// with "  ", removed ones with "- " and added ones with "+ ". Runs of more
// than 3 unchanged lines are elided. Lines that differ only by a missing
// final newline are marked with a trailing "⏎" where a newline is present.
func lineDiff(want, got string) string {
	a, b := splitLines(want), splitLines(got)
	if len(a)*len(b) > 4_000_000 {
		return fmt.Sprintf("(too large for a diff)\nwant:\n%s\ngot:\n%s", want, got)
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, "  "+a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return strings.Join(elideContext(out, 3), "\n")
}

// splitLines splits s after each newline, keeping a visible mark of it so
// that a missing final newline shows in the diff.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = strings.TrimSuffix(l, "\n")
		} else {
			lines[i] = l + " (no final newline)"
		}
	}
	return lines
}

// elideContext keeps the changed lines and up to n unchanged lines around
// each change.
func elideContext(lines []string, n int) []string {
	keep := make([]bool, len(lines))
	for i, l := range lines {
		if strings.HasPrefix(l, "  ") {
			continue
		}
		for k := max(0, i-n); k <= min(len(lines)-1, i+n); k++ {
			keep[k] = true
		}
	}
	var out []string
	skipped := false
	for i, l := range lines {
		if keep[i] {
			out = append(out, l)
			skipped = false
		} else if !skipped {
			out = append(out, "  ...")
			skipped = true
		}
	}
	return out
}

func TestLineDiff(t *testing.T) {
	tests := []struct{ name, want, got, diff string }{
		{"equal", "a\nb\n", "a\nb\n", "  ..."},
		{"changed line", "a\nb\nc\n", "a\nx\nc\n", "  a\n- b\n+ x\n  c"},
		{"added", "a\n", "a\nb\n", "  a\n+ b"},
		{"final newline", "a\n", "a", "- a\n+ a (no final newline)"},
		{"elided", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\nx\n", "  ...\n  6\n  7\n  8\n- 9\n+ x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineDiff(tt.want, tt.got); got != tt.diff {
				t.Errorf("lineDiff(%q, %q) =\n%s\nwant\n%s", tt.want, tt.got, got, tt.diff)
			}
		})
	}
}
