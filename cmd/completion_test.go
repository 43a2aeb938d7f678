package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// commandNames returns the names of the commands of the app, without help.
func commandNames(t *testing.T) []string {
	t.Helper()
	env, _, _ := newTestEnv(nil, nil)
	var names []string
	for _, c := range NewApp(env).VisibleCommands() {
		if c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	if len(names) < 10 {
		t.Fatalf("only %d commands: %v", len(names), names)
	}
	return names
}

func TestCompletionScripts(t *testing.T) {
	names := commandNames(t)
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			got := run(nil, nil, false, "completion", shell)
			if got.code != ExitOK || got.stderr != "" {
				t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
			}
			if strings.TrimSpace(got.stdout) == "" || !strings.HasSuffix(got.stdout, "\n") {
				t.Fatalf("script empty or without final newline: %q", got.stdout)
			}
			for _, name := range names {
				if !strings.Contains(got.stdout, name) {
					t.Errorf("script does not mention command %q", name)
				}
			}
			if shell != "fish" && !strings.Contains(got.stdout, "--generate-bash-completion") {
				t.Error("script does not use --generate-bash-completion")
			}
		})
	}
}

func TestCompletionFish(t *testing.T) {
	got := run(nil, nil, false, "completion", "fish")
	for _, want := range []string{"complete -c s3cors", "__fish_seen_subcommand_from validate", "-a 'lint'"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("fish script lacks %q", want)
		}
	}
	// Built from a fresh App: the global flags appear once.
	if n := strings.Count(got.stdout, "__fish_s3cors_no_subcommand' -f -l version"); n != 1 {
		t.Errorf("--version completed %d times, want 1", n)
	}
}

func TestCompletionUsage(t *testing.T) {
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion"}, {"completion", "bash", "zsh"}, {"completion", "--color", "sometimes", "bash"}} {
		got := run(nil, nil, false, args...)
		if got.code != ExitUsage || got.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q; want exit 2 and no output", args, got.code, got.stdout)
		}
		if args[len(args)-1] == "tcsh" && !strings.Contains(got.stderr, `unknown shell "tcsh" (use bash, zsh, fish)`) {
			t.Errorf("%q: stderr %q does not list the shells", args, got.stderr)
		}
	}
}

// TestCompletionGenerateBashCompletion checks the mechanism the bash and
// zsh scripts rely on.
func TestCompletionGenerateBashCompletion(t *testing.T) {
	got := complete(t)
	if got.code != ExitOK || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
	for _, name := range commandNames(t) {
		if !slices.Contains(lines, name) {
			t.Errorf("command %q not offered; got %q", name, lines)
		}
	}
	got = complete(t, "completion")
	if got.code != ExitOK || got.stdout != "bash\nzsh\nfish\n" {
		t.Errorf("completion <TAB>: exit %d, stdout %q; want the shells", got.code, got.stdout)
	}
	// Flags after arguments are moved first, except the completion request,
	// which must stay last: nothing runs, nothing is read.
	got = complete(t, "validate", "does-not-exist.xml")
	if got.code != ExitOK || got.stderr != "" || got.stdout != "" {
		t.Errorf("validate FILE <TAB>: exit %d, stdout %q, stderr %q; want completion, not a run", got.code, got.stdout, got.stderr)
	}
	got = complete(t, "lint", "cors.xml", "--fa")
	if got.code != ExitOK || got.stdout != "--fail-on\n" {
		t.Errorf("lint FILE --fa<TAB>: exit %d, stdout %q; want --fail-on", got.code, got.stdout)
	}
}

// complete runs Main with args ending in --generate-bash-completion as
// the process's own arguments too: urfave/cli reads os.Args to decide
// whether a flag is being completed.
func complete(t *testing.T, args ...string) result {
	t.Helper()
	args = append(args, "--generate-bash-completion")
	saved := os.Args
	os.Args = append([]string{appName}, args...)
	t.Cleanup(func() { os.Args = saved })
	return run(nil, nil, false, args...)
}

// requireBash returns the path of bash, failing (not skipping) without it:
// CI has bash, and the bash script must be checked there.
func requireBash(t *testing.T) string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash is needed to check the bash completion script: %v", err)
	}
	return bash
}

func TestCompletionBashSyntax(t *testing.T) {
	bash := requireBash(t)
	file := filepath.Join(t.TempDir(), "s3cors.bash")
	if err := os.WriteFile(file, []byte(run(nil, nil, false, "completion", "bash").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bash, "-n", file).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
}

// TestCompletionBashCompletes runs the bash completion function against a
// stand-in s3cors that answers as the real one does and records how it was
// called.
func TestCompletionBashCompletes(t *testing.T) {
	bash := requireBash(t)
	dir := t.TempDir()
	answer := complete(t).stdout
	stub := "#!/bin/sh\nprintf '%s\\n' \"$*\" > \"$(dirname \"$0\")/args\"\ncat <<'EOF'\n" + answer + "EOF\n"
	if err := os.WriteFile(filepath.Join(dir, "s3cors"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "s3cors.bash")
	if err := os.WriteFile(script, []byte(run(nil, nil, false, "completion", "bash").stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	prog := `source "$1"
COMP_WORDS=("$2/s3cors" va); COMP_CWORD=1
_s3cors_complete
printf '%s\n' "${COMPREPLY[@]}"`
	out, err := exec.Command(bash, "-c", prog, "test", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	if got := string(out); got != "validate\n" {
		t.Errorf("completing %q offered %q, want validate", "s3cors va", got)
	}
	args, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatalf("the script did not run s3cors: %v", err)
	}
	if got := string(args); got != "--generate-bash-completion\n" {
		t.Errorf("s3cors called with %q, want --generate-bash-completion", got)
	}
}

func TestManPage(t *testing.T) {
	env, _, _ := newTestEnv(nil, nil)
	man, err := ManPage(NewApp(env))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(man, ".nh\n.TH s3cors 1") {
		t.Errorf("man page does not start with .TH s3cors 1:\n%.200s", man)
	}
	for _, name := range commandNames(t) {
		if !strings.Contains(man, "\n.SH "+name+"\n") {
			t.Errorf("man page has no section for command %q", name)
		}
	}
	if !strings.Contains(man, `\fB--fail-on\fP`) {
		t.Error("man page does not document lint's --fail-on")
	}
}
