package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
)

// Configurations of the integration tests, relative to cmd/.
const (
	remoteApp       = "../testdata/remote/app.xml"           // 2 rules: uploads, public-read
	remoteAppV2     = "../testdata/remote/app-v2.json"       // uploads changed, public-read, downloads added
	remoteReordered = "../testdata/remote/app-reordered.xml" // app.xml's rules, swapped
	remoteInvalid   = "../testdata/remote/invalid.xml"       // what S3 rejects
)

// canonicalOf returns file's configuration in canonical XML, as pull
// prints it (without the file's comments).
func canonicalOf(t *testing.T, file string) string {
	t.Helper()
	return canonicalTo(t, file, corsconf.FormatXML)
}

// canonicalTo returns file's configuration in canonical form in format to.
func canonicalTo(t *testing.T, file string, to corsconf.Format) string {
	t.Helper()
	doc, diags := corsconf.Parse(file, []byte(readFile(t, file)), corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatalf("%s: %v", file, diags)
	}
	return string(canonical(&doc.Config, to))
}

func TestIntegrationPushNewAndUnchanged(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)

	r := s.itRun(t, "", false, "push", "--bucket", b, "--yes", remoteApp)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout,
		`bucket "`+b+`" has no CORS configuration; `+remoteApp+` differs: 2 added`,
		`added    rule 0 "uploads"`, "+++ "+remoteApp, `bucket "`+b+`": updated (2 rules), read back and verified`)
	if got := s.getCORS(t, b); got != canonicalOf(t, remoteApp) {
		t.Fatalf("the bucket holds\n%s\nwant\n%s", got, canonicalOf(t, remoteApp))
	}

	// Idempotent: the same file again changes nothing and says so.
	r = s.itRun(t, "", false, "push", "--bucket", b, "--yes", remoteApp)
	wantCode(t, r, ExitOK)
	if want := `bucket "` + b + `": unchanged (it already holds ` + remoteApp + ")\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
}

func TestIntegrationPushChangeWithBackup(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))
	backup := filepath.Join(t.TempDir(), "before.xml")

	r := s.itRun(t, "", false, "push", "--bucket", b, "--yes", "--backup", backup, remoteAppV2)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout,
		"differs from "+remoteAppV2+": 1 changed, 1 added",
		`changed  rule 0 "uploads": AllowedOrigins ["https://app.example.com"] -> ["https://app.example.com", "https://admin.example.com"]; MaxAgeSeconds 3000 -> 600`,
		`added    rule 2 "downloads"`,
		"previous configuration (2 rules) saved to "+backup,
		"updated (3 rules), read back and verified")
	if got := readFile(t, backup); got != canonicalOf(t, remoteApp) {
		t.Errorf("backup holds\n%s\nwant the previous configuration\n%s", got, canonicalOf(t, remoteApp))
	}
	if got, want := s.getCORS(t, b), canonicalOf(t, remoteAppV2); got != want {
		t.Errorf("the bucket holds\n%s\nwant\n%s", got, want)
	}
}

func TestIntegrationPushBackupWithoutPrevious(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	backup := filepath.Join(t.TempDir(), "before.xml")
	r := s.itRun(t, "", false, "push", "--bucket", b, "--yes", "--backup", backup, remoteApp)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout, `bucket "`+b+`" had no CORS configuration: no backup written to `+backup)
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Errorf("a backup file was written for a bucket without configuration (stat: %v)", err)
	}
}

// TestIntegrationPushInvalid checks that a file S3 would reject is
// refused with validate's diagnostics, and that nothing reaches the bucket.
func TestIntegrationPushInvalid(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))
	before := s.getCORS(t, b)

	r := s.itRun(t, "", false, "push", "--bucket", b, "--yes", remoteInvalid)
	wantCode(t, r, ExitProblems)
	v := run(nil, nil, false, "validate", remoteInvalid)
	if !strings.HasPrefix(r.stderr, v.stdout) {
		t.Errorf("push does not report validate's diagnostics:\n%s\nwant first\n%s", r.stderr, v.stdout)
	}
	wantOutput(t, "stderr", r.stderr, remoteInvalid+" is invalid: nothing was sent")
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing", r.stdout)
	}
	if got := s.getCORS(t, b); got != before {
		t.Errorf("the bucket changed:\n%s", got)
	}
}

