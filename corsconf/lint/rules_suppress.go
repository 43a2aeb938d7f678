package lint

import "github.com/s3cors/s3cors/corsconf"

// suppressRules find problems in the inline ignore comments,
// <!-- s3cors-ignore rule-id: reason -->. They have no check of their own:
// [Suppress] reports their findings while it applies the comments.
var suppressRules = []*Rule{
	ruleIgnoreWithoutReason,
	ruleIgnoreUnknownRule,
	ruleUnusedIgnore,
}

var ruleIgnoreWithoutReason = &Rule{
	ID:       "ignore-without-reason",
	Severity: corsconf.SeverityWarning,
	Summary:  "an s3cors-ignore comment gives no reason after a colon, so it suppresses nothing",
	Rationale: "An ignore hides a finding from everyone who reads the configuration later; the reason is what " +
		"tells them the finding was judged and why it is acceptable. " +
		"An ignore without one does not apply: the findings it names are still reported.",
	Bad: `<!-- s3cors-ignore origin-trailing-slash -->
<CORSRule>
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<!-- s3cors-ignore origin-trailing-slash: kept while the 2019 bucket policy is audited (WEB-142) -->
<CORSRule>
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
}

var ruleIgnoreUnknownRule = &Rule{
	ID:       "ignore-unknown-rule",
	Severity: corsconf.SeverityWarning,
	Summary:  "an s3cors-ignore comment names a rule that does not exist, or no rule at all",
	Rationale: "A misspelt rule ID ignores nothing, and the finding it was meant for is still reported; " +
		"after a rule is renamed, the old ID silently stops working. Rule IDs are the ones in this catalogue.",
	Bad: `<!-- s3cors-ignore origin-trailing-slashes: kept while the 2019 bucket policy is audited (WEB-142) -->
<CORSRule>
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<!-- s3cors-ignore origin-trailing-slash: kept while the 2019 bucket policy is audited (WEB-142) -->
<CORSRule>
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
}

var ruleUnusedIgnore = &Rule{
	ID:       "unused-ignore",
	Severity: corsconf.SeverityWarning,
	Summary:  "an s3cors-ignore comment suppresses nothing: no finding of its rule where it stands, or no element after it",
	Rationale: "An ignore that suppresses nothing is left over from a problem since fixed, or sits in the wrong place: " +
		"it covers the element that follows it, and everything inside that element, and nothing else. " +
		"Left in place, it would hide the problem if it came back. Rules whose errors S3 rejects cannot be ignored.",
	Bad: `<!-- s3cors-ignore origin-trailing-slash: kept while the 2019 bucket policy is audited (WEB-142) -->
<CORSRule>
  <AllowedOrigin>https://app.example.com</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
	Good: `<CORSRule>
  <!-- s3cors-ignore origin-trailing-slash: kept while the 2019 bucket policy is audited (WEB-142) -->
  <AllowedOrigin>https://app.example.com/</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod>
</CORSRule>`,
}
