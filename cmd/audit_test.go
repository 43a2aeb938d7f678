package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/s3cors/s3cors/internal/testenv"
)

// The tests of audit run it in process against versitygw, with the
// harness of integration_test.go, but each test on a server of its own:
// audit lists every bucket of the account, and the shared server holds
// the other tests' buckets.

// auditServer starts a server for t alone, stopped with t, and sets the
// SDK's environment to its root credentials.
func auditServer(t *testing.T) *vgwServer {
	t.Helper()
	v, err := testenv.StartVersitygw()
	if err != nil {
		if os.Getenv(skipEnv) == "1" {
			t.Skipf("versitygw unavailable (%v); skipped because %s=1", err, skipEnv)
		}
		t.Fatalf("versitygw unavailable: %v (run scripts/versitygw.sh install, or set %s=1 to skip the integration tests)", err, skipEnv)
	}
	t.Cleanup(v.Stop)
	awsEnv(t, vgwAccess, vgwSecret)
	return &vgwServer{Versitygw: v, client: v.Client}
}

// runAuditCmd runs "s3cors audit ARGS --endpoint-url ENDPOINT" in process
// with the real client builder; endpoint may be a fault proxy's.
func runAuditCmd(t *testing.T, endpoint string, terminal bool, args ...string) result {
	t.Helper()
	env, stdout, stderr := newTestEnv(nil, nil)
	env.NewBucketAPI = newBucketAPI
	env.IsTerminal = func(any) bool { return terminal }
	r := runEnv(env, stdout, stderr, append(append([]string{"audit"}, args...), "--endpoint-url", endpoint)...)
	noSecrets(t, r)
	return r
}

// auditRule is a small configuration; a trailing slash on the origin
// makes the one warning of origin-trailing-slash.
func auditRule(id, origin string) types.CORSRule {
	return types.CORSRule{ID: aws.String(id), AllowedOrigins: []string{origin},
		AllowedMethods: []string{"GET", "HEAD"}, MaxAgeSeconds: aws.Int32(3000)}
}

// createAuditBuckets creates the buckets named by names, n at a time, and puts
// the configuration cors(i) on the i-th unless it is nil.
func createAuditBuckets(t testing.TB, c *s3.Client, names []string, n int, cors func(i int) []types.CORSRule) {
	t.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	var failed atomic.Value
	sem := make(chan struct{}, n)
	for i, name := range names {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
				failed.Store(fmt.Errorf("create %s: %w", name, err))
				return
			}
			if rules := cors(i); rules != nil {
				_, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(name),
					CORSConfiguration: &types.CORSConfiguration{CORSRules: rules}})
				if err != nil {
					failed.Store(fmt.Errorf("put the CORS configuration of %s: %w", name, err))
				}
			}
		})
		if failed.Load() != nil {
			break
		}
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		t.Fatal(err)
	}
}

// decodeAuditJSON decodes audit's --format json output.
func decodeAuditJSON(t testing.TB, out string) auditJSON {
	t.Helper()
	var j auditJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("audit --format json: %v\n%s", err, out)
	}
	return j
}

