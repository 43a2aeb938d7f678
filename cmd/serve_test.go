package cmd

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

const serveConfig = `<CORSConfiguration>
  <CORSRule>
    <ID>uploads</ID>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>DELETE</AllowedMethod>
    <AllowedHeader>x-amz-*</AllowedHeader>
    <AllowedHeader>content-type</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
  </CORSRule>
</CORSConfiguration>
`

// serveFor runs serve in-process with o and returns its base URL and its
// output; it stops at the end of the test, and must stop cleanly.
func serveFor(t *testing.T, o serveOptions) (string, *lockedBuffer) {
	t.Helper()
	o.addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	env, _, _ := newTestEnv(nil, nil)
	env.Stdout, env.Stderr = out, out
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, env, o) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve did not stop cleanly: %v", err)
		}
	})
	const prefix = "s3cors serve: listening on http://"
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		line, _, _ := strings.Cut(out.String(), "\n")
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			addr, _, _ := strings.Cut(rest, " ")
			return "http://" + addr, out
		}
	}
	t.Fatalf("serve did not start: %s", out.String())
	return "", nil
}

func serveFile(t *testing.T, src string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "cors.xml")
	writeFile(t, file, src, 0o644)
	return file
}

type serveExchange struct {
	status int
	header http.Header
	body   string
}

