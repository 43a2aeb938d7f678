package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// fakeAPI is a BucketAPI made of funcs, for what a real server cannot be
// made to do on demand (NotImplemented, throttling, a slow answer, a
// configuration altered on the way). memoryAPI fills the funcs in with a
// map of buckets; a test replaces the ones it needs.
type fakeAPI struct {
	get  func(context.Context, *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error)
	put  func(context.Context, *s3.PutBucketCorsInput) (*s3.PutBucketCorsOutput, error)
	del  func(context.Context, *s3.DeleteBucketCorsInput) (*s3.DeleteBucketCorsOutput, error)
	puts atomic.Int32
	dels atomic.Int32
}

func (f *fakeAPI) GetBucketCors(ctx context.Context, in *s3.GetBucketCorsInput, _ ...func(*s3.Options)) (*s3.GetBucketCorsOutput, error) {
	return f.get(ctx, in)
}

func (f *fakeAPI) PutBucketCors(ctx context.Context, in *s3.PutBucketCorsInput, _ ...func(*s3.Options)) (*s3.PutBucketCorsOutput, error) {
	f.puts.Add(1)
	return f.put(ctx, in)
}

func (f *fakeAPI) DeleteBucketCors(ctx context.Context, in *s3.DeleteBucketCorsInput, _ ...func(*s3.Options)) (*s3.DeleteBucketCorsOutput, error) {
	f.dels.Add(1)
	return f.del(ctx, in)
}

func (f *fakeAPI) ListBuckets(context.Context, *s3.ListBucketsInput, ...func(*s3.Options)) (*s3.ListBucketsOutput, error) {
	return nil, errors.New("not used")
}

func apiErr(code string) error {
	return fmt.Errorf("operation error S3: GetBucketCors: %w", &smithy.GenericAPIError{Code: code, Message: "message"})
}

// memoryAPI returns a fake holding buckets (name -> rules; nil rules: no
// configuration); any other bucket is NoSuchBucket.
func memoryAPI(buckets map[string][]types.CORSRule) *fakeAPI {
	var mu sync.Mutex
	f := &fakeAPI{}
	f.get = func(_ context.Context, in *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error) {
		mu.Lock()
		defer mu.Unlock()
		rules, ok := buckets[aws.ToString(in.Bucket)]
		switch {
		case !ok:
			return nil, apiErr("NoSuchBucket")
		case rules == nil:
			return nil, apiErr("NoSuchCORSConfiguration")
		}
		return &s3.GetBucketCorsOutput{CORSRules: rules}, nil
	}
	f.put = func(_ context.Context, in *s3.PutBucketCorsInput) (*s3.PutBucketCorsOutput, error) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := buckets[aws.ToString(in.Bucket)]; !ok {
			return nil, apiErr("NoSuchBucket")
		}
		buckets[aws.ToString(in.Bucket)] = in.CORSConfiguration.CORSRules
		return &s3.PutBucketCorsOutput{}, nil
	}
	f.del = func(_ context.Context, in *s3.DeleteBucketCorsInput) (*s3.DeleteBucketCorsOutput, error) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := buckets[aws.ToString(in.Bucket)]; !ok {
			return nil, apiErr("NoSuchBucket")
		}
		buckets[aws.ToString(in.Bucket)] = nil
		return &s3.DeleteBucketCorsOutput{}, nil
	}
	return f
}

// sampleRules is one GET rule for *.
func sampleRules() []types.CORSRule {
	return []types.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}}
}

// fakeRun runs s3cors with api as the client; builds counts the clients
// built. stdin feeds standard input; terminal makes every writer one.
func fakeRun(api BucketAPI, builds *atomic.Int32, stdin string, terminal bool, args ...string) result {
	env, stdout, stderr := newTestEnv([]byte(stdin), nil)
	env.IsTerminal = func(any) bool { return terminal }
	env.NewBucketAPI = func(context.Context, AWSOptions) (BucketAPI, error) {
		if builds != nil {
			builds.Add(1)
		}
		return api, nil
	}
	return runEnv(env, stdout, stderr, args...)
}

