package cmd

// Integration tests: the remote commands against a real S3-compatible
// server, versitygw v1.8.0 (scripts/versitygw.sh), on a loopback port. No
// mock and no network beyond 127.0.0.1.
//
// They run wherever versitygw can be found or installed, and in CI they
// must: when it cannot be started the tests fail, unless
// S3CORS_SKIP_INTEGRATION=1 is set (for a developer without Go module
// access; scripts/test.sh installs it first).

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3cors/s3cors/corsconf"
)

// Credentials of the test server: the root user, and a user without
// rights on root's buckets. The secrets are distinctive so that a leak
// into any output is caught.
const (
	vgwAccess     = "s3cors-it-root"
	vgwSecret     = "S3CORS-IT-ROOT-SECRET-never-printed"
	vgwUserAccess = "s3cors-it-user"
	vgwUserSecret = "S3CORS-IT-USER-SECRET-never-printed"
	vgwRegion     = "us-east-1"
	skipEnv       = "S3CORS_SKIP_INTEGRATION"
)

// vgwServer is the versitygw process shared by the tests of this binary.
type vgwServer struct {
	Endpoint string // http://127.0.0.1:PORT
	cmd      *exec.Cmd
	exited   chan struct{} // closed when the process has exited
	dir      string
	log      string
	client   *s3.Client // root's client, for setting up and checking
}

var (
	vgwOnce    sync.Once
	vgw        *vgwServer
	vgwErr     error
	vgwBuckets atomic.Int64
)

// TestMain stops the server, if a test started it, when the tests end.
func TestMain(m *testing.M) {
	code := m.Run()
	if vgw != nil {
		vgw.stop()
	}
	os.Exit(code)
}

// versitygw returns the running server, starting it on first use. It
// fails the test when the server cannot be started, or skips it when
// S3CORS_SKIP_INTEGRATION=1.
func versitygw(t testing.TB) *vgwServer {
	t.Helper()
	vgwOnce.Do(func() { vgw, vgwErr = startVersitygw() })
	if vgwErr != nil {
		if os.Getenv(skipEnv) == "1" {
			t.Skipf("versitygw unavailable (%v); skipped because %s=1", vgwErr, skipEnv)
		}
		t.Fatalf("versitygw unavailable: %v (run scripts/versitygw.sh install, or set %s=1 to skip the integration tests)", vgwErr, skipEnv)
	}
	return vgw
}

// versitygwBinary returns .tools/bin/versitygw after scripts/versitygw.sh
// install, which reuses it when it is the right version and installs it
// otherwise.
func versitygwBinary() (string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	out, err := exec.Command(filepath.Join(root, "scripts", "versitygw.sh"), "install").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("scripts/versitygw.sh install: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return filepath.Join(root, ".tools", "bin", "versitygw"), nil
}

func startVersitygw() (*vgwServer, error) {
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

// launchVersitygw starts the server on a free loopback port with the posix
// backend in sibling temporary directories, and waits until it answers.
func launchVersitygw(bin string) (*vgwServer, error) {
	dir, err := os.MkdirTemp("", "s3cors-versitygw-")
	if err != nil {
		return nil, err
	}
	s := &vgwServer{dir: dir, log: filepath.Join(dir, "versitygw.log")}
	for _, d := range []string{"meta", "data", "iam"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			return nil, err
		}
	}
	users := fmt.Sprintf(`{"accessAccounts":{%q:{"access":%q,"secret":%q,"role":"user","userID":0,"groupID":0,"projectID":0}}}`,
		vgwUserAccess, vgwUserAccess, vgwUserSecret)
	if err := os.WriteFile(filepath.Join(dir, "iam", "users.json"), []byte(users), 0o600); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s.Endpoint = "http://127.0.0.1:" + port
	logf, err := os.Create(s.log)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	s.cmd = exec.Command(bin, "--access", vgwAccess, "--secret", vgwSecret, "--port", "127.0.0.1:"+port, "--quiet",
		"--iam-dir", filepath.Join(dir, "iam"),
		"posix", "--sidecar", filepath.Join(dir, "meta"), filepath.Join(dir, "data"))
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	stopWithParent(s.cmd) // a test binary that panics must not leave a server behind
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.exited = make(chan struct{})
	go func() {
		s.cmd.Wait() //nolint:errcheck // an early exit is reported with the log
		close(s.exited)
	}()
	if err := s.waitReady(10 * time.Second); err != nil {
		s.stop()
		return nil, err
	}
	s.client = newSetupClient(s.Endpoint, vgwAccess, vgwSecret)
	return s, nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

// waitReady polls until the server answers any HTTP request.
func (s *vgwServer) waitReady(limit time.Duration) error {
	c := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("versitygw exited at start: %s", s.readLog())
		default:
		}
		if resp, err := c.Get(s.Endpoint + "/"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("versitygw did not answer on %s within %s: %s", s.Endpoint, limit, s.readLog())
}

func (s *vgwServer) readLog() string {
	b, _ := os.ReadFile(s.log)
	return strings.TrimSpace(string(b))
}

// stop ends the server with SIGTERM (it exits in about 1.5 s), killing it
// after 10 s, and removes its directories.
func (s *vgwServer) stop() {
	if s.exited != nil {
		s.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited already
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill() //nolint:errcheck // best effort
			<-s.exited
		}
	}
	os.RemoveAll(s.dir)
}

// newSetupClient returns an SDK client with static credentials, for
// setting up and checking buckets outside s3cors.
func newSetupClient(endpoint, access, secret string) *s3.Client {
	return s3.New(s3.Options{
		Region:       vgwRegion,
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(access, secret, ""),
	})
}

// newBucket creates a bucket with a unique name derived from t's name.
func (s *vgwServer) newBucket(t testing.TB) string {
	t.Helper()
	name := strings.ToLower(t.Name())
	name = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, name)
	name = fmt.Sprintf("it-%d-%s", vgwBuckets.Add(1), name)
	if len(name) > 63 {
		name = strings.TrimRight(name[:63], "-")
	}
	if _, err := s.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("CreateBucket %s: %v", name, err)
	}
	return name
}

