package lint

// wildcardRules find wildcards wider than meant.
var wildcardRules = []*Rule{
	ruleWildcardOrigin,
	ruleWildcardOriginWrite,
	ruleWildcardOriginMixed,
	ruleWildcardOriginUnanchored,
	ruleAllowedHeaderWildcardWrite,
}
