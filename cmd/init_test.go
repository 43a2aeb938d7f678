package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
	"github.com/s3cors/s3cors/simulate"
)

const initTestOrigin = "https://app.example.com"

// initUse is the request that shows a preset works for its use, and the
// response headers a script must then be able to read.
type initUse struct {
	req      simulate.BrowserRequest
	readable []string
}

// sdkUploadHeaders are the headers the AWS SDK for JavaScript v3 sets on a
// PutObject or UploadPart from a browser.
var sdkUploadHeaders = []simulate.Field{
	{Name: "authorization", Value: "AWS4-HMAC-SHA256 Credential=..."},
	{Name: "content-type", Value: "image/png"},
	{Name: "content-md5", Value: "1B2M2Y8AsgTpgAmY7PhCfg=="},
	{Name: "x-amz-date", Value: "20250101T000000Z"},
	{Name: "x-amz-content-sha256", Value: "UNSIGNED-PAYLOAD"},
	{Name: "x-amz-security-token", Value: "token"},
	{Name: "x-amz-user-agent", Value: "aws-sdk-js/3"},
	{Name: "x-amz-checksum-crc32", Value: "AAAAAA=="},
	{Name: "x-amz-sdk-checksum-algorithm", Value: "CRC32"},
	{Name: "amz-sdk-invocation-id", Value: "id"},
	{Name: "amz-sdk-request", Value: "attempt=1; max=3"},
}

var initUses = map[string]initUse{
	"read": {
		req:      simulate.BrowserRequest{Origin: initTestOrigin, Method: "GET"},
		readable: []string{"ETag", "Content-Length"},
	},
	"upload": {
		req: simulate.BrowserRequest{Origin: initTestOrigin, Method: "PUT", Header: sdkUploadHeaders,
			Credentials: simulate.CredentialsOmit, ForcePreflight: true},
		readable: []string{"ETag", "x-amz-version-id"},
	},
	"website": {
		req:      simulate.BrowserRequest{Origin: "https://any.example.net", Method: "GET"},
		readable: []string{"ETag", "Content-Length"},
	},
	"private-app": {
		req: simulate.BrowserRequest{Origin: initTestOrigin, Method: "GET", Credentials: simulate.CredentialsInclude,
			Header: []simulate.Field{{Name: "authorization", Value: "Bearer x"}}},
		readable: []string{"ETag", "x-amz-version-id"},
	},
}

// initArgs returns the arguments of init for preset p in format to.
func initArgs(p *initPreset, to string) []string {
	args := []string{"init", "--preset", p.name, "--to", to}
	if p.origins {
		args = append(args, "--origin", initTestOrigin)
	}
	return args
}

