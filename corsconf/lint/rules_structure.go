package lint

// structureRules find rules that can never be used, repeated values and
// limits being approached.
var structureRules = []*Rule{
	ruleDuplicateRule,
	ruleShadowedRule,
	ruleDuplicateValue,
	ruleDuplicateID,
	ruleRuleWithoutID,
	ruleAllMethods,
	ruleTooManyRules,
	ruleDocumentNearSizeLimit,
}
