package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/s3cors/s3cors/internal/testenv"
	"github.com/s3cors/s3cors/simulate"
)

// reportEnv names the file the agreement table is written to; by default
// .artifacts/e2e-agreement.md at the repository's root.
const reportEnv = "S3CORS_E2E_REPORT"

// expectation is what the page should see, by simulate's verdict.
type expectation struct {
	allowed  bool
	status   int
	readable []string // lower-case, sorted
	// documented names a documented difference of the target from S3
	// that the expectation includes; "" when none applies.
	documented string
}

// expect turns simulate's verdict into what the page should see on the
// target, given what the endpoint did with the request outside the
// browser (a): the operation's status and the headers it sent. simulate
// predicts what CORS lets through, not what the operation returns, except
// on s3cors serve, which runs simulate's model: there the status must be
// simulate's, and the readable headers those simulate lists.
func expect(v simulate.Verdict, a answer, target string) (expectation, error) {
	e := expectation{allowed: v.Allowed}
	if !v.Allowed {
		return e, nil
	}
	expose, _ := v.Actual.Response.Headers.Get(simulate.HeaderExposeHeaders)
	if target == "versitygw" {
		e.documented, expose = versitygwExposure(expose, a)
		if !a.cors && a.status >= 400 {
			e.allowed = false
			e.documented = fmt.Sprintf("versitygw sends no CORS headers with this %d error", a.status)
			return e, nil
		}
	}
	e.status = a.status
	e.readable, _ = simulate.Readable(a.sent, expose, a.credentials)
	lowerAll(e.readable)
	slices.Sort(e.readable)
	if target == "s3cors serve" {
		e.status = v.Actual.Response.Status
		var listed []string
		for _, h := range v.ReadableHeaders {
			if h = strings.ToLower(h); slices.Contains(a.sent, h) {
				listed = append(listed, h)
			}
		}
		slices.Sort(listed)
		if !slices.Equal(listed, e.readable) {
			return e, fmt.Errorf("simulate lists %v as readable, its exposure rules give %v", listed, e.readable)
		}
	}
	return e, nil
}

// versitygwExposure returns the Access-Control-Expose-Headers value
// versitygw v1.8.0 sends where S3 would send expose: it always adds ETag
// and x-amz-storage-class, and the x-amz-meta-* headers of the response
// (s3api/middlewares/apply-default-cors.go ensureExposeETag,
// s3api/controllers/base.go ensureExposeMetaHeaders). The note is "" when
// that changes nothing JavaScript can read.
func versitygwExposure(expose string, a answer) (note, value string) {
	added := []string{"ETag", "x-amz-storage-class"}
	for _, h := range a.sent {
		if strings.HasPrefix(h, "x-amz-meta-") {
			added = append(added, h)
		}
	}
	value = strings.Join(append([]string{expose}, added...), ", ")
	if expose == "" {
		value = strings.Join(added, ", ")
	}
	before, _ := simulate.Readable(a.sent, expose, a.credentials)
	after, _ := simulate.Readable(a.sent, value, a.credentials)
	if len(after) == len(before) {
		return "", expose
	}
	return "versitygw exposes ETag, x-amz-storage-class and x-amz-meta-*", value
}

func lowerAll(list []string) {
	for i := range list {
		list[i] = strings.ToLower(list[i])
	}
}

// row is one line of the agreement table.
type row struct {
	target, name                  string
	n                             int
	simulated, expected, chromium string
	documented                    string
	agrees                        bool
	simBlocked                    bool // simulate says the browser blocks the request
	sameMessage                   bool // Chromium logged simulate's console message
}

func compare(target string, n int, c matrixCase, v simulate.Verdict, want expectation, got observed) row {
	for i := range got.Headers {
		got.Headers[i] = strings.ToLower(got.Headers[i])
	}
	slices.Sort(got.Headers)
	got.Headers = slices.Compact(got.Headers)
	r := row{target: target, name: c.String(), n: n, documented: want.documented}
	r.simulated = describe(v.Allowed, 0, lowered(v.ReadableHeaders), string(v.BlockedBy))
	r.expected = describe(want.allowed, want.status, want.readable, string(v.BlockedBy))
	r.chromium = describe(got.Allowed, got.Status, got.Headers, "")
	r.agrees = got.Allowed == want.allowed && (!want.allowed || got.Status == want.status && slices.Equal(got.Headers, want.readable))
	r.simBlocked = !v.Allowed
	r.sameMessage = !v.Allowed && got.Message == v.Reason
	r.agrees = r.agrees && (v.Allowed || r.sameMessage)
	if !r.sameMessage && !v.Allowed {
		r.chromium += ": " + got.Message
	}
	return r
}

