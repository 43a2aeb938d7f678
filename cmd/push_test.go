package cmd

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3cors/s3cors/corsconf"
)

// TestRequestBody checks that the body --dry-run shows is the SDK's
// request body: it reads back as the same configuration.
func TestRequestBody(t *testing.T) {
	doc, diags := corsconf.Parse("app.json", []byte(readFile(t, "../testdata/remote/app-v2.json")), corsconf.FormatAuto)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	body, err := requestBody(context.Background(), "bucket", &doc.Config)
	if err != nil {
		t.Fatal(err)
	}
	back, diags := corsconf.Parse("body", body, corsconf.FormatXML)
	if len(diags) > 0 || !back.Config.Equal(&doc.Config) {
		t.Errorf("the body reads back as %+v (%v), want %+v:\n%s", back.Config, diags, doc.Config, body)
	}
}

// TestPushVerifyFails checks the read-back: a server that stores
// something else than what was sent makes push fail with exit 3.
func TestPushVerifyFails(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"bucket": nil})
	put := api.put
	api.put = func(ctx context.Context, in *s3.PutBucketCorsInput) (*s3.PutBucketCorsOutput, error) {
		in.CORSConfiguration.CORSRules = in.CORSConfiguration.CORSRules[:1] // the server drops a rule
		return put(ctx, in)
	}
	r := fakeRun(api, nil, "", false, "push", "-b", "bucket", "--yes", "../testdata/remote/app.xml")
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, `s3cors: bucket "bucket": verification failed: the configuration read back differs from the one sent (1 removed)`)
}

// TestPushBackupFails checks that when the backup cannot be written,
// nothing is sent.
func TestPushBackupFails(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"bucket": sampleRules()})
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, file, "", 0o644)
	r := fakeRun(api, nil, "", false, "push", "-b", "bucket", "--yes", "--backup", filepath.Join(file, "backup.xml"), "../testdata/remote/app.xml")
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, `bucket "bucket": no backup, so nothing was changed: cannot`)
	if n := api.puts.Load(); n != 0 {
		t.Errorf("%d PUTs", n)
	}
}

// TestPushAtTerminal checks the prompt: asked once for several buckets,
// after the diffs; "no" changes nothing and exits 1.
func TestPushAtTerminal(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"bucket-a": nil, "bucket-b": sampleRules(), "bucket-c": nil})
	args := []string{"push", "-b", "bucket-a", "-b", "bucket-b", "-b", "bucket-c", "../testdata/remote/app.xml"}
	for _, answer := range []string{"", "n\n", "nope\n"} {
		r := fakeRun(api, nil, answer, true, args...)
		wantCode(t, r, ExitProblems)
		wantOutput(t, "stderr", r.stderr, "Apply ../testdata/remote/app.xml to 3 buckets? [y/N] ", "cancelled: nothing was changed", "3 buckets: 3 cancelled")
		if n := api.puts.Load(); n != 0 {
			t.Fatalf("answer %q: %d PUTs", answer, n)
		}
	}
	r := fakeRun(api, nil, "Y\n", true, args...)
	wantCode(t, r, ExitOK)
	if n := api.puts.Load(); n != 3 {
		t.Errorf("%d PUTs, want 3", n)
	}
	// All hold it now: nothing to ask.
	r = fakeRun(api, nil, "", true, args...)
	wantCode(t, r, ExitOK)
	wantOutput(t, "stderr", r.stderr, "3 buckets: 3 unchanged")
}

// TestBucketPath checks where per-bucket files go.
func TestBucketPath(t *testing.T) {
	dir := t.TempDir()
	one := &remote{opts: remoteOptions{buckets: []string{"b"}}}
	many := &remote{opts: remoteOptions{buckets: []string{"b", "c"}}}
	for _, tt := range []struct {
		r         *remote
		arg, want string
	}{
		{one, "out.xml", "out.xml"},
		{one, dir, filepath.Join(dir, "b.xml")},
		{one, "new/", filepath.Join("new", "b.xml")},
		{many, "new", filepath.Join("new", "b.xml")},
	} {
		if got := tt.r.bucketPath(tt.arg, "b", "xml"); got != tt.want {
			t.Errorf("bucketPath(%q) = %q, want %q", tt.arg, got, tt.want)
		}
	}
}

// TestDeleteVerifyFails checks that a configuration still there after
// the delete is a failure.
func TestDeleteVerifyFails(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"bucket": sampleRules()})
	api.del = func(context.Context, *s3.DeleteBucketCorsInput) (*s3.DeleteBucketCorsOutput, error) {
		return &s3.DeleteBucketCorsOutput{}, nil // answers, deletes nothing
	}
	r := fakeRun(api, nil, "", false, "delete", "-b", "bucket", "--yes")
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "verification failed: the bucket still has a CORS configuration (1 rule) after the delete")
}

// TestDeleteAtTerminal checks the question and that "no" deletes nothing.
func TestDeleteAtTerminal(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"bucket": sampleRules()})
	r := fakeRun(api, nil, "no\n", true, "delete", "-b", "bucket")
	wantCode(t, r, ExitProblems)
	wantOutput(t, "stderr", r.stderr, `Delete the CORS configuration of bucket "bucket"? [y/N] `)
	if api.dels.Load() != 0 {
		t.Errorf("deleted")
	}
	backup := filepath.Join(t.TempDir(), "dir") + string(os.PathSeparator)
	r = fakeRun(api, nil, "y\n", true, "delete", "-b", "bucket", "--backup", backup)
	wantCode(t, r, ExitOK)
	if got := readFile(t, filepath.Join(backup, "bucket.xml")); got != string(canonical(toModel(sampleRules()), corsconf.FormatXML)) {
		t.Errorf("backup:\n%s", got)
	}
	out, _ := api.get(context.Background(), &s3.GetBucketCorsInput{Bucket: aws.String("bucket")})
	if out != nil {
		t.Errorf("not deleted")
	}
}
