package cmd

import (
	"bufio"
	"fmt"
	"strings"
)

// Confirmation of the commands that change buckets (push, delete): at a
// terminal they ask; elsewhere (scripts, CI) they require --yes, and say so
// before anything is sent.

// checkConfirmable fails with a usage error, before any network call, when
// a change would need a confirmation that cannot be asked: standard input
// is not a terminal (or carries the configuration) and --yes is absent.
func checkConfirmable(env Env, yes bool, command string, stdinUsed bool) error {
	if yes {
		return nil
	}
	if stdinUsed {
		return usagef("%s reads the configuration from standard input, so it cannot ask for confirmation: pass --yes", command)
	}
	if env.IsTerminal == nil || !env.IsTerminal(env.Stdin) {
		return usagef("%s changes buckets and standard input is not a terminal to confirm: pass --yes (or see the changes first with 's3cors diff')", command)
	}
	return nil
}

// confirmed asks question unless --yes was given; a "no" is reported, and
// returned as exit code 1: nothing was changed.
func confirmed(env Env, yes bool, question string) error {
	if yes || confirm(env, question) {
		return nil
	}
	fmt.Fprintf(env.Stderr, "%s: cancelled: nothing was changed\n", appName)
	return errProblems
}

// confirm asks question on standard error and reads the answer from
// standard input: "y" or "yes" (any case) agrees, anything else, end of
// input included, declines.
func confirm(env Env, question string) bool {
	fmt.Fprintf(env.Stderr, "%s [y/N] ", question)
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(env.Stderr)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}
