//go:build !linux

package cmd

import "os/exec"

// stopWithParent does nothing where the kernel cannot tie a process's
// life to its parent's; the tests stop the server themselves.
func stopWithParent(*exec.Cmd) {}
