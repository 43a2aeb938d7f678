package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// probe against versitygw (cmd/integration_test.go starts it): its
// documented divergences from S3 must be reported, and --bucket must pull
// the configuration.

const probeVgwConfig = `<CORSConfiguration>
  <CORSRule>
    <ID>uploads</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <ExposeHeader>x-amz-request-id</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
  <CORSRule>
    <ID>public</ID>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`

// probeVgwCases are the requests of the versitygw tests and the
// differences each must show.
var probeVgwCases = []struct {
	name string
	args []string
	want string // kinds of the differences, in order
}{
	// The echoed origin: S3 sends Expose-Headers as configured.
	{"upload preflight", []string{"--origin", "https://app.example.com", "--method", "PUT", "-H", "Content-Type:image/png"}, "expose-etag"},
	// The "*" rule: Allow-Credentials false, and ETag exposed though the rule exposes nothing.
	{"public preflight", []string{"--origin", "https://any.example.com", "--preflight"}, "credentials-false expose-etag"},
}

func TestIntegrationProbe(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, probeVgwConfig)
	cfg := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, cfg, probeVgwConfig, 0o644)
	for _, source := range []struct{ name, flag, arg, config string }{
		{"config", "--config", cfg, cfg},
		{"bucket", "--bucket", b, "s3://" + b},
	} {
		for _, c := range probeVgwCases {
			t.Run(source.name+"/"+c.name, func(t *testing.T) {
				args := append([]string{"probe", "--url", s.Endpoint + "/" + b + "/photos/cat.png", source.flag, source.arg, "--format", "json"}, c.args...)
				r := s.itRun(t, "", false, args...)
				wantCode(t, r, ExitProblems)
				out := decodeProbe(t, r)
				if got := strings.Join(kinds(out.Differences), " "); got != c.want {
					t.Errorf("differences %s, want %s:\n%s", got, c.want, r.stdout)
				}
				if out.Live.Outcome != outcomePreflightPassed || out.Simulated == nil || out.Simulated.Config != source.config || !out.Simulated.Allowed {
					t.Errorf("live %+v, simulated %+v", out.Live, out.Simulated)
				}
			})
		}
	}
}

// TestIntegrationProbeText checks the explanations as printed.
func TestIntegrationProbeText(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, probeVgwConfig)
	r := s.itRun(t, "", false, "probe", "--url", s.Endpoint+"/"+b+"/k", "--bucket", b, "--origin", "https://any.example.com", "--preflight")
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout,
		"live: PREFLIGHT PASSES: GET "+s.Endpoint+"/"+b+"/k from https://any.example.com",
		"simulated (s3://"+b+"): ALLOWED",
		"< Server: VERSITYGW",
		`preflight: Access-Control-Allow-Credentials: false with Access-Control-Allow-Origin: *: S3 never sends it (versitygw does with a "*" origin rule)`,
		`preflight: Access-Control-Expose-Headers: "ETag" live, absent simulated: the server appends ETag to the exposed headers (versitygw does; S3 does not)`)
}

// TestIntegrationProbeActual sends the request itself: versitygw answers
// an anonymous GET with 403 and no CORS headers, where S3 adds them.
func TestIntegrationProbeActual(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, probeVgwConfig)
	r := s.itRun(t, "", false, "probe", "--url", s.Endpoint+"/"+b+"/k", "--bucket", b, "--origin", "https://any.example.com", "--actual", "--format", "json")
	wantCode(t, r, ExitProblems)
	out := decodeProbe(t, r)
	if got := strings.Join(kinds(out.Differences), " "); got != "no-cors-headers verdict" {
		t.Errorf("differences %s, want no-cors-headers verdict:\n%s", got, r.stdout)
	}
	if len(out.Exchanges) != 1 || out.Exchanges[0].Status != 403 || !strings.Contains(out.Exchanges[0].Body, "AccessDenied") {
		t.Errorf("exchanges %+v", out.Exchanges)
	}
}

// TestIntegrationProbeBucketConfig: the bucket holds another
// configuration than --config; the bucket's URL comes from
// AWS_ENDPOINT_URL and the bucket name.
func TestIntegrationProbeBucketConfig(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, probeVgwConfig)
	cfg := filepath.Join(t.TempDir(), "wanted.xml")
	writeFile(t, cfg, strings.Replace(probeVgwConfig, "<MaxAgeSeconds>600</MaxAgeSeconds>", "<MaxAgeSeconds>3000</MaxAgeSeconds>", 1), 0o644)
	t.Setenv("AWS_ENDPOINT_URL", s.Endpoint)
	env, stdout, stderr := newTestEnv(nil, nil)
	env.Getenv, env.NewBucketAPI = os.Getenv, newBucketAPI
	r := runEnv(env, stdout, stderr, "probe", "--bucket", b, "--config", cfg, "--origin", "https://app.example.com", "--method", "PUT", "-H", "Content-Type:text/csv", "--format", "json")
	noSecrets(t, r)
	wantCode(t, r, ExitProblems)
	out := decodeProbe(t, r)
	if out.URL != s.Endpoint+"/"+b+"/" || len(out.Exchanges) == 0 || out.Exchanges[0].Target != "/"+b+"/" {
		t.Errorf("url %s, exchanges %+v", out.URL, out.Exchanges)
	}
	want := "header header rule bucket-config"
	if got := strings.Join(kinds(out.Differences), " "); got != want {
		t.Errorf("differences %s, want %s:\n%s", got, want, r.stdout)
	}
	for _, f := range out.Differences {
		if f.Kind == "bucket-config" && !strings.Contains(f.Message, `MaxAgeSeconds 600 -> 3000`) {
			t.Errorf("bucket-config: %s", f.Message)
		}
	}
}
