package cmd

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3cors/s3cors/corsconf"
)

func TestIntegrationPull(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))

	for _, to := range []string{"xml", "console", "cli"} {
		t.Run(to, func(t *testing.T) {
			r := s.itRun(t, "", false, "pull", "--bucket", b, "--to", to)
			wantCode(t, r, ExitOK)
			f, _ := corsconf.ParseFormat(to)
			if want := canonicalTo(t, remoteApp, f); r.stdout != want || r.stderr != "" {
				t.Errorf("pull --to %s:\n%s\nstderr: %s\nwant\n%s", to, r.stdout, r.stderr, want)
			}
		})
	}
	t.Run("file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "cors.json")
		r := s.itRun(t, "", false, "pull", "--bucket", b, "--to", "cli", "-o", out)
		wantCode(t, r, ExitOK)
		if got, want := readFile(t, out), canonicalTo(t, remoteApp, corsconf.FormatCLI); got != want || r.stdout != "" {
			t.Errorf("-o wrote\n%s\nwant\n%s\n(stdout %q)", got, want, r.stdout)
		}
	})
}

func TestIntegrationPullNoConfiguration(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	out := filepath.Join(t.TempDir(), "cors.xml")
	r := s.itRun(t, "", false, "pull", "--bucket", b, "-o", out)
	wantCode(t, r, ExitProblems)
	if want := "s3cors: bucket \"" + b + "\" has no CORS configuration\n"; r.stderr != want || r.stdout != "" {
		t.Errorf("stderr %q, stdout %q; want stderr %q", r.stderr, r.stdout, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a file was written for a bucket without configuration")
	}
}

// TestIntegrationPullMany pulls several buckets into a directory, one
// without configuration and one missing.
func TestIntegrationPullMany(t *testing.T) {
	s := itSetup(t)
	b1, b2, b3 := s.newBucket(t), s.newBucket(t), s.newBucket(t)
	s.putCORS(t, b1, readFile(t, remoteApp))
	s.putCORS(t, b2, readFile(t, remoteAppV2))
	dir := filepath.Join(t.TempDir(), "pulled")

	r := s.itRun(t, "", false, "pull", "-b", b1, "-b", b2, "-b", b3, "-o", dir)
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stderr", r.stderr, `bucket "`+b3+`" has no CORS configuration`, "3 buckets: 2 saved, 1 no configuration")
	if got := readFile(t, filepath.Join(dir, b1+".xml")); got != canonicalOf(t, remoteApp) {
		t.Errorf("%s.xml:\n%s", b1, got)
	}
	if got := readFile(t, filepath.Join(dir, b2+".xml")); got != canonicalOf(t, remoteAppV2) {
		t.Errorf("%s.xml:\n%s", b2, got)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("files in DIR: %v, want 2", names)
	}

	r = s.itRun(t, "", false, "pull", "-b", b1, "-b", "it-missing-bucket", "--to", "console", "-o", dir)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, `bucket "it-missing-bucket": no such bucket`, "2 buckets: 1 saved, 1 failed")
	wantOutput(t, "file", readFile(t, filepath.Join(dir, b1+".json")), `"ID": "uploads"`)

	r = s.itRun(t, "", false, "pull", "-b", b1, "-b", b2)
	wantCode(t, r, ExitUsage)
	wantOutput(t, "stderr", r.stderr, "needs -o DIR")
}

func TestIntegrationDiff(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	none := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))

	r := s.itRun(t, "", false, "diff", "--bucket", b, remoteApp)
	wantCode(t, r, ExitOK)
	if want := `bucket "` + b + `": same as ` + remoteApp + "\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}

	r = s.itRun(t, "", false, "diff", "--bucket", b, remoteReordered)
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout, "differs from "+remoteReordered+": 1 moved",
		`moved    rule 0 "public-read" (was rule 1)`, "--- s3://"+b, "+++ "+remoteReordered, "-    <ID>public-read</ID>")

	r = s.itRun(t, "", false, "diff", "--bucket", none, remoteApp)
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout, `bucket "`+none+`" has no CORS configuration; `+remoteApp+" differs: 2 added")

	r = s.itRun(t, "", false, "diff", "--bucket", b, remoteInvalid)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "[unsupported-method]", "is invalid: nothing was compared")
}