func send(t *testing.T, method, url string, headers ...string) serveExchange {
	t.Helper()
	var body io.Reader
	if method == http.MethodPut || method == http.MethodPost {
		body = strings.NewReader("uploaded " + url)
	}
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return serveExchange{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// TestServeAnswersAsSimulate checks status, every CORS header and the
// error body of serve's answers against simulate's for the same request.
func TestServeAnswersAsSimulate(t *testing.T) {
	base, _ := serveFor(t, serveOptions{config: serveFile(t, serveConfig)})
	doc, diags := corsconf.Parse("cors.xml", []byte(serveConfig), corsconf.FormatXML)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	app, evil := "https://app.example.com", "https://evil.example.com"
	cases := []struct {
		name, method, path string
		headers            []string
	}{
		{"preflight match", "OPTIONS", "/k", []string{"Origin", app, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "X-Amz-Date, content-type"}},
		{"preflight wrong origin", "OPTIONS", "/k", []string{"Origin", evil, "Access-Control-Request-Method", "PUT"}},
		{"preflight wrong header", "OPTIONS", "/k", []string{"Origin", app, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-custom"}},
		{"preflight bucket root", "OPTIONS", "/", []string{"Origin", evil, "Access-Control-Request-Method", "PUT"}},
		{"preflight without origin", "OPTIONS", "/k", []string{"Access-Control-Request-Method", "PUT"}},
		{"preflight without method", "OPTIONS", "/k", []string{"Origin", app}},
		{"preflight public", "OPTIONS", "/k", []string{"Origin", evil, "Access-Control-Request-Method", "GET"}},
		{"get match", "GET", "/k", []string{"Origin", app}},
		{"get public", "GET", "/k", []string{"Origin", evil}},
		{"get without origin", "GET", "/k", nil},
		{"put match", "PUT", "/k", []string{"Origin", app}},
		{"put no match", "PUT", "/k", []string{"Origin", evil}},
		{"delete match", "DELETE", "/k2", []string{"Origin", app}},
		{"post public", "POST", "/k3", []string{"Origin", evil}},
		{"head public", "HEAD", "/k", []string{"Origin", evil}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := send(t, tc.method, base+tc.path, tc.headers...)
			req := &simulate.Request{Method: tc.method, Header: http.Header{}, Resource: simulate.ResourceObject}
			if tc.path == "/" {
				req.Resource = simulate.ResourceBucket
			}
			for i := 0; i+1 < len(tc.headers); i += 2 {
				req.Header.Set(tc.headers[i], tc.headers[i+1])
			}
			want := simulate.Evaluate(&doc.Config, req)
			checkServeAnswer(t, got, want)
		})
	}
}

func checkServeAnswer(t *testing.T, got serveExchange, want simulate.Response) {
	t.Helper()
	if got.status != want.Status {
		t.Errorf("status %d, simulate says %d", got.status, want.Status)
	}
	for _, f := range want.Headers {
		if v := got.header.Get(f.Name); v != f.Value && f.Name != "Content-Length" {
			t.Errorf("%s: %q, simulate says %q", f.Name, v, f.Value)
		}
	}
	for name := range got.header {
		if _, ok := want.Headers.Get(name); !ok && (strings.HasPrefix(name, "Access-Control-") || name == "Vary") {
			t.Errorf("%s: %q, which simulate does not send", name, got.header.Get(name))
		}
	}
	if want.Error != nil {
		body := want.Error.XML(got.header.Get("x-amz-request-id"), got.header.Get("x-amz-id-2"))
		if got.body != body {
			t.Errorf("body:\n%s\nwant:\n%s", got.body, body)
		}
		if len(got.header.Get("x-amz-request-id")) != 16 {
			t.Errorf("x-amz-request-id %q is not 16 characters", got.header.Get("x-amz-request-id"))
		}
	}
	if got.header.Get("Server") != "AmazonS3" || got.header.Get("Date") == "" {
		t.Errorf("Server %q, Date %q: want S3's", got.header.Get("Server"), got.header.Get("Date"))
	}
}

// TestServeSendsS3Headers checks that each operation sends the headers
// simulate judges readability on, so that exposure can be observed.
func TestServeSendsS3Headers(t *testing.T) {
	base, _ := serveFor(t, serveOptions{config: serveFile(t, serveConfig)})
	for _, method := range simulate.S3Methods {
		got := send(t, method, base+"/object-"+method, "Origin", "https://app.example.com")
		if got.status != simulate.Evaluate(nil, &simulate.Request{Method: method}).Status {
			t.Errorf("%s: status %d", method, got.status)
		}
		for _, name := range simulate.ResponseHeaders(method) {
			if _, ok := got.header[http.CanonicalHeaderKey(name)]; !ok {
				t.Errorf("%s: no %s header (got %v)", method, name, got.header)
			}
		}
	}
}

// TestServeObjects checks --dir, uploads kept in memory, deletes, missing
// keys and keys that would escape the directory.
func TestServeObjects(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "index.html"), "<p>hi</p>", 0o644)
	base, _ := serveFor(t, serveOptions{config: serveFile(t, serveConfig), dir: dir})
	app := []string{"Origin", "https://app.example.com"}
	if got := send(t, "GET", base+"/index.html", app...); got.status != 200 || got.body != "<p>hi</p>" || !strings.HasPrefix(got.header.Get("Content-Type"), "text/html") {
		t.Errorf("GET index.html: %d %q %q", got.status, got.body, got.header.Get("Content-Type"))
	}
	missing := send(t, "GET", base+"/missing.txt", app...)
	if missing.status != 404 || !strings.Contains(missing.body, "<Code>NoSuchKey</Code>") || missing.header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("GET missing: %d %q, ACAO %q (S3 adds CORS headers to errors too)", missing.status, missing.body, missing.header.Get("Access-Control-Allow-Origin"))
	}
	if got := send(t, "GET", base+"/../"+filepath.Base(dir)+"/index.html", app...); got.status != 404 {
		t.Errorf("GET outside --dir: %d", got.status)
	}
	if got := send(t, "PUT", base+"/new.txt", app...); got.status != 200 || got.header.Get("ETag") == "" {
		t.Errorf("PUT: %d, ETag %q", got.status, got.header.Get("ETag"))
	}
	if got := send(t, "GET", base+"/new.txt", app...); got.status != 200 || got.body != "uploaded "+base+"/new.txt" {
		t.Errorf("GET after PUT: %d %q", got.status, got.body)
	}
	if got := send(t, "DELETE", base+"/new.txt", app...); got.status != 204 {
		t.Errorf("DELETE: %d", got.status)
	}
	if got := send(t, "GET", base+"/new.txt", app...); got.status != 404 {
		t.Errorf("GET after DELETE: %d", got.status)
	}
	list := send(t, "GET", base+"/", app...)
	if list.status != 200 || !strings.Contains(list.body, "<Key>index.html</Key>") || strings.Contains(list.body, "new.txt") {
		t.Errorf("list: %d %s", list.status, list.body)
	}
	if got := send(t, "PATCH", base+"/index.html", app...); got.status != 405 {
		t.Errorf("PATCH: %d", got.status)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.txt")); err == nil {
		t.Error("an upload was written into --dir, which serve must only read")
	}
}

