package lint

// originRules find AllowedOrigin values that no browser request can match
// or that let in more than intended.
var originRules = []*Rule{
	ruleOriginTrailingSlash,
	ruleOriginHasPath,
	ruleOriginUppercase,
	ruleOriginDefaultPort,
	ruleOriginNoScheme,
	ruleOriginWhitespace,
	ruleOriginEmpty,
	ruleOriginNull,
	ruleOriginInsecureHTTP,
	ruleOriginPublicSuffixWildcard,
	ruleOriginPortWildcard,
}
