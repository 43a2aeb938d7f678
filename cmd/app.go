// Package cmd is the s3cors command line: flag parsing, file and network
// I/O, AWS calls and colour. The packages it drives (corsconf, simulate)
// do none of these.
package cmd

import (
	"context"
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
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Action:          rootAction,
		Commands: []*cli.Command{
			newValidateCommand(env),
			newConvertCommand(env),
			newFmtCommand(env),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	return app
}

// Main runs the application with args (args[0] is the program name) and
// returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	app := NewApp(env)
	return exitCode(env.Stderr, app.RunContext(ctx, flagsFirst(app, args)))
}

// flagsFirst moves the flags that follow a command's arguments before them,
// so that "s3cors validate cors.xml --format json" works: urfave/cli v2,
// like the flag package, stops parsing flags at the first argument.
// Everything after "--" stays where it is.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	var flags, positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			positional = append(positional, rest[i:]...)
			i = len(rest)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if takesValue(cmd, a) && i+1 < len(rest) {
				i++
				flags = append(flags, rest[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	return append(append(append([]string{}, args[:2]...), flags...), positional...)
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
