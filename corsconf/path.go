package corsconf

import "strconv"

// Canonical element names used in paths. Paths use the S3 XML element names
// whatever the source format, so that a path means the same thing for every
// format: "CORSRule[2].AllowedOrigin[0]" is the first origin of the third
// rule. Indexes are 0-based.
const (
	RootName          = "CORSConfiguration"
	RuleName          = "CORSRule"
	IDName            = "ID"
	AllowedOriginName = "AllowedOrigin"
	AllowedMethodName = "AllowedMethod"
	AllowedHeaderName = "AllowedHeader"
	ExposeHeaderName  = "ExposeHeader"
	MaxAgeSecondsName = "MaxAgeSeconds"
)

// RulePath returns the path of rule i: "CORSRule[i]".
func RulePath(i int) string {
	var b [32]byte
	return string(appendRule(b[:0], i))
}

// FieldPath returns the path of a single-valued field (ID, MaxAgeSeconds) or
// of a whole list field of rule i: "CORSRule[i].AllowedOrigin".
func FieldPath(i int, field string) string {
	var b [48]byte
	return string(appendField(b[:0], i, field))
}

// ValuePath returns the path of value j of list field of rule i:
// "CORSRule[i].AllowedOrigin[j]".
func ValuePath(i int, field string, j int) string {
	var b [64]byte
	return string(appendIndex(appendField(b[:0], i, field), j))
}

// The append functions build paths with a single allocation: paths are
// made for every value read.

func appendRule(b []byte, i int) []byte {
	return appendIndex(append(b, RuleName...), i)
}

func appendField(b []byte, i int, field string) []byte {
	return append(append(appendRule(b, i), '.'), field...)
}

func appendIndex(b []byte, i int) []byte {
	return append(strconv.AppendInt(append(b, '['), int64(i), 10), ']')
}
