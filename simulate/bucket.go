package simulate

import "github.com/s3cors/s3cors/corsconf"

// Bucket is a bucket as S3 sees it for CORS: missing, without a CORS
// configuration, or with one, prepared for evaluating requests. A Bucket is
// immutable and safe for concurrent use.
type Bucket struct {
	rules      []rule
	configured bool
	missing    bool
}

// NewBucket prepares cfg for evaluation; a nil cfg is a bucket without a
// CORS configuration.
func NewBucket(cfg *corsconf.Config) *Bucket {
	if cfg == nil {
		return &Bucket{}
	}
	b := &Bucket{configured: true, rules: make([]rule, len(cfg.Rules))}
	for i := range cfg.Rules {
		b.rules[i] = compile(&cfg.Rules[i])
	}
	return b
}

// MissingBucket is a bucket that does not exist.
func MissingBucket() *Bucket { return &Bucket{missing: true} }

// Match returns the index of the rule S3 uses for a request with this
// Origin, effective method and Access-Control-Request-Headers value: the
// first rule whose origins, methods and allowed headers all match; -1 when
// none does. It does not allocate.
func (b *Bucket) Match(origin, method, requestHeaders string) int {
	var buf [16]string // the requested names, split once; more spill to the heap
	names := buf[:0]
	for name, rest, ok := nextHeader(requestHeaders); ok; name, rest, ok = nextHeader(rest) {
		names = append(names, name)
	}
	bit := methodBit(method)
	for i := range b.rules {
		r := &b.rules[i]
		if r.matchMethod(method, bit) && r.matchOrigin(origin) && r.matchHeaders(names) {
			return i
		}
	}
	return -1
}
