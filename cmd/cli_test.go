package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Input files shared with the golden cases; these tests run from cmd/.
const inputDir = "../testdata/cli/input"

func input(name string) string { return filepath.Join(inputDir, name) }

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, content string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	// os.WriteFile is subject to the umask; the tests need the exact mode.
	if err := os.Chmod(name, perm); err != nil {
		t.Fatal(err)
	}
}

// dirNames returns the sorted names in dir, to catch leftover temporary files.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func fileMode(t *testing.T, name string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func TestConvertOutputFile(t *testing.T) {
	want := run(nil, nil, false, "convert", "--to", "cli", input("ok.xml"))
	wantCode(t, want, ExitOK)

	t.Run("new file", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "cors.json")
		r := run(nil, nil, false, "convert", "--to", "cli", "-o", out, input("ok.xml"))
		wantCode(t, r, ExitOK)
		if r.stdout != "" || r.stderr != "" {
			t.Errorf("stdout %q, stderr %q; want both empty", r.stdout, r.stderr)
		}
		if got := readFile(t, out); got != want.stdout {
			t.Errorf("file holds\n%s\nwant what convert prints:\n%s", got, want.stdout)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"cors.json"}) {
			t.Errorf("directory holds %q, want only cors.json", names)
		}
	})

	t.Run("flag after argument", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "cors.json")
		r := run(nil, nil, false, "convert", input("ok.xml"), "--to", "cli", "--output", out)
		wantCode(t, r, ExitOK)
		if got := readFile(t, out); got != want.stdout {
			t.Errorf("file holds\n%s\nwant\n%s", got, want.stdout)
		}
	})

	t.Run("replaces existing file keeping its mode", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "cors.json")
		writeFile(t, out, "old\n", 0o600)
		r := run(nil, nil, false, "convert", "--to", "cli", "-o", out, input("ok.xml"))
		wantCode(t, r, ExitOK)
		if got := readFile(t, out); got != want.stdout {
			t.Errorf("file holds\n%s\nwant\n%s", got, want.stdout)
		}
		if m := fileMode(t, out); m != 0o600 {
			t.Errorf("mode %v, want 0600", m)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"cors.json"}) {
			t.Errorf("directory holds %q, want only cors.json", names)
		}
	})

	// An input that cannot be converted must leave the output alone.
	untouched := []struct {
		name, input string
		code        int
	}{
		{"invalid input", input("errors.xml"), ExitProblems},
		{"unparsable input", input("syntax.xml"), ExitProblems},
		{"missing input", input("does-not-exist.xml"), ExitFailure},
	}
	for _, tt := range untouched {
		t.Run(tt.name+" leaves the output untouched", func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "cors.json")
			writeFile(t, out, "old\n", 0o644)
			r := run(nil, nil, false, "convert", "--to", "cli", "-o", out, tt.input)
			wantCode(t, r, tt.code)
			if r.stdout != "" {
				t.Errorf("stdout %q, want empty", r.stdout)
			}
			if r.stderr == "" {
				t.Error("nothing on stderr")
			}
			if got := readFile(t, out); got != "old\n" {
				t.Errorf("file holds %q, want it untouched", got)
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"cors.json"}) {
				t.Errorf("directory holds %q, want only cors.json", names)
			}
		})
	}

	t.Run("invalid input creates no file", func(t *testing.T) {
		dir := t.TempDir()
		r := run(nil, nil, false, "convert", "--to", "xml", "-o", filepath.Join(dir, "cors.xml"), input("errors.xml"))
		wantCode(t, r, ExitProblems)
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("directory holds %q, want it empty", names)
		}
	})

	t.Run("output is a directory", func(t *testing.T) {
		dir := t.TempDir()
		r := run(nil, nil, false, "convert", "--to", "xml", "-o", dir, input("ok.xml"))
		wantCode(t, r, ExitFailure)
		if !strings.Contains(r.stderr, "is a directory") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("stderr %q, want one line saying it is a directory", r.stderr)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("directory holds %q, want it empty", names)
		}
	})

	t.Run("output directory missing", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "no", "such", "dir", "cors.xml")
		r := run(nil, nil, false, "convert", "--to", "xml", "-o", out, input("ok.xml"))
		wantCode(t, r, ExitFailure)
		if !strings.HasPrefix(r.stderr, "s3cors: cannot write ") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("stderr %q, want one line starting %q", r.stderr, "s3cors: cannot write ")
		}
	})

	t.Run("dash means standard output", func(t *testing.T) {
		r := run(nil, nil, false, "convert", "--to", "cli", "-o", "-", input("ok.xml"))
		wantCode(t, r, ExitOK)
		if r.stdout != want.stdout {
			t.Errorf("stdout\n%s\nwant\n%s", r.stdout, want.stdout)
		}
	})
}

