package testenv

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// BinEnv names a prebuilt s3cors binary for BuildS3cors to return
// instead of building one.
const BinEnv = "S3CORS_BIN"

// BuildS3cors builds the s3cors binary into dir and returns its path, or
// returns the binary named by S3CORS_BIN.
func BuildS3cors(dir string) (string, error) {
	if bin := os.Getenv(BinEnv); bin != "" {
		return bin, nil
	}
	root, err := Root()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "s3cors")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return bin, nil
}

// Serve is a running "s3cors serve" process.
type Serve struct {
	URL    string // http://127.0.0.1:PORT
	cmd    *exec.Cmd
	log    *LockedBuffer
	exited chan struct{}
}

// StartServe runs "s3cors serve --config config --addr 127.0.0.1:0" with
// the extra args, and waits for the line that gives its address.
func StartServe(bin, config string, args ...string) (*Serve, error) {
	cmd := exec.Command(bin, append([]string{"serve", "--config", config, "--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &Serve{cmd: cmd, log: &LockedBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = s.log
	StopWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := make(chan string, 1)
	go s.read(out, lines)
	go func() { cmd.Wait(); close(s.exited) }() //nolint:errcheck // reported by Stop's caller through Log
	select {
	case line := <-lines:
		const prefix = "s3cors serve: listening on "
		if !strings.HasPrefix(line, prefix) {
			s.Stop()
			return nil, fmt.Errorf("s3cors serve said %q: %s", line, s.Log())
		}
		s.URL = strings.Fields(strings.TrimPrefix(line, prefix))[0]
		return s, nil
	case <-time.After(10 * time.Second):
		s.Stop()
		return nil, fmt.Errorf("s3cors serve did not start within 10 s: %s", s.Log())
	}
}

// read passes the first line on and keeps all of them in the log.
func (s *Serve) read(r io.Reader, first chan<- string) {
	sc := bufio.NewScanner(r)
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			first <- sc.Text()
		}
		s.log.WriteString(sc.Text() + "\n")
	}
	if s.log.Len() == 0 {
		first <- ""
	}
}

// Log returns what the process has written so far.
func (s *Serve) Log() string { return s.log.String() }

// Stop interrupts the process as Ctrl-C does and waits for it to exit;
// it returns the exit error, nil for a clean stop.
func (s *Serve) Stop() error {
	s.cmd.Process.Signal(os.Interrupt) //nolint:errcheck // it may have exited already
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill() //nolint:errcheck // best effort
		<-s.exited
		return fmt.Errorf("s3cors serve did not stop within 10 s of an interrupt")
	}
	if s.cmd.ProcessState.Success() {
		return nil
	}
	return fmt.Errorf("s3cors serve exited with %v: %s", s.cmd.ProcessState, s.Log())
}