// putCORS sets a bucket's configuration directly, from a configuration
// file's text.
func (s *vgwServer) putCORS(t testing.TB, bucket, src string) {
	t.Helper()
	doc, diags := corsconf.Parse("setup", []byte(src), corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("setup configuration: %v", diags)
	}
	_, err := s.client.PutBucketCors(context.Background(), &s3.PutBucketCorsInput{
		Bucket: aws.String(bucket), CORSConfiguration: &types.CORSConfiguration{CORSRules: fromModel(&doc.Config)},
	})
	if err != nil {
		t.Fatalf("PutBucketCors %s: %v", bucket, err)
	}
}

// getCORS returns a bucket's configuration in canonical XML, "" for none.
func (s *vgwServer) getCORS(t testing.TB, bucket string) string {
	t.Helper()
	out, err := s.client.GetBucketCors(context.Background(), &s3.GetBucketCorsInput{Bucket: aws.String(bucket)})
	if isNoConfiguration(err) {
		return ""
	}
	if err != nil {
		t.Fatalf("GetBucketCors %s: %v", bucket, err)
	}
	return string(canonical(toModel(out.CORSRules), corsconf.FormatXML))
}

// awsEnv sets the process environment the SDK reads: the given
// credentials (none when access is ""), a region, no shared files, no
// instance metadata, nothing else that could reach beyond 127.0.0.1.
func awsEnv(t *testing.T, access, secret string) {
	t.Helper()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": access, "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": vgwRegion, "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_S3": "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ROLE_ARN": "",
		// A CA bundle is of no use against the plain-HTTP test server.
		"AWS_CA_BUNDLE": "",
	} {
		t.Setenv(k, v)
	}
}

// itRun runs s3cors with args and --endpoint-url against the server,
// with the real client builder, stdin fed from stdin and every writer a
// terminal or not. It checks that no secret appears in any output.
func (s *vgwServer) itRun(t *testing.T, stdin string, terminal bool, args ...string) result {
	t.Helper()
	env, stdout, stderr := newTestEnv([]byte(stdin), nil)
	env.IsTerminal = func(any) bool { return terminal }
	env.NewBucketAPI = newBucketAPI
	r := runEnv(env, stdout, stderr, append(args, "--endpoint-url", s.Endpoint)...)
	noSecrets(t, r)
	return r
}

func noSecrets(t *testing.T, r result) {
	t.Helper()
	for _, secret := range []string{vgwSecret, vgwUserSecret} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Fatalf("a secret key appears in the output:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
		}
	}
}

// wantOutput fails unless out contains every one of wants.
func wantOutput(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, out)
		}
	}
}

// itSetup starts (or reuses) the server and sets root's credentials.
func itSetup(t *testing.T) *vgwServer {
	t.Helper()
	s := versitygw(t)
	awsEnv(t, vgwAccess, vgwSecret)
	return s
}
