// Package testenv starts the real servers the tests run against:
// versitygw (an S3-compatible gateway) and the s3cors binary itself. It is
// imported by tests only, and talks to loopback addresses only.
package testenv

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Credentials of versitygw's root user, and of a user without rights on
// root's buckets. The secrets are distinctive so that a leak into any
// output is caught.
const (
	RootAccess = "s3cors-it-root"
	RootSecret = "S3CORS-IT-ROOT-SECRET-never-printed"
	UserAccess = "s3cors-it-user"
	UserSecret = "S3CORS-IT-USER-SECRET-never-printed"
	Region     = "us-east-1"
	// SkipEnv names the variable that, set to 1, lets a developer
	// without Go module access skip the tests that need versitygw.
	SkipEnv = "S3CORS_SKIP_INTEGRATION"
)

// Versitygw is a running versitygw process with the posix backend in a
// temporary directory.
type Versitygw struct {
	Endpoint string     // http://127.0.0.1:PORT
	Client   *s3.Client // root's client, for setting up and checking
	cmd      *exec.Cmd
	exited   chan struct{} // closed when the process has exited
	dir      string
	log      string
}

// Root returns the repository's root directory, found from the working
// directory (a package directory during tests) by looking for go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// versitygwBinary returns .tools/bin/versitygw after scripts/versitygw.sh
// install, which reuses it when it is the right version and installs it
// otherwise.
func versitygwBinary() (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(filepath.Join(root, "scripts", "versitygw.sh"), "install").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("scripts/versitygw.sh install: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return filepath.Join(root, ".tools", "bin", "versitygw"), nil
}

// StartVersitygw installs versitygw if needed and starts it on a free
// loopback port; Stop ends it.
func StartVersitygw() (*Versitygw, error) {
	bin, err := versitygwBinary()
	if err != nil {
		return nil, err
	}
	var last error
	for range 3 { // the free port may be taken between the probe and the start
		s, err := launchVersitygw(bin)
		if err == nil {
			return s, nil
		}
		last = err
	}
	return nil, last
}

func launchVersitygw(bin string) (*Versitygw, error) {
	dir, err := os.MkdirTemp("", "s3cors-versitygw-")
	if err != nil {
		return nil, err
	}
	s := &Versitygw{dir: dir, log: filepath.Join(dir, "versitygw.log")}
	if err := writeIAM(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	s.Endpoint = "http://127.0.0.1:" + port
	logf, err := os.Create(s.log)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	s.cmd = exec.Command(bin, "--access", RootAccess, "--secret", RootSecret, "--port", "127.0.0.1:"+port, "--quiet",
		"--iam-dir", filepath.Join(dir, "iam"),
		"posix", "--sidecar", filepath.Join(dir, "meta"), filepath.Join(dir, "data"))
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.start(); err != nil {
		return nil, err
	}
	s.Client = NewClient(s.Endpoint, RootAccess, RootSecret)
	return s, nil
}

// writeIAM makes the backend's directories and the second user.
func writeIAM(dir string) error {
	for _, d := range []string{"meta", "data", "iam"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			return err
		}
	}
	users := fmt.Sprintf(`{"accessAccounts":{%q:{"access":%q,"secret":%q,"role":"user","userID":0,"groupID":0,"projectID":0}}}`,
		UserAccess, UserAccess, UserSecret)
	return os.WriteFile(filepath.Join(dir, "iam", "users.json"), []byte(users), 0o600)
}

func (s *Versitygw) start() error {
	StopWithParent(s.cmd) // a test binary that panics must not leave a server behind
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(s.dir)
		return err
	}
	s.exited = make(chan struct{})
	go func() {
		s.cmd.Wait() //nolint:errcheck // an early exit is reported with the log
		close(s.exited)
	}()
	if err := s.waitReady(10 * time.Second); err != nil {
		s.Stop()
		return err
	}
	return nil
}

// FreePort returns a TCP port free on 127.0.0.1 at the time of the call.
func FreePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

// waitReady polls until the server answers any HTTP request.
func (s *Versitygw) waitReady(limit time.Duration) error {
	c := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("versitygw exited at start: %s", s.ReadLog())
		default:
		}
		if resp, err := c.Get(s.Endpoint + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("versitygw did not answer on %s within %s: %s", s.Endpoint, limit, s.ReadLog())
}

// ReadLog returns what the server has logged.
func (s *Versitygw) ReadLog() string {
	b, _ := os.ReadFile(s.log)
	return strings.TrimSpace(string(b))
}

// Stop ends the server with SIGTERM (it exits in about 1.5 s), killing it
// after 10 s, and removes its directories.
func (s *Versitygw) Stop() {
	if s.exited != nil {
		terminate(s.cmd.Process)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill() //nolint:errcheck // best effort
			<-s.exited
		}
	}
	os.RemoveAll(s.dir)
}

// NewClient returns an SDK client with static credentials and path-style
// addressing, for setting up and checking buckets outside s3cors.
func NewClient(endpoint, access, secret string) *s3.Client {
	return s3.New(s3.Options{
		Region:       Region,
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(access, secret, ""),
	})
}
