package cmd

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/s3cors/s3cors/simulate"
)

// uploads are the multipart uploads in progress, so that browser
// uploaders (the AWS SDK's, Uppy's) work against serve: parts by upload
// ID, then by part number.
type uploads struct {
	mu    sync.Mutex
	parts map[string]map[int][]byte
}

func (u *uploads) start() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.parts == nil {
		u.parts = map[string]map[int][]byte{}
	}
	id := requestID() + requestID()
	u.parts[id] = map[int][]byte{}
	return id
}

func (u *uploads) put(id string, n int, body []byte) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	p, ok := u.parts[id]
	if ok {
		p[n] = body
	}
	return ok
}

// finish removes the upload and returns its parts in order, and the
// multipart ETag of S3: the MD5 of the parts' MD5s, a dash, their number.
func (u *uploads) finish(id string) ([]byte, string, bool) {
	u.mu.Lock()
	p, ok := u.parts[id]
	delete(u.parts, id)
	u.mu.Unlock()
	if !ok {
		return nil, "", false
	}
	numbers := make([]int, 0, len(p))
	for n := range p {
		numbers = append(numbers, n)
	}
	slices.Sort(numbers)
	var body, sums bytes.Buffer
	for _, n := range numbers {
		body.Write(p[n])
		sum := md5.Sum(p[n])
		sums.Write(sum[:])
	}
	total := md5.Sum(sums.Bytes())
	return body.Bytes(), fmt.Sprintf("\"%s-%d\"", hex.EncodeToString(total[:]), len(numbers)), true
}

// multipart answers the multipart operations (?uploads, ?uploadId=…) and
// reports whether r was one.
func (h *s3Handler) multipart(w http.ResponseWriter, r *http.Request, sr *serveRequest) (int, bool) {
	q := r.URL.Query()
	id, hasID := q["uploadId"]
	switch {
	case r.Method == http.MethodPost && q.Has("uploads"):
		return writeXMLResult(w, struct {
			XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ InitiateMultipartUploadResult"`
			Bucket   string
			Key      string
			UploadID string `xml:"UploadId"`
		}{Bucket: h.bucket, Key: sr.key, UploadID: h.uploads.start()}), true
	case !hasID:
		return 0, false
	case r.Method == http.MethodPut:
		return h.putPart(w, r, id[0], q.Get("partNumber")), true
	case r.Method == http.MethodPost:
		return h.completeUpload(w, r, sr.key, id[0]), true
	case r.Method == http.MethodDelete:
		h.uploads.finish(id[0])
		w.WriteHeader(http.StatusNoContent)
		return http.StatusNoContent, true
	}
	return 0, false
}

func (h *s3Handler) putPart(w http.ResponseWriter, r *http.Request, id, number string) int {
	n, err := strconv.Atoi(number)
	if err != nil || n < 1 || n > 10000 {
		return writeError(w, http.StatusBadRequest, &simulate.Error{Code: "InvalidArgument", Message: "Part number must be an integer between 1 and 10000, inclusive"})
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxObjectSize+1))
	if err != nil || len(body) > maxObjectSize {
		return writeError(w, http.StatusBadRequest, &simulate.Error{Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size (s3cors serve keeps at most 64 MiB)."})
	}
	if !h.uploads.put(id, n, body) {
		return writeError(w, http.StatusNotFound, errNoSuchUpload)
	}
	setRaw(w.Header(), "ETag", etag(body))
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
	return http.StatusOK
}

func (h *s3Handler) completeUpload(w http.ResponseWriter, r *http.Request, key, id string) int {
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20)) // the part list: serve uses every part it received
	body, tag, ok := h.uploads.finish(id)
	if !ok {
		return writeError(w, http.StatusNotFound, errNoSuchUpload)
	}
	h.objects.put(key, &object{body: body, ctype: "binary/octet-stream", modified: h.now()})
	return writeXMLResult(w, struct {
		XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CompleteMultipartUploadResult"`
		Bucket  string
		Key     string
		ETag    string
	}{Bucket: h.bucket, Key: key, ETag: tag})
}

var errNoSuchUpload = &simulate.Error{Code: "NoSuchUpload", Message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."}

// writeXMLResult writes a 200 with v as an XML document.
func writeXMLResult(w http.ResponseWriter, v any) int {
	out, _ := xml.Marshal(v) // plain strings: cannot fail
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append([]byte(xml.Header), out...))
	return http.StatusOK
}
