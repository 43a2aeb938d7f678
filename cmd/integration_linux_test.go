package cmd

import (
	"os/exec"
	"syscall"
)

// stopWithParent has the kernel send SIGTERM to cmd's process when the
// test binary dies, however it dies.
func stopWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