// TestConvertRoundTrip converts each valid input to every format and back
// to XML: the canonical XML must not change.
func TestConvertRoundTrip(t *testing.T) {
	for _, file := range []string{"ok.xml", "messy.xml", "console.json", "cli.json"} {
		xml := run(nil, nil, false, "convert", "--to", "xml", input(file))
		wantCode(t, xml, ExitOK)
		for _, via := range []string{"xml", "console", "cli"} {
			t.Run(file+"/"+via, func(t *testing.T) {
				mid := run(nil, nil, false, "convert", "--to", via, input(file))
				wantCode(t, mid, ExitOK)
				back := run([]byte(mid.stdout), nil, false, "convert", "--to", "xml", "-")
				wantCode(t, back, ExitOK)
				if back.stdout != xml.stdout {
					t.Errorf("via %s (-want +got):\n%s", via, lineDiff(xml.stdout, back.stdout))
				}
			})
		}
	}
}

func TestFmtWrite(t *testing.T) {
	canonical := readFile(t, input("ok.xml"))

	t.Run("rewrites in place, keeps the mode, idempotent", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "cors.xml")
		writeFile(t, file, readFile(t, input("messy.xml")), 0o640)

		r := run(nil, nil, false, "fmt", "-w", file)
		wantCode(t, r, ExitOK)
		if r.stdout != "" || r.stderr != "" {
			t.Errorf("stdout %q, stderr %q; want both empty", r.stdout, r.stderr)
		}
		if got := readFile(t, file); got != canonical {
			t.Errorf("file (-want +got):\n%s", lineDiff(canonical, got))
		}
		if m := fileMode(t, file); m != 0o640 {
			t.Errorf("mode %v, want 0640", m)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"cors.xml"}) {
			t.Errorf("directory holds %q, want only cors.xml", names)
		}

		r = run(nil, nil, false, "fmt", "-l", file)
		wantCode(t, r, ExitOK)
		if r.stdout != "" {
			t.Errorf("second run: fmt -l printed %q, want nothing", r.stdout)
		}
		r = run(nil, nil, false, "fmt", "-d", file)
		wantCode(t, r, ExitOK)
		if r.stdout != "" {
			t.Errorf("second run: fmt -d printed %q, want nothing", r.stdout)
		}
		r = run(nil, nil, false, "fmt", "-w", file)
		wantCode(t, r, ExitOK)
		if got := readFile(t, file); got != canonical {
			t.Errorf("second fmt -w changed the file:\n%s", lineDiff(canonical, got))
		}
	})

	t.Run("JSON keeps its format", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "cors.json")
		writeFile(t, file, `[{"AllowedMethods":["GET"],"AllowedOrigins":["*"],"MaxAgeSeconds":60}]`, 0o644)
		r := run(nil, nil, false, "fmt", "-w", file)
		wantCode(t, r, ExitOK)
		want := run(nil, nil, false, "convert", "--to", "console", file)
		if got := readFile(t, file); got != want.stdout {
			t.Errorf("file (-want +got):\n%s", lineDiff(want.stdout, got))
		}
		if r := run(nil, nil, false, "fmt", "-l", file); r.code != ExitOK || r.stdout != "" {
			t.Errorf("second run: fmt -l printed %q, exit %d; want nothing, 0", r.stdout, r.code)
		}
	})

	t.Run("a file that cannot be read is left alone", func(t *testing.T) {
		dir := t.TempDir()
		good := filepath.Join(dir, "good.xml")
		bad := filepath.Join(dir, "bad.xml")
		writeFile(t, good, readFile(t, input("messy.xml")), 0o644)
		badContent := readFile(t, input("unknown-element.xml"))
		writeFile(t, bad, badContent, 0o644)

		r := run(nil, nil, false, "fmt", "-w", bad, good)
		wantCode(t, r, ExitProblems)
		if got := readFile(t, bad); got != badContent {
			t.Errorf("bad.xml was changed to\n%s", got)
		}
		if got := readFile(t, good); got != canonical {
			t.Errorf("good.xml was not rewritten (-want +got):\n%s", lineDiff(canonical, got))
		}
		if !strings.Contains(r.stderr, "[unknown-field]") {
			t.Errorf("stderr %q does not report the unknown element", r.stderr)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"bad.xml", "good.xml"}) {
			t.Errorf("directory holds %q", names)
		}
	})
}

