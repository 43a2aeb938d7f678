package cmd

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCheckConfirmable(t *testing.T) {
	env, _, _ := newTestEnv(nil, nil)
	var ue usageError
	if err := checkConfirmable(env, false, "push", false); !errors.As(err, &ue) || !strings.Contains(err.Error(), "pass --yes") {
		t.Errorf("no terminal, no --yes: %v", err)
	}
	if err := checkConfirmable(env, true, "push", true); err != nil {
		t.Errorf("--yes: %v", err)
	}
	env.IsTerminal = func(any) bool { return true }
	if err := checkConfirmable(env, false, "push", false); err != nil {
		t.Errorf("terminal: %v", err)
	}
	if err := checkConfirmable(env, false, "push", true); !errors.As(err, &ue) {
		t.Errorf("configuration on standard input: %v", err)
	}
}

func TestConfirm(t *testing.T) {
	for answer, want := range map[string]bool{
		"y\n": true, "yes\n": true, " YES \r\n": true, "Y": true,
		"": false, "\n": false, "n\n": false, "no\n": false, "yes please\n": false, "sure\n": false,
	} {
		env, _, stderr := newTestEnv([]byte(answer), nil)
		if got := confirm(env, "Go?"); got != want {
			t.Errorf("answer %q: %v, want %v", answer, got, want)
		}
		if !strings.HasPrefix(stderr.String(), "Go? [y/N] ") {
			t.Errorf("prompt %q", stderr.String())
		}
	}
	env, _, stderr := newTestEnv([]byte("n\n"), nil)
	if err := confirmed(env, false, "Go?"); !errors.Is(err, errProblems) || !strings.Contains(stderr.String(), "cancelled: nothing was changed") {
		t.Errorf("declined: %v, %q", err, stderr.String())
	}
	env.Stdin = new(bytes.Buffer)
	if err := confirmed(env, true, "Go?"); err != nil {
		t.Errorf("--yes: %v", err)
	}
}
