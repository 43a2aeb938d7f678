// Command gendocs writes the s3cors man page and shell completion scripts,
// generated from the command definitions, into a directory:
//
//	DIR/man/s3cors.1
//	DIR/completions/s3cors.bash
//	DIR/completions/_s3cors      (zsh)
//	DIR/completions/s3cors.fish
//
// Usage: go run ./scripts/gendocs DIR [VERSION]. scripts/gen-docs.sh runs it.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/s3cors/s3cors/cmd"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: gendocs DIR [VERSION]")
		os.Exit(2)
	}
	version := ""
	if len(os.Args) == 3 {
		version = os.Args[2]
	}
	if err := run(os.Args[1], version); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(3)
	}
}

func run(dir, version string) error {
	app := cmd.NewApp(cmd.OSEnv(version))
	man, err := cmd.ManPage(app)
	if err != nil {
		return err
	}
	files := map[string]string{filepath.Join("man", "s3cors.1"): man}
	names := map[string]string{"bash": "s3cors.bash", "zsh": "_s3cors", "fish": "s3cors.fish"}
	for _, shell := range cmd.CompletionShells() {
		script, err := cmd.CompletionScript(app, shell)
		if err != nil {
			return err
		}
		files[filepath.Join("completions", names[shell])] = script
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
		fmt.Println(path)
	}
	return nil
}
