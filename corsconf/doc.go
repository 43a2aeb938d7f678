// Package corsconf is the model of an Amazon S3 bucket CORS configuration:
// parsing, canonical formatting and validation.
//
// It reads and writes three formats: the S3 API XML document
// (<CORSConfiguration>), the S3 console JSON (a bare array of rules) and the
// AWS CLI / SDK JSON ({"CORSRules": [...]}). Parsing keeps the source
// position of every element and value, so that every [Diagnostic] can point
// at it. [Validate] reports every problem Amazon S3's PutBucketCors would
// reject, with the error code and message S3 would return.
//
// The package uses the standard library only and performs no I/O of its own:
// it parses byte slices and writes to an [io.Writer]. It never talks to AWS,
// reads files or the environment, or decides about colour.
package corsconf
