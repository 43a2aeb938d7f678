package corsconf

// CheckInfo is one of the checks of [Parse] and [Validate]: what it finds and
// who refuses a configuration that fails it. Its ID is the Rule of the
// diagnostics it reports.
type CheckInfo struct {
	ID, Summary, Answer string
}

const (
	answerMalformed = "Amazon S3 answers PutBucketCors with 400 MalformedXML"
	answerInvalid   = "Amazon S3 answers PutBucketCors with 400 InvalidRequest"
	answerJSON      = "the S3 console and the AWS CLI refuse the JSON before S3 sees it"
)

// checks are the checks of docs/validation.md, in its order.
var checks = []CheckInfo{
	{"syntax", "the document is not well-formed XML or JSON, holds a DOCTYPE or entity declaration, text outside elements, or is not UTF-8", answerMalformed + "; " + answerJSON},
	{"wrong-format", "--from forces a format the content is not in", "s3cors refuses to read it"},
	{"unknown-field", "an element or key S3 does not know", answerMalformed + "; " + answerJSON},
	{"wrong-type", "a JSON value of the wrong type, such as a string where a list belongs", answerJSON},
	{"duplicate-field", "a field given twice in one rule, or a JSON key given twice", answerMalformed + "; the AWS CLI keeps the last JSON value silently"},
	{"no-rules", "the configuration has no CORSRule", answerMalformed},
	{"empty-rule", "a CORSRule has no field at all", answerMalformed},
	{"missing-origin", "a CORSRule has no AllowedOrigin", answerMalformed},
	{"missing-method", "a CORSRule has no AllowedMethod", answerMalformed},
	{"unsupported-method", "an AllowedMethod other than exactly GET, PUT, HEAD, POST or DELETE", answerInvalid},
	{"origin-multiple-wildcards", "an AllowedOrigin with more than one \"*\"", answerInvalid},
	{"header-multiple-wildcards", "an AllowedHeader with more than one \"*\"", answerInvalid},
	{"expose-header-wildcard", "an ExposeHeader with a \"*\"", answerInvalid},
	{"expose-header-invalid", "an ExposeHeader that is not an HTTP header name", answerInvalid},
	{"invalid-max-age", "MaxAgeSeconds is not an integer from 0 to 2147483647", answerMalformed},
	{"too-many-rules", "more than 100 CORSRule elements", answerInvalid},
	{"id-too-long", "a rule ID longer than 255 characters", "Amazon S3 most likely answers PutBucketCors with 400 InvalidArgument"},
	{"document-too-large", "the document is larger than 64 KB as sent to S3", "Amazon S3 most likely answers PutBucketCors with 400 MaxMessageLengthExceeded"},
	{"invalid-character", "a value holds a character XML cannot carry", answerMalformed},
}

// Checks returns every check of [Parse] and [Validate], in the order of
// docs/validation.md.
func Checks() []CheckInfo { return append([]CheckInfo(nil), checks...) }

// LookupCheck returns the check with the given ID, or nil.
func LookupCheck(id string) *CheckInfo {
	for i := range checks {
		if checks[i].ID == id {
			return &checks[i]
		}
	}
	return nil
}
