//go:build !linux

package testenv

import (
	"os"
	"os/exec"
)

// StopWithParent does nothing where the kernel cannot tie a child's life
// to its parent's; Stop still ends the child.
func StopWithParent(*exec.Cmd) {}

// terminate asks p to stop; elsewhere than Linux it kills it.
func terminate(p *os.Process) {
	p.Kill() //nolint:errcheck // it may have exited already
}