func TestIntegrationPushDryRun(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))
	before := s.getCORS(t, b)

	r := s.itRun(t, "", false, "push", "--bucket", b, "--dry-run", remoteAppV2)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout, "1 changed, 1 added", `dry run: nothing was changed; PutBucketCors would send this body to bucket "`+b+`":`,
		`<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><AllowedHeader>Content-Type</AllowedHeader>`,
		`<ID>downloads</ID></CORSRule></CORSConfiguration>`)
	if got := s.getCORS(t, b); got != before {
		t.Errorf("--dry-run changed the bucket:\n%s", got)
	}
}

// TestIntegrationPushConfirmation checks the confirmation rules: without
// a terminal --yes is required (exit 2, nothing fetched or sent); at a
// terminal the answer decides.
func TestIntegrationPushConfirmation(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	s.putCORS(t, b, readFile(t, remoteApp))
	before := s.getCORS(t, b)

	r := s.itRun(t, "", false, "push", "--bucket", b, remoteAppV2)
	wantCode(t, r, ExitUsage)
	wantOutput(t, "stderr", r.stderr, "standard input is not a terminal to confirm: pass --yes")

	r = s.itRun(t, "n\n", true, "push", "--bucket", b, remoteAppV2)
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stderr", r.stderr, `Apply `+remoteAppV2+` to bucket "`+b+`"? [y/N] `, "cancelled: nothing was changed")
	if got := s.getCORS(t, b); got != before {
		t.Fatalf("the bucket changed without confirmation:\n%s", got)
	}

	r = s.itRun(t, "yes\n", true, "push", "--bucket", b, remoteAppV2)
	wantCode(t, r, ExitOK)
	if got, want := s.getCORS(t, b), canonicalOf(t, remoteAppV2); got != want {
		t.Errorf("the bucket holds\n%s\nwant\n%s", got, want)
	}
}

// TestIntegrationPushStdin reads the configuration from standard input,
// which then cannot answer a prompt: --yes is required.
func TestIntegrationPushStdin(t *testing.T) {
	s := itSetup(t)
	b := s.newBucket(t)
	src := readFile(t, remoteApp)
	r := s.itRun(t, src, true, "push", "--bucket", b, "-")
	wantCode(t, r, ExitUsage)
	r = s.itRun(t, src, false, "push", "--bucket", b, "--yes", "-")
	wantCode(t, r, ExitOK)
	wantOutput(t, "stdout", r.stdout, "+++ <stdin>", "updated (2 rules)")
}

// TestIntegrationPushMany pushes to several buckets, one of which does
// not exist: the others are updated, the summary counts them and the exit
// code is the worst.
func TestIntegrationPushMany(t *testing.T) {
	s := itSetup(t)
	b1, b2 := s.newBucket(t), s.newBucket(t)
	s.putCORS(t, b2, readFile(t, remoteApp))
	list := filepath.Join(t.TempDir(), "buckets")
	writeFile(t, list, "# buckets\n"+b2+"\nit-missing-bucket\n", 0o644)

	r := s.itRun(t, "", false, "push", "--bucket", b1, "--buckets-from", list, "--yes", "--concurrency", "2", remoteApp)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stdout", r.stdout, `bucket "`+b1+`": updated`, `bucket "`+b2+`": unchanged`)
	wantOutput(t, "stderr", r.stderr, `bucket "it-missing-bucket": no such bucket`,
		"s3cors: 3 buckets: 1 updated, 1 unchanged, 1 failed")
	if got := s.getCORS(t, b1); got != canonicalOf(t, remoteApp) {
		t.Errorf("%s holds\n%s", b1, got)
	}
}
