package cmd

// Fault tests: the remote commands against versitygw through a proxy that
// injects faults (faultproxy_test.go): the server down, connections reset,
// 500 and 503 answers, a slow server, a change applied but reported as a
// failure, a broken or altered answer. Each checks the exit code, the one
// line of advice, the retries counted at the proxy and, after a push or a
// delete that failed, that the bucket (read straight from versitygw)
// holds the old or the new configuration and that a --backup file is
// whole. They use the integration harness (integration_test.go) and skip
// only as it does, with S3CORS_SKIP_INTEGRATION=1.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/s3cors/s3cors/corsconf"
)

// The configurations a push replaces (old) and sends (new).
const (
	faultOldConfig = `<CORSConfiguration>
  <CORSRule><ID>old-read</ID><AllowedOrigin>https://old.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>
  <CORSRule><ID>old-upload</ID><AllowedOrigin>https://old.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>Content-Type</AllowedHeader></CORSRule>
</CORSConfiguration>`
	faultNewConfig = `<CORSConfiguration>
  <CORSRule><ID>new-read</ID><AllowedOrigin>https://new.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><ExposeHeader>ETag</ExposeHeader></CORSRule>
  <CORSRule><ID>old-upload</ID><AllowedOrigin>https://old.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>Content-Type</AllowedHeader></CORSRule>
  <CORSRule><ID>new-post</ID><AllowedOrigin>https://new.example.com</AllowedOrigin><AllowedMethod>POST</AllowedMethod><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>
</CORSConfiguration>`
)

// Bounds of the fault runs: short enough to keep the tests quick, the
// limits they check generous.
const (
	faultTimeout   = "2s"             // --timeout of the slow cases
	faultSlowDelay = 30 * time.Second // longer than any --timeout used
	faultMaxWait   = 20 * time.Second // a command must return well within this
)

// States of a bucket, read straight from versitygw.
const (
	stateOld  = "old"
	stateNew  = "new"
	stateNone = "none" // no configuration: the "new" state of a delete
)

// faultBench is one bucket holding the old configuration, behind a proxy.
type faultBench struct {
	s       *vgwServer
	p       *faultProxy
	bucket  string
	dir     string
	newFile string // the new configuration, for push and diff
	backup  string // where --backup writes
	canon   map[string]string
}

func newFaultBench(t *testing.T) *faultBench {
	t.Helper()
	s := itSetup(t)
	b := &faultBench{s: s, p: newFaultProxy(t, s.Endpoint), bucket: s.newBucket(t), dir: t.TempDir()}
	s.putCORS(t, b.bucket, faultOldConfig)
	b.newFile = filepath.Join(b.dir, "new.xml")
	b.backup = filepath.Join(b.dir, "backup.xml")
	if err := os.WriteFile(b.newFile, []byte(faultNewConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	b.canon = map[string]string{stateOld: faultCanonical(t, faultOldConfig), stateNew: faultCanonical(t, faultNewConfig), stateNone: ""}
	if got := s.getCORS(t, b.bucket); got != b.canon[stateOld] {
		t.Fatalf("setup: the bucket holds\n%s\nwant\n%s", got, b.canon[stateOld])
	}
	return b
}

func faultCanonical(t *testing.T, src string) string {
	t.Helper()
	doc, diags := corsconf.Parse("fault", []byte(src), corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("fault configuration: %v", diags)
	}
	return string(canonical(&doc.Config, corsconf.FormatXML))
}

// run runs s3cors with args against endpoint (the proxy when ""), with
// the real client builder, and returns what it printed and how long it
// took. No secret may appear in the output.
func (b *faultBench) run(t *testing.T, endpoint string, args ...string) (result, time.Duration) {
	t.Helper()
	if endpoint == "" {
		endpoint = b.p.URL
	}
	env, stdout, stderr := newTestEnv(nil, nil)
	env.NewBucketAPI = newBucketAPI
	start := time.Now()
	r := runEnv(env, stdout, stderr, append(args, "--endpoint-url", endpoint)...)
	took := time.Since(start)
	noSecrets(t, r)
	if took > faultMaxWait {
		t.Errorf("the command took %s (limit %s)", took.Round(time.Millisecond), faultMaxWait)
	}
	return r, took
}

// state returns which of old, new or none the bucket holds, read straight
// from versitygw; anything else fails the test: the key property.
func (b *faultBench) state(t *testing.T) string {
	t.Helper()
	got := b.s.getCORS(t, b.bucket)
	for _, st := range []string{stateOld, stateNew, stateNone} {
		if got == b.canon[st] {
			return st
		}
	}
	t.Fatalf("the bucket holds neither the old nor the new configuration:\n%s", got)
	return ""
}

// checkBackup checks that the backup, when written, is whole: it parses
// and equals the old configuration. It returns whether it was written.
// No temporary file may be left beside it.
func (b *faultBench) checkBackup(t *testing.T) bool {
	t.Helper()
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); n != "new.xml" && n != "backup.xml" && n != "pulled.xml" {
			t.Errorf("a stray file was left beside the backup: %s", n)
		}
	}
	data, err := os.ReadFile(b.backup)
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := corsconf.Parse(b.backup, data, corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("the backup does not parse: %v\n%s", diags, data)
	}
	if got := string(canonical(&doc.Config, corsconf.FormatXML)); got != b.canon[stateOld] {
		t.Fatalf("the backup is not the old configuration:\n%s", got)
	}
	return true
}

