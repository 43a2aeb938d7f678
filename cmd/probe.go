package cmd

import (
	"cmp"
	"context"
	"crypto/tls"
	"net/url"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/simulate"
)

const flagActual = "actual"

func newProbeCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "probe",
		Usage: "send a browser's preflight (and request) to a live endpoint and compare the answer with the simulation",
		Description: "Sends to --url (a bucket URL, a CloudFront URL, a presigned URL) the preflight a browser would send\n" +
			"for a request from a page at --origin, prints the exchange as on the wire, and applies the browser's\n" +
			"checks to the real answer. With --actual it then sends the request itself, with Origin, as the\n" +
			"browser would: this runs the operation (a PUT stores an empty object, a DELETE deletes). With\n" +
			"--config FILE, or --bucket B (whose configuration is pulled), it also simulates the request and\n" +
			"explains each difference: status, CORS headers, a missing Vary, a redirect, a cache answering,\n" +
			"another rule matching. Signatures and credentials in the URL are never printed. Exit 0 when the\n" +
			"browser allows the request and the answer agrees with the simulation, 1 when it is blocked or\n" +
			"differs, 3 when the endpoint cannot be reached.",
		Flags: probeFlags(),
		Action: func(c *cli.Context) error {
			o, err := probeOptionsFrom(c, env)
			if err != nil {
				return err
			}
			return runProbe(c.Context, env, o)
		},
	}
}

// probeFlags are simulate's request flags, the connection flags of the
// remote commands (for --bucket) and probe's own.
func probeFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: flagURL, Usage: "the live `URL` to probe, query string included (default with --bucket: the bucket's own URL)"},
	}
	flags = append(flags, browserRequestFlags()...)
	flags = append(flags,
		&cli.BoolFlag{Name: flagActual, Usage: "after the preflight, send the request itself (it runs the operation)"},
		&cli.StringFlag{Name: flagConfig, Usage: "compare with the simulation under this CORS configuration `FILE`"},
		fromFlag(), resourceFlag(),
		&cli.StringFlag{Name: flagFormat, Value: "text", Usage: "output format: text or json"},
	)
	for _, f := range awsFlags() {
		// One bucket, handled once: no list of buckets, no concurrency.
		switch f.Names()[0] {
		case flagBucketsFrom, flagConcurrency:
		case flagBucket:
			flags = append(flags, &cli.StringSliceFlag{Name: flagBucket, Aliases: []string{"b"},
				Usage: "compare with the configuration of `BUCKET`, pulled (and probe its URL when --url is not given)"})
		default:
			flags = append(flags, f)
		}
	}
	// connectionOptionsFrom reads --concurrency; probe has one bucket.
	return append(flags, &cli.IntFlag{Name: flagConcurrency, Value: 1, Hidden: true})
}

// probeOptions are probe's parsed flags.
type probeOptions struct {
	format, color, config string
	in                    inputOptions // --from and --resource, for --config
	actual                bool
	rawOrigin             string
	// target is the URL requests go to, signature included: it is never
	// printed. req.URL is its redacted form, for messages.
	target *url.URL
	req    simulate.BrowserRequest
	remote remoteOptions
	bucket string // "" without --bucket
	// tls, when not nil, replaces the system's TLS settings (tests).
	tls *tls.Config
}

func probeOptionsFrom(c *cli.Context, env Env) (probeOptions, error) {
	o := probeOptions{format: c.String(flagFormat), color: c.String(flagColor), config: c.String(flagConfig), actual: c.Bool(flagActual)}
	var err error
	if o.in, err = inputFrom(c); err != nil {
		return o, err
	}
	if o.format != "text" && o.format != "json" {
		return o, usagef("invalid --format %q: use text or json", o.format)
	}
	if c.NArg() > 0 {
		return o, usagef("probe takes no arguments (got %q): give the endpoint with --url URL", c.Args().First())
	}
	if o.remote, err = connectionOptionsFrom(c); err != nil {
		return o, err
	}
	if o.bucket, err = probeBucket(c.StringSlice(flagBucket)); err != nil {
		return o, err
	}
	if o.rawOrigin, err = probeOrigin(c.String(flagOrigin)); err != nil {
		return o, err
	}
	if err = o.setURL(c, env); err != nil {
		return o, err
	}
	if o.req, err = browserRequest(c); err != nil {
		return o, err
	}
	o.req.URL = redactURL(o.target.String())
	o.req.Resource = probeResource(o.target, o.bucket)
	return o, nil
}

// probeBucket checks that at most one bucket is named.
func probeBucket(names []string) (string, error) {
	if len(names) == 0 {
		return "", nil
	}
	buckets, err := bucketNames(names, "")
	if err != nil {
		return "", err
	}
	if len(buckets) > 1 {
		return "", usagef("probe takes one --bucket, got %d (%s)", len(buckets), strings.Join(buckets, ", "))
	}
	return buckets[0], nil
}

// probeOrigin checks --origin as simulate does.
func probeOrigin(raw string) (string, error) {
	if raw == "" {
		return "", usagef("probe needs --origin, the page's origin such as https://app.example.com")
	}
	if strings.ContainsAny(raw, "\r\n\x00") {
		return "", usagef("invalid --origin %q: a header value cannot hold a line break", raw)
	}
	return raw, nil
}

