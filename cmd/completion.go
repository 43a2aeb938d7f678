package cmd

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// completionShells are the shells "s3cors completion" writes a script for,
// in the order usage messages list them.
var completionShells = []string{"bash", "zsh", "fish"}

// CompletionShells returns the shells [CompletionScript] supports.
func CompletionShells() []string { return slices.Clone(completionShells) }

// bashCompletion asks s3cors itself what can follow the words typed so
// far: urfave/cli answers a command line ending in
// --generate-bash-completion with the commands or the flags that fit.
// When it has nothing to offer (a file argument), bash completes file
// names (-o default). It needs neither the bash-completion package nor
// bash 4.
const bashCompletion = `# bash completion for s3cors
# Load it in the current shell:   source <(s3cors completion bash)
# or install it for your user:    s3cors completion bash > ~/.local/share/bash-completion/completions/s3cors
# Completes the commands ({{commands}})
# and their flags by asking s3cors itself (s3cors ... --generate-bash-completion).

_s3cors_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local -a words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local prog="${words[0]}"
  case "$prog" in
    "~"/*) prog="$HOME/${prog#"~"/}" ;;
  esac
  words[0]="$prog"
  local opts
  if [[ "$cur" == -* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=()
  if [[ -n "$opts" ]]; then
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  fi
  return 0
}

complete -o bashdefault -o default -F _s3cors_complete s3cors
`

// zshCompletion uses the same mechanism as bashCompletion; with nothing
// offered it completes file names.
const zshCompletion = `#compdef s3cors
# zsh completion for s3cors
# Load it in the current shell:   source <(s3cors completion zsh)
# or install it as _s3cors in a directory of your $fpath:
#   s3cors completion zsh > "${fpath[1]}/_s3cors"
# Completes the commands ({{commands}})
# and their flags by asking s3cors itself (s3cors ... --generate-bash-completion).

_s3cors() {
  local -a opts
  local cur=${words[CURRENT]}
  local -a prev=("${(@)words[1,CURRENT-1]}")
  prev[1]=${prev[1]/#\~/$HOME}
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$("${(@)prev}" "$cur" --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$("${(@)prev}" --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ -n "${opts[1]}" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

if [[ "${funcstack[1]}" == "_s3cors" ]]; then
  _s3cors "$@"
else
  compdef _s3cors s3cors
fi
`

// CompletionScript returns the completion script of app (built by
// [NewApp]) for shell: bash, zsh or fish.
func CompletionScript(app *cli.App, shell string) (string, error) {
	var names []string
	for _, c := range app.VisibleCommands() {
		if c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	list := strings.Join(names, ", ")
	switch shell {
	case "bash":
		return strings.ReplaceAll(bashCompletion, "{{commands}}", list), nil
	case "zsh":
		return strings.ReplaceAll(zshCompletion, "{{commands}}", list), nil
	case "fish":
		script, err := app.ToFishCompletion()
		if err != nil || strings.HasSuffix(script, "\n") {
			return script, err
		}
		return script + "\n", nil
	}
	return "", usagef("unknown shell %q (use %s)", shell, strings.Join(completionShells, ", "))
}

func newCompletionCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: "Prints a script that completes s3cors commands and flags (and file names) in the shell.\n" +
			"  bash: source <(s3cors completion bash)\n" +
			"  zsh:  source <(s3cors completion zsh)\n" +
			"  fish: s3cors completion fish | source\n" +
			"To load it in every new shell, add that line to ~/.bashrc, ~/.zshrc or\n" +
			"~/.config/fish/config.fish, or install the script where the shell finds completions.",
		Flags: []cli.Flag{colorFlag()},
		// "s3cors completion <TAB>" offers the shells.
		BashComplete: func(c *cli.Context) {
			if c.NArg() == 0 {
				fmt.Fprintln(c.App.Writer, strings.Join(completionShells, "\n"))
			}
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("completion needs exactly one shell (use %s)", strings.Join(completionShells, ", "))
			}
			// A fresh App: the running one has been set up by cli (help
			// command and flags added), which ToFishCompletion would repeat.
			script, err := CompletionScript(NewApp(env), c.Args().First())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(env.Stdout, script)
			return err
		},
	}
}

// completeFlags is the completion of a command without its own: its flags
// when a flag is being typed, else nothing, so that the shell completes
// file names (cli's default would offer the "help" subcommand instead).
// Like cli, it finds the word being typed in the process's arguments.
func completeFlags(c *cli.Context) {
	if n := len(os.Args); n > 2 && strings.HasPrefix(os.Args[n-2], "-") {
		cli.DefaultCompleteWithFlags(c.Command)(c)
	}
}

// ManPage returns the man page (section 1, roff) of app (built by
// [NewApp]), generated from its command definitions.
func ManPage(app *cli.App) (string, error) {
	return app.ToManWithSection(1)
}
