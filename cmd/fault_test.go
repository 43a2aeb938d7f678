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

// faultCase is one fault injected into a push or a delete.
type faultCase struct {
	name   string
	fault  fault
	down   bool     // the endpoint has nothing listening
	args   []string // more flags
	code   int      // the exit code
	advice string   // part of the one line of advice, when code is 3
	state  string   // what the bucket must then hold
	counts map[string]int
	backup bool // whether the backup must have been written
}

// runFaultCase runs command (push or delete) with the case's fault and
// checks everything a fault case promises.
func runFaultCase(t *testing.T, command string, c faultCase) {
	b := newFaultBench(t)
	b.p.Set(c.fault)
	endpoint := ""
	if c.down {
		endpoint = deadEndpoint(t)
	}
	args := []string{command, "--bucket", b.bucket, "--yes", "--backup", b.backup, "--max-attempts", "2"}
	args = append(args, c.args...)
	if command == "push" {
		args = append(args, b.newFile)
	}
	r, took := b.run(t, endpoint, args...)
	t.Logf("%s, %s: exit %d in %s, requests %v; stderr: %s", command, c.name, r.code, took.Round(time.Millisecond), countsOf(b.p), strings.TrimSpace(r.stderr))
	if c.code == ExitFailure {
		wantAdvice(t, r, b.bucket, c.advice)
	} else if r.code != c.code || r.stderr != "" {
		t.Errorf("exit code %d, want %d and nothing on standard error\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
	}
	if st := b.state(t); st != c.state {
		t.Errorf("the bucket holds the %s configuration, want the %s one", st, c.state)
	}
	if got := b.checkBackup(t); got != c.backup {
		t.Errorf("backup written: %v, want %v", got, c.backup)
	}
	if c.counts != nil {
		wantCounts(t, b.p, c.counts)
	}
}

func TestFaultPush(t *testing.T) {
	failed := "failed (InternalError) and the retries ran out"
	unavailable := "failed (ServiceUnavailable) and the retries ran out"
	for _, c := range []faultCase{
		{name: "server down", down: true, code: ExitFailure, advice: "cannot connect to 127.0.0.1:", state: stateOld},
		{name: "503 on every PUT", fault: fault{Kind: faultStatus, Method: "PUT", Status: 503},
			code: ExitFailure, advice: unavailable, state: stateOld, backup: true, counts: map[string]int{"GET": 1, "PUT": 2}},
		{name: "500 on the first PUT", fault: fault{Kind: faultStatus, Method: "PUT", Count: 1, Status: 500},
			code: ExitOK, state: stateNew, backup: true, counts: map[string]int{"GET": 2, "PUT": 2}},
		{name: "503 on the first GET", fault: fault{Kind: faultStatus, Method: "GET", Count: 1, Status: 503},
			code: ExitOK, state: stateNew, backup: true, counts: map[string]int{"GET": 3, "PUT": 1}},
		{name: "503 on every GET", fault: fault{Kind: faultStatus, Method: "GET", Status: 503},
			code: ExitFailure, advice: unavailable, state: stateOld, counts: map[string]int{"GET": 2, "PUT": 0}},
		{name: "SlowDown on every PUT", fault: fault{Kind: faultStatus, Method: "PUT", Status: 503, Code: "SlowDown"},
			code: ExitFailure, advice: "throttling", state: stateOld, backup: true, counts: map[string]int{"PUT": 2}},
		{name: "reset on every PUT", fault: fault{Kind: faultReset, Method: "PUT"},
			code: ExitFailure, advice: "", state: stateOld, backup: true, counts: map[string]int{"GET": 1, "PUT": 2}},
		{name: "reset on the first PUT", fault: fault{Kind: faultReset, Method: "PUT", Count: 1},
			code: ExitOK, state: stateNew, backup: true, counts: map[string]int{"GET": 2, "PUT": 2}},
		{name: "reset on the first GET", fault: fault{Kind: faultReset, Method: "GET", Count: 1},
			code: ExitOK, state: stateNew, backup: true, counts: map[string]int{"GET": 3, "PUT": 1}},
		{name: "half answer to every PUT", fault: fault{Kind: faultHalfResponse, Method: "PUT"},
			code: ExitFailure, advice: "", state: stateNew, backup: true, counts: map[string]int{"GET": 1, "PUT": 2}},
		{name: "half answer to the read-back", fault: fault{Kind: faultHalfResponse, Method: "GET", Skip: 1},
			code: ExitFailure, advice: "reading it back to verify it failed", state: stateNew, backup: true},
		{name: "applied then 500 on every PUT", fault: fault{Kind: faultApplyThenFail, Method: "PUT"},
			code: ExitFailure, advice: failed, state: stateNew, backup: true, counts: map[string]int{"GET": 1, "PUT": 2}},
		{name: "applied then 500 on the first PUT", fault: fault{Kind: faultApplyThenFail, Method: "PUT", Count: 1},
			code: ExitOK, state: stateNew, backup: true, counts: map[string]int{"GET": 2, "PUT": 2}},
		{name: "503 on every read-back", fault: fault{Kind: faultStatus, Method: "GET", Skip: 1, Status: 503},
			code: ExitFailure, advice: "reading it back to verify it failed", state: stateNew, backup: true, counts: map[string]int{"GET": 3, "PUT": 1}},
		{name: "read-back altered", fault: fault{Kind: faultCorrupt, Method: "GET", Skip: 1, Corrupt: func(b []byte) []byte {
			return []byte(strings.ReplaceAll(string(b), "https://new.example.com", "https://evil.example.com"))
		}}, code: ExitFailure, advice: "verification failed", state: stateNew, backup: true, counts: map[string]int{"GET": 2, "PUT": 1}},
		{name: "slow PUT", fault: fault{Kind: faultSlow, Method: "PUT", Delay: faultSlowDelay}, args: []string{"--timeout", faultTimeout},
			code: ExitFailure, advice: "timed out", state: stateOld, backup: true},
		{name: "slow GET", fault: fault{Kind: faultSlow, Method: "GET", Delay: faultSlowDelay}, args: []string{"--timeout", faultTimeout},
			code: ExitFailure, advice: "timed out", state: stateOld, counts: map[string]int{"PUT": 0}},
	} {
		t.Run(c.name, func(t *testing.T) { runFaultCase(t, "push", c) })
	}
}

func TestFaultDelete(t *testing.T) {
	for _, c := range []faultCase{
		{name: "server down", down: true, code: ExitFailure, advice: "cannot connect to 127.0.0.1:", state: stateOld},
		{name: "503 on every DELETE", fault: fault{Kind: faultStatus, Method: "DELETE", Status: 503},
			code: ExitFailure, advice: "failed (ServiceUnavailable) and the retries ran out", state: stateOld, backup: true, counts: map[string]int{"GET": 1, "DELETE": 2}},
		{name: "500 on the first DELETE", fault: fault{Kind: faultStatus, Method: "DELETE", Count: 1, Status: 500},
			code: ExitOK, state: stateNone, backup: true, counts: map[string]int{"GET": 2, "DELETE": 2}},
		{name: "reset on every DELETE", fault: fault{Kind: faultReset, Method: "DELETE"},
			code: ExitFailure, state: stateOld, backup: true, counts: map[string]int{"DELETE": 2}},
		{name: "half answer to every DELETE", fault: fault{Kind: faultHalfResponse, Method: "DELETE"},
			code: ExitFailure, state: stateNone, backup: true, counts: map[string]int{"DELETE": 2}},
		{name: "applied then 500 on every DELETE", fault: fault{Kind: faultApplyThenFail, Method: "DELETE"},
			code: ExitFailure, advice: "failed (InternalError) and the retries ran out", state: stateNone, backup: true, counts: map[string]int{"DELETE": 2}},
		{name: "503 on the check after the delete", fault: fault{Kind: faultStatus, Method: "GET", Skip: 1, Status: 503},
			code: ExitFailure, advice: "reading it back to verify it failed", state: stateNone, backup: true},
		{name: "slow DELETE", fault: fault{Kind: faultSlow, Method: "DELETE", Delay: faultSlowDelay}, args: []string{"--timeout", faultTimeout},
			code: ExitFailure, advice: "timed out", state: stateOld, backup: true},
	} {
		t.Run(c.name, func(t *testing.T) { runFaultCase(t, "delete", c) })
	}
}

// TestFaultRetriesStopAtMaxAttempts checks, with the SDK's attempt header
// counted at the proxy, that a failing call is tried exactly
// --max-attempts times and that a success ends the retries.
func TestFaultRetriesStopAtMaxAttempts(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprintf("max-attempts %d", n), func(t *testing.T) {
			b := newFaultBench(t)
			b.p.Set(fault{Kind: faultStatus, Method: "PUT", Status: 503})
			r, _ := b.run(t, "", "push", "--bucket", b.bucket, "--yes", "--max-attempts", fmt.Sprint(n), b.newFile)
			wantAdvice(t, r, b.bucket, "the retries ran out")
			wantAttempts(t, b.p, "PUT", n, n)
			t.Logf("--max-attempts %d: requests %v", n, countsOf(b.p))
			if st := b.state(t); st != stateOld {
				t.Errorf("the bucket holds the %s configuration, want the old one", st)
			}
		})
	}
	t.Run("success on the last attempt", func(t *testing.T) {
		b := newFaultBench(t)
		b.p.Set(fault{Kind: faultStatus, Method: "PUT", Count: 2, Status: 500})
		r, _ := b.run(t, "", "push", "--bucket", b.bucket, "--yes", "--max-attempts", "3", b.newFile)
		if r.code != ExitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		wantAttempts(t, b.p, "PUT", 3, 3)
		t.Logf("500 twice then pass: requests %v", countsOf(b.p))
		if st := b.state(t); st != stateNew {
			t.Errorf("the bucket holds the %s configuration, want the new one", st)
		}
	})
}

