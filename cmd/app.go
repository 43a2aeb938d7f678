// Package cmd is the s3cors command line: flag parsing, file and network
// I/O, AWS calls and colour. The packages it drives (corsconf, simulate)
// do none of these.
package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

const appName = "s3cors"

// NewApp returns the command-line application bound to env. Each call
// builds a fresh App; nothing is shared between calls.
func NewApp(env Env) *cli.App {
	app := &cli.App{
		Name:      appName,
		Usage:     "author, validate, simulate and apply Amazon S3 bucket CORS configurations",
		Version:   env.Version,
		Reader:    env.Stdin,
		Writer:    env.Stdout,
		ErrWriter: env.Stderr,
		// cli must never call os.Exit: Main turns errors into exit codes.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
		Action:         rootAction,
		// "s3cors ... --generate-bash-completion" lists what can follow:
		// the mechanism of the scripts "s3cors completion" prints.
		EnableBashCompletion: true,
		Commands: []*cli.Command{
			newValidateCommand(env),
			newInitCommand(env),
			newLintCommand(env),
			newConvertCommand(env),
			newFmtCommand(env),
			newSimulateCommand(env), newServeCommand(env),
			newProbeCommand(env),
			newTestCommand(env),
			newPullCommand(env), newPushCommand(env), newDiffCommand(env), newDeleteCommand(env),
			newAuditCommand(env),
			newCompletionCommand(env),
		},
		// A --header value may hold commas ("Accept: a, b"): one flag, one value.
		DisableSliceFlagSeparator: true,
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
		if c.BashComplete == nil {
			c.BashComplete = completeFlags
		}
	}
	return app
}

// Main runs the application with args (args[0] is the program name) and
// returns the process exit code.
func Main(ctx context.Context, args []string, env Env) (code int) {
	defer func() {
		// A bug must not show a stack trace: one line, and the failure code.
		if v := recover(); v != nil {
			fmt.Fprintf(env.Stderr, "%s: internal error: %v (please report this with the input that caused it)\n", appName, v)
			code = ExitFailure
		}
	}()
	app := NewApp(env)
	args, err := flagsFirst(app, args)
	if err != nil {
		return exitCode(env.Stderr, err)
	}
	return exitCode(env.Stderr, app.RunContext(ctx, args))
}

// flagsFirst moves the flags that follow a command's arguments before them,
// so that "s3cors validate cors.xml --format json" works: urfave/cli v2,
// like the flag package, stops parsing flags at the first argument.
// Everything after "--" stays an argument.
func flagsFirst(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 || app.Command(args[1]) == nil || isCompletionRequest(args) {
		return args, nil
	}
	cmd := app.Command(args[1])
	var flags, positional, rest []string
	tail := args[2:]
	for i := 0; i < len(tail); i++ {
		a := tail[i]
		switch {
		case a == "--":
			rest = append([]string{"--"}, tail[i+1:]...)
			i = len(tail)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if !takesValue(cmd, a) {
				continue
			}
			if i+1 == len(tail) {
				return nil, usagef("flag %s needs a value", a)
			}
			i++
			flags = append(flags, tail[i])
		default:
			positional = append(positional, a)
		}
	}
	out := append(append([]string{}, args[:2]...), flags...)
	if len(rest) > 0 { // "--" now ends the flags, before every argument
		return append(append(append(out, "--"), positional...), rest[1:]...), nil
	}
	return append(out, positional...), nil
}

// isCompletionRequest reports whether args ask for shell completion: cli
// answers only when --generate-bash-completion is the last argument, so
// flagsFirst must not move it.
func isCompletionRequest(args []string) bool {
	return args[len(args)-1] == "--generate-bash-completion"
}

// takesValue reports whether flag token a (without "=value") names a flag
// of cmd that takes a value.
func takesValue(cmd *cli.Command, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	name := strings.TrimLeft(a, "-")
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return usageError{err}
}

// rootAction runs when no command is named: help, or an unknown command.
func rootAction(c *cli.Context) error {
	if c.Args().Present() {
		names := []string{}
		for _, cmd := range c.App.Commands {
			names = append(names, cmd.Name)
		}
		return usagef("unknown command %q (commands: %s)", c.Args().First(), strings.Join(names, ", "))
	}
	return cli.ShowAppHelp(c)
}
