package cmd

import (
	"context"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// Env is everything outside the process that commands use. Tests build
// one with buffers; main uses [OSEnv].
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Version        string
	// IsTerminal reports whether w (one of Stdin, Stdout, Stderr) is a
	// terminal: it decides colour and whether prompts are allowed.
	IsTerminal func(f any) bool
	// NewBucketAPI builds the S3 client of the remote commands; only they
	// call it, so offline commands never load AWS configuration.
	NewBucketAPI func(ctx context.Context, o AWSOptions) (BucketAPI, error)
}

// OSEnv returns the environment of the running process.
func OSEnv(version string) Env {
	return Env{
		Stdin:        os.Stdin,
		Stdout:       os.Stdout,
		Stderr:       os.Stderr,
		Getenv:       os.Getenv,
		Version:      version,
		IsTerminal:   isTerminal,
		NewBucketAPI: newBucketAPI,
	}
}

// isTerminal reports whether f is an *os.File attached to a terminal
// (not merely a character device such as /dev/null).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && (isatty.IsTerminal(file.Fd()) || isatty.IsCygwinTerminal(file.Fd()))
}