func TestIntegrationDiffJSON(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))

	r := s.itRun(t, "", false, "diff", "--bucket", b, "--bucket", "it-missing-bucket", "--format", "json", remoteAppV2)
	wantCode(t, r, ExitFailure)
	var report struct {
		File    string
		Equal   bool
		Buckets []struct {
			Bucket     string
			Equal      bool
			Configured bool
			Changes    []ruleChange
			Diff       string
			Error      string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if report.File != remoteAppV2 || report.Equal || len(report.Buckets) != 2 {
		t.Fatalf("report: %+v", report)
	}
	got := report.Buckets[0]
	if got.Bucket != b || got.Equal || !got.Configured || len(got.Changes) != 2 || !strings.Contains(got.Diff, "+++ "+remoteAppV2) {
		t.Errorf("bucket: %+v", got)
	}
	if c := got.Changes[0]; c.Kind != changeChanged || *c.Index != 0 || *c.OldIndex != 0 || c.ID != "uploads" || len(c.Fields) != 2 {
		t.Errorf("change 0: %+v", c)
	}
	if c := got.Changes[1]; c.Kind != changeAdded || *c.Index != 2 || c.OldIndex != nil || c.ID != "downloads" {
		t.Errorf("change 1: %+v", c)
	}
	if e := report.Buckets[1].Error; !strings.Contains(e, "no such bucket") {
		t.Errorf("missing bucket's error: %q", e)
	}
}

func TestIntegrationDelete(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))
	backup := filepath.Join(t.TempDir(), "deleted.xml")

	r := s.itRun(t, "", false, "delete", "--bucket", b)
	wantCode(t, r, ExitUsage)
	if s.getCORS(t, b) == "" {
		t.Fatal("delete without --yes deleted the configuration")
	}

	r = s.itRun(t, "", false, "delete", "--bucket", b, "--yes", "--backup", backup)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout, `bucket "`+b+`": CORS configuration of 2 rules to delete`,
		"previous configuration (2 rules) saved to "+backup, `bucket "`+b+`": CORS configuration deleted`)
	if got := s.getCORS(t, b); got != "" {
		t.Errorf("still configured:\n%s", got)
	}
	if got := readFile(t, backup); got != canonicalOf(t, remoteApp) {
		t.Errorf("backup:\n%s", got)
	}

	// Already none: said so, exit 0, and the backup is left alone.
	r = s.itRun(t, "", false, "delete", "--bucket", b, "--yes", "--backup", backup)
	wantCode(t, r, ExitOK)
	if want := `bucket "` + b + `" has no CORS configuration: nothing to delete` + "\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	if got := readFile(t, backup); got != canonicalOf(t, remoteApp) {
		t.Errorf("the backup was overwritten:\n%s", got)
	}
}

func TestIntegrationDeleteAtTerminal(t *testing.T) {
	s := itSetup(t)
	b1, b2 := s.newBucket(t), s.newBucket(t)
	s.putCORS(t, b1, readFile(t, remoteApp))
	s.putCORS(t, b2, readFile(t, remoteApp))
	r := s.itRun(t, "y\n", true, "delete", "-b", b1, "-b", b2, "-b", "it-missing-bucket")
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "Delete the CORS configurations of 2 buckets? [y/N] ",
		"] it-missing-bucket: failed", "3 buckets: 2 deleted, 1 failed")
	if s.getCORS(t, b1) != "" || s.getCORS(t, b2) != "" {
		t.Errorf("not deleted")
	}
}