// setURL reads --url, or derives the bucket's URL from --bucket and the
// endpoint, and checks it is an absolute http or https URL.
func (o *probeOptions) setURL(c *cli.Context, env Env) error {
	raw, from := c.String(flagURL), "--url"
	if raw == "" && o.bucket == "" {
		return usagef("probe needs --url URL, the live endpoint (or --bucket B to probe the bucket's own URL)")
	}
	if raw == "" {
		raw, from = bucketURL(env, o.remote.aws, o.bucket), "the URL of bucket "+strconv.Quote(o.bucket)
		if err := c.Set(flagURL, raw); err != nil {
			return err
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		if from != "--url" {
			ep := cmp.Or(o.remote.aws.EndpointURL, env.Getenv("AWS_ENDPOINT_URL_S3"), env.Getenv("AWS_ENDPOINT_URL"))
			return usagef("cannot probe %s: the endpoint URL %q is not an absolute http or https URL; check --endpoint-url or AWS_ENDPOINT_URL", from, ep)
		}
		return usagef("invalid --url %q: use an absolute http or https URL such as %s", redactURL(raw), simulate.DefaultURL)
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return usagef("invalid --url %q: a fragment (#...) is never sent; remove it", redactURL(raw))
	}
	o.target = u
	return nil
}

// bucketURL is the URL of a bucket's root: path-style or virtual-hosted
// on a custom endpoint, as the SDK would address it, else the regional
// AWS endpoint (the global one when no region is known).
func bucketURL(env Env, a AWSOptions, bucket string) string {
	a.EndpointURL = cmp.Or(a.EndpointURL, env.Getenv("AWS_ENDPOINT_URL_S3"), env.Getenv("AWS_ENDPOINT_URL"))
	if a.EndpointURL == "" {
		if region := cmp.Or(a.Region, env.Getenv("AWS_REGION"), env.Getenv("AWS_DEFAULT_REGION")); region != "" {
			return "https://" + bucket + ".s3." + region + ".amazonaws.com/"
		}
		return "https://" + bucket + ".s3.amazonaws.com/"
	}
	u, err := url.Parse(strings.TrimSuffix(a.EndpointURL, "/"))
	if err != nil || u.Host == "" {
		return a.EndpointURL // reported as an invalid --url
	}
	if pathStyle(a) {
		u.Path += "/" + bucket + "/"
	} else {
		u.Host = bucket + "." + u.Host
		u.Path += "/"
	}
	return u.String()
}

// probeResource says whether the URL addresses the bucket itself (the
// root, or /BUCKET on a path-style URL) or an object.
func probeResource(u *url.URL, bucket string) simulate.Resource {
	p := strings.Trim(u.Path, "/")
	if p == "" || (bucket != "" && p == bucket && !strings.HasPrefix(u.Host, bucket+".")) {
		return simulate.ResourceBucket
	}
	return simulate.ResourceObject
}

// runProbe loads the configurations, probes the endpoint, simulates,
// compares and prints.
func runProbe(ctx context.Context, env Env, o probeOptions) error {
	p := &probe{opts: o, req: o.req}
	p.req.Origin = resolveOrigin(o.rawOrigin, &p.warnings)
	if err := p.loadConfigs(ctx, env); err != nil {
		return err
	}
	if err := p.sendLive(ctx, env); err != nil {
		return err
	}
	p.simulate()
	p.compare()
	if err := p.print(env); err != nil {
		return err
	}
	return p.exitError()
}

// loadConfigs reads --config and pulls the bucket's configuration. The
// simulation uses the file when one is given, else the bucket's.
func (p *probe) loadConfigs(ctx context.Context, env Env) error {
	if p.opts.config != "" {
		src, err := loadSimulated(env, p.opts.config, p.opts.in, p.opts.color, &p.warnings)
		if err != nil || src == nil {
			return err
		}
		cfg := &src.doc.Config
		p.file = cfg
		p.cfg, p.cfgName, p.simulated = cfg, p.opts.config, true
	}
	if p.opts.bucket == "" {
		return nil
	}
	r := newRemoteWith(env, ctx, p.opts.remote, env.Stderr)
	if _, err := r.client(); err != nil {
		return err
	}
	cfg, err := r.get(ctx, p.opts.bucket)
	if err != nil {
		return err
	}
	p.pulled, p.bucketCfg = true, cfg
	if !p.simulated {
		p.cfg, p.cfgName, p.simulated = cfg, "s3://"+p.opts.bucket, true
	}
	return nil
}

// sendLive runs the browser model against the endpoint.
func (p *probe) sendLive(ctx context.Context, env Env) error {
	agent := appName + "/" + cmp.Or(env.Version, "dev") + " (probe)"
	p.server = newLiveServer(ctx, p.opts.target, liveOptions{send: p.opts.actual, timeout: p.opts.remote.aws.Timeout, agent: agent, tls: p.opts.tls})
	p.live = simulate.FetchFrom(p.server, &p.req)
	if p.server.err != nil {
		return p.server.err
	}
	if p.server.actual != nil && !p.server.actual.Sent {
		// The request itself was not sent: nothing is known of its answer.
		p.live.ReadableHeaders, p.live.HiddenHeaders = nil, nil
	}
	return nil
}

// simulate runs the same request under the configuration.
func (p *probe) simulate() {
	if !p.simulated {
		return
	}
	p.bucket = simulate.NewBucket(p.cfg)
	v := p.bucket.Fetch(&p.req)
	p.sim = &v
	p.rules = explainDeciding(p.bucket, p.sim)
}

// exitError maps the outcome to the exit code: blocked, or differing from
// the simulation, is exit 1.
func (p *probe) exitError() error {
	switch p.outcome() {
	case outcomeBlocked:
		return errProblems
	case outcomeNotSent:
		if p.sim != nil && !p.sim.Allowed {
			return errProblems
		}
	}
	if p.simulated && len(p.differences()) > 0 {
		return errProblems
	}
	return nil
}
