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
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/internal/testenv"
)

// Credentials of the test server (see internal/testenv).
const (
	vgwAccess     = testenv.RootAccess
	vgwSecret     = testenv.RootSecret
	vgwUserAccess = testenv.UserAccess
	vgwUserSecret = testenv.UserSecret
	vgwRegion     = testenv.Region
	skipEnv       = testenv.SkipEnv
)

// vgwServer is the versitygw process shared by the tests of this binary.
type vgwServer struct {
	*testenv.Versitygw
	client *s3.Client // root's client, for setting up and checking
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
		vgw.Stop()
	}
	os.Exit(code)
}

// versitygw returns the running server, starting it on first use. It
// fails the test when the server cannot be started, or skips it when
// S3CORS_SKIP_INTEGRATION=1.
func versitygw(t testing.TB) *vgwServer {
	t.Helper()
	vgwOnce.Do(func() {
		var s *testenv.Versitygw
		if s, vgwErr = testenv.StartVersitygw(); vgwErr == nil {
			vgw = &vgwServer{Versitygw: s, client: s.Client}
		}
	})
	if vgwErr != nil {
		if os.Getenv(skipEnv) == "1" {
			t.Skipf("versitygw unavailable (%v); skipped because %s=1", vgwErr, skipEnv)
		}
		t.Fatalf("versitygw unavailable: %v (run scripts/versitygw.sh install, or set %s=1 to skip the integration tests)", vgwErr, skipEnv)
	}
	return vgw
}

// newSetupClient returns an SDK client with static credentials, for
// setting up and checking buckets outside s3cors.
func newSetupClient(endpoint, access, secret string) *s3.Client {
	return testenv.NewClient(endpoint, access, secret)
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
