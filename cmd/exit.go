package cmd

import (
	"errors"
	"fmt"
	"io"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success; nothing to report
	ExitProblems = 1 // problems found: invalid configuration, blocked request, drift
	ExitUsage    = 2 // bad usage: unknown flag, missing argument, bad flag value
	ExitFailure  = 3 // the tool could not do its work: unreadable file, I/O or AWS failure
)

// errProblems is returned by an action that has printed the problems it
// found; it maps to ExitProblems and prints nothing more.
var errProblems = errors.New("problems found")

// usageError is a mistake in the command line; it maps to ExitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode prints err (unless the action already reported it) and returns
// the process exit code for it.
func exitCode(stderr io.Writer, err error) int {
	code := codeOf(err)
	var ue usageError
	switch {
	case code == ExitUsage && errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", appName, ue.err, appName)
	case code == ExitFailure && !errors.Is(err, errFailure):
		fmt.Fprintf(stderr, "%s: %s\n", appName, err)
	}
	return code
}

// codeOf returns the process exit code for err, printing nothing.
func codeOf(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errProblems):
		return ExitProblems
	case errors.Is(err, errFailure):
		return ExitFailure
	case errors.As(err, &ue):
		return ExitUsage
	}
	return ExitFailure
}

// errFailure is returned by an action that has already printed why it
// could not do its work; it maps to ExitFailure and prints nothing more.
var errFailure = errors.New("failed")
