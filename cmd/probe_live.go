package cmd

import (
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/s3cors/s3cors/simulate"
)

// liveServer is a [simulate.Server] that sends the requests of the
// browser model to a live endpoint and records each exchange. It follows
// no redirect: browsers refuse them on preflights, and the redirect
// itself is what a probe must show.
type liveServer struct {
	ctx    context.Context
	client *http.Client
	target *url.URL
	opts   liveOptions
	// raw is true when rec sees the response bytes in clear, so that
	// header names and order can be read as received.
	raw bool
	rec headRecorder
	// preflight and actual are the exchanges, nil when not made.
	preflight, actual *liveExchange
	// err is why the endpoint could not be reached; nil when it answered.
	err error
}

// liveOptions are the settings of a [liveServer].
type liveOptions struct {
	send    bool // send the request itself, not only the preflight
	timeout time.Duration
	agent   string      // User-Agent
	tls     *tls.Config // nil: the system's roots
}

// liveExchange is one request sent to the endpoint and its answer, as on
// the wire, with credentials redacted.
type liveExchange struct {
	Sent    bool // false for a request the probe did not send
	Method  string
	Target  string           // the request-target, redacted
	Request []simulate.Field // the headers sent, in order, Host first
	Proto   string
	Status  int
	// Header is every response header in the order received, names as
	// received when AsReceived, else in Go's canonical form, sorted.
	Header     []simulate.Field
	AsReceived bool
	Body       string // the first bytes of a non-2xx body
	// merged is Header as the browser reads it: one field per name,
	// repeated headers joined with ", ".
	merged simulate.Fields
}

// How much of an error body is read (to find S3's error code) and kept
// for printing.
const (
	errorBodyRead = 4096
	errorBodyKeep = 512
)

func newLiveServer(ctx context.Context, target *url.URL, o liveOptions) *liveServer {
	s := &liveServer{ctx: ctx, target: target, opts: o}
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         s.dial,
		TLSClientConfig:     o.tls,
		TLSHandshakeTimeout: o.timeout,
		// No Accept-Encoding the page did not set.
		DisableCompression: true,
	}
	proxy, _ := tr.Proxy(&http.Request{URL: target})
	// Through a proxy, an https connection is a tunnel: its bytes are
	// encrypted where the recorder sees them.
	s.raw = target.Scheme == "http" || proxy == nil
	if target.Scheme == "https" && proxy == nil {
		tr.DialTLSContext = s.dialTLS
	}
	s.client = &http.Client{
		Transport:     tr,
		Timeout:       o.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return s
}

// Evaluate sends req to the endpoint, unless it is the request itself and
// only the preflight is to be sent.
func (s *liveServer) Evaluate(req *simulate.Request) simulate.Response {
	// A preflight carries Access-Control-Request-Method; a script's own
	// OPTIONS request does not.
	preflight := req.Method == http.MethodOptions && req.Header.Get(simulate.HeaderRequestMethod) != ""
	ex := &liveExchange{Method: req.Method, Target: requestTarget(s.target)}
	ex.Request = s.requestFields(req.Header)
	if preflight {
		s.preflight = ex
	} else {
		s.actual = ex
	}
	if (!preflight && !s.opts.send) || s.err != nil {
		return s.unsent()
	}
	resp, err := s.roundTrip(req, ex)
	if err != nil {
		s.err = reachError(s.target.Host, err, s.opts.timeout)
		return simulate.Response{MatchedRule: -1, Preflight: preflight}
	}
	return resp
}

// unsent is the answer that stands for a request not sent: the CORS
// headers of the preflight's answer, so that the browser's checks pass
// exactly when they passed on the preflight.
func (s *liveServer) unsent() simulate.Response {
	r := simulate.Response{Status: http.StatusOK, MatchedRule: -1}
	if s.preflight == nil {
		return r
	}
	for _, name := range []string{simulate.HeaderAllowOrigin, simulate.HeaderAllowCredentials} {
		if v, ok := s.preflight.merged.Get(name); ok {
			r.Headers = append(r.Headers, simulate.Field{Name: name, Value: v})
		}
	}
	return r
}

