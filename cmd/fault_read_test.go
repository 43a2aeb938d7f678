package cmd

// Fault tests of the commands that read (the bench is in fault_test.go):
// pull, diff and audit, and that nothing is written behind Env's back.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