// TestEachConcurrencyAndOrder checks that at most --concurrency buckets
// are in flight, and that the output comes in bucket order even when the
// buckets finish in another.
func TestEachConcurrencyAndOrder(t *testing.T) {
	buckets := map[string][]types.CORSRule{}
	var args []string
	for i := range 12 {
		name := fmt.Sprintf("bucket-%02d", i)
		buckets[name] = sampleRules()
		args = append(args, "-b", name)
	}
	api := memoryAPI(buckets)
	var inFlight, peak atomic.Int32
	get := api.get
	api.get = func(ctx context.Context, in *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		// Later buckets answer first.
		var i int
		fmt.Sscanf(aws.ToString(in.Bucket), "bucket-%d", &i)
		time.Sleep(time.Duration(12-i) * time.Millisecond)
		return get(ctx, in)
	}
	r := fakeRun(api, nil, "", false, append([]string{"diff", "--concurrency", "3", "../testdata/remote/app.xml"}, args...)...)
	wantCode(t, r, ExitProblems)
	if p := peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak concurrency %d, want 2 or 3", p)
	}
	last := -1
	for i := range 12 {
		at := strings.Index(r.stdout, fmt.Sprintf(`bucket "bucket-%02d" differs`, i))
		if at < last {
			t.Fatalf("bucket-%02d out of order:\n%s", i, r.stdout)
		}
		last = at
	}
	wantOutput(t, "stderr", r.stderr, "s3cors: 12 buckets: 12 differs\n")
}

// TestProgressAtTerminal checks the progress line per bucket on standard
// error, at a terminal only.
func TestProgressAtTerminal(t *testing.T) {
	api := memoryAPI(map[string][]types.CORSRule{"one-bucket": sampleRules(), "two-bucket": nil})
	args := []string{"pull", "-b", "one-bucket", "-b", "two-bucket", "-b", "no-bucket", "-o", t.TempDir()}
	r := fakeRun(api, nil, "", true, args...)
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, "] one-bucket: saved\n", "] two-bucket: no configuration\n", "] no-bucket: failed\n",
		"[1/3] ", "[3/3] ", "3 buckets: 1 saved, 1 no configuration, 1 failed")
	r = fakeRun(api, nil, "", false, args...)
	if strings.Contains(r.stderr, "[1/3]") {
		t.Errorf("progress without a terminal:\n%s", r.stderr)
	}
}

