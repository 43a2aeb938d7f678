package cmd

// Fault tests of the retries (the bench is in fault_test.go): how many
// attempts --max-attempts allows, with the server down too, and how
// --timeout bounds them.

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

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
