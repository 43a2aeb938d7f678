package cmd

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
	"time"
)

// faultKind is what the fault proxy does to a request that its fault
// matches.
type faultKind int

const (
	faultNone          faultKind = iota // forward the request
	faultReset                          // read the request, then reset the connection without answering
	faultHalfResponse                   // forward, then send the first half of the server's raw answer and close
	faultStatus                         // answer Status with an S3 error document; the server never sees the request
	faultSlow                           // wait Delay (or until the client gives up) before forwarding
	faultApplyThenFail                  // forward, drop the server's answer and answer 500 InternalError
	faultCorrupt                        // forward, then answer with the server's body passed through Corrupt
)

// fault says which requests the proxy spoils and how.
type fault struct {
	Kind   faultKind
	Method string // only requests with this method; "" for every request
	Skip   int    // let the first Skip matching requests through untouched
	Count  int    // then spoil the next Count matching requests; 0: every one
	Status int    // faultStatus: the HTTP status
	Code   string // faultStatus: the S3 error code (default from Status)
	Delay  time.Duration
	// Corrupt rewrites the server's body for faultCorrupt.
	Corrupt func([]byte) []byte
}

// proxyRequest is one request the proxy saw.
type proxyRequest struct {
	Method  string
	Path    string // with the query, e.g. "/bucket?cors="
	Attempt string // the SDK's amz-sdk-request header, e.g. "attempt=2; max=3"
	Faulted bool
}

// faultProxy is a reverse proxy on a loopback port in front of an S3
// server, with a switchable fault. It keeps the Host header of the
// client, which SigV4 signs, so the server accepts what passes.
type faultProxy struct {
	URL    string
	target *url.URL
	srv    *httptest.Server
	rp     *httputil.ReverseProxy
	tr     *http.Transport
	done   chan struct{}
	once   sync.Once

	mu      sync.Mutex
	f       fault
	matched int // matching requests since the fault was set
	log     []proxyRequest
}

// maxFaultDelay bounds faultSlow, so that nothing waits on a client that
// never gives up.
const maxFaultDelay = 60 * time.Second

// newFaultProxy starts a proxy to target (e.g. "http://127.0.0.1:7070")
// that passes everything until told otherwise. It stops with the test.
func newFaultProxy(t testing.TB, target string) *faultProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		t.Fatalf("fault proxy: bad target %q: %v", target, err)
	}
	p := &faultProxy{target: u, done: make(chan struct{}), tr: &http.Transport{
		Proxy:             nil,
		DialContext:       (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		DisableKeepAlives: true,
	}}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host // signed by the client
		},
		Transport: p.tr,
		ErrorLog:  log.New(io.Discard, "", 0),
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeS3Error(w, http.StatusBadGateway, "BadGateway", "fault proxy: "+err.Error())
		},
	}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	p.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	p.URL = p.srv.URL
	t.Cleanup(p.Close)
	return p
}

// Close stops the proxy: its port then refuses connections. Safe to call
// more than once.
func (p *faultProxy) Close() {
	p.once.Do(func() {
		close(p.done)
		p.srv.CloseClientConnections()
		p.srv.Close()
		p.tr.CloseIdleConnections()
	})
}

// Set replaces the fault and forgets the requests seen so far.
func (p *faultProxy) Set(f fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.f, p.matched, p.log = f, 0, nil
}

// Requests returns the requests seen since the last Set.
func (p *faultProxy) Requests() []proxyRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]proxyRequest(nil), p.log...)
}

// Count returns how many requests with method ("" for any) were seen
// since the last Set.
func (p *faultProxy) Count(method string) int {
	n := 0
	for _, r := range p.Requests() {
		if method == "" || r.Method == method {
			n++
		}
	}
	return n
}

// Faulted returns how many requests were spoiled since the last Set.
func (p *faultProxy) Faulted() int {
	n := 0
	for _, r := range p.Requests() {
		if r.Faulted {
			n++
		}
	}
	return n
}

// decide records r and returns the fault to apply to it.
func (p *faultProxy) decide(r *http.Request) fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.f
	hit := false
	if f.Kind != faultNone && (f.Method == "" || f.Method == r.Method) {
		p.matched++
		hit = p.matched > f.Skip && (f.Count == 0 || p.matched <= f.Skip+f.Count)
	}
	path := r.URL.Path
	if r.URL.RawQuery != "" {
		path += "?" + r.URL.RawQuery
	}
	p.log = append(p.log, proxyRequest{Method: r.Method, Path: path, Attempt: r.Header.Get("amz-sdk-request"), Faulted: hit})
	if !hit {
		return fault{}
	}
	return f
}

func (p *faultProxy) serve(w http.ResponseWriter, r *http.Request) {
	f := p.decide(r)
	switch f.Kind {
	case faultNone:
		p.rp.ServeHTTP(w, r)
	case faultReset:
		_, _ = io.Copy(io.Discard, r.Body)
		p.hijack(w, nil)
	case faultHalfResponse:
		raw, err := p.forwardRaw(r, nil)
		if err != nil {
			writeS3Error(w, http.StatusBadGateway, "BadGateway", err.Error())
			return
		}
		p.hijack(w, raw[:len(raw)/2])
	case faultStatus:
		_, _ = io.Copy(io.Discard, r.Body)
		code := f.Code
		if code == "" {
			code = map[int]string{500: "InternalError", 503: "ServiceUnavailable", 429: "SlowDown"}[f.Status]
		}
		writeS3Error(w, f.Status, code, "injected by the fault proxy")
	case faultSlow:
		delay := min(f.Delay, maxFaultDelay)
		select {
		case <-time.After(delay):
			p.rp.ServeHTTP(w, r)
		case <-r.Context().Done(): // the client gave up: the server never sees it
		case <-p.done:
		}
	case faultApplyThenFail:
		if _, err := p.forwardRaw(r, nil); err != nil {
			writeS3Error(w, http.StatusBadGateway, "BadGateway", err.Error())
			return
		}
		writeS3Error(w, http.StatusInternalServerError, "InternalError", "injected by the fault proxy after the server applied the request")
	case faultCorrupt:
		raw, err := p.forwardRaw(r, f.Corrupt)
		if err != nil {
			writeS3Error(w, http.StatusBadGateway, "BadGateway", err.Error())
			return
		}
		p.hijack(w, raw)
	}
}

// forwardRaw sends r to the server and returns its whole answer as raw
// HTTP/1.1 bytes, with the body passed through edit when it is not nil.
func (p *faultProxy) forwardRaw(r *http.Request, edit func([]byte) []byte) ([]byte, error) {
	out := r.Clone(r.Context())
	out.RequestURI = ""
	out.URL.Scheme, out.URL.Host = p.target.Scheme, p.target.Host
	out.Host = r.Host // signed by the client
	resp, err := p.tr.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if edit != nil {
		body = edit(body)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.TransferEncoding = nil
	resp.Header.Del("Content-Length")
	resp.Close = true
	var buf bytes.Buffer
	if err := resp.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// hijack takes the connection from the server, writes raw and closes it:
// with a reset (RST) when raw is nil, else after the bytes.
func (p *faultProxy) hijack(w http.ResponseWriter, raw []byte) {
	conn, bw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	if raw == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		return
	}
	_, _ = bw.Write(raw)
	_ = bw.Flush()
}

// writeS3Error answers as S3 does when it fails.
func writeS3Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Connection", "close")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message><RequestId>faultproxy</RequestId></Error>", code, msg)
}

// deadEndpoint returns an http URL of a loopback port where nothing
// listens: a server that is down.
func deadEndpoint(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}
