package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aymanbagabas/go-udiff"
	"github.com/google/renameio/v2/maybe"
)

// writeFileAtomic replaces name with data: it writes a temporary file in
// the same directory, syncs it and renames it over name, so that readers
// see the old content or the new one, never a truncated file. An existing
// file keeps its permissions; a symbolic link keeps pointing at the file. (On Windows, where renaming over an open file
// is not atomic, the file is written in place.)
func writeFileAtomic(name string, data []byte) error {
	// Replace the file a symbolic link points to, not the link itself.
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", name)
		}
		perm = fi.Mode().Perm()
	}
	if err := maybe.WriteFile(name, data, perm); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrapPathError(err))
	}
	return nil
}

// unifiedDiff returns a unified diff from old to new labelled with name,
// or "" when they are equal.
func unifiedDiff(name string, old, new []byte) string {
	return udiff.Unified(name+".orig", name, string(old), string(new))
}