// TestFaultServerDownRetried counts, through --debug (one line per HTTP
// exchange), the attempts made against a closed proxy: the connection
// refusals are retried up to --max-attempts, and the debug log shows no
// secret.
func TestFaultServerDownRetried(t *testing.T) {
	b := newFaultBench(t)
	b.p.Close()
	r, _ := b.run(t, b.p.URL, "pull", "--bucket", b.bucket, "--max-attempts", "3", "--debug")
	if r.code != ExitFailure {
		t.Errorf("exit %d, want %d", r.code, ExitFailure)
	}
	attempts := strings.Count(r.stderr, "debug: GET ")
	t.Logf("server down, --max-attempts 3: %d attempts in the debug log", attempts)
	if attempts != 3 {
		t.Errorf("%d attempts, want 3:\n%s", attempts, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	wantAdvice(t, result{code: r.code, stderr: lines[len(lines)-1] + "\n"}, b.bucket, "cannot connect to 127.0.0.1:")
}

// TestFaultTimeoutBoundsRetries checks that --timeout bounds a call with
// its retries: with many attempts allowed and every answer a 503, the
// command still returns soon after the timeout.
func TestFaultTimeoutBoundsRetries(t *testing.T) {
	b := newFaultBench(t)
	b.p.Set(fault{Kind: faultStatus, Method: "PUT", Status: 503})
	r, took := b.run(t, "", "push", "--bucket", b.bucket, "--yes", "--max-attempts", "50", "--timeout", faultTimeout, b.newFile)
	t.Logf("503 on every PUT, --max-attempts 50 --timeout %s: exit %d in %s after %d PUTs; stderr: %s",
		faultTimeout, r.code, took.Round(time.Millisecond), b.p.Count("PUT"), strings.TrimSpace(r.stderr))
	wantAdvice(t, r, b.bucket, "")
	if n := b.p.Count("PUT"); n < 1 || n >= 50 {
		t.Errorf("%d PUTs: want retries cut short by the timeout", n)
	}
	if st := b.state(t); st != stateOld {
		t.Errorf("the bucket holds the %s configuration, want the old one", st)
	}
}

// TestFaultPull checks pull under faults: exit 3 with advice, and no file
// (not even a partial one) at -o when the read failed.
func TestFaultPull(t *testing.T) {
	for _, c := range []struct {
		name   string
		fault  fault
		args   []string
		code   int
		advice string
	}{
		{"503 on every GET", fault{Kind: faultStatus, Method: "GET", Status: 503}, nil, ExitFailure, "the retries ran out"},
		{"reset on the first GET", fault{Kind: faultReset, Method: "GET", Count: 1}, nil, ExitOK, ""},
		{"half answer", fault{Kind: faultHalfResponse, Method: "GET"}, nil, ExitFailure, ""},
		{"slow", fault{Kind: faultSlow, Delay: faultSlowDelay}, []string{"--timeout", faultTimeout}, ExitFailure, "timed out"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newFaultBench(t)
			b.p.Set(c.fault)
			out := filepath.Join(b.dir, "pulled.xml")
			r, _ := b.run(t, "", append([]string{"pull", "--bucket", b.bucket, "--max-attempts", "2", "-o", out}, c.args...)...)
			t.Logf("pull, %s: exit %d, requests %v; stderr: %s", c.name, r.code, countsOf(b.p), strings.TrimSpace(r.stderr))
			data, err := os.ReadFile(out)
			if c.code == ExitFailure {
				wantAdvice(t, r, b.bucket, c.advice)
				if err == nil {
					t.Errorf("pull failed but wrote %s:\n%s", out, data)
				}
			} else if r.code != c.code || string(data) != b.canon[stateOld] {
				t.Errorf("exit %d (want %d), file:\n%s\nstderr:\n%s", r.code, c.code, data, r.stderr)
			}
			b.checkBackup(t) // no stray temporary file
		})
	}
}

// TestFaultDiff checks that diff reports a failure as 3, never as a drift
// (1) or no drift (0), and that a retried fault leaves the answer intact.
func TestFaultDiff(t *testing.T) {
	for _, c := range []struct {
		name  string
		fault fault
		code  int
	}{
		{"503 on every GET", fault{Kind: faultStatus, Method: "GET", Status: 503}, ExitFailure},
		{"reset on every GET", fault{Kind: faultReset}, ExitFailure},
		{"500 on the first GET", fault{Kind: faultStatus, Method: "GET", Count: 1, Status: 500}, ExitProblems},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newFaultBench(t)
			b.p.Set(c.fault)
			r, _ := b.run(t, "", "diff", "--bucket", b.bucket, "--max-attempts", "2", b.newFile)
			t.Logf("diff, %s: exit %d, requests %v", c.name, r.code, countsOf(b.p))
			if c.code == ExitFailure {
				wantAdvice(t, r, b.bucket, "")
				if r.stdout != "" {
					t.Errorf("a failed diff printed a diff:\n%s", r.stdout)
				}
			} else if r.code != c.code {
				t.Errorf("exit %d, want %d\n%s", r.code, c.code, r.stderr)
			}
		})
	}
}

