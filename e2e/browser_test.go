package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
)

// chromiumEnv names a Chromium binary to use instead of the one on PATH;
// skipBrowserEnv, set to 1, skips the suite where Chromium cannot be
// installed (scripts/test.sh refuses it in CI).
const (
	chromiumEnv    = "S3CORS_CHROMIUM"
	skipBrowserEnv = "S3CORS_SKIP_BROWSER"
)

// chromiumPath finds Debian's Chromium, which scripts/chromium.sh installs.
func chromiumPath() (string, error) {
	if p := os.Getenv(chromiumEnv); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium on PATH (install it with scripts/chromium.sh install, or set %s)", chromiumEnv)
}

// browser is a headless Chromium with one tab per page origin.
type browser struct {
	cancel  context.CancelFunc
	tabs    map[string]*tab // by page origin
	browser context.Context
}

// tab is a tab showing the page of one origin, and the console messages
// it has logged.
type tab struct {
	ctx      context.Context
	messages chan string
}

// startBrowser starts Chromium with the flags the machine needs (no
// sandbox as root, no background traffic to the closed internet) and a
// fresh profile.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	path, err := chromiumPath()
	if err != nil {
		if os.Getenv(skipBrowserEnv) == "1" {
			t.Skipf("%v; skipped because %s=1", err, skipBrowserEnv)
		}
		t.Fatalf("%v (or set %s=1 to skip the browser suite outside CI)", err, skipBrowserEnv)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("starting %s: %v", path, err)
	}
	b := &browser{browser: bctx, tabs: map[string]*tab{}, cancel: func() { cancelBrowser(); cancelAlloc() }}
	t.Cleanup(b.cancel)
	return b
}

// open returns the tab showing pageURL, opening it on first use.
func (b *browser) open(t *testing.T, pageURL string) *tab {
	t.Helper()
	if tb, ok := b.tabs[pageURL]; ok {
		return tb
	}
	ctx, _ := chromedp.NewContext(b.browser)
	tb := &tab{ctx: ctx, messages: make(chan string, 64)}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && e.Entry.Level == log.EntryLevelError {
			select {
			case tb.messages <- e.Entry.Text:
			default:
			}
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, log.Enable, cdp.Empty{})
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Navigate(pageURL))
	}
	if err != nil {
		t.Fatalf("opening %s: %v", pageURL, err)
	}
	b.tabs[pageURL] = tb
	return tb
}

// observed is what a page's script saw of one cross-origin request.
type observed struct {
	Allowed bool     `json:"allowed"`
	Status  int      `json:"status"`
	Headers []string `json:"headers"` // readable response header names, lower-case
	Error   string   `json:"error"`
	Message string   `json:"-"` // the console message Chromium logged, if any
}

// run has the page make the request and returns what it saw.
func (tb *tab) run(spec requestSpec) (observed, error) {
	for len(tb.messages) > 0 {
		<-tb.messages
	}
	arg, err := json.Marshal(spec)
	if err != nil {
		return observed{}, err
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	o, err := chromedp.Run(ctx, chromedp.Evaluate[observed]("runCase("+string(arg)+")", chromedp.EvalAwaitPromise))
	if err != nil {
		return o, err
	}
	if !o.Allowed {
		o.Message = tb.message()
	}
	return o, nil
}

// message waits briefly for the CORS console message of a blocked
// request ("Access to fetch at ..."), skipping the others Chromium logs,
// such as "Failed to load resource: net::ERR_FAILED".
func (tb *tab) message() string {
	timeout := time.After(2 * time.Second)
	for {
		select {
		case m := <-tb.messages:
			if strings.HasPrefix(m, "Access to ") {
				return m
			}
		case <-timeout:
			return ""
		}
	}
}

// requestSpec is the request a page's script makes; runCase in page.js
// reads it.
type requestSpec struct {
	URL         string            `json:"url"`
	API         string            `json:"api"` // "fetch" or "xhr"
	Method      string            `json:"method"`
	Headers     map[string]string `json:"headers"`
	Credentials string            `json:"credentials"` // fetch's modes; for XHR "include" is withCredentials
	Body        *string           `json:"body"`
	Progress    bool              `json:"progress"` // XHR upload progress listener
}

// pageServer serves the test page on its own loopback origin.
type pageServer struct {
	Origin string
	srv    *http.Server
}

// startPage serves the test page on host (127.0.0.1 or localhost) at a
// free port.
func startPage(t *testing.T, host string) *pageServer {
	t.Helper()
	p, err := listenPage("127.0.0.1:0", host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.srv.Close() })
	return p
}

// listenPage serves the test page on addr; the page's origin names host,
// and the port unless it is 80, the default that browsers leave out.
func listenPage(addr, host string) (*pageServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	origin := "http://" + host
	if port != "80" {
		origin += ":" + port
	}
	p := &pageServer{Origin: origin, srv: &http.Server{Handler: http.HandlerFunc(servePage), ReadHeaderTimeout: 5 * time.Second}}
	go p.srv.Serve(ln) //nolint:errcheck // ends with Close
	return p, nil
}

func servePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>s3cors e2e</title><script>%s</script>", strings.TrimSpace(pageScript))
}
