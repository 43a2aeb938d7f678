package cmd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
)

// errNoConfiguration is what pull, diff and delete report for a bucket
// without a CORS configuration (S3's NoSuchCORSConfiguration).
var errNoConfiguration = errors.New("the bucket has no CORS configuration")

// apiError is the part of smithy's API errors this tool reads; matched
// with errors.As, so that no SDK-internal package is imported.
type apiError interface {
	ErrorCode() string
	ErrorMessage() string
}

// isNoConfiguration reports whether err is S3's answer for a bucket
// without a CORS configuration.
func isNoConfiguration(err error) bool {
	var ae apiError
	return errors.As(err, &ae) && ae.ErrorCode() == "NoSuchCORSConfiguration"
}

// adviseError turns an error of a bucket CORS call into one line of advice:
// what happened to which bucket and what to do. action is the IAM action
// the call needs, e.g. "s3:GetBucketCORS". The SDK's own text (which may
// quote request details) is not repeated, and credentials never appear.
func adviseError(err error, bucket, action string) error {
	if err == nil {
		return nil
	}
	if msg := adviseAPIError(err, bucket, action); msg != "" {
		return errors.New(msg)
	}
	return errors.New(adviseTransportError(err, bucket))
}

func adviseAPIError(err error, bucket, action string) string {
	var ae apiError
	if !errors.As(err, &ae) {
		return ""
	}
	b := fmt.Sprintf("bucket %q", bucket)
	switch code := ae.ErrorCode(); code {
	case "NoSuchBucket":
		return b + ": no such bucket (check the name, and --endpoint-url for an S3-compatible store)"
	case "AccessDenied", "Forbidden", "AllAccessDisabled":
		return fmt.Sprintf("%s: access denied: the credentials need the IAM permission %s on arn:aws:s3:::%s", b, action, bucket)
	case "NotImplemented":
		return b + ": the server does not implement the bucket CORS API (community MinIO, for one, answers NotImplemented: its CORS is global, set with 'mc admin config set ALIAS api cors_allow_origin=...')"
	case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException", "301", "MovedPermanently":
		return b + ": the bucket is in another region: pass --region with the bucket's region (see 'aws s3api get-bucket-location')"
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired":
		return fmt.Sprintf("%s: the credentials were refused (%s): check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the profile, or renew the session token", b, code)
	case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException":
		return b + ": S3 is throttling the requests and the retries ran out: try again later, or raise --max-attempts"
	case "InternalError", "ServiceUnavailable", "503", "500":
		return fmt.Sprintf("%s: the server failed (%s) and the retries ran out: try again later (a change may have gone through: check with pull)", b, code)
	default:
		return fmt.Sprintf("%s: S3 answered %s: %s", b, code, oneLine(ae.ErrorMessage()))
	}
}

func adviseTransportError(err error, bucket string) string {
	b := fmt.Sprintf("bucket %q", bucket)
	var re *retry.MaxAttemptsError
	retried := errors.As(err, &re)
	var ne net.Error
	var ue *url.Error
	var oe *net.OpError
	var he interface{ HTTPStatusCode() int }
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return b + ": the request timed out: check the network and the endpoint, or raise --timeout"
	case errors.Is(err, context.Canceled):
		return b + ": interrupted"
	case errors.As(err, &he) && he.HTTPStatusCode() > 0:
		// The server answered, but not with an S3 error: the answer was
		// cut short or is not S3's (a proxy, a captive portal).
		return fmt.Sprintf("%s: the server's answer (HTTP %d) could not be read: it was cut short or is not S3's: try again, and check --endpoint-url", b, he.HTTPStatusCode())
	case errors.As(err, &oe) && oe.Op == "dial":
		return fmt.Sprintf("%s: cannot connect to %s: check --endpoint-url and the network", b, oe.Addr)
	case errors.As(err, &ue):
		return fmt.Sprintf("%s: cannot reach the server (%s): check --endpoint-url and the network", b, oneLine(ue.Err.Error()))
	case retried:
		return fmt.Sprintf("%s: the request failed %d times: %s", b, re.Attempt, oneLine(errors.Unwrap(re).Error()))
	}
	return fmt.Sprintf("%s: %s", b, oneLine(err.Error()))
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}
