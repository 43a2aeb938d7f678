package cmd

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// auditProgress draws a progress bar on standard error at a terminal, and
// is the writer of every message written there meanwhile: it clears the
// bar, writes the message, and draws the bar again. Elsewhere it only
// passes messages through. It is safe for concurrent use.
type auditProgress struct {
	mu       sync.Mutex
	w        io.Writer
	bar      bool // standard error is a terminal
	nListed  int
	nDone    int
	nFailed  int
	complete bool // the listing is over: nListed is the total
	drawn    bool // a bar is on the screen
	finished bool // the bar is gone for good
	last     time.Time
}

// auditRedraw bounds how often the bar is redrawn.
const auditRedraw = 100 * time.Millisecond

// auditBarWidth is the bar's width in characters.
const auditBarWidth = 30

func newAuditProgress(w io.Writer, terminal bool) *auditProgress {
	return &auditProgress{w: w, bar: terminal}
}

// Write writes a message, keeping the bar below it.
func (p *auditProgress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	n, err := p.w.Write(b)
	p.draw(true)
	return n, err
}

// listed counts a page of n listed buckets; last says the listing is
// over, so that the total is known.
func (p *auditProgress) listed(n int, last bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.nListed += n
	p.complete = last
	p.draw(true)
}

// done counts a bucket read, or one that could not be.
func (p *auditProgress) done(failed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.nDone++
	if failed {
		p.nFailed++
	}
	p.draw(false)
}

// finish removes the bar.
func (p *auditProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	p.finished = true
}

func (p *auditProgress) clear() {
	if p.drawn {
		io.WriteString(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// draw redraws the bar, at most every auditRedraw unless now is set.
func (p *auditProgress) draw(now bool) {
	if !p.bar || p.finished || (!now && time.Since(p.last) < auditRedraw) {
		return
	}
	p.last = time.Now()
	// While pages are still to come, the total is at least what was listed.
	line := fmt.Sprintf("audit: %d of %d+ buckets read", p.nDone, p.nListed)
	if p.complete {
		full := auditBarWidth * p.nDone / max(p.nListed, 1)
		line = fmt.Sprintf("audit: [%s%s] %d/%d buckets", strings.Repeat("#", full), strings.Repeat(".", auditBarWidth-full), p.nDone, p.nListed)
	}
	if p.nFailed > 0 {
		line += fmt.Sprintf(", %d unreadable", p.nFailed)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}