// sdkDump matches what the SDK's own error text looks like, which the
// advice must not repeat.
var sdkDump = regexp.MustCompile(`operation error|https response error|RequestID:|HostID:|api error|deserialization failed|\bpanic\b|goroutine \d|\.go:\d`)

// wantAdvice checks a failure: exit 3 and exactly one line on standard
// error, naming the bucket, containing want, without a stack trace or
// the SDK's error dump.
func wantAdvice(t *testing.T, r result, bucket, want string) {
	t.Helper()
	if r.code != ExitFailure {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, ExitFailure, r.stdout, r.stderr)
	}
	line := strings.TrimSuffix(r.stderr, "\n")
	if line == "" || strings.Contains(line, "\n") {
		t.Errorf("want one line of advice on standard error, got:\n%s", r.stderr)
	}
	if !strings.HasPrefix(line, appName+": ") || !strings.Contains(line, bucket) || !strings.Contains(line, want) {
		t.Errorf("advice %q: want %q about bucket %q", line, want, bucket)
	}
	if m := sdkDump.FindString(line); m != "" {
		t.Errorf("advice repeats SDK or runtime detail (%q): %s", m, line)
	}
	if len(line) > 400 {
		t.Errorf("advice of %d bytes is no single line of advice: %s", len(line), line)
	}
}

// countsOf returns the proxy's request counts by method, for the log.
func countsOf(p *faultProxy) map[string]int {
	m := map[string]int{}
	for _, r := range p.Requests() {
		m[r.Method]++
	}
	return m
}

// wantCounts checks the requests the proxy saw, by method.
func wantCounts(t *testing.T, p *faultProxy, want map[string]int) {
	t.Helper()
	got := countsOf(p)
	for m, n := range want {
		if got[m] != n {
			t.Errorf("%d %s requests at the proxy, want %d (all: %v)", got[m], m, n, p.Requests())
		}
	}
}

// wantAttempts checks the SDK's attempt header of the requests with
// method: attempt=1..n of max.
func wantAttempts(t *testing.T, p *faultProxy, method string, n, max int) {
	t.Helper()
	i := 0
	for _, r := range p.Requests() {
		if r.Method != method {
			continue
		}
		i++
		if want := fmt.Sprintf("attempt=%d; max=%d", i, max); r.Attempt != want {
			t.Errorf("%s request %d: amz-sdk-request %q, want %q", method, i, r.Attempt, want)
		}
	}
	if i != n {
		t.Errorf("%d %s attempts, want %d", i, method, n)
	}
}