// TestFaultPushMany checks a push to two buckets where one PUT fails
// without retries: the exit code is the worst (3), the failed bucket
// keeps the old configuration, the other has the new one, and each
// backup is whole.
func TestFaultPushMany(t *testing.T) {
	b := newFaultBench(t)
	other := b.s.newBucket(t)
	b.s.putCORS(t, other, faultOldConfig)
	backups := filepath.Join(b.dir, "backups")
	b.p.Set(fault{Kind: faultStatus, Method: "PUT", Count: 1, Status: 503})
	r, _ := b.run(t, "", "push", "--bucket", b.bucket, "--bucket", other, "--yes", "--max-attempts", "1", "--backup", backups+"/", b.newFile)
	t.Logf("push to 2 buckets, first PUT 503, --max-attempts 1: exit %d, requests %v; stderr:\n%s", r.code, countsOf(b.p), r.stderr)
	if r.code != ExitFailure {
		t.Errorf("exit %d, want %d", r.code, ExitFailure)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "2 buckets") {
		t.Errorf("want one line of advice and the summary, got:\n%s", r.stderr)
	}
	states := map[string]int{}
	for _, bucket := range []string{b.bucket, other} {
		got := b.s.getCORS(t, bucket)
		switch {
		case got == b.canon[stateOld]:
			states[stateOld]++
			if !strings.Contains(lines[0], bucket) {
				t.Errorf("bucket %s kept the old configuration, but the advice names the other: %s", bucket, lines[0])
			}
		case got == b.canon[stateNew]:
			states[stateNew]++
		default:
			t.Errorf("bucket %s holds neither the old nor the new configuration:\n%s", bucket, got)
		}
		data, err := os.ReadFile(filepath.Join(backups, bucket+".xml"))
		if err != nil || faultCanonical(t, string(data)) != b.canon[stateOld] {
			t.Errorf("backup of %s: %v\n%s", bucket, err, data)
		}
	}
	if states[stateOld] != 1 || states[stateNew] != 1 {
		t.Errorf("states %v, want one old and one new", states)
	}
}

