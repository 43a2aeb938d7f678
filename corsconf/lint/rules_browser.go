package lint

// browserRules find configurations that S3 accepts but that break what
// browsers and browser SDKs need. sdk-headers-not-allowed must come before
// content-type-not-allowed, which leaves content-type to it.
var browserRules = []*Rule{
	ruleETagNotExposed,
	ruleSDKHeadersNotAllowed,
	ruleContentTypeNotAllowed,
	ruleHeadMissing,
	ruleMaxAgeOverBrowserCap,
	ruleMaxAgeMissing,
	ruleSafelistedHeaderExposed,
	ruleExposeHeaderNotSent,
}