// TestServeBucketAddressing checks path-style and virtual-hosted URLs
// with --bucket: the ResourceType of a refused preflight says which;
// other buckets do not exist, and the service endpoint gets no CORS.
func TestServeBucketAddressing(t *testing.T) {
	base, out := serveFor(t, serveOptions{config: serveFile(t, serveConfig), bucket: "photos"})
	pre := []string{"Origin", "https://evil.example.com", "Access-Control-Request-Method", "PUT"}
	for path, want := range map[string]string{"/photos/a.jpg": "OBJECT", "/photos": "BUCKET", "/photos/": "BUCKET"} {
		got := send(t, "OPTIONS", base+path, pre...)
		if !strings.Contains(got.body, "<ResourceType>"+want+"</ResourceType>") {
			t.Errorf("%s: %s, want ResourceType %s", path, got.body, want)
		}
	}
	public := []string{"Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"}
	virtual := send(t, "OPTIONS", base+"/a.jpg", append([]string{"Host", "photos.s3.localhost"}, public...)...)
	if virtual.status != 200 {
		t.Errorf("virtual-hosted preflight: %d %s", virtual.status, virtual.body)
	}
	other := send(t, "OPTIONS", base+"/other/a.jpg", public...)
	checkServeAnswer(t, other, simulate.MissingBucket().Evaluate(simulate.NewPreflight("https://evil.example.com", "GET", "")))
	if got := send(t, "GET", base+"/other/a.jpg", "Origin", "https://evil.example.com"); got.status != 404 ||
		!strings.Contains(got.body, "NoSuchBucket") || got.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET in another bucket: %d %s %v", got.status, got.body, got.header)
	}
	service := send(t, "GET", base+"/", "Origin", "https://evil.example.com")
	if service.status != 200 || !strings.Contains(service.body, "<Name>photos</Name>") || service.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET /: %d %s %v", service.status, service.body, service.header)
	}
	if got := send(t, "OPTIONS", base+"/", public...); got.status != 403 {
		t.Errorf("preflight to the service endpoint: %d", got.status)
	}
	wantOutput(t, "log", out.String(), "no such bucket (serve holds one bucket", "the service endpoint: S3 adds no CORS headers")
}

