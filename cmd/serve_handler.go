package cmd

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// serveState is one loaded configuration: what the handler evaluates
// requests with until the file changes.
type serveState struct {
	cfg    *corsconf.Config
	bucket *simulate.Bucket
}

// s3Handler answers HTTP requests as S3 answers them for one bucket with
// the current CORS configuration: preflights get S3's own answer, other
// requests run a small object store and get the CORS headers S3 adds.
type s3Handler struct {
	state   atomic.Pointer[serveState]
	objects *objectStore
	uploads uploads
	bucket  string // path-style prefix and virtual-host label; "" for none
	log     func(line string)
	now     func() time.Time
}

// serveRequest is what the handler learnt of one request, for the log.
type serveRequest struct {
	r        *http.Request
	key      string
	resource simulate.Resource
	target   target
	status   int
	resp     simulate.Response
	state    *serveState
}

// target is what a request addresses, as serve sees it.
type target int

const (
	targetBucket  target = iota // serve's bucket, or one of its objects
	targetOther                 // another bucket: serve holds no other, so it does not exist
	targetService               // the service endpoint (ListBuckets), with --bucket and path-style URLs
)

var (
	missingBucket = simulate.MissingBucket()
	// S3 adds no CORS headers to the service endpoint's answers and
	// refuses its preflights (S3 notes §3.1); the 403's body is not
	// recorded, so it is the one of a bucket without CORS configuration.
	serviceEndpoint = simulate.NewBucket(nil)
)

func (h *s3Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := h.state.Load()
	key, resource, tg := h.address(r)
	req := &simulate.Request{Method: r.Method, Header: r.Header, Resource: resource}
	sr := &serveRequest{r: r, key: key, resource: resource, target: tg, state: st}
	switch tg {
	case targetOther:
		sr.resp = missingBucket.Evaluate(req)
	case targetService:
		sr.resp = serviceEndpoint.Evaluate(req)
	default:
		sr.resp = st.bucket.Evaluate(req)
	}
	s3Headers(w.Header(), h.now())
	switch {
	case r.Method == http.MethodOptions || sr.resp.Error != nil:
		sr.status = writeSimulated(w, sr.resp)
	case tg == targetService:
		sr.status = h.listBuckets(w, r)
	default:
		sr.status = h.operation(w, r, sr)
	}
	h.log(formatServeLog(sr))
}

// address returns the object key a request addresses ("" for a bucket),
// the resource kind, and whose it is. Without --bucket, "/" is the bucket
// and "/key" an object. With --bucket NAME, virtual-hosted URLs
// (Host: NAME.…) address the bucket; otherwise URLs are path-style: "/"
// is the service endpoint, "/NAME/key" the bucket, "/OTHER/…" another
// bucket.
func (h *s3Handler) address(r *http.Request) (string, simulate.Resource, target) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	tg := targetBucket
	if h.bucket != "" && !strings.HasPrefix(r.Host, h.bucket+".") {
		bucket, rest, _ := strings.Cut(p, "/")
		switch {
		case bucket == "":
			return "", simulate.ResourceBucket, targetService
		case bucket != h.bucket:
			tg = targetOther
		}
		p = rest
	}
	if p == "" {
		return "", simulate.ResourceBucket, tg
	}
	return p, simulate.ResourceObject, tg
}

// s3Headers sets the headers S3 sends on every response.
func s3Headers(h http.Header, now time.Time) {
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	h.Set("Server", "AmazonS3")
	h["x-amz-id-2"] = []string{hostID()}
	h["x-amz-request-id"] = []string{requestID()}
}

// addFields copies simulate's headers into h, names as S3 writes them.
func addFields(h http.Header, fs simulate.Fields) {
	for _, f := range fs {
		if f.Name == "Content-Length" || f.Name == "Content-Type" {
			h.Set(f.Name, f.Value)
			continue
		}
		h[f.Name] = append(h[f.Name], f.Value)
	}
}

// writeSimulated writes S3's own answer (a preflight's, or a CORS error)
// and returns the status.
func writeSimulated(w http.ResponseWriter, resp simulate.Response) int {
	addFields(w.Header(), resp.Headers)
	if resp.Error == nil {
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(resp.Status)
		return resp.Status
	}
	return writeError(w, resp.Status, resp.Error)
}

// writeError writes an S3 XML error body with the request's IDs.
func writeError(w http.ResponseWriter, status int, e *simulate.Error) int {
	h := w.Header()
	body := e.XML(first(h["x-amz-request-id"]), first(h["x-amz-id-2"]))
	h.Set("Content-Type", "application/xml")
	h.Del("Content-Length")
	if status == http.StatusBadRequest {
		h.Set("Connection", "close")
	}
	w.WriteHeader(status)
	if f, ok := w.(http.Flusher); ok {
		f.Flush() // S3 sends error bodies chunked, without Content-Length
	}
	_, _ = io.WriteString(w, body)
	return status
}

// setRaw sets header name with the spelling S3 uses, which is not always
// Go's canonical form ("ETag", "x-amz-server-side-encryption").
func setRaw(h http.Header, name, value string) {
	h.Del(name)
	h[name] = []string{value}
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// requestID returns an ID shaped like S3's x-amz-request-id: 16
// upper-case hexadecimal digits.
func requestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// hostID returns an ID shaped like S3's x-amz-id-2.
func hostID() string {
	var b [48]byte
	_, _ = rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}

// etag returns the quoted MD5 of body, as S3 gives it for a single-part
// object.
func etag(body []byte) string {
	sum := md5.Sum(body)
	return fmt.Sprintf("%q", hex.EncodeToString(sum[:]))
}
