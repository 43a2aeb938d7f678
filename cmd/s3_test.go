package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/s3cors/s3cors/corsconf"
)

// TestModelRoundTrip checks toModel and fromModel against each other on
// every valid configuration of testdata/ok: what is sent is what is read.
func TestModelRoundTrip(t *testing.T) {
	age0, age := 0, 3000
	cfgs := []*corsconf.Config{
		{Rules: []corsconf.Rule{{ID: "a", AllowedOrigins: []string{"", "*", "*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: &age0}}},
		{Rules: []corsconf.Rule{{AllowedOrigins: []string{"https://x"}, AllowedMethods: []string{"PUT", "GET"}, AllowedHeaders: []string{"X-Amz-*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age}, {AllowedOrigins: []string{"b"}, AllowedMethods: []string{"HEAD"}}}},
	}
	for _, file := range []string{"upload.xml", "cli.json", "console.json", "accepted-oddities.xml"} {
		s, _, err := loadInput(Env{Stderr: io.Discard}, "../testdata/ok/"+file, inputOptions{})
		if err != nil || len(s.diags) > 0 {
			t.Fatalf("%s: %v %v", file, err, s.diags)
		}
		cfgs = append(cfgs, &s.doc.Config)
	}
	for i, cfg := range cfgs {
		if got := toModel(fromModel(cfg)); !got.Equal(cfg) {
			t.Errorf("config %d: round trip changed it:\n got %+v\nwant %+v", i, got.Rules, cfg.Rules)
		}
	}
	if r := fromModel(cfgs[1])[1]; r.ID != nil || r.MaxAgeSeconds != nil || r.AllowedHeaders != nil {
		t.Errorf("absent fields must stay absent in the SDK rule: %+v", r)
	}
}

func TestPathStyle(t *testing.T) {
	on, off := true, false
	for _, tt := range []struct {
		o    AWSOptions
		want bool
	}{
		{AWSOptions{}, false},
		{AWSOptions{EndpointURL: "http://127.0.0.1:7070"}, true},
		{AWSOptions{EndpointURL: "http://localhost:9000"}, true},
		{AWSOptions{EndpointURL: "http://[::1]:9000"}, true},
		{AWSOptions{EndpointURL: "https://s3.example.com"}, false},
		{AWSOptions{EndpointURL: "https://s3.example.com", PathStyle: &on}, true},
		{AWSOptions{EndpointURL: "http://127.0.0.1:7070", PathStyle: &off}, false},
	} {
		if got := pathStyle(tt.o); got != tt.want {
			t.Errorf("pathStyle(%+v) = %v, want %v", tt.o, got, tt.want)
		}
	}
}

// TestAdviseError checks that every kind of failure becomes one line that
// names the bucket and says what to do.
func TestAdviseError(t *testing.T) {
	api := func(code string) error {
		return fmt.Errorf("operation error S3: PutBucketCors: %w", &smithy.GenericAPIError{Code: code, Message: "m\nsecond line"})
	}
	dial := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}, Err: errors.New("connection refused")}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{api("NoSuchBucket"), "no such bucket"},
		{api("AccessDenied"), "s3:PutBucketCORS on arn:aws:s3:::b"},
		{api("NotImplemented"), "does not implement the bucket CORS API"},
		{api("PermanentRedirect"), "--region"},
		{api("InvalidAccessKeyId"), "credentials were refused"},
		{api("SlowDown"), "throttling"},
		{api("ServiceUnavailable"), "retries ran out"},
		{api("Weird"), "S3 answered Weird: m"},
		{context.DeadlineExceeded, "timed out"},
		{fmt.Errorf("send: %w", dial), "cannot connect to 127.0.0.1:1"},
	} {
		got := adviseError(tt.err, "b", "s3:PutBucketCORS").Error()
		if !strings.Contains(got, tt.want) || !strings.HasPrefix(got, `bucket "b": `) || strings.Contains(got, "\n") {
			t.Errorf("adviseError(%v) = %q, want one line containing %q", tt.err, got, tt.want)
		}
	}
	if !isNoConfiguration(api("NoSuchCORSConfiguration")) || isNoConfiguration(api("NoSuchBucket")) {
		t.Errorf("isNoConfiguration does not tell NoSuchCORSConfiguration apart")
	}
}

func TestBucketNames(t *testing.T) {
	got, err := bucketNames([]string{"a-b", " c-d ", "a-b"}, "")
	if err != nil || strings.Join(got, ",") != "a-b,c-d" {
		t.Errorf("bucketNames = %v, %v", got, err)
	}
	for _, bad := range []string{"s3://bucket", "ab", "https://x.s3.amazonaws.com", "a b c"} {
		if _, err := bucketNames([]string{bad}, ""); err == nil {
			t.Errorf("bucketNames(%q) accepted", bad)
		}
	}
	if _, err := bucketNames(nil, ""); err == nil {
		t.Errorf("no bucket accepted")
	}
}

func TestBucketNamesFromFile(t *testing.T) {
	file := t.TempDir() + "/buckets.txt"
	if err := os.WriteFile(file, []byte("# buckets\nalpha-bucket   # the app\n\nbeta-bucket\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := bucketNames([]string{"gamma-bucket"}, file)
	if err != nil || strings.Join(got, ",") != "gamma-bucket,alpha-bucket,beta-bucket" {
		t.Errorf("bucketNames = %v, %v", got, err)
	}
}
