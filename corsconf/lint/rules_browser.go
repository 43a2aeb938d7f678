package lint

// browserRules find configurations that S3 accepts but that break what
// browsers and browser SDKs need.
var browserRules = []*Rule{}