// TestAudit runs audit against one gateway holding a few buckets of each
// kind: clean, with a warning, rejected by S3 (versitygw stores what S3
// refuses), and without a configuration.
func TestAudit(t *testing.T) {
	s := auditServer(t)
	endpoint, c := s.Endpoint, s.client
	long := strings.Repeat("x", 256) // S3 limits IDs to 255 characters
	createAuditBuckets(t, c, []string{"shop-assets", "shop-media", "shop-uploads", "shop-logs", "team-web"}, 4, func(i int) []types.CORSRule {
		switch i {
		case 0:
			return []types.CORSRule{auditRule("app", "https://app.example.com")}
		case 1:
			return []types.CORSRule{auditRule("app", "https://app.example.com/")}
		case 2:
			return []types.CORSRule{auditRule(long, "https://app.example.com")}
		case 4:
			return []types.CORSRule{auditRule("web", "https://www.example.com/")}
		}
		return nil
	})

	t.Run("text", func(t *testing.T) {
		r := runAuditCmd(t, endpoint, false, "--prefix", "shop-")
		want := `s3://shop-logs: no CORS configuration
s3://shop-media: CORSRule[0].AllowedOrigin[0]: warning: origin "https://app.example.com/" ends with a slash and can never match: browsers send origins without one; write "https://app.example.com" (fixable) [origin-trailing-slash]
s3://shop-uploads: CORSRule[0].ID: error: the rule ID is 256 characters long (S3 allows at most 255) [id-too-long]
4 buckets (3 with CORS, 1 without, 0 unreadable), 1 error, 1 warning, 0 notices
`
		if r.stdout != want || r.stderr != "" || r.code != ExitProblems {
			t.Errorf("got code %d, stdout:\n%s\nstderr:\n%s\nwant code 1, stdout:\n%s", r.code, r.stdout, r.stderr, want)
		}
	})
	t.Run("fail-on", func(t *testing.T) {
		if r := runAuditCmd(t, endpoint, false, "--prefix", "shop-a"); r.code != ExitOK {
			t.Errorf("clean bucket: code %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		if r := runAuditCmd(t, endpoint, false, "--prefix", "shop-m", "--fail-on", "error"); r.code != ExitOK {
			t.Errorf("a warning under --fail-on error: code %d", r.code)
		}
		if r := runAuditCmd(t, endpoint, false, "--prefix", "shop-m", "--disable", "origin-trailing-slash"); r.code != ExitOK || strings.Contains(r.stdout, "trailing") {
			t.Errorf("--disable: code %d, stdout:\n%s", r.code, r.stdout)
		}
	})
	t.Run("json", func(t *testing.T) {
		r := runAuditCmd(t, endpoint, false, "--format", "json")
		j := decodeAuditJSON(t, r.stdout)
		if r.code != ExitProblems || j.Buckets != 5 || j.WithCORS != 4 || strings.Join(j.WithoutCORS, ",") != "shop-logs" ||
			len(j.Unreadable) != 0 || len(j.Findings) != 3 {
			t.Fatalf("code %d, report:\n%s", r.code, r.stdout)
		}
		f := j.Findings[2]
		if f.File != "s3://team-web" || f.Line != 0 || f.Path != "CORSRule[0].AllowedOrigin[0]" || f.Rule != "origin-trailing-slash" || !f.Fixable {
			t.Errorf("finding %+v", f)
		}
	})
	t.Run("sarif", func(t *testing.T) {
		sch := compileSARIFSchema(t)
		r := runAuditCmd(t, endpoint, false, "--format", "sarif", "--prefix", "shop-")
		run := checkSARIF(t, sch, r.stdout).Runs[0]
		if len(run.Results) != 2 || run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "s3://shop-media" {
			t.Errorf("results: %+v", run.Results)
		}
		notes := run.Invocations[0].ToolExecutionNotifications
		if !run.Invocations[0].ExecutionSuccessful || len(notes) != 1 || notes[0].Level != "note" ||
			notes[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "s3://shop-logs" {
			t.Errorf("invocation: %+v", run.Invocations[0])
		}
	})
	t.Run("progress", func(t *testing.T) {
		r := runAuditCmd(t, endpoint, true, "--prefix", "shop-", "--color", "never")
		if !strings.Contains(r.stderr, "\r\x1b[K") || !strings.Contains(r.stderr, "audit: [") || !strings.HasSuffix(r.stderr, "\r\x1b[K") {
			t.Errorf("no progress bar on a terminal: %q", r.stderr)
		}
	})
	t.Run("access-denied", func(t *testing.T) {
		// The second GET is the first bucket's GetBucketCors (the first
		// lists); one worker makes it the first bucket's.
		p := newFaultProxy(t, endpoint)
		p.Set(fault{Kind: faultStatus, Method: "GET", Skip: 1, Count: 1, Status: 403, Code: "AccessDenied"})
		r := runAuditCmd(t, p.URL, false, "--prefix", "shop-", "--format", "json", "--concurrency", "1")
		j := decodeAuditJSON(t, r.stdout)
		wantErr := `s3cors: bucket "shop-assets": access denied: the credentials need the IAM permission s3:GetBucketCORS on arn:aws:s3:::shop-assets` + "\n"
		if r.code != ExitFailure || r.stderr != wantErr || len(j.Unreadable) != 1 || j.Unreadable[0].Bucket != "shop-assets" ||
			j.Buckets != 4 || j.WithCORS != 2 {
			t.Errorf("code %d, stderr %q, report:\n%s", r.code, r.stderr, r.stdout)
		}
		// In SARIF, an error notification; the run did not succeed.
		p.Set(fault{Kind: faultStatus, Method: "GET", Skip: 1, Count: 1, Status: 403, Code: "AccessDenied"})
		r = runAuditCmd(t, p.URL, false, "--prefix", "shop-", "--format", "sarif", "--concurrency", "1")
		inv := checkSARIF(t, compileSARIFSchema(t), r.stdout).Runs[0].Invocations[0]
		if n := inv.ToolExecutionNotifications; inv.ExecutionSuccessful || len(n) != 2 || n[0].Level != "error" ||
			n[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "s3://shop-assets" || n[1].Level != "note" {
			t.Errorf("invocation: %+v", inv)
		}
	})
	t.Run("list-denied", func(t *testing.T) {
		p := newFaultProxy(t, endpoint)
		p.Set(fault{Kind: faultStatus, Method: "GET", Count: 1, Status: 403, Code: "AccessDenied"})
		r := runAuditCmd(t, p.URL, false)
		if r.code != ExitFailure || !strings.Contains(r.stderr, "cannot list the buckets: access denied: the credentials need the IAM permission s3:ListAllMyBuckets") {
			t.Errorf("code %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("throttled", func(t *testing.T) {
		// S3 answers SlowDown: the SDK retries with backoff, the pacer
		// lowers the concurrency, and every bucket is read in the end.
		p := newFaultProxy(t, endpoint)
		p.Set(fault{Kind: faultStatus, Method: "GET", Skip: 1, Count: 4, Status: 503, Code: "SlowDown"})
		r := runAuditCmd(t, p.URL, false, "--format", "json", "--concurrency", "4", "--max-attempts", "6")
		j := decodeAuditJSON(t, r.stdout)
		if r.code != ExitProblems || j.Buckets != 5 || len(j.Unreadable) != 0 || p.Faulted() != 4 ||
			!strings.Contains(r.stderr, "S3 is throttling the requests: 2 requests at a time now") {
			t.Errorf("code %d, faulted %d, stderr %q, report:\n%s", r.code, p.Faulted(), r.stderr, r.stdout)
		}
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"extra"}, {"--format", "junit"}, {"--fail-on", "never"}, {"--bucket", "b"}, {"--enable", "no-such-rule"}} {
			if r := runAuditCmd(t, endpoint, false, args...); r.code != ExitUsage {
				t.Errorf("%q: code %d, stderr %q", args, r.code, r.stderr)
			}
		}
	})
}

// auditScale is the number of buckets of TestAuditScale: 500, or
// S3CORS_AUDIT_SCALE (10000 is the scale the README promises).
func auditScale(t *testing.T) int {
	v := os.Getenv("S3CORS_AUDIT_SCALE")
	if v == "" {
		return 500
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 20 {
		t.Fatalf("S3CORS_AUDIT_SCALE=%q: want a number of buckets, at least 20", v)
	}
	return n
}

// TestAuditScale audits many buckets: most with a small configuration
// (one in ten of those with a warning), one in ten without. It checks the
// counts and logs the wall time and the peak heap during the audit.
func TestAuditScale(t *testing.T) {
	n := auditScale(t)
	s := auditServer(t)
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("scale-%06d", i)
	}
	kind := func(i int) int { return i % 10 } // 0: no configuration, 1: a warning, else clean
	start := time.Now()
	createAuditBuckets(t, s.client, names, 32, func(i int) []types.CORSRule {
		switch kind(i) {
		case 0:
			return nil
		case 1:
			return []types.CORSRule{auditRule("app", "https://app.example.com/")}
		}
		return []types.CORSRule{auditRule("app", "https://app.example.com")}
	})
	t.Logf("created %d buckets in %s", n, time.Since(start).Round(time.Millisecond))

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := sampleHeap()
	start = time.Now()
	r := runAuditCmd(t, s.Endpoint, false, "--format", "json", "--concurrency", "16")
	wall := time.Since(start)
	high := peak()

	j := decodeAuditJSON(t, r.stdout)
	wantNone, wantWarn := (n+9)/10, (n+8)/10
	if r.code != ExitProblems || r.stderr != "" || j.Buckets != n || len(j.WithoutCORS) != wantNone ||
		j.WithCORS != n-wantNone || len(j.Unreadable) != 0 || len(j.Findings) != wantWarn {
		t.Fatalf("code %d, stderr %q: %d buckets, %d with CORS, %d without, %d unreadable, %d findings; want %d, %d, %d, 0, %d",
			r.code, r.stderr, j.Buckets, j.WithCORS, len(j.WithoutCORS), len(j.Unreadable), len(j.Findings),
			n, n-wantNone, wantNone, wantWarn)
	}
	for _, f := range j.Findings {
		if f.Rule != "origin-trailing-slash" {
			t.Fatalf("unexpected finding %+v", f)
		}
	}
	t.Logf("audit of %d buckets: %s wall, %.0f buckets/s; heap in use %.1f MiB before, peak %.1f MiB during (+%.1f MiB, report included); VmHWM %s",
		n, wall.Round(time.Millisecond), float64(n)/wall.Seconds(), mib(base), mib(high), mib(high-min(high, base)), vmHWM())
	// Flat memory: what grows with the buckets is the report (a finding per
	// tenth bucket, a name per other tenth), never the configurations.
	if grow := high - min(high, base); grow > 64<<20 {
		t.Errorf("the heap grew by %.1f MiB during the audit", mib(grow))
	}
}

// sampleHeap samples runtime.MemStats.HeapInuse every 20 ms until the
// returned function is called, which returns the highest value seen.
func sampleHeap() func() uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// vmHWM is the process's peak resident set, from /proc/self/status, or
// "unknown".
func vmHWM() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
