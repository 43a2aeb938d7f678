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
	status   int
	resp     simulate.Response
	state    *serveState
}

func (h *s3Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := h.state.Load()
	key, resource := h.address(r)
	req := &simulate.Request{Method: r.Method, Header: r.Header, Resource: resource}
	sr := &serveRequest{r: r, key: key, resource: resource, state: st, resp: st.bucket.Evaluate(req)}
	s3Headers(w.Header(), h.now())
	if r.Method == http.MethodOptions {
		sr.status = writeSimulated(w, sr.resp)
	} else {
		sr.status = h.operation(w, r, sr)
	}
	h.log(formatServeLog(sr))
}

// address returns the object key a request addresses ("" for the bucket)
// and the resource kind, for path-style ("/bucket/key") and
// virtual-hosted ("bucket.host/key") URLs when a bucket name is set, and
// for "/key" otherwise.
func (h *s3Handler) address(r *http.Request) (string, simulate.Resource) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if h.bucket != "" && !strings.HasPrefix(r.Host, h.bucket+".") {
		if p == h.bucket || strings.HasPrefix(p, h.bucket+"/") {
			p = strings.TrimPrefix(strings.TrimPrefix(p, h.bucket), "/")
		}
	}
	if p == "" {
		return "", simulate.ResourceBucket
	}
	return p, simulate.ResourceObject
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
