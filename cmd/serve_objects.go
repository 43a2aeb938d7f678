package cmd

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"sync"
	"time"

	"github.com/s3cors/s3cors/simulate"
)

// maxObjectSize bounds what serve keeps of one uploaded object.
const maxObjectSize = maxInputSize

// object is one object of serve's bucket.
type object struct {
	body     []byte
	ctype    string
	modified time.Time
}

// objectStore is serve's bucket: the files of --dir (read, never
// written), overlaid with what requests upload and delete, in memory.
// Without --dir every key exists, with a small text body.
type objectStore struct {
	dir     fs.FS     // nil without --dir
	started time.Time // the Last-Modified of the small bodies
	mu      sync.Mutex
	mem     map[string]*object // a nil value marks a deleted key
}

func newObjectStore(dir fs.FS) *objectStore {
	return &objectStore{dir: dir, started: time.Now().Truncate(time.Second), mem: map[string]*object{}}
}

func (s *objectStore) get(key string) (*object, bool) {
	s.mu.Lock()
	o, ok := s.mem[key]
	s.mu.Unlock()
	if ok {
		return o, o != nil
	}
	if s.dir == nil {
		body := []byte("s3cors serve: the object " + key + "\n")
		return &object{body: body, ctype: "text/plain; charset=utf-8", modified: s.started}, true
	}
	return s.readFile(key)
}

func (s *objectStore) readFile(key string) (*object, bool) {
	if !fs.ValidPath(key) {
		return nil, false
	}
	fi, err := fs.Stat(s.dir, key)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxObjectSize {
		return nil, false
	}
	body, err := fs.ReadFile(s.dir, key)
	if err != nil {
		return nil, false
	}
	ctype := mime.TypeByExtension(path.Ext(key))
	if ctype == "" {
		ctype = "binary/octet-stream" // S3's default
	}
	return &object{body: body, ctype: ctype, modified: fi.ModTime()}, true
}

func (s *objectStore) put(key string, o *object) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mem[key] = o
}

// keys lists the keys that exist, sorted.
func (s *objectStore) keys() []string {
	seen := map[string]bool{}
	if s.dir != nil {
		_ = fs.WalkDir(s.dir, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				seen[p] = true
			}
			return nil
		})
	}
	s.mu.Lock()
	for k, o := range s.mem {
		seen[k] = o != nil
	}
	s.mu.Unlock()
	var out []string
	for k, ok := range seen {
		if ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// operation runs a request other than OPTIONS, with the CORS headers S3
// adds, and returns the status written.
func (h *s3Handler) operation(w http.ResponseWriter, r *http.Request, sr *serveRequest) int {
	addFields(w.Header(), sr.resp.Headers)
	if sr.resource == simulate.ResourceBucket {
		return h.bucketOperation(w, r)
	}
	if status, ok := h.multipart(w, r, sr); ok {
		return status
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		return h.getObject(w, r, sr.key)
	case http.MethodPut, http.MethodPost:
		return h.putObject(w, r, sr)
	case http.MethodDelete:
		h.objects.put(sr.key, nil)
		w.WriteHeader(sr.resp.Status)
		return sr.resp.Status
	}
	return writeError(w, http.StatusMethodNotAllowed, &simulate.Error{Code: "MethodNotAllowed", Message: "The specified method is not allowed against this resource."})
}

func (h *s3Handler) getObject(w http.ResponseWriter, r *http.Request, key string) int {
	o, ok := h.objects.get(key)
	if !ok {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNotFound)
			return http.StatusNotFound
		}
		return writeError(w, http.StatusNotFound, &simulate.Error{Code: "NoSuchKey", Message: "The specified key does not exist."})
	}
	hd := w.Header()
	hd.Set("Accept-Ranges", "bytes")
	hd.Set("Content-Type", o.ctype)
	setRaw(hd, "ETag", etag(o.body))
	setRaw(hd, "x-amz-server-side-encryption", "AES256")
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	http.ServeContent(sw, r, "", o.modified, bytes.NewReader(o.body))
	return sw.status
}

// putObject stores an upload: the body of a PUT, or of a POST (serve does
// not read HTML form fields).
func (h *s3Handler) putObject(w http.ResponseWriter, r *http.Request, sr *serveRequest) int {
	key := sr.key
	body, err := io.ReadAll(io.LimitReader(r.Body, maxObjectSize+1))
	if err != nil {
		return writeError(w, http.StatusBadRequest, &simulate.Error{Code: "IncompleteBody", Message: "You did not provide the number of bytes specified by the Content-Length HTTP header."})
	}
	if len(body) > maxObjectSize {
		return writeError(w, http.StatusBadRequest, &simulate.Error{Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size (s3cors serve keeps at most 64 MiB)."})
	}
	ctype := r.Header.Get("Content-Type")
	if ctype == "" {
		ctype = "binary/octet-stream"
	}
	h.objects.put(key, &object{body: body, ctype: ctype, modified: h.now()})
	hd := w.Header()
	setRaw(hd, "ETag", etag(body))
	setRaw(hd, "x-amz-server-side-encryption", "AES256")
	if r.Method == http.MethodPost {
		hd.Set("Location", "/"+key)
	} else {
		hd.Set("Content-Length", "0")
	}
	w.WriteHeader(sr.resp.Status)
	return sr.resp.Status
}

// listBucketResult is a one-page ListObjects answer.
type listBucketResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name     string   `xml:"Name"`
	KeyCount int      `xml:"KeyCount"`
	Contents []struct {
		Key string `xml:"Key"`
	} `xml:"Contents"`
}

func (h *s3Handler) bucketOperation(w http.ResponseWriter, r *http.Request) int {
	switch r.Method {
	case http.MethodHead:
		w.WriteHeader(http.StatusOK)
		return http.StatusOK
	case http.MethodGet:
		res := listBucketResult{Name: h.bucket}
		for _, k := range h.objects.keys() {
			res.Contents = append(res.Contents, struct {
				Key string `xml:"Key"`
			}{k})
		}
		res.KeyCount = len(res.Contents)
		return writeXMLResult(w, res)
	}
	return writeError(w, http.StatusMethodNotAllowed, &simulate.Error{Code: "MethodNotAllowed", Message: "The specified method is not allowed against this resource."})
}

// listBuckets answers the service endpoint: serve's one bucket.
func (h *s3Handler) listBuckets(w http.ResponseWriter, r *http.Request) int {
	if r.Method != http.MethodGet {
		return writeError(w, http.StatusMethodNotAllowed, &simulate.Error{Code: "MethodNotAllowed", Message: "The specified method is not allowed against this resource."})
	}
	type bucket struct {
		Name string
	}
	return writeXMLResult(w, struct {
		XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
		Buckets []bucket `xml:"Buckets>Bucket"`
	}{Buckets: []bucket{{Name: h.bucket}}})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
