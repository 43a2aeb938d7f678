package cmd

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/logging"

	"github.com/s3cors/s3cors/corsconf"
)

// BucketAPI is the part of *s3.Client this tool uses: the three bucket
// CORS calls. Tests put a real S3-compatible server behind it.
type BucketAPI interface {
	GetBucketCors(context.Context, *s3.GetBucketCorsInput, ...func(*s3.Options)) (*s3.GetBucketCorsOutput, error)
	PutBucketCors(context.Context, *s3.PutBucketCorsInput, ...func(*s3.Options)) (*s3.PutBucketCorsOutput, error)
	DeleteBucketCors(context.Context, *s3.DeleteBucketCorsInput, ...func(*s3.Options)) (*s3.DeleteBucketCorsOutput, error)
	// ListBuckets is for audit, through s3.NewListBucketsPaginator.
	ListBuckets(context.Context, *s3.ListBucketsInput, ...func(*s3.Options)) (*s3.ListBucketsOutput, error)
}

var _ BucketAPI = (*s3.Client)(nil)

// AWSOptions are the settings of the commands that talk to S3, named as the
// AWS CLI names them. Zero values leave the SDK's defaults (environment,
// shared config and credentials files) in charge.
type AWSOptions struct {
	Profile     string
	Region      string
	EndpointURL string // an S3-compatible store, e.g. http://127.0.0.1:7070
	// PathStyle forces path-style addressing; nil means: on for an IP
	// address or localhost endpoint, off otherwise.
	PathStyle   *bool
	Timeout     time.Duration // for each call, retries included; 0: 30 s
	MaxAttempts int           // the standard retryer's attempts; 0: the SDK's 3
	// Debug, when not nil, receives one line per HTTP exchange: method,
	// URL, status and time. Headers, and so credentials, are never written.
	Debug io.Writer
}

// credentialsTimeout bounds the search for credentials, so that a machine
// without any fails in seconds rather than after the instance-metadata
// client's retries.
const credentialsTimeout = 5 * time.Second

// newBucketAPI builds an S3 client from the SDK's usual sources and o. It
// fails, with advice, when no credentials can be found.
func newBucketAPI(ctx context.Context, o AWSOptions) (BucketAPI, error) {
	// The SDK's default logger writes warnings (e.g. "failed to discard
	// remaining HTTP response body") to os.Stderr, beside the advice: send
	// them to the debug log, or nowhere.
	logw := io.Discard
	if o.Debug != nil {
		logw = o.Debug
	}
	opts := []func(*config.LoadOptions) error{config.WithLogger(logging.NewStandardLogger(logw))}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if o.MaxAttempts > 0 {
		opts = append(opts, config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(so *retry.StandardOptions) { so.MaxAttempts = o.MaxAttempts })
		}))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("cannot load the AWS configuration: %w", err)
	}
	if o.Debug != nil {
		// Wrap the client the SDK built (custom CA bundles and all) rather
		// than replacing it.
		next := cfg.HTTPClient
		if next == nil { // the SDK's default, as the client would build it
			next = awshttp.NewBuildableClient()
		}
		cfg.HTTPClient = debugClient{next: next, w: o.Debug}
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // S3's global default; a redirect names the right one
	}
	cctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		return nil, errNoCredentials
	}
	return s3.NewFromConfig(cfg, func(so *s3.Options) {
		if o.EndpointURL != "" {
			so.BaseEndpoint = aws.String(o.EndpointURL)
		}
		so.UsePathStyle = pathStyle(o)
	}), nil
}

var errNoCredentials = fmt.Errorf("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
	"or AWS_PROFILE (or --profile) naming a profile of ~/.aws/credentials or ~/.aws/config, or run 'aws configure'")

// pathStyle decides path-style addressing: forced by the option, else on
// for endpoints that are IP addresses or localhost, where virtual-hosted
// bucket names cannot resolve.
func pathStyle(o AWSOptions) bool {
	if o.PathStyle != nil {
		return *o.PathStyle
	}
	endpoint := o.EndpointURL
	if endpoint == "" { // the SDK's own variables name an endpoint too
		endpoint = cmp.Or(os.Getenv("AWS_ENDPOINT_URL_S3"), os.Getenv("AWS_ENDPOINT_URL"))
	}
	u, err := url.Parse(endpoint)
	if err != nil || endpoint == "" {
		return false
	}
	host := u.Hostname()
	return host == "localhost" || net.ParseIP(host) != nil
}

// toModel converts the SDK's rules into the model.
func toModel(rules []types.CORSRule) *corsconf.Config {
	cfg := &corsconf.Config{Rules: make([]corsconf.Rule, len(rules))}
	for i, r := range rules {
		m := corsconf.Rule{
			ID:             aws.ToString(r.ID),
			AllowedOrigins: nilIfEmpty(r.AllowedOrigins),
			AllowedMethods: nilIfEmpty(r.AllowedMethods),
			AllowedHeaders: nilIfEmpty(r.AllowedHeaders),
			ExposeHeaders:  nilIfEmpty(r.ExposeHeaders),
		}
		if r.MaxAgeSeconds != nil {
			v := int(*r.MaxAgeSeconds)
			m.MaxAgeSeconds = &v
		}
		cfg.Rules[i] = m
	}
	return cfg
}

// fromModel converts the model into the SDK's rules. MaxAgeSeconds must
// fit in 32 bits, which validation ensures before anything is sent.
func fromModel(cfg *corsconf.Config) []types.CORSRule {
	out := make([]types.CORSRule, len(cfg.Rules))
	for i, r := range cfg.Rules {
		out[i] = types.CORSRule{
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
		}
		if r.ID != "" {
			out[i].ID = aws.String(r.ID)
		}
		if r.MaxAgeSeconds != nil {
			out[i].MaxAgeSeconds = aws.Int32(int32(*r.MaxAgeSeconds))
		}
	}
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// debugClient logs each exchange in one line, without headers or body.
type debugClient struct {
	next aws.HTTPClient
	w    io.Writer
}

// Do sends r and logs it.
func (t debugClient) Do(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.Do(r)
	u := *r.URL
	u.User = nil
	if err != nil {
		fmt.Fprintf(t.w, "debug: %s %s: %v (%s)\n", r.Method, u.Redacted(), err, time.Since(start).Round(time.Millisecond))
		return nil, err
	}
	fmt.Fprintf(t.w, "debug: %s %s -> %s (%s)\n", r.Method, u.Redacted(), resp.Status, time.Since(start).Round(time.Millisecond))
	return resp, nil
}
