package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3cors/s3cors/simulate"
)

// Probes of fake endpoints on 127.0.0.1: a redirect, a CDN answering from
// its cache, headers written in S3's spelling, TLS.

// Secrets of a presigned URL: none may appear in any output.
const (
	fakeSignature  = "0123456789abcdefSECRETSIGNATURE"
	fakeCredential = "AKIASECRETCREDENTIAL"
	fakeToken      = "SECRETSESSIONTOKEN"
)

func presignedQuery() string {
	return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + fakeCredential + "%2F20260101%2Feu-west-1%2Fs3%2Faws4_request" +
		"&X-Amz-Security-Token=" + fakeToken + "&X-Amz-Expires=300&X-Amz-Signature=" + fakeSignature
}

func noFakeSecrets(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{fakeSignature, fakeCredential, fakeToken} {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Fatalf("secret %q printed:\n%s%s", s, r.stdout, r.stderr)
		}
	}
}

// TestProbeRedirect: the global endpoint answers 307 for a bucket of
// another region, as S3 does for a new bucket.
func TestProbeRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://photos.s3.eu-west-1.amazonaws.com/cat.png?"+r.URL.RawQuery)
		w.Header()["x-amz-bucket-region"] = []string{"eu-west-1"}
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusTemporaryRedirect)
		_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>TemporaryRedirect</Code><Message>Please re-send this request to the specified temporary endpoint.</Message></Error>"))
	}))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, cfg, probeConfig, 0o644)
	r := run(nil, nil, false, "probe", "--url", srv.URL+"/cat.png?"+presignedQuery(), "--origin", "https://app.example.com", "--method", "PUT", "--config", cfg)
	wantCode(t, r, ExitProblems)
	noFakeSecrets(t, r)
	wantOutput(t, "stdout", r.stdout,
		"< HTTP/1.1 307 Temporary Redirect",
		"X-Amz-Signature=REDACTED",
		"preflight: the endpoint redirects: 307 Temporary Redirect (Location: https://photos.s3.eu-west-1.amazonaws.com/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Security-Token=REDACTED&X-Amz-Expires=300&X-Amz-Signature=REDACTED)",
		`browsers refuse to follow a redirect on a preflight ("Redirect is not allowed for a preflight request."); use the regional endpoint https://photos.s3.eu-west-1.amazonaws.com [redirect]`,
		"the browser blocks the live answer at preflight-redirect, but the simulation allows the request [verdict]",
		"<Code>TemporaryRedirect</Code>")
	if strings.Contains(r.stdout, "[status]") || strings.Contains(r.stdout, "[no-cors-headers]") {
		t.Errorf("a redirect is explained once, by itself:\n%s", r.stdout)
	}
}

// TestProbeCachedCDN: a CDN gives the preflight answer it stored for
// another origin.
func TestProbeCachedCDN(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "https://other.example.com")
		h.Set("Access-Control-Allow-Methods", "GET, PUT")
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Age", "412")
		h.Set("X-Cache", "Hit from cloudfront")
		h.Set("Via", "1.1 0123abcd.cloudfront.net (CloudFront)")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	r := run(nil, nil, false, "probe", "--url", srv.URL+"/cat.png", "--origin", "https://app.example.com", "--method", "PUT", "--format", "json")
	wantCode(t, r, ExitProblems)
	out := decodeProbe(t, r)
	if out.Live.Outcome != outcomeBlocked || deref(out.Live.BlockedBy) != "preflight-allow-origin" || out.Simulated != nil || out.Agrees != nil {
		t.Errorf("live %+v, simulated %v, agrees %v", out.Live, out.Simulated, out.Agrees)
	}
	if got := strings.Join(kinds(out.Differences), " "); got != "cdn-cache missing-vary" {
		t.Fatalf("differences %s, want cdn-cache missing-vary: %+v", got, out.Differences)
	}
	for _, want := range []string{"https://other.example.com", "(https://app.example.com)", "Age: 412, X-Cache: Hit from cloudfront, Via: 1.1 0123abcd.cloudfront.net (CloudFront)", "CORS-S3Origin"} {
		if !strings.Contains(out.Differences[0].Message, want) {
			t.Errorf("cdn-cache does not say %q: %s", want, out.Differences[0].Message)
		}
	}
}