// TestFaultAudit checks that audit fails with one line of advice when
// the listing fails.
func TestFaultAudit(t *testing.T) {
	b := newFaultBench(t)
	b.p.Set(fault{Kind: faultStatus, Method: "GET", Status: 503})
	r, _ := b.run(t, "", "audit", "--prefix", b.bucket, "--max-attempts", "2")
	t.Logf("audit, 503 on every GET: exit %d, requests %v; stderr: %s", r.code, countsOf(b.p), strings.TrimSpace(r.stderr))
	if r.code != ExitFailure {
		t.Errorf("exit %d, want %d\n%s", r.code, ExitFailure, r.stderr)
	}
	if m := sdkDump.FindString(r.stderr); m != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("want one line of advice, got:\n%s", r.stderr)
	}
	if n := b.p.Count("GET"); n != 2 {
		t.Errorf("%d GETs, want 2 (--max-attempts 2)", n)
	}
}

// TestFaultNothingBypassesEnv checks that nothing is written to the
// process's own standard error or output behind Env's back (the SDK's
// default logger writes its warnings to os.Stderr): a broken answer must
// still give one line of advice and nothing more.
func TestFaultNothingBypassesEnv(t *testing.T) {
	b := newFaultBench(t)
	b.p.Set(fault{Kind: faultHalfResponse, Method: "GET"})
	stray := filepath.Join(t.TempDir(), "stray")
	f, err := os.Create(stray)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stderr, stdout := os.Stderr, os.Stdout
	os.Stderr, os.Stdout = f, f
	r, _ := b.run(t, "", "pull", "--bucket", b.bucket, "--max-attempts", "2")
	os.Stderr, os.Stdout = stderr, stdout
	if r.code != ExitFailure {
		t.Errorf("exit %d, want %d", r.code, ExitFailure)
	}
	if data, _ := os.ReadFile(stray); len(data) > 0 {
		t.Errorf("written to the process's standard error or output, not to Env's:\n%s", data)
	}
}
