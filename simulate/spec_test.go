package simulate_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// This file runs the rs/cors-style spec table of the simulator: one case
// per fact of docs/s3-cors-semantics.md sections 3.1-3.7 (and 6), each
// named after the fact and its evidence tag. Expected values are written
// from the document, never from the code: the messages are copied from it.
// The cases are in spec_cases_*_test.go, one file per group of sections,
// and what they are written with in spec_helpers_test.go.

// specCases is the whole table, in the order of the document's sections.
var specCases = slices.Concat(specCasesSelection, specCasesMethodsHeaders, specCasesOutcome, specCasesResponse)

// specConfig parses a case's configuration; nil for a bucket without one.
func specConfig(t testing.TB, tc *specCase) *corsconf.Config {
	t.Helper()
	if tc.state != configured {
		return nil
	}
	doc, diags := corsconf.Parse("spec.xml", []byte(tc.config), corsconf.FormatXML)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %v", tc.config, diags)
	}
	return &doc.Config
}

func specBucket(t testing.TB, tc *specCase) *simulate.Bucket {
	t.Helper()
	if tc.state == missing {
		return simulate.MissingBucket()
	}
	return simulate.NewBucket(specConfig(t, tc))
}

func specRequest(tc *specCase) *simulate.Request {
	h := http.Header{}
	for i := 0; i+1 < len(tc.header); i += 2 {
		h.Add(tc.header[i], tc.header[i+1])
	}
	return &simulate.Request{Method: tc.method, Header: h, Resource: tc.resource}
}

func TestSpec(t *testing.T) {
	seen := map[string]bool{}
	for i := range specCases {
		tc := &specCases[i]
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkCase(t, tc)
			got := specBucket(t, tc).Evaluate(specRequest(tc))
			checkResponse(t, tc, got)
			if tc.state != missing {
				// The package-level Evaluate is NewBucket + Evaluate.
				checkResponse(t, tc, simulate.Evaluate(specConfig(t, tc), specRequest(tc)))
			}
		})
	}
}

// checkCase catches table mistakes, such as a forgotten rule: noRule.
func checkCase(t *testing.T, tc *specCase) {
	t.Helper()
	_, hasACAO := tc.fields.Get(acao)
	if hasACAO != (tc.rule >= 0) {
		t.Fatalf("bad case: rule %d with fields %v", tc.rule, tc.fields)
	}
	if len(tc.header)%2 != 0 {
		t.Fatalf("bad case: odd header list %q", tc.header)
	}
}

func checkResponse(t *testing.T, tc *specCase, got simulate.Response) {
	t.Helper()
	if got.Status != tc.status {
		t.Errorf("Status = %d, want %d", got.Status, tc.status)
	}
	if !slices.Equal(got.Headers, tc.fields) {
		t.Errorf("Headers:\n got %s\nwant %s", showFields(got.Headers), showFields(tc.fields))
	}
	if !equalError(got.Error, tc.err) {
		t.Errorf("Error:\n got %s\nwant %s", showError(got.Error), showError(tc.err))
	}
	if got.MatchedRule != tc.rule {
		t.Errorf("MatchedRule = %d, want %d", got.MatchedRule, tc.rule)
	}
	if want := tc.method == http.MethodOptions; got.Preflight != want {
		t.Errorf("Preflight = %v, want %v", got.Preflight, want)
	}
	switch {
	case tc.notes == notesNone && len(got.Unverified) > 0:
		t.Errorf("Unverified = %q, want none", got.Unverified)
	case tc.notes == notesSome && len(got.Unverified) == 0:
		t.Errorf("Unverified is empty, want a note: the answer is not recorded")
	}
	for _, n := range got.Unverified {
		if strings.TrimSpace(n) == "" {
			t.Errorf("Unverified holds a blank note: %q", got.Unverified)
		}
	}
}

func equalError(a, b *simulate.Error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func showFields(fs simulate.Fields) string {
	if len(fs) == 0 {
		return "(none)"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n    %s: %q", f.Name, f.Value)
	}
	return b.String()
}

func showError(e *simulate.Error) string {
	if e == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%+v", *e)
}
