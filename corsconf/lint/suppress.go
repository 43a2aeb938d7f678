package lint

import "github.com/s3cors/s3cors/corsconf"

// Suppress applies the document's inline ignore comments,
// <!-- s3cors-ignore rule-id[, rule-id]: reason -->, to findings: a
// comment suppresses the findings of the named rules on the element that
// follows it (and inside it). It returns the findings that remain and adds
// findings about the comments themselves: an ignore without a reason, one
// naming an unknown rule, and one that suppressed nothing. (Being written:
// returns findings unchanged.)
func Suppress(doc *corsconf.Document, findings []Finding) []Finding {
	return findings
}