// describe puts a verdict in words; status 0 leaves the status out.
func describe(allowed bool, status int, readable []string, step string) string {
	if !allowed {
		if step != "" {
			return "blocked (" + step + ")"
		}
		return "blocked"
	}
	s := "allowed"
	if status != 0 {
		s += fmt.Sprintf(" %d", status)
	}
	if len(readable) == 0 {
		return s + ", reads no header"
	}
	return s + ", reads " + strings.Join(readable, " ")
}

func lowered(list []string) []string {
	out := slices.Clone(list)
	lowerAll(out)
	slices.Sort(out)
	return out
}

// agreement is the table of every case run.
type agreement struct {
	mu   sync.Mutex
	rows []row
}

func (a *agreement) add(r row) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.rows = append(a.rows, r)
}

// totals says, per target, how many cases ran and agreed.
func (a *agreement) totals() string {
	var parts []string
	for _, target := range []string{"s3cors serve", "versitygw"} {
		n, ok, doc, msg, blocked := 0, 0, 0, 0, 0
		for _, r := range a.rows {
			if r.target != target {
				continue
			}
			n++
			if r.agrees {
				ok++
			}
			if r.documented != "" {
				doc++
			}
			if r.simBlocked {
				blocked++
				if r.sameMessage {
					msg++
				}
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d/%d agree (%d with a documented difference; %d/%d blocked cases with Chromium's exact console message)", target, ok, n, doc, msg, blocked))
		}
	}
	return strings.Join(parts, "; ")
}

// write writes the table as Markdown and returns the file's path; "" when
// no case ran.
func (a *agreement) write() (string, error) {
	if len(a.rows) == 0 {
		return "", nil
	}
	path := os.Getenv(reportEnv)
	if path == "" {
		root, err := testenv.Root()
		if err != nil {
			return "", err
		}
		path = filepath.Join(root, ".artifacts", "e2e-agreement.md")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, []byte(a.markdown()), 0o644)
}

// markdown is the table: no port or time in it, so that a run that
// agrees everywhere gives the same text.
func (a *agreement) markdown() string {
	var b strings.Builder
	b.WriteString("# simulate and Chromium, case by case\n\n" + a.totals() + "\n\n")
	b.WriteString("simulate: its verdict and the headers it says JavaScript can read of those S3 sends; expected: what the page\n" +
		"must see on this target (the status and the headers sent come from the target; on versitygw, its documented differences\n" +
		"from S3 applied); Chromium: what the page saw.\n\n")
	b.WriteString("| target | # | case | simulate | expected | Chromium | agree |\n|---|---|---|---|---|---|---|\n")
	for _, r := range a.rows {
		mark := "yes"
		switch {
		case !r.agrees:
			mark = "**NO**"
		case r.documented != "":
			mark = "yes (" + r.documented + ")"
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s |\n", r.target, r.n, r.name, r.simulated, r.expected, r.chromium, mark)
	}
	return b.String()
}

// docsTable is the copy of the table kept with the documentation.
const docsTable = "docs/browser-agreement.md"

// checkDocs compares the table with docsTable, or rewrites that file,
// when both targets ran in full.
func (a *agreement) checkDocs(update bool) error {
	targets := map[string]int{}
	for _, r := range a.rows {
		targets[r.target]++
	}
	n := len(matrixCases())
	if targets["s3cors serve"] != n || targets["versitygw"] != n {
		return nil // a partial run (-run) says nothing about the copy
	}
	root, err := testenv.Root()
	if err != nil {
		return err
	}
	path := filepath.Join(root, docsTable)
	got := docsHeader + a.markdown()
	if update {
		return os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != got {
		return fmt.Errorf("%s is not this run's table: run go test ./e2e -update and review the diff", docsTable)
	}
	return nil
}

const docsHeader = "<!-- Written by the end-to-end suite: go test ./e2e -update. See browser.md. -->\n"
