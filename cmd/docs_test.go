package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// optionsBlock finds the OPTIONS block of a docs/commands page: a text
// code block that starts with "OPTIONS:".
var optionsBlock = regexp.MustCompile("(?s)```text\nOPTIONS:\n.*?```\n")

// TestCommandPagesHaveHelpOptions keeps the OPTIONS block of each
// docs/commands page equal to the command's --help (-update rewrites
// the blocks), and checks that every command has a page.
func TestCommandPagesHaveHelpOptions(t *testing.T) {
	env, _, _ := newTestEnv(nil, nil)
	for _, c := range NewApp(env).Commands {
		if c.Name == "help" {
			continue
		}
		page := filepath.Join("..", "docs", "commands", c.Name+".md")
		doc, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("command %s has no page: %v", c.Name, err)
			continue
		}
		help := run(nil, nil, false, c.Name, "--help").stdout
		i := strings.Index(help, "OPTIONS:\n")
		if i < 0 {
			t.Fatalf("%s --help has no OPTIONS:\n%s", c.Name, help)
		}
		want := "```text\n" + strings.TrimRight(help[i:], "\n") + "\n```\n"
		got := optionsBlock.Find(doc)
		switch {
		case got == nil:
			t.Errorf("%s has no OPTIONS block (a text block starting with OPTIONS:)", page)
		case string(got) == want:
		case *update:
			writeFile(t, page, strings.Replace(string(doc), string(got), want, 1), 0o644)
		default:
			t.Errorf("%s: the OPTIONS block differs from %s --help (go test ./cmd -run CommandPages -update rewrites it):\n%s", page, c.Name, want)
		}
	}
}