func TestInitPresets(t *testing.T) {
	for _, p := range initPresets {
		use, ok := initUses[p.name]
		if !ok {
			t.Fatalf("preset %s has no representative request in initUses", p.name)
		}
		for _, f := range []corsconf.Format{corsconf.FormatXML, corsconf.FormatConsole, corsconf.FormatCLI} {
			to := f.String()
			t.Run(p.name+"/"+to, func(t *testing.T) {
				got := run(nil, nil, false, initArgs(&p, to)...)
				if got.code != ExitOK {
					t.Fatalf("exit %d, stderr:\n%s", got.code, got.stderr)
				}
				out := []byte(got.stdout)
				if d, ok := corsconf.Detect(out); !ok || d != f {
					t.Errorf("output detected as %v, want %v", d, f)
				}

				// It validates: S3 would accept it.
				doc, diags := corsconf.Check("init."+to, out, f)
				if len(diags) > 0 {
					t.Fatalf("output does not validate:\n%v\n%s", diags, out)
				}

				// It is in canonical form and round-trips through Parse.
				parsed, diags := corsconf.Parse("init."+to, out, f)
				if len(diags) > 0 {
					t.Fatalf("Parse: %v", diags)
				}
				if !parsed.Config.Equal(&doc.Config) {
					t.Errorf("Parse and Check disagree")
				}
				var again strings.Builder
				if err := parsed.Write(&again, f); err != nil {
					t.Fatal(err)
				}
				if again.String() != got.stdout {
					t.Errorf("not canonical: written again it reads\n%s\nwant\n%s", again.String(), got.stdout)
				}
				want := p.rule(initOrigins4Test(p.origins))
				if len(parsed.Config.Rules) != 1 || !parsed.Config.Rules[0].Equal(&want) {
					t.Errorf("round trip: got %+v, want %+v", parsed.Config.Rules, want)
				}

				// It lints clean. No notice remains either; the website
				// preset's wildcard-origin warning is suppressed in XML and
				// announced on stderr in JSON, which has no comments.
				findings := lint.Suppress(doc, lint.Lint(doc, lint.Options{}))
				var left []string
				for _, fd := range findings {
					left = append(left, fd.Severity.String()+" "+fd.Rule)
				}
				var wantLeft []string
				if p.ignore != "" && f != corsconf.FormatXML {
					wantLeft = []string{"warning wildcard-origin"}
					if !strings.Contains(got.stderr, "wildcard-origin") {
						t.Errorf("stderr does not announce the expected warning: %q", got.stderr)
					}
				} else if got.stderr != "" {
					t.Errorf("stderr: %q", got.stderr)
				}
				if !slices.Equal(left, wantLeft) {
					t.Errorf("lint findings %q, want %q\n%s", left, wantLeft, out)
				}
				if p.ignore != "" && f == corsconf.FormatXML && !strings.Contains(got.stdout, "<!--"+p.ignore+"-->") {
					t.Errorf("XML lacks the ignore comment:\n%s", out)
				}

				// It works for its use.
				req := use.req
				v := simulate.Fetch(&doc.Config, &req)
				if !v.Allowed {
					t.Fatalf("%s %s from %s blocked: %s", req.Method, req.Credentials, req.Origin, v.Reason)
				}
				for _, h := range use.readable {
					if !slices.ContainsFunc(v.ReadableHeaders, func(r string) bool { return strings.EqualFold(r, h) }) {
						t.Errorf("%s not readable; readable: %q", h, v.ReadableHeaders)
					}
				}
			})
		}
	}
}

func initOrigins4Test(needs bool) []string {
	if needs {
		return []string{initTestOrigin}
	}
	return nil
}

// TestInitUploadPost checks the other upload path of the upload preset: a
// presigned POST from an HTML-form-like fetch, and a multipart part upload
// reading its ETag with credentials from the same request.
func TestInitUploadPost(t *testing.T) {
	cfg := &corsconf.Config{Rules: []corsconf.Rule{lookupPreset("upload").rule([]string{initTestOrigin})}}
	v := simulate.Fetch(cfg, &simulate.BrowserRequest{Origin: initTestOrigin, Method: "POST"})
	if !v.Allowed {
		t.Fatalf("presigned POST blocked: %s", v.Reason)
	}
	if !slices.Contains(v.ReadableHeaders, "ETag") {
		t.Errorf("ETag not readable after POST: %q", v.ReadableHeaders)
	}
}

// TestInitPrivateAppWrites checks credentialed PUT and DELETE, and that
// another origin is refused.
func TestInitPrivateAppWrites(t *testing.T) {
	cfg := &corsconf.Config{Rules: []corsconf.Rule{lookupPreset("private-app").rule([]string{initTestOrigin})}}
	for _, m := range []string{"PUT", "DELETE"} {
		v := simulate.Fetch(cfg, &simulate.BrowserRequest{Origin: initTestOrigin, Method: m,
			Credentials: simulate.CredentialsInclude, Header: sdkUploadHeaders})
		if !v.Allowed {
			t.Errorf("credentialed %s blocked: %s", m, v.Reason)
		}
	}
	v := simulate.Fetch(cfg, &simulate.BrowserRequest{Origin: "https://evil.example", Method: "GET",
		Credentials: simulate.CredentialsInclude})
	if v.Allowed {
		t.Errorf("a GET from another origin is allowed")
	}
}