// TestProbeCacheNote: a cache hit with the right answer is a note, not a
// difference.
func TestProbeCacheNote(t *testing.T) {
	base := startServe(t, probeConfig)
	target, _ := url.Parse(base)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.URL.Scheme, r.URL.Host, r.RequestURI = "http", target.Host, ""
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Header().Set("X-Cache", "Hit from cloudfront")
		w.Header().Set("Age", "3")
		w.WriteHeader(resp.StatusCode)
	}))
	defer proxy.Close()
	cfg := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, cfg, probeConfig, 0o644)
	r := run(nil, nil, false, "probe", "--url", proxy.URL+"/k", "--origin", "https://app.example.com", "--method", "PUT", "--config", cfg, "--format", "json")
	wantCode(t, r, ExitOK)
	out := decodeProbe(t, r)
	if len(out.Differences) != 0 || strings.Join(kinds(out.Notes), " ") != "cache" {
		t.Errorf("differences %+v, notes %+v", out.Differences, out.Notes)
	}
}

// TestProbeHeadersAsReceived: header names and order are printed as the
// server wrote them, repeated headers included, and the browser reads a
// repeated Access-Control-Allow-Origin as one joined value.
func TestProbeHeadersAsReceived(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["x-amz-request-id"] = []string{"ABC"}
		h["Access-Control-Allow-Origin"] = []string{"https://app.example.com", "https://app.example.com"}
		h["ETag"] = []string{`"e"`}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	r := run(nil, nil, false, "probe", "--url", srv.URL+"/k", "--origin", "https://app.example.com", "--actual")
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout,
		"< x-amz-request-id: ABC\n",
		"< ETag: \"e\"\n",
		"< Access-Control-Allow-Origin: https://app.example.com\n  < Access-Control-Allow-Origin: https://app.example.com\n",
		"live: BLOCKED at allow-origin: ",
		"has a value 'https://app.example.com, https://app.example.com' that is not equal to the supplied origin")
}

// TestProbeTLS probes an https endpoint: the recorder reads the answer in
// clear through probe's own TLS connection.
func TestProbeTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["x-amz-id-2"] = []string{"id"}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Methods", "PUT")
		w.Header().Set("Vary", "Origin")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	target, _ := url.Parse(srv.URL + "/k?X-Amz-Signature=" + fakeSignature)
	env, stdout, stderr := newTestEnv(nil, nil)
	o := probeOptions{format: "text", color: "never", rawOrigin: "https://app.example.com", target: target,
		req:    simulate.BrowserRequest{Method: "PUT", URL: redactURL(target.String())},
		remote: remoteOptions{aws: AWSOptions{Timeout: 10 * time.Second}}, tls: srv.Client().Transport.(*http.Transport).TLSClientConfig}
	err := runProbe(context.Background(), env, o)
	r := result{stdout: stdout.String(), stderr: stderr.String(), code: exitCode(stderr, err)}
	wantCode(t, r, ExitOK)
	noFakeSecrets(t, r)
	wantOutput(t, "stdout", r.stdout, "live: PREFLIGHT PASSES: PUT https://127.0.0.1:", "< HTTP/1.1 200 OK", "< x-amz-id-2: id", "> OPTIONS /k?X-Amz-Signature=REDACTED HTTP/1.1")
}

func TestRedactURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://b.s3.amazonaws.com/k?X-Amz-Signature=abc&x-id=PutObject", "https://b.s3.amazonaws.com/k?X-Amz-Signature=REDACTED&x-id=PutObject"},
		{"https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA&Signature=s%2F&Expires=1", "https://b.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&Expires=1"},
		{"https://b/k?x-amz-security-token=t", "https://b/k?x-amz-security-token=REDACTED"},
		{"https://user:pass@b/k", "https://REDACTED@b/k"},
		{"/relative?X-Amz-Credential=c", "/relative?X-Amz-Credential=REDACTED"},
		{"https://b/k", "https://b/k"},
		{"http://[::1", "REDACTED (unparsable URL)"},
	}
	for _, c := range cases {
		if got := redactURL(c.in); got != c.want {
			t.Errorf("redactURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseHead(t *testing.T) {
	head := "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nx-amz-id-2: a\r\nVary: Origin,\r\n Accept\r\nETag:\"e\"\r\n\r\nbody"
	fs, ok := parseHead([]byte(head))
	want := []simulate.Field{{Name: "x-amz-id-2", Value: "a"}, {Name: "Vary", Value: "Origin, Accept"}, {Name: "ETag", Value: `"e"`}}
	if !ok || len(fs) != len(want) {
		t.Fatalf("parseHead: %v, %v", fs, ok)
	}
	for i := range want {
		if fs[i] != want[i] {
			t.Errorf("field %d: %v, want %v", i, fs[i], want[i])
		}
	}
	for _, bad := range []string{"", "HTTP/1.1 200 OK\r\nA: b\r\n", "\x16\x03\x01 tls", "HTTP/2 200\r\n\r\n"} {
		if _, ok := parseHead([]byte(bad)); ok {
			t.Errorf("parseHead(%q) succeeded", bad)
		}
	}
}

func TestBucketURL(t *testing.T) {
	yes, no := true, false
	cases := []struct {
		name string
		a    AWSOptions
		vars map[string]string
		want string
	}{
		{"global", AWSOptions{}, nil, "https://photos.s3.amazonaws.com/"},
		{"region flag", AWSOptions{Region: "eu-west-1"}, nil, "https://photos.s3.eu-west-1.amazonaws.com/"},
		{"region env", AWSOptions{}, map[string]string{"AWS_REGION": "us-west-2"}, "https://photos.s3.us-west-2.amazonaws.com/"},
		{"ip endpoint", AWSOptions{EndpointURL: "http://127.0.0.1:7070"}, nil, "http://127.0.0.1:7070/photos/"},
		{"endpoint env", AWSOptions{}, map[string]string{"AWS_ENDPOINT_URL": "http://localhost:7070/"}, "http://localhost:7070/photos/"},
		{"virtual-hosted", AWSOptions{EndpointURL: "https://s3.example.net", PathStyle: &no}, nil, "https://photos.s3.example.net/"},
		{"forced path-style", AWSOptions{EndpointURL: "https://s3.example.net", PathStyle: &yes}, nil, "https://s3.example.net/photos/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env, _, _ := newTestEnv(nil, c.vars)
			if got := bucketURL(env, c.a, "photos"); got != c.want {
				t.Errorf("bucketURL = %q, want %q", got, c.want)
			}
		})
	}
}

// TestProbeSecretHeaders: a script's Authorization is sent with the
// request but printed redacted, in text and in JSON.
func TestProbeSecretHeaders(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			got = r.Header.Get("Authorization")
		}
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
		w.Header().Set("Access-Control-Allow-Headers", "authorization")
		w.Header().Set("Vary", "Origin")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, cfg, probeConfig, 0o644)
	auth := "AWS4-HMAC-SHA256 Credential=" + fakeCredential + "/20260101/us-east-1/s3/aws4_request, Signature=" + fakeSignature
	for _, format := range []string{"text", "json"} {
		r := run(nil, nil, false, "probe", "--url", srv.URL+"/k", "--origin", "https://app.example.com", "-H", "Authorization:"+auth, "--actual", "--config", cfg, "--format", format)
		noFakeSecrets(t, r)
		if got != auth {
			t.Errorf("Authorization sent: %q, want %q", got, auth)
		}
		wantOutput(t, format, r.stdout, "REDACTED")
	}
}

// TestProbeColor: colour only when asked, and only as decoration.
func TestProbeColor(t *testing.T) {
	base := startServe(t, probeConfig)
	args := []string{"probe", "--url", base + "/k", "--origin", "https://app.example.com", "--method", "PUT"}
	plain := run(nil, nil, false, append(args, "--color", "never")...)
	colored := run(nil, nil, false, append(args, "--color", "always")...)
	if strings.Contains(plain.stdout, "\x1b[") || !strings.Contains(colored.stdout, "\x1b[") {
		t.Errorf("--color never:\n%q\n--color always:\n%q", plain.stdout, colored.stdout)
	}
}
