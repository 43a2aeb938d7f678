package cmd

import (
	"encoding/json"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/internal/testenv"
)

// probeConfig is what serve serves in the tests: a rule per case of
// interest, a near miss (the trailing slash) and a public rule.
const probeConfig = `<CORSConfiguration>
  <CORSRule>
    <ID>app</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <AllowedHeader>x-amz-*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
  <CORSRule>
    <ID>near-miss</ID>
    <AllowedOrigin>https://near.example.com/</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
  </CORSRule>
  <CORSRule>
    <ID>public</ID>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`

// probeOtherConfig differs from probeConfig: the app rule lost PUT and
// its Max-Age, and another rule comes first.
const probeOtherConfig = `<CORSConfiguration>
  <CORSRule>
    <ID>first</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
  </CORSRule>
  <CORSRule>
    <ID>app</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <AllowedHeader>x-amz-*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>
`

// probeOut is the part of probe --format json the tests read.
type probeOut struct {
	URL  string `json:"url"`
	Live struct {
		Outcome   string  `json:"outcome"`
		Allowed   bool    `json:"allowed"`
		BlockedBy *string `json:"blockedBy"`
	} `json:"live"`
	Simulated *struct {
		Config    string  `json:"config"`
		Allowed   bool    `json:"allowed"`
		BlockedBy *string `json:"blockedBy"`
	} `json:"simulated"`
	Agrees      *bool              `json:"agrees"`
	Exchanges   []jsonLiveExchange `json:"exchanges"`
	Differences []probeFinding     `json:"differences"`
	Notes       []probeFinding     `json:"notes"`
}

func decodeProbe(t *testing.T, r result) probeOut {
	t.Helper()
	var out probeOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("probe --format json: %v\nstdout:\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
	return out
}

// kinds returns the kinds of findings, in order.
func kinds(fs []probeFinding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Kind)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// lockedBuffer is the output of a server running in-process.
type lockedBuffer = testenv.LockedBuffer

// startServe runs s3cors serve in-process with the configuration text
// and returns its base URL; it stops at the end of the test.
func startServe(t *testing.T, config string) string {
	t.Helper()
	base, _ := serveFor(t, serveOptions{config: serveFile(t, config)})
	return base
}

// TestProbeServe probes s3cors serve: the live verdict must be the
// simulated one, with no difference, and the exit code must follow it.
func TestProbeServe(t *testing.T) {
	base := startServe(t, probeConfig)
	cfg := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, cfg, probeConfig, 0o644)
	cases := []struct {
		name        string
		args        []string
		outcome     string
		blockedBy   string
		wantCode    int
		simulateArg []string // nil: simulate must agree step for step
	}{
		{"allowed preflight", []string{"--origin", "https://app.example.com", "--method", "PUT", "-H", "Content-Type:image/png"}, outcomePreflightPassed, "", ExitOK, nil},
		{"allowed actual", []string{"--origin", "https://app.example.com", "--method", "PUT", "-H", "Content-Type:image/png", "--actual"}, outcomeAllowed, "", ExitOK, nil},
		{"wrong origin", []string{"--origin", "https://evil.example.com", "--method", "PUT"}, outcomeBlocked, "preflight-allow-origin", ExitProblems, nil},
		{"wrong method", []string{"--origin", "https://app.example.com", "--method", "DELETE"}, outcomeBlocked, "preflight-allow-origin", ExitProblems, nil},
		{"wrong header", []string{"--origin", "https://app.example.com", "--method", "PUT", "-H", "x-custom:1"}, outcomeBlocked, "preflight-allow-origin", ExitProblems, nil},
		{"trailing slash near miss", []string{"--origin", "https://near.example.com", "--method", "PUT"}, outcomeBlocked, "preflight-allow-origin", ExitProblems, nil},
		{"public get", []string{"--origin", "https://any.example.com", "--actual"}, outcomeAllowed, "", ExitOK, nil},
		{"credentials with *", []string{"--origin", "https://any.example.com", "--credentials", "include", "--actual"}, outcomeBlocked, "credentials", ExitProblems, nil},
		{"credentials with * preflighted", []string{"--origin", "https://any.example.com", "--credentials", "include", "--preflight", "--actual"}, outcomeBlocked, "preflight-credentials", ExitProblems, nil},
		{"simple get not sent", []string{"--origin", "https://app.example.com"}, outcomeNotSent, "", ExitOK, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"probe", "--url", base + "/photos/cat.png", "--config", cfg, "--format", "json"}, c.args...)
			r := run(nil, nil, false, args...)
			wantCode(t, r, c.wantCode)
			out := decodeProbe(t, r)
			if out.Live.Outcome != c.outcome || deref(out.Live.BlockedBy) != c.blockedBy {
				t.Errorf("live: %s, blocked by %q; want %s, %q", out.Live.Outcome, deref(out.Live.BlockedBy), c.outcome, c.blockedBy)
			}
			if len(out.Differences) > 0 || out.Agrees == nil || !*out.Agrees {
				t.Errorf("differences with serve: %+v", out.Differences)
			}
			sim := simulateJSON(t, cfg, base+"/photos/cat.png", c.args)
			if c.outcome == outcomeAllowed || c.outcome == outcomeBlocked {
				if sim.Allowed != out.Live.Allowed || deref(sim.BlockedBy) != c.blockedBy {
					t.Errorf("simulate: allowed %v, blocked by %q; probe: %v, %q", sim.Allowed, deref(sim.BlockedBy), out.Live.Allowed, deref(out.Live.BlockedBy))
				}
			}
		})
	}
}