func TestInitOrigins(t *testing.T) {
	got := run(nil, nil, false, "init", "--preset", "read",
		"--origin", "https://app.example.com/index.html?x=1", "--origin", "http://localhost:3000", "--origin", "https://app.example.com")
	if got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	doc, diags := corsconf.Check("out", []byte(got.stdout), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if want := []string{"https://app.example.com", "http://localhost:3000"}; !slices.Equal(doc.Config.Rules[0].AllowedOrigins, want) {
		t.Errorf("origins %q, want %q", doc.Config.Rules[0].AllowedOrigins, want)
	}
	if want := "s3cors: note: using origin https://app.example.com, the origin of page https://app.example.com/index.html?x=1\n"; got.stderr != want {
		t.Errorf("stderr %q, want %q", got.stderr, want)
	}
}

func TestInitUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the message
	}{
		{"missing origin", []string{"--preset", "upload"}, "--preset upload needs the origins of the pages that call the bucket, e.g. --origin https://app.example.com"},
		{"missing origin, default preset", nil, "--preset read needs"},
		{"missing origin, private-app", []string{"--preset", "private-app"}, "e.g. --origin https://app.example.com"},
		{"no scheme", []string{"--origin", "app.example.com"}, `invalid --origin "app.example.com": no browser sends it (it has no scheme)`},
		{"trailing slash", []string{"--origin", "https://app.example.com/"}, "did you mean --origin https://app.example.com?"},
		{"upper case", []string{"--origin", "https://App.example.com"}, "did you mean --origin https://app.example.com?"},
		{"default port", []string{"--origin", "https://app.example.com:443"}, "it names the default port :443"},
		{"wildcard host", []string{"--origin", "https://*.example.com"}, `invalid --origin "https://*.example.com"`},
		{"star", []string{"--origin", "*"}, "use --preset website"},
		{"star with credentials", []string{"--preset", "private-app", "--origin", "*"}, "browsers refuse * with credentials"},
		{"null", []string{"--origin", "null"}, `invalid --origin "null"`},
		{"empty", []string{"--origin", ""}, "it is empty"},
		{"website takes none", []string{"--preset", "website", "--origin", initTestOrigin}, "takes no --origin"},
		{"unknown preset", []string{"--preset", "uploads"}, `invalid --preset "uploads": use read, upload, website, private-app; did you mean "upload"?`},
		{"bad format", []string{"--preset", "website", "--to", "yaml"}, `invalid --to "yaml"`},
		{"argument", []string{"--preset", "website", "cors.xml"}, "init takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(nil, nil, false, append([]string{"init"}, tt.args...)...)
			if got.code != ExitUsage {
				t.Errorf("exit %d, want %d", got.code, ExitUsage)
			}
			if got.stdout != "" {
				t.Errorf("stdout %q, want nothing", got.stdout)
			}
			first, _, _ := strings.Cut(got.stderr, "\n")
			if !strings.Contains(first, tt.want) {
				t.Errorf("stderr %q, want a first line containing %q", got.stderr, tt.want)
			}
		})
	}
}

func TestInitOutputFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cors.json")
	if err := os.WriteFile(file, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	got := run(nil, nil, false, "init", "--preset", "upload", "--origin", initTestOrigin, "--to", "cli", "-o", file)
	if got.code != ExitOK || got.stdout != "" || got.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	stdout := run(nil, nil, false, "init", "--preset", "upload", "--origin", initTestOrigin, "--to", "cli")
	if string(data) != stdout.stdout {
		t.Errorf("-o wrote\n%s\nstdout has\n%s", data, stdout.stdout)
	}
	// Atomic replacement: no temporary file is left, and the file keeps
	// its permissions.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only cors.json", len(entries))
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}

	// A usage error writes nothing.
	got = run(nil, nil, false, "init", "--preset", "upload", "-o", file)
	if got.code != ExitUsage {
		t.Errorf("exit %d, want %d", got.code, ExitUsage)
	}
	if after, _ := os.ReadFile(file); string(after) != string(data) {
		t.Errorf("a failed init changed the file")
	}

	// An unwritable target is a failure (3), with one line.
	got = run(nil, nil, false, "init", "--preset", "website", "-o", filepath.Join(dir, "missing", "cors.xml"))
	if got.code != ExitFailure || strings.Count(got.stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q: want %d and one line", got.code, got.stderr, ExitFailure)
	}
}
