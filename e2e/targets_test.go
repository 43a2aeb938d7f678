package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3cors/s3cors/internal/testenv"
	"github.com/s3cors/s3cors/simulate"
)

// target is an endpoint the pages' requests go to, holding one bucket
// per configuration of the matrix.
type target interface {
	// configure makes a bucket with the configuration xml (in file).
	configure(t *testing.T, name, file string)
	// url returns the URL the page's script uses for method on key in the
	// configuration's bucket, the object existing beforehand.
	url(t *testing.T, config, key, method string) string
}

// serveTarget runs one "s3cors serve" per configuration.
type serveTarget struct {
	bin     string
	servers map[string]*testenv.Serve
}

func (s *serveTarget) configure(t *testing.T, name, file string) {
	t.Helper()
	srv, err := testenv.StartServe(s.bin, file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("stopping s3cors serve for %s: %v", name, err)
		}
	})
	s.servers[name] = srv
}

func (s *serveTarget) url(_ *testing.T, config, key, _ string) string {
	return s.servers[config].URL + "/" + key
}

// vgwTarget is versitygw with a bucket per configuration, each configured
// by "s3cors push"; the page uses presigned URLs, as browser uploads do.
type vgwTarget struct {
	bin     string
	vgw     *testenv.Versitygw
	presign *s3.PresignClient
	buckets map[string]string
}

func (v *vgwTarget) configure(t *testing.T, name, file string) {
	t.Helper()
	bucket := "e2e-" + name
	ctx := context.Background()
	if _, err := v.vgw.Client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("CreateBucket %s: %v", bucket, err)
	}
	cmd := exec.Command(v.bin, "push", file, "--bucket", bucket, "--endpoint-url", v.vgw.Endpoint, "--yes")
	cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID="+testenv.RootAccess, "AWS_SECRET_ACCESS_KEY="+testenv.RootSecret,
		"AWS_REGION="+testenv.Region, "AWS_EC2_METADATA_DISABLED=true", "AWS_PROFILE=", "AWS_SESSION_TOKEN=",
		"AWS_CONFIG_FILE="+filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(t.TempDir(), "none"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("s3cors push %s: %v\n%s", name, err, out)
	}
	v.buckets[name] = bucket
}

func (v *vgwTarget) url(t *testing.T, config, key, method string) string {
	t.Helper()
	ctx := context.Background()
	bucket := aws.String(v.buckets[config])
	if _, err := v.vgw.Client.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: aws.String(key), Body: strings.NewReader("object " + key)}); err != nil {
		t.Fatalf("PutObject %s: %v", key, err)
	}
	var (
		req *v4.PresignedHTTPRequest
		err error
	)
	opt := func(o *s3.PresignOptions) { o.Expires = 15 * time.Minute }
	switch method {
	case http.MethodGet:
		req, err = (v.presign.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: aws.String(key)}, opt))
	case http.MethodHead:
		req, err = (v.presign.PresignHeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: aws.String(key)}, opt))
	case http.MethodPut:
		req, err = (v.presign.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: aws.String(key)}, opt))
	case http.MethodDelete:
		req, err = (v.presign.PresignDeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: aws.String(key)}, opt))
	default: // a POST upload needs a signed form; the plain URL shows what CORS does with the error
		return v.vgw.Endpoint + "/" + v.buckets[config] + "/" + key
	}
	if err != nil {
		t.Fatalf("presign %s %s: %v", method, key, err)
	}
	return req.URL
}

// answer is what an endpoint did with a request sent outside the browser.
type answer struct {
	status      int
	sent        []string // the names of the non-CORS headers, lower-case
	cors        bool     // Access-Control-Allow-Origin was sent
	credentials simulate.Credentials
}

// replay sends the actual request outside the browser, as the page's
// script sent it: what the endpoint itself does, which the browser then
// filters.
func replay(spec requestSpec, origin string) (answer, error) {
	var body io.Reader
	if spec.Body != nil {
		body = bytes.NewReader([]byte(*spec.Body))
	}
	req, err := http.NewRequest(spec.Method, spec.URL, body)
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Origin", origin)
	for k, v := range spec.Headers {
		req.Header.Set(k, v)
	}
	if spec.Body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the headers matter
	a := answer{status: resp.StatusCode, cors: resp.Header.Get("Access-Control-Allow-Origin") != ""}
	a.credentials, _ = simulate.ParseCredentials(spec.Credentials)
	if spec.API == "xhr" && a.credentials != simulate.CredentialsInclude {
		a.credentials = simulate.CredentialsSameOrigin
	}
	for k := range resp.Header {
		k = strings.ToLower(k)
		if !strings.HasPrefix(k, "access-control-") && k != "vary" {
			a.sent = append(a.sent, k)
		}
	}
	return a, nil
}

func newVgwTarget(bin string, vgw *testenv.Versitygw) *vgwTarget {
	return &vgwTarget{bin: bin, vgw: vgw, presign: s3.NewPresignClient(vgw.Client), buckets: map[string]string{}}
}