// TestServeLogAndReload checks the log line per request, a reload when
// the file changes, and that a broken file keeps the previous
// configuration.
func TestServeLogAndReload(t *testing.T) {
	file := serveFile(t, serveConfig)
	base, out := serveFor(t, serveOptions{config: file})
	newcomer := []string{"Origin", "https://new.example.com", "Access-Control-Request-Method", "PUT"}
	if got := send(t, "OPTIONS", base+"/k", newcomer...); got.status != 403 {
		t.Fatalf("before the change: %d", got.status)
	}
	send(t, "OPTIONS", base+"/k", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT")
	wantOutput(t, "log", out.String(),
		`OPTIONS /k 403 origin="https://new.example.com" method="PUT": no rule matched (rule 0 "uploads": origin`,
		`OPTIONS /k 200 origin="https://app.example.com" method="PUT": CORS headers from rule 0 "uploads"`)
	writeFile(t, file, strings.Replace(serveConfig, "https://app.example.com", "https://new.example.com", 1), 0o644)
	waitFor(t, out, "reloaded "+file+" (2 rules)")
	if got := send(t, "OPTIONS", base+"/k", newcomer...); got.status != 200 {
		t.Errorf("after the change: %d", got.status)
	}
	writeFile(t, file, "<CORSConfiguration><CORSRule>", 0o644)
	waitFor(t, out, "still serving the previous configuration")
	if got := send(t, "OPTIONS", base+"/k", newcomer...); got.status != 200 {
		t.Errorf("after a broken file: %d, want the previous configuration's 200", got.status)
	}
}

func waitFor(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("the log never said %q:\n%s", want, out.String())
}

// TestServeNoCORS serves a bucket without configuration.
func TestServeNoCORS(t *testing.T) {
	base, out := serveFor(t, serveOptions{noCORS: true})
	got := send(t, "OPTIONS", base+"/k", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT")
	checkServeAnswer(t, got, simulate.Evaluate(nil, simulate.NewPreflight("https://app.example.com", "PUT", "")))
	wantOutput(t, "log", out.String(), "without a CORS configuration", "the bucket has no CORS configuration")
}

func TestServeBadInput(t *testing.T) {
	bad := serveFile(t, "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")
	busy, _ := serveFor(t, serveOptions{config: serveFile(t, serveConfig)})
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve"}, ExitUsage, "serve needs --config FILE"},
		{[]string{"serve", "--config", "-"}, ExitUsage, "give a file, not standard input"},
		{[]string{"serve", "--config", bad, "--no-cors-config"}, ExitUsage, "contradict"},
		{[]string{"serve", "--config", bad, "--dir", "/nonexistent-dir"}, ExitUsage, `invalid --dir "/nonexistent-dir": no such file or directory`},
		{[]string{"serve", "--config", bad, "--dir", bad}, ExitUsage, "not a directory"},
		{[]string{"serve", "--config", bad, "--color", "sometimes"}, ExitUsage, "--color"},
		{[]string{"serve", "--config", bad, "extra"}, ExitUsage, `serve takes no arguments (got "extra")`},
		{[]string{"serve", "--config", bad}, ExitProblems, "AllowedOrigin"},
		{[]string{"serve", "--config", "/nonexistent.xml"}, ExitFailure, "cannot read /nonexistent.xml"},
		{[]string{"serve", "--config", serveFile(t, serveConfig), "--addr", strings.TrimPrefix(busy, "http://")}, ExitFailure, "cannot listen on"},
	}
	for _, tc := range cases {
		r := run(nil, nil, false, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
		if strings.Count(strings.TrimSpace(r.stderr), "\n") > 2 || strings.Contains(r.stderr, "goroutine") {
			t.Errorf("%v: more than a short message: %q", tc.args, r.stderr)
		}
	}
}

// TestServeMultipartUpload runs a browser multipart upload as the AWS
// SDK does it: initiate, two parts, complete; then reads the object.
func TestServeMultipartUpload(t *testing.T) {
	base, _ := serveFor(t, serveOptions{config: serveFile(t, serveConfig), bucket: "photos"})
	app := []string{"Origin", "https://app.example.com"}
	initiated := send(t, "POST", base+"/photos/big.bin?uploads", "Origin", "https://evil.example.com")
	id, ok := between(initiated.body, "<UploadId>", "</UploadId>")
	if initiated.status != 200 || !ok || initiated.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("initiate: %d %s (ACAO %q)", initiated.status, initiated.body, initiated.header.Get("Access-Control-Allow-Origin"))
	}
	for _, n := range []string{"2", "1"} {
		part := send(t, "PUT", base+"/photos/big.bin?partNumber="+n+"&uploadId="+id, app...)
		if part.status != 200 || part.header.Get("ETag") == "" || part.header.Get("Access-Control-Expose-Headers") != "ETag" {
			t.Fatalf("part %s: %d %v", n, part.status, part.header)
		}
	}
	if got := send(t, "PUT", base+"/photos/big.bin?partNumber=1&uploadId=nope", app...); got.status != 404 || !strings.Contains(got.body, "NoSuchUpload") {
		t.Errorf("part of an unknown upload: %d %s", got.status, got.body)
	}
	done := send(t, "POST", base+"/photos/big.bin?uploadId="+id, "Origin", "https://evil.example.com")
	if tag, _ := between(done.body, "<ETag>", "</ETag>"); done.status != 200 || !strings.HasSuffix(tag, "-2&#34;") {
		t.Fatalf("complete: %d %s", done.status, done.body)
	}
	u := base + "/photos/big.bin?partNumber=1&uploadId=" + id
	want := "uploaded " + u + "uploaded " + strings.Replace(u, "partNumber=1", "partNumber=2", 1)
	if got := send(t, "GET", base+"/photos/big.bin", app...); got.body != want {
		t.Errorf("object after the upload: %q, want %q", got.body, want)
	}
}

func between(s, start, end string) (string, bool) {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	v, _, ok := strings.Cut(rest, end)
	return v, ok
}
