package cmd

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// auditPacer bounds the calls in flight. It starts at --concurrency. The
// SDK's retryer backs off each throttled call, but the other workers would
// keep S3 as busy as before; so when S3 throttles (SlowDown and the like,
// seen on any attempt), the pacer halves the limit, down to 1, and after
// limit calls in a row without throttling raises it by one again, up to
// --concurrency: additive increase, multiplicative decrease, as TCP does.
type auditPacer struct {
	mu       sync.Mutex
	max      int
	limit    int
	inflight int
	calm     int           // calls done without throttling since the last change
	lastCut  time.Time     // throttles that soon after a cut belong to it
	wake     chan struct{} // closed when a call ends, then replaced
	say      func(format string, args ...any)
}

// auditCutInterval is how long after a cut further throttles are taken as
// answers to calls sent before it, and do not cut again.
const auditCutInterval = time.Second

func newAuditPacer(max int, prog *auditProgress) *auditPacer {
	return &auditPacer{max: max, limit: max, wake: make(chan struct{}), say: func(format string, args ...any) {
		fmt.Fprintf(prog, format, args...)
	}}
}

// acquire waits for room under the limit.
func (p *auditPacer) acquire(ctx context.Context) error {
	for {
		p.mu.Lock()
		if p.inflight < p.limit {
			p.inflight++
			p.mu.Unlock()
			return nil
		}
		wake := p.wake
		p.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release ends a call that acquire let through.
func (p *auditPacer) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight--
	if p.calm++; p.calm >= p.limit && p.limit < p.max {
		p.limit++
		p.calm = 0
	}
	close(p.wake)
	p.wake = make(chan struct{})
}

// throttled records that S3 throttled a call.
func (p *auditPacer) throttled() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calm = 0
	if p.limit == 1 || time.Since(p.lastCut) < auditCutInterval {
		return
	}
	p.limit = max(1, p.limit/2)
	p.lastCut = time.Now()
	p.say("%s: S3 is throttling the requests: %s at a time now (the SDK backs off and retries)\n", appName, plural(p.limit, "request"))
}

// watch is a per-call option that lets the pacer see every attempt's
// error through the client's own retryer, which still decides.
func (p *auditPacer) watch(so *s3.Options) {
	if so.Retryer != nil {
		so.Retryer = throttleWatch{Retryer: so.Retryer, p: p}
	}
}

// throttleWatch is a retryer that tells the pacer about throttling and
// otherwise is the retryer it wraps.
type throttleWatch struct {
	aws.Retryer
	p *auditPacer
}

// throttles are the SDK's own tests of a throttling answer: the codes
// S3 uses (SlowDown) among others, and HTTP 429.
var throttles = retry.IsErrorThrottles(retry.DefaultThrottles)

// IsErrorRetryable is called once for each failed attempt.
func (t throttleWatch) IsErrorRetryable(err error) bool {
	if throttles.IsErrorThrottle(err) == aws.TrueTernary {
		t.p.throttled()
	}
	return t.Retryer.IsErrorRetryable(err)
}