// TestIntegrationErrors checks the advice for what goes wrong most often:
// a missing bucket, missing rights, refused credentials.
func TestIntegrationErrors(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))

	r := s.itRun(t, "", false, "pull", "--bucket", "it-no-such-bucket")
	wantCode(t, r, ExitFailure)
	if want := `s3cors: bucket "it-no-such-bucket": no such bucket (check the name, and --endpoint-url for an S3-compatible store)` + "\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}

	awsEnv(t, vgwUserAccess, vgwUserSecret) // a user without rights on root's buckets
	r = s.itRun(t, "", false, "pull", "--bucket", b)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "access denied: the credentials need the IAM permission s3:GetBucketCORS on arn:aws:s3:::"+b)
	r = s.itRun(t, "", false, "push", "--bucket", b, "--yes", remoteApp)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "s3:GetBucketCORS")

	awsEnv(t, vgwAccess, "wrong-secret")
	r = s.itRun(t, "", false, "diff", "--bucket", b, remoteApp)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "the credentials were refused (SignatureDoesNotMatch)")
	for _, out := range []string{r.stdout, r.stderr} {
		if strings.Count(out, "\n") > 1 {
			t.Errorf("more than one line:\n%s", out)
		}
	}
}

// TestIntegrationNoSecretInDebug runs every command with --debug and
// checks the log names the requests but never the secret key (itRun
// checks every output of every test for it).
func TestIntegrationNoSecretInDebug(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	backup := filepath.Join(t.TempDir(), "b.xml")
	for _, args := range [][]string{
		{"push", "--bucket", b, "--yes", remoteApp},
		{"pull", "--bucket", b},
		{"diff", "--bucket", b, remoteAppV2},
		{"delete", "--bucket", b, "--yes", "--backup", backup},
	} {
		r := s.itRun(t, "", false, append(args, "--debug")...)
		wantOutput(t, "stderr", r.stderr, "debug: GET "+s.Endpoint+"/"+b+"?cors")
		if strings.Contains(r.stderr, vgwAccess) {
			t.Errorf("%s --debug prints the access key id:\n%s", args[0], r.stderr)
		}
	}
}

// TestIntegrationNoCredentials checks that without credentials anywhere a
// remote command fails within seconds with the hint, even when the
// instance-metadata service does not answer: here a local listener that
// accepts connections and never replies.
func TestIntegrationNoCredentials(t *testing.T) {
	s := itSetup(t)
	awsEnv(t, "", "")
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "false")
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://"+silent.Addr().String())

	start := time.Now()
	r := s.itRun(t, "", false, "pull", "--bucket", "it-any-bucket")
	elapsed := time.Since(start)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	if elapsed > 10*time.Second {
		t.Errorf("took %s to fail, want a few seconds", elapsed)
	}
	t.Logf("without credentials, pull failed in %s", elapsed.Round(time.Millisecond))
}

// TestIntegrationTemplates pushes a bucket's rules from a CloudFormation
// template with several buckets and diffs it against a Terraform file:
// --resource picks the bucket, and the unified diff is in XML, since
// templates are read but not written.
func TestIntegrationTemplates(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	const template, tf = "../testdata/iac/two-buckets.yaml", "../testdata/iac/main.tf"
	r := s.itRun(t, "", false, "push", "--bucket", b, "--yes", template)
	wantCode(t, r, ExitUsage)
	wantOutput(t, "stderr", r.stderr, "Assets", "Uploads")

	r = s.itRun(t, "", false, "push", "--bucket", b, "--yes", "--resource", "Assets", template)
	wantCode(t, r, ExitOK)
	r = s.itRun(t, "", false, "diff", "--bucket", b, "--resource", "Assets", template)
	wantCode(t, r, ExitOK)

	r = s.itRun(t, "", false, "diff", "--bucket", b, "--resource", "assets", tf)
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stdout", r.stdout, "--- s3://"+b, "+++ "+tf, "+    <ID>browser-uploads</ID>")
	wantOutput(t, "stderr", r.stderr, "Terraform keeps cors_rule blocks as a set")
}
