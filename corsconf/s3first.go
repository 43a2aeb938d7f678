package corsconf

import "cmp"

// MarkS3First sets S3First on the one diagnostic of ds that Amazon S3 would
// most likely return, since PutBucketCors stops at the first problem, and
// clears it on all the others. Only diagnostics with an S3 answer take part;
// when none has one, none is marked. It works on the diagnostics of any
// producer (parsers, [Validate]) by reading their Rule, S3 code, position
// and path, so call it once per document on all of that document's
// diagnostics together.
//
// The order follows the recommendation of the S3 CORS specification (§2.2):
//
//  1. document-too-large, since S3 would refuse the body before reading it;
//  2. schema and structure failures (S3 code MalformedXML: syntax, unknown
//     or repeated elements, no rule, empty rule, missing origin or method,
//     bad MaxAgeSeconds), in document order: by position, then by path for
//     those without one;
//  3. too-many-rules;
//  4. the value checks, rule by rule in document order, and within a rule
//     AllowedMethod, AllowedOrigin, AllowedHeader, ExposeHeader, then ID,
//     each list in value order.
//
// That S3 validates one rule at a time and stops at the first bad one is
// documented by MinIO's emulation. The order within a rule is a guess:
// it is UNVERIFIED, and Scality and MinIO check in different orders.
func MarkS3First(ds Diagnostics) {
	best := -1
	var bestRank s3Rank
	for i := range ds {
		ds[i].S3First = false
		if ds[i].S3 == nil {
			continue
		}
		r := s3RankOf(&ds[i])
		if best < 0 || compareS3Rank(r, bestRank) < 0 {
			best, bestRank = i, r
		}
	}
	if best >= 0 {
		ds[best].S3First = true
	}
}

// The stages of S3's validation, in the order S3 most likely runs them.
const (
	s3StageSize     = iota // V13: the body is too large
	s3StageSchema          // MalformedXML: V1-V4, V10, V14
	s3StageRules           // V11: more than 100 rules
	s3StageValueChk        // V5-V9, V12, and any other answer
)

// s3FieldOrder ranks the fields of a rule in the order S3 most likely
// checks their values (a guess, see [MarkS3First]). The rule itself comes
// first; fields not listed come last. The order differs from
// [RuleFields] on purpose.
var s3FieldOrder = []string{"", AllowedMethodName, AllowedOriginName, AllowedHeaderName, ExposeHeaderName, IDName, MaxAgeSecondsName}

// s3Rank is where a diagnostic falls in S3's likely order of checks.
type s3Rank struct {
	stage int
	pos   Pos
	rule  int // rule index; -1 for the root or an unreadable path
	field int // index in s3FieldOrder, len(s3FieldOrder) when not listed
	value int // value index; -1 for the field or rule itself
}

func s3RankOf(d *Diagnostic) s3Rank {
	r := s3Rank{pos: d.Pos}
	switch {
	case d.Rule == "document-too-large":
		r.stage = s3StageSize
	case d.S3.Code == errMalformedXML().Code:
		r.stage = s3StageSchema
	case d.Rule == "too-many-rules":
		r.stage = s3StageRules
	default:
		r.stage = s3StageValueChk
	}
	var field string
	r.rule, field, r.value = SplitPath(d.Path)
	r.field = len(s3FieldOrder)
	for k, f := range s3FieldOrder {
		if f == field {
			r.field = k
			break
		}
	}
	return r
}

// compareS3Rank orders a before b when S3 would most likely report a first.
func compareS3Rank(a, b s3Rank) int {
	if c := cmp.Compare(a.stage, b.stage); c != 0 {
		return c
	}
	if a.stage == s3StageSchema {
		// Document order: a schema validator stops at the first element
		// that does not fit.
		return cmp.Or(compareS3Pos(a.pos, b.pos), compareS3Path(a, b))
	}
	return cmp.Or(compareS3Path(a, b), compareS3Pos(a.pos, b.pos))
}

// compareS3Pos orders known positions by line and column, before unknown
// ones.
func compareS3Pos(a, b Pos) int {
	switch {
	case a.IsValid() && b.IsValid():
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	case a.IsValid():
		return -1
	case b.IsValid():
		return 1
	}
	return 0
}

func compareS3Path(a, b s3Rank) int {
	return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.field, b.field), cmp.Compare(a.value, b.value))
}