// TestClientBuiltLazily checks that a command failing before its first
// call never builds a client (so never loads AWS configuration), and that
// a client that cannot be built is reported once.
func TestClientBuiltLazily(t *testing.T) {
	var builds atomic.Int32
	api := memoryAPI(map[string][]types.CORSRule{"bucket": nil})
	for _, args := range [][]string{
		{"push", "-b", "bucket", "--yes", "../testdata/remote/invalid.xml"},
		{"push", "-b", "bucket", "../testdata/remote/app.xml"},
		{"diff", "-b", "bucket", "../testdata/remote/invalid.xml"},
		{"diff", "-b", "bucket", "--format", "yaml", "../testdata/remote/app.xml"},
		{"pull", "-b", "bucket", "--to", "yaml"},
		{"pull", "-b", "bucket", "-b", "other-bucket"},
		{"delete", "-b", "bucket"},
		{"pull", "-b", "s3://bucket"},
		{"pull"},
	} {
		r := fakeRun(api, &builds, "", false, args...)
		if r.code == ExitOK {
			t.Errorf("%v succeeded", args)
		}
	}
	if n := builds.Load(); n != 0 {
		t.Errorf("%d clients built", n)
	}

	env, stdout, stderr := newTestEnv(nil, nil)
	env.NewBucketAPI = func(context.Context, AWSOptions) (BucketAPI, error) { return nil, errNoCredentials }
	r := runEnv(env, stdout, stderr, "pull", "-b", "bucket-a", "-b", "bucket-b", "-o", t.TempDir())
	wantCode(t, r, ExitFailure)
	if want := "s3cors: " + errNoCredentials.Error() + "\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// TestOptionsReachTheClient checks that the common flags become
// AWSOptions, and that --debug logs to standard error.
func TestOptionsReachTheClient(t *testing.T) {
	env, stdout, stderr := newTestEnv(nil, nil)
	var got AWSOptions
	env.NewBucketAPI = func(_ context.Context, o AWSOptions) (BucketAPI, error) {
		got = o
		return memoryAPI(map[string][]types.CORSRule{"bucket": sampleRules()}), nil
	}
	r := runEnv(env, stdout, stderr, "pull", "-b", "bucket", "--profile", "p", "--region", "eu-west-3",
		"--endpoint-url", "http://127.0.0.1:1", "--path-style=false", "--timeout", "7s", "--max-attempts", "5", "--debug")
	wantCode(t, r, ExitOK)
	if got.Profile != "p" || got.Region != "eu-west-3" || got.EndpointURL != "http://127.0.0.1:1" || got.PathStyle == nil || *got.PathStyle ||
		got.Timeout != 7*time.Second || got.MaxAttempts != 5 || got.Debug == nil {
		t.Errorf("AWSOptions %+v", got)
	}
}

// TestTimeoutPerCall checks that --timeout bounds a call that never
// answers.
func TestTimeoutPerCall(t *testing.T) {
	api := memoryAPI(nil)
	api.get = func(ctx context.Context, _ *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	start := time.Now()
	r := fakeRun(api, nil, "", false, "pull", "-b", "slow-bucket", "--timeout", "50ms")
	wantCode(t, r, ExitFailure)
	wantOutput(t, "stderr", r.stderr, `bucket "slow-bucket": the request timed out`)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

// TestErrorAdviceInCommands checks that each command names the IAM action
// of the call that failed, and turns other answers into one line.
func TestErrorAdviceInCommands(t *testing.T) {
	deny := func(api *fakeAPI, op string) {
		switch op {
		case "get":
			api.get = func(context.Context, *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error) {
				return nil, apiErr("AccessDenied")
			}
		case "put":
			api.put = func(context.Context, *s3.PutBucketCorsInput) (*s3.PutBucketCorsOutput, error) {
				return nil, apiErr("AccessDenied")
			}
		case "del":
			api.del = func(context.Context, *s3.DeleteBucketCorsInput) (*s3.DeleteBucketCorsOutput, error) {
				return nil, apiErr("AccessDenied")
			}
		}
	}
	for _, tt := range []struct {
		op   string
		args []string
		want string
	}{
		{"get", []string{"pull", "-b", "bucket"}, "s3:GetBucketCORS"},
		{"get", []string{"diff", "-b", "bucket", "../testdata/remote/app.xml"}, "s3:GetBucketCORS"},
		{"put", []string{"push", "-b", "bucket", "--yes", "../testdata/remote/app.xml"}, "s3:PutBucketCORS"},
		{"del", []string{"delete", "-b", "bucket", "--yes"}, "s3:PutBucketCORS"},
	} {
		api := memoryAPI(map[string][]types.CORSRule{"bucket": sampleRules()})
		deny(api, tt.op)
		r := fakeRun(api, nil, "", false, tt.args...)
		wantCode(t, r, ExitFailure)
		wantOutput(t, "stderr", r.stderr, `s3cors: bucket "bucket": access denied: the credentials need the IAM permission `+tt.want+" on arn:aws:s3:::bucket\n")
	}
	for code, want := range map[string]string{
		"NotImplemented":    "does not implement the bucket CORS API",
		"SlowDown":          "throttling the requests and the retries ran out",
		"PermanentRedirect": "pass --region with the bucket's region",
	} {
		api := memoryAPI(nil)
		api.get = func(context.Context, *s3.GetBucketCorsInput) (*s3.GetBucketCorsOutput, error) {
			return nil, apiErr(code)
		}
		r := fakeRun(api, nil, "", false, "pull", "-b", "bucket")
		wantCode(t, r, ExitFailure)
		wantOutput(t, "stderr", r.stderr, want)
		if strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s: want one line:\n%s", code, r.stderr)
		}
	}
}
