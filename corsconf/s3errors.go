package corsconf

import "fmt"

// The answers of PutBucketCors to the checks V1-V14 of docs/s3-behaviour.md.
// Each function returns a fresh value.

// MaxRules is the most rules a configuration S3 accepts may hold (V11).
const MaxRules = 100

const maxIDLength = 255 // V12

// MaxDocumentSize is the largest PutBucketCors body S3 accepts (V13).
const MaxDocumentSize = 64 * 1024

func errMalformedXML() *S3Error {
	return &S3Error{Code: "MalformedXML", Message: "The XML you provided was not well-formed or did not validate against our published schema"}
}

func errUnsupportedMethod(m string) *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: "Found unsupported HTTP method in CORS config. Unsupported method is " + m}
}

func errOriginWildcards(o string) *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: fmt.Sprintf("AllowedOrigin %q can not have more than one wildcard.", o)}
}

func errHeaderWildcards(h string) *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: fmt.Sprintf("AllowedHeader %q can not have more than one wildcard.", h)}
}

func errExposeWildcard(h string) *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: fmt.Sprintf("ExposeHeader %q contains wildcard. We currently do not support wildcard for ExposeHeader.", h)}
}

// errExposeInvalid: the wording is reported, not recorded (V9).
func errExposeInvalid(h string) *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: fmt.Sprintf("AllowedHeader %q contains invalid character.", h), Unverified: true}
}

func errTooManyRules() *S3Error {
	return &S3Error{Code: "InvalidRequest", Message: "The number of CORS rules should not exceed allowed limit of 100 rules."}
}

// errIDTooLong: S3 documents the limit but no recording shows the answer
// (V12); this is the answer S3 gives for the same limit on lifecycle rules.
func errIDTooLong() *S3Error {
	return &S3Error{Code: "InvalidArgument", Message: "ID length should not exceed allowed limit of 255", Unverified: true}
}

// errTooLarge: S3 documents the limit but no recording shows the answer
// (V13); this is S3's generic answer to an oversized body.
func errTooLarge() *S3Error {
	return &S3Error{Code: "MaxMessageLengthExceeded", Message: "Your request was too big.", Unverified: true}
}
