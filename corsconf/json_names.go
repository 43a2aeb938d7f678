package corsconf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The keys of the S3 JSON forms (AWS CLI, SDKs, console) and the advice
// given for the names other dialects use (s3-cors-semantics.md §1.6; peers.md §3).

// jsonRulesKey is the only key of the AWS CLI form.
const jsonRulesKey = "CORSRules"

// jsonRuleKeys are the keys of a rule: jsonRuleKeys[k] is the key of
// RuleFields[k], the XML element name that paths use.
var jsonRuleKeys = [...]string{"ID", "AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders", "MaxAgeSeconds"}

var jsonTopKeys = []string{jsonRulesKey}

// jsonRuleFieldIndex returns the index of key in jsonRuleKeys (and so in
// RuleFields), matched exactly as the AWS CLI and the console do, or -1.
func jsonRuleFieldIndex(key string) int {
	return slices.Index(jsonRuleKeys[:], key)
}

// jsonKeyAlias is a key another dialect uses: want is the S3 JSON key it
// stands for ("" when there is none) and why says where the name comes from.
type jsonKeyAlias struct{ want, why string }

const (
	jsonWhyCFN    = "CloudFormation's name"
	jsonWhyCDK    = "CDK's name"
	jsonWhyXML    = "the XML element name; JSON keys are plural"
	jsonWhyR2Rule = `"allowed" is Cloudflare R2's shape; S3 JSON uses "AllowedOrigins", "AllowedMethods" and "AllowedHeaders"`
)

var jsonRuleAliases = map[string]jsonKeyAlias{
	"ExposedHeaders": {"ExposeHeaders", jsonWhyCFN},
	"MaxAge":         {"MaxAgeSeconds", jsonWhyCFN},
	"Id":             {"ID", jsonWhyCFN},
	"exposedHeaders": {"ExposeHeaders", jsonWhyCDK},
	"maxAge":         {"MaxAgeSeconds", jsonWhyCDK},
	"AllowedOrigin":  {"AllowedOrigins", jsonWhyXML},
	"AllowedMethod":  {"AllowedMethods", jsonWhyXML},
	"AllowedHeader":  {"AllowedHeaders", jsonWhyXML},
	"ExposeHeader":   {"ExposeHeaders", jsonWhyXML},
	"allowed":        {"", jsonWhyR2Rule},
}

var jsonTopAliases = map[string]jsonKeyAlias{
	"CorsRules": {jsonRulesKey, jsonWhyCFN},
	"CORSRule":  {jsonRulesKey, jsonWhyXML},
	"cors_rule": {jsonRulesKey, "Terraform's block name"},
	"cors":      {jsonRulesKey, jsonWhyCDK},
	"rules": {"", `{"rules": [...]} is Cloudflare R2's format; the AWS CLI takes {"CORSRules": [...]} ` +
		`with S3's key names`},
	"CORSConfiguration": {"", `the AWS CLI takes what goes inside "CORSConfiguration": write {"CORSRules": [...]}`},
	"CorsConfiguration": {"", `"CorsConfiguration" is CloudFormation's wrapper; the AWS CLI takes {"CORSRules": [...]}`},
}

// jsonKeyHint advises on an unknown key: the name it stands for in another
// dialect, a key that differs only in case or by underscores, one within a
// small edit distance, or else the list of valid keys.
func jsonKeyHint(key string, valid []string, aliases map[string]jsonKeyAlias) string {
	if a, ok := aliases[key]; ok {
		if a.want == "" {
			return a.why
		}
		return fmt.Sprintf("did you mean %q? (%s is %s)", a.want, key, a.why)
	}
	for _, v := range valid {
		if strings.EqualFold(key, v) {
			return fmt.Sprintf("did you mean %q? (%s)", v, jsonCaseReason(key))
		}
	}
	if strings.Contains(key, "_") {
		for _, v := range valid {
			if strings.EqualFold(strings.ReplaceAll(key, "_", ""), v) {
				return fmt.Sprintf("did you mean %q? (%s is Terraform's snake_case name)", v, key)
			}
		}
	}
	if v := Suggest(key, valid); v != "" { // didyoumean.go, as for XML names
		return fmt.Sprintf("did you mean %q?", v)
	}
	return jsonValidKeys(valid)
}

