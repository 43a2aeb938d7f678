package corsconf

import (
	"strconv"
	"strings"
)

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

// RuleFields are the fields of a rule in XML element order: the order in
// which [Config.Format] writes them.
var RuleFields = []string{IDName, AllowedOriginName, AllowedMethodName, AllowedHeaderName, ExposeHeaderName, MaxAgeSecondsName}

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

// SplitPath splits a path such as "CORSRule[12].AllowedMethod[3]" into the
// rule index 12, the field "AllowedMethod" and the value index 3. A leading
// "CORSConfiguration." is ignored. The rule index is -1 when the path names
// no rule (the root, or a path that cannot be read), the field is "" when it
// names no field, and the value index is -1 when it names no value. Of a
// deeper path, such as that of an unknown element, only the rule and the
// first field are read.
func SplitPath(p string) (rule int, field string, value int) {
	rule, value = -1, -1
	p = strings.TrimPrefix(p, RootName+".")
	rest, ok := strings.CutPrefix(p, RuleName+"[")
	if !ok {
		return rule, "", value
	}
	idx, rest, ok := strings.Cut(rest, "]")
	n, err := strconv.Atoi(idx)
	if !ok || err != nil {
		return rule, "", value
	}
	rule = n
	rest, ok = strings.CutPrefix(rest, ".")
	if !ok {
		return rule, "", value
	}
	field, rest = rest, ""
	if k := strings.IndexAny(field, "[."); k >= 0 {
		field, rest = field[:k], field[k:]
	}
	if idx, ok := strings.CutPrefix(rest, "["); ok {
		idx, _, _ = strings.Cut(idx, "]")
		if n, err := strconv.Atoi(idx); err == nil {
			value = n
		}
	}
	return rule, field, value
}

// Within reports whether path is ancestor or lies inside it:
// "CORSRule[1].AllowedOrigin[0]" is within "CORSRule[1]" but
// "CORSRule[10]" is not. Rule paths do not start with [RootName], so they
// are not within it.
func Within(path, ancestor string) bool {
	return path == ancestor || len(path) > len(ancestor) && strings.HasPrefix(path, ancestor) &&
		(path[len(ancestor)] == '.' || path[len(ancestor)] == '[')
}