// simulateJSON runs s3cors simulate on the same request.
func simulateJSON(t *testing.T, cfg, url string, args []string) (v struct {
	Allowed   bool    `json:"allowed"`
	BlockedBy *string `json:"blockedBy"`
}) {
	t.Helper()
	var sargs []string
	for _, a := range args {
		if a != "--actual" {
			sargs = append(sargs, a)
		}
	}
	r := run(nil, nil, false, append([]string{"simulate", "--config", cfg, "--url", url, "--format", "json"}, sargs...)...)
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("simulate: %v\n%s%s", err, r.stdout, r.stderr)
	}
	return v
}

// TestProbeServeOtherConfig probes serve with a configuration other than
// the one it serves: the differences must be explained.
func TestProbeServeOtherConfig(t *testing.T) {
	base := startServe(t, probeConfig)
	cfg := filepath.Join(t.TempDir(), "other.xml")
	writeFile(t, cfg, probeOtherConfig, 0o644)
	r := run(nil, nil, false, "probe", "--url", base+"/key", "--config", cfg, "--origin", "https://app.example.com", "--method", "PUT", "-H", "x-amz-date:1")
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout,
		"the live answer differs from the simulation: 4 differences",
		`preflight: Access-Control-Allow-Methods: "GET, PUT" live, "PUT" simulated [header]`,
		`preflight: Access-Control-Expose-Headers: "ETag" live, absent simulated [header]`,
		`preflight: Access-Control-Max-Age: "3000" live, absent simulated [header]`,
		`the live CORS headers are those of rule 1 "app" of `+cfg+`, not of rule 0 "first", which the simulation uses: the rules the endpoint applies differ or are in another order [rule]`)

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"served rule refuses", []string{"--origin", "https://app.example.com", "--method", "PUT", "-H", "x-custom:1"}, "status no-cors-headers verdict"},
		{"served rule allows", []string{"--origin", "https://any.example.com", "--actual"}, "header header header rule verdict"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(nil, nil, false, append([]string{"probe", "--url", base + "/key", "--config", cfg, "--format", "json"}, c.args...)...)
			wantCode(t, r, ExitProblems)
			out := decodeProbe(t, r)
			if got := strings.Join(kinds(out.Differences), " "); got != c.want || *out.Agrees {
				t.Errorf("differences %s, want %s: %+v", got, c.want, out.Differences)
			}
		})
	}
}

// TestProbeUnreachable: exit 3 with one line naming the host, and no
// signature.
func TestProbeUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r := run(nil, nil, false, "probe", "--url", "http://"+addr+"/b/k?X-Amz-Signature=SECRETSIG", "--origin", "https://app.example.com", "--method", "PUT")
	wantCode(t, r, ExitFailure)
	if want := "s3cors: cannot reach " + addr + ": connect: connection refused\n"; r.stderr != want || r.stdout != "" {
		t.Errorf("stderr %q, stdout %q; want stderr %q", r.stderr, r.stdout, want)
	}
}

func TestProbeUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no origin", []string{"--url", "http://127.0.0.1:1/k"}, "probe needs --origin"},
		{"no url", []string{"--origin", "https://a.example"}, "probe needs --url URL"},
		{"not http", []string{"--url", "ftp://h/k", "--origin", "https://a.example"}, `invalid --url "ftp://h/k": use an absolute http or https URL`},
		{"relative", []string{"--url", "/k", "--origin", "https://a.example"}, `invalid --url "/k"`},
		{"secret in bad url", []string{"--url", "h/k?X-Amz-Signature=SECRETSIG", "--origin", "https://a.example"}, `invalid --url "h/k?X-Amz-Signature=REDACTED"`},
		{"format", []string{"--url", "http://h/k", "--origin", "https://a.example", "--format", "xml"}, `invalid --format "xml"`},
		{"color", []string{"--url", "http://h/k", "--origin", "https://a.example", "--color", "sometimes"}, `invalid --color "sometimes"`},
		{"credentials", []string{"--url", "http://h/k", "--origin", "https://a.example", "--credentials", "yes"}, `invalid --credentials "yes"`},
		{"two buckets", []string{"--url", "http://h/k", "--origin", "https://a.example", "-b", "one-b", "-b", "two-b"}, "probe takes one --bucket, got 2"},
		{"argument", []string{"http://h/k", "--origin", "https://a.example"}, "probe takes no arguments"},
		{"unknown flag", []string{"--nope"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := run(nil, nil, false, append([]string{"probe"}, c.args...)...)
			wantCode(t, r, ExitUsage)
			if !strings.Contains(r.stderr, c.want) || strings.Contains(r.stderr, "SECRETSIG") || r.stdout != "" {
				t.Errorf("stderr %q, want %q (stdout %q)", r.stderr, c.want, r.stdout)
			}
		})
	}
}
