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
	return RuleName + "[" + strconv.Itoa(i) + "]"
}

// FieldPath returns the path of a single-valued field (ID, MaxAgeSeconds) or
// of a whole list field of rule i: "CORSRule[i].AllowedOrigin".
func FieldPath(i int, field string) string {
	return RulePath(i) + "." + field
}

// ValuePath returns the path of value j of list field of rule i:
// "CORSRule[i].AllowedOrigin[j]".
func ValuePath(i int, field string, j int) string {
	return FieldPath(i, field) + "[" + strconv.Itoa(j) + "]"
}
