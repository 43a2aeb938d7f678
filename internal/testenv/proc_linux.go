package testenv

import (
	"os"
	"os/exec"
	"syscall"
)

// StopWithParent has the kernel send SIGTERM to cmd's process when the
// test binary dies, however it dies.
func StopWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

// terminate asks p to stop.
func terminate(p *os.Process) {
	p.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited already
}
