package cmd

// Fault tests of push and delete (the bench is in fault_test.go): each
// fault case checks the exit code, the advice, the retries and what the
// bucket and the --backup file hold; push to many buckets as well.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