// TestFmtCanonical checks that fmt leaves canonical files alone and that
// its output is a fixed point, for every input it accepts.
func TestFmtCanonical(t *testing.T) {
	if r := run(nil, nil, false, "fmt", input("ok.xml")); r.stdout != readFile(t, input("ok.xml")) {
		t.Errorf("fmt changed the canonical ok.xml:\n%s", lineDiff(readFile(t, input("ok.xml")), r.stdout))
	}
	for _, file := range []string{"ok.xml", "messy.xml", "console.json", "cli.json"} {
		t.Run(file, func(t *testing.T) {
			once := run(nil, nil, false, "fmt", input(file))
			wantCode(t, once, ExitOK)
			twice := run([]byte(once.stdout), nil, false, "fmt", "-")
			wantCode(t, twice, ExitOK)
			if twice.stdout != once.stdout {
				t.Errorf("fmt is not idempotent (-first +second):\n%s", lineDiff(once.stdout, twice.stdout))
			}
			if l := run([]byte(once.stdout), nil, false, "fmt", "-l", "-"); l.code != ExitOK || l.stdout != "" {
				t.Errorf("fmt -l of formatted output: exit %d, stdout %q", l.code, l.stdout)
			}
		})
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColor(t *testing.T) {
	errorsXML := input("errors.xml")
	plain := run(nil, nil, false, "validate", errorsXML)
	wantCode(t, plain, ExitProblems)
	if ansi.MatchString(plain.stdout) {
		t.Fatalf("output without a terminal is coloured:\n%q", plain.stdout)
	}
	tests := []struct {
		name     string
		vars     map[string]string
		terminal bool
		args     []string
		want     bool
	}{
		{"always", nil, false, []string{"--color", "always"}, true},
		{"always=", nil, false, []string{"--color=always"}, true},
		{"always beats NO_COLOR", map[string]string{"NO_COLOR": "1"}, false, []string{"--color", "always"}, true},
		{"never", nil, true, []string{"--color", "never"}, false},
		{"auto on a terminal", nil, true, nil, true},
		{"auto not on a terminal", nil, false, nil, false},
		{"auto with NO_COLOR", map[string]string{"NO_COLOR": "1"}, true, nil, false},
		{"auto with empty NO_COLOR", map[string]string{"NO_COLOR": ""}, true, nil, true},
		{"auto with TERM=dumb", map[string]string{"TERM": "dumb"}, true, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"validate"}, tt.args...), errorsXML)
			r := run(nil, tt.vars, tt.terminal, args...)
			wantCode(t, r, ExitProblems)
			if got := ansi.MatchString(r.stdout); got != tt.want {
				t.Errorf("coloured = %v, want %v:\n%q", got, tt.want, r.stdout)
			}
			// Colour only decorates: without it the text is the same.
			if got := ansi.ReplaceAllString(r.stdout, ""); got != plain.stdout {
				t.Errorf("text differs once colour is removed (-want +got):\n%s", lineDiff(plain.stdout, got))
			}
		})
	}

	t.Run("valid file", func(t *testing.T) {
		r := run(nil, nil, false, "validate", "--color", "always", input("ok.xml"))
		wantCode(t, r, ExitOK)
		if !ansi.MatchString(r.stdout) {
			t.Errorf("no colour in %q", r.stdout)
		}
	})

	t.Run("json output is never coloured", func(t *testing.T) {
		r := run(nil, nil, true, "validate", "--format", "json", "--color", "always", errorsXML)
		wantCode(t, r, ExitProblems)
		if ansi.MatchString(r.stdout) || strings.Contains(r.stdout, "\x1b") {
			t.Errorf("escape codes in JSON output:\n%q", r.stdout)
		}
	})

	t.Run("convert and fmt colour their errors", func(t *testing.T) {
		for _, args := range []func(color string) []string{
			func(c string) []string { return []string{"convert", "--to", "xml", "--color", c, errorsXML} },
			func(c string) []string { return []string{"fmt", "--color", c, input("unknown-element.xml")} },
		} {
			r := run(nil, nil, false, args("always")...)
			wantCode(t, r, ExitProblems)
			if !ansi.MatchString(r.stderr) {
				t.Errorf("%q: no colour on stderr %q", args("always"), r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("%q: stdout %q, want empty", args("always"), r.stdout)
			}
			r = run(nil, nil, true, args("never")...)
			if ansi.MatchString(r.stderr) {
				t.Errorf("%q: colour on stderr %q", args("never"), r.stderr)
			}
		}
	})

	t.Run("auto looks at the writer it colours", func(t *testing.T) {
		// Only stderr is a terminal: validate writes its report to stdout,
		// convert writes its report to stderr.
		stderrOnly := func(args ...string) result {
			env, stdout, stderr := newTestEnv(nil, nil)
			env.IsTerminal = func(w any) bool { return w == any(stderr) }
			return runEnv(env, stdout, stderr, args...)
		}
		if r := stderrOnly("validate", errorsXML); ansi.MatchString(r.stdout) {
			t.Errorf("validate coloured stdout, which is not a terminal: %q", r.stdout)
		}
		if r := stderrOnly("convert", "--to", "xml", errorsXML); !ansi.MatchString(r.stderr) {
			t.Errorf("convert did not colour stderr, which is a terminal: %q", r.stderr)
		}
	})
}
