package cmd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fault proxy's own tests (the proxy is in faultproxy_test.go),
// against a plain HTTP server.

// newEchoServer answers each request with "METHOD PATH host=HOST body=BODY"
// and counts the requests it received.
func newEchoServer(t *testing.T) (*httptest.Server, func() int) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		n++
		mu.Unlock()
		fmt.Fprintf(w, "%s %s host=%s body=%s", r.Method, r.URL.RequestURI(), r.Host, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return n }
}

func proxyDo(t *testing.T, c *http.Client, method, u, body string) (int, string, error) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func TestFaultProxyModes(t *testing.T) {
	backend, served := newEchoServer(t)
	p := newFaultProxy(t, backend.URL)
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	host := strings.TrimPrefix(p.URL, "http://")

	// Pass: forwarded, with the client's Host kept.
	code, body, err := proxyDo(t, c, "PUT", p.URL+"/b?cors", "x")
	if want := "PUT /b?cors host=" + host + " body=x"; err != nil || code != 200 || body != want {
		t.Fatalf("pass: %d %q %v, want 200 %q", code, body, err, want)
	}

	// Status for the next 2 PUTs, GETs untouched, then pass.
	p.Set(fault{Kind: faultStatus, Method: "PUT", Count: 2, Status: 503})
	for i, want := range []int{503, 200, 503, 200} {
		method := []string{"PUT", "GET", "PUT", "PUT"}[i]
		code, body, err := proxyDo(t, c, method, p.URL+"/b?cors", "")
		if err != nil || code != want {
			t.Fatalf("status, request %d: %d %v, want %d", i, code, err, want)
		}
		if want == 503 && !strings.Contains(body, "<Code>ServiceUnavailable</Code>") {
			t.Errorf("status: body %q", body)
		}
	}
	if p.Count("PUT") != 3 || p.Count("GET") != 1 || p.Faulted() != 2 {
		t.Errorf("status: counted %+v", p.Requests())
	}

	// Skip: the first matching request passes.
	p.Set(fault{Kind: faultStatus, Method: "GET", Skip: 1, Status: 500})
	if code, _, _ := proxyDo(t, c, "GET", p.URL+"/", ""); code != 200 {
		t.Errorf("skip: first GET %d", code)
	}
	if code, body, _ := proxyDo(t, c, "GET", p.URL+"/", ""); code != 500 || !strings.Contains(body, "InternalError") {
		t.Errorf("skip: second GET %d %q", code, body)
	}

	// Reset: the client sees a connection error, the server nothing.
	before := served()
	p.Set(fault{Kind: faultReset})
	if _, _, err := proxyDo(t, c, "PUT", p.URL+"/b", "data"); err == nil {
		t.Error("reset: no error")
	}
	if served() != before {
		t.Error("reset: the server saw the request")
	}

	// Half response: the server applied it, the client gets a broken answer.
	before = served()
	p.Set(fault{Kind: faultHalfResponse})
	if code, body, err := proxyDo(t, c, "GET", p.URL+"/b", ""); err == nil {
		t.Errorf("half: no error: %d %q", code, body)
	}
	if served() != before+1 {
		t.Error("half: the server did not see the request")
	}

	// Apply then fail: the server applied it, the client gets 500.
	before = served()
	p.Set(fault{Kind: faultApplyThenFail, Method: "PUT"})
	if code, body, err := proxyDo(t, c, "PUT", p.URL+"/b", "y"); err != nil || code != 500 || !strings.Contains(body, "InternalError") {
		t.Errorf("apply then fail: %d %q %v", code, body, err)
	}
	if served() != before+1 {
		t.Error("apply then fail: the server did not see the request")
	}

	// Corrupt: the body is rewritten, the framing stays valid.
	p.Set(fault{Kind: faultCorrupt, Corrupt: bytes.ToUpper})
	if code, body, err := proxyDo(t, c, "GET", p.URL+"/b", ""); err != nil || code != 200 || !strings.HasPrefix(body, "GET /B HOST=") {
		t.Errorf("corrupt: %d %q %v", code, body, err)
	}

	// Slow: a client with a short timeout gives up; the server never sees it.
	before = served()
	p.Set(fault{Kind: faultSlow, Delay: 30 * time.Second})
	quick := &http.Client{Timeout: 200 * time.Millisecond}
	start := time.Now()
	_, _, err = proxyDo(t, quick, "GET", p.URL+"/b", "")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("slow: %v, want a timeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("slow: the client waited %s", d)
	}
	time.Sleep(100 * time.Millisecond)
	if served() != before {
		t.Error("slow: the server saw a request the client gave up on")
	}

	// A short delay passes.
	p.Set(fault{Kind: faultSlow, Delay: 10 * time.Millisecond})
	if code, _, err := proxyDo(t, c, "GET", p.URL+"/b", ""); err != nil || code != 200 {
		t.Errorf("short delay: %d %v", code, err)
	}
}

func TestFaultProxyDown(t *testing.T) {
	backend, _ := newEchoServer(t)
	p := newFaultProxy(t, backend.URL)
	p.Close()
	c := &http.Client{Timeout: 5 * time.Second}
	for _, u := range []string{p.URL, deadEndpoint(t)} {
		_, _, err := proxyDo(t, c, "GET", u+"/", "")
		if err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: %v, want connection refused", u, err)
		}
	}
	// A proxy whose server is down answers 502.
	p2 := newFaultProxy(t, deadEndpoint(t))
	if code, _, err := proxyDo(t, c, "GET", p2.URL+"/", ""); err != nil || code != http.StatusBadGateway {
		t.Errorf("dead target: %d %v", code, err)
	}
}

// TestFaultProxyHalfHeaders checks that a half answer can cut the status
// line and headers: what a PUT, whose answer has no body, gets.
func TestFaultProxyHalfHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	p := newFaultProxy(t, srv.URL)
	p.Set(fault{Kind: faultHalfResponse})
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "PUT /b?cors HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
	got, _ := io.ReadAll(bufio.NewReader(conn))
	if len(got) == 0 || bytes.Contains(got, []byte("\r\n\r\n")) {
		t.Errorf("half of a bodiless answer: %q, want a cut header", got)
	}
}