// roundTrip sends one request and records it in ex.
func (s *liveServer) roundTrip(req *simulate.Request, ex *liveExchange) (simulate.Response, error) {
	hr, err := http.NewRequestWithContext(s.ctx, req.Method, s.target.String(), nil)
	if err != nil {
		return simulate.Response{}, err
	}
	hr.Header = req.Header.Clone()
	hr.Header.Set("User-Agent", s.opts.agent)
	ex.Sent = true
	s.rec.reset()
	resp, err := s.client.Do(hr)
	if err != nil {
		return simulate.Response{}, err
	}
	defer func() {
		resp.Body.Close()
		// A new connection for each exchange, as the recorder expects.
		s.client.CloseIdleConnections()
	}()
	ex.Proto, ex.Status = resp.Proto, resp.StatusCode
	ex.Header, ex.AsReceived = s.responseFields(resp)
	ex.merged = mergeFields(ex.Header)
	out := simulate.Response{Status: resp.StatusCode, Headers: ex.merged, MatchedRule: -1, Preflight: ex == s.preflight}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, errorBodyRead))
		ex.Body = printableBody(body, errorBodyKeep)
		out.Error = parseS3Error(body)
	}
	redactFields(ex.Header)
	return out, nil
}

// requestFields lists the headers a request carries, as sent: Host,
// the browser's headers, User-Agent. Secrets are redacted.
func (s *liveServer) requestFields(h http.Header) []simulate.Field {
	fs := []simulate.Field{{Name: "Host", Value: s.target.Host}}
	for _, name := range headerOrder(h) {
		for _, v := range h[name] {
			fs = append(fs, simulate.Field{Name: name, Value: v})
		}
	}
	fs = append(fs, simulate.Field{Name: "User-Agent", Value: s.opts.agent})
	redactFields(fs)
	return fs
}

// responseFields returns the response headers as received when the
// recorder saw them in clear, else from Go's parsed form.
func (s *liveServer) responseFields(resp *http.Response) ([]simulate.Field, bool) {
	if s.raw {
		if fs, ok := parseHead(s.rec.bytes()); ok {
			return fs, true
		}
	}
	var fs []simulate.Field
	for _, name := range sortedKeys(resp.Header) {
		for _, v := range resp.Header[name] {
			fs = append(fs, simulate.Field{Name: name, Value: v})
		}
	}
	for _, te := range resp.TransferEncoding { // Go keeps it out of Header
		fs = append(fs, simulate.Field{Name: "Transfer-Encoding", Value: te})
	}
	return fs, false
}

func (s *liveServer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil || s.target.Scheme != "http" {
		return c, err
	}
	return &recordingConn{Conn: c, rec: &s.rec}, nil
}

// dialTLS connects with TLS itself, so that the recorder sees the
// answer in clear. It offers HTTP/1.1 only: its header names are as the
// server writes them (HTTP/2 lower-cases every name).
func (s *liveServer) dialTLS(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{}
	if s.opts.tls != nil {
		cfg = s.opts.tls.Clone()
	}
	cfg.ServerName, _, _ = net.SplitHostPort(addr)
	cfg.NextProtos = []string{"http/1.1"}
	tc := tls.Client(c, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return &recordingConn{Conn: tc, rec: &s.rec}, nil
}

// reachError is the one line that says why the endpoint could not be
// reached: the host and the cause, never the URL (it may hold a
// signature).
func reachError(host string, err error, timeout time.Duration) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("cannot reach %s: no answer within %s (--timeout)", host, timeout)
	}
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Errorf("cannot reach %s: no such host %q", host, dns.Name)
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		err = oe.Err
	}
	return fmt.Errorf("cannot reach %s: %v", host, err)
}

// parseS3Error reads an S3 XML error body; nil when body is not one.
func parseS3Error(body []byte) *simulate.Error {
	var e struct {
		XMLName      xml.Name `xml:"Error"`
		Code         string   `xml:"Code"`
		Message      string   `xml:"Message"`
		Method       string   `xml:"Method"`
		ResourceType string   `xml:"ResourceType"`
	}
	if xml.Unmarshal(body, &e) != nil || e.Code == "" {
		return nil
	}
	return &simulate.Error{Code: e.Code, Message: e.Message, Method: e.Method, ResourceType: e.ResourceType}
}