// jsonCaseReason explains a key that differs from a valid one only in case.
func jsonCaseReason(key string) string {
	first, _ := utf8.DecodeRuneInString(key)
	if unicode.IsLower(first) && strings.ToLower(key) != key {
		return "keys are case-sensitive; " + key + " is the camelCase spelling of CDK and Pulumi"
	}
	return "keys are case-sensitive"
}

// jsonValidKeys lists the valid keys for a hint.
func jsonValidKeys(valid []string) string {
	q := make([]string, len(valid))
	for i, v := range valid {
		q[i] = strconv.Quote(v)
	}
	if len(q) == 1 {
		return "the only valid key is " + q[0]
	}
	return "valid keys are " + strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// jsonKind names the JSON type of a token for a message: "a string", "a list".
func jsonKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "a list"
		}
		if v == '{' {
			return "an object"
		}
		return strconv.Quote(v.String())
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// jsonMaxEcho is the longest source text a hint quotes back.
const jsonMaxEcho = 80

// raw returns the source text of the scalar token that starts at off and
// was just read, or "" when it is too long to quote in a hint.
func (r *jsonReader) raw(off int) string {
	end := min(int(r.dec.InputOffset()), len(r.body))
	if off >= end || end-off > jsonMaxEcho {
		return ""
	}
	return string(r.body[off:end])
}

// listHint advises on a value that should have been a list of strings.
func (r *jsonReader) listHint(tok json.Token, off int) string {
	switch tok.(type) {
	case string:
		if raw := r.raw(off); raw != "" {
			return "write [" + raw + "]"
		}
		return "put the value in a list: [...]"
	case nil:
		return "leave the key out, or write []"
	}
	return ""
}

// quoteHint advises on a number or boolean that should have been a string.
func (r *jsonReader) quoteHint(tok json.Token, off int) string {
	switch tok.(type) {
	case json.Number, bool:
		if raw := r.raw(off); raw != "" {
			return `write "` + raw + `"`
		}
		return "write it in double quotes"
	}
	return ""
}

// unquoteHint advises on a MaxAgeSeconds given as a string, when the
// string holds an integer.
func unquoteHint(s string) string {
	if n, err := strconv.Atoi(s); err == nil && isJSONInt(s) {
		return "write " + strconv.Itoa(n) + " without quotes"
	}
	return ""
}

// isJSONInt reports whether s is a JSON number without fraction or
// exponent: an optional minus sign and digits.
func isJSONInt(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// jsonNotIntegerAdvice returns the message format (with one %q for the number)
// and the hint for a MaxAgeSeconds number that is not an integer literal.
func jsonNotIntegerAdvice(s string) (format, hint string) {
	f, err := strconv.ParseFloat(s, 64)
	if err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return "MaxAgeSeconds %q is not written as an integer", fmt.Sprintf("write %d", int64(f))
	}
	return "MaxAgeSeconds %q is not an integer", "write a whole number of seconds, such as 3000"
}

const (
	jsonSpace      = " \t\r\n"
	jsonSeparators = jsonSpace + ",:"
)

// jsonSkip returns the offset of the first byte of b at or after off that
// is not in set, or len(b).
func jsonSkip(b []byte, off int, set string) int {
	for off < len(b) && strings.IndexByte(set, b[off]) >= 0 {
		off++
	}
	return off
}

// jsonDescribeByte names the character at offset off of b for a message.
func jsonDescribeByte(b []byte, off int) string {
	c, _ := utf8.DecodeRune(b[off:])
	return strconv.QuoteRune(c)
}

// syntaxHint advises on the usual ways hand-written JSON goes wrong, for a
// syntax error at offset off.
func (r *jsonReader) syntaxHint(off int) string {
	b := r.body
	if off >= len(b) {
		return "a string, list or object is not closed"
	}
	switch c := b[off]; c {
	case '\'':
		return "JSON strings and keys take double quotes"
	case '/', '#':
		return "JSON has no comments"
	case ']', '}':
		if len(r.open) == 0 {
			return ""
		}
		inner := r.open[len(r.open)-1]
		if want := b[inner] + 2; c != want { // '['+2 is ']', '{'+2 is '}'
			return fmt.Sprintf("the %q at %s is still open: close it with %q first",
				b[inner], r.p.at(r.p.base+inner), want)
		}
		if prev := bytes.TrimRight(b[:off], jsonSpace); len(prev) > 0 && prev[len(prev)-1] == ',' {
			return "JSON allows no comma before a closing bracket or brace"
		}
	}
	return ""
}
