package corsconf

import (
	"fmt"
	"slices"
	"strings"
)

// xmlDialectNames maps element names written in another dialect to the S3
// XML name: the plural names of the JSON formats and CloudFormation's.
var xmlDialectNames = map[string]struct{ name, why string }{
	"AllowedOrigins": {AllowedOriginName, "XML repeats the singular element once per value"},
	"AllowedMethods": {AllowedMethodName, "XML repeats the singular element once per value"},
	"AllowedHeaders": {AllowedHeaderName, "XML repeats the singular element once per value"},
	"ExposeHeaders":  {ExposeHeaderName, "XML repeats the singular element once per value"},
	"ExposedHeaders": {ExposeHeaderName, "ExposedHeaders is CloudFormation's name"},
	"ExposedHeader":  {ExposeHeaderName, "ExposedHeader is not an S3 element"},
	"MaxAge":         {MaxAgeSecondsName, "MaxAge is CloudFormation's name"},
	"Id":             {IDName, "Id is CloudFormation's name"},
	"CORSRules":      {RuleName, "XML repeats <CORSRule> once per rule"},
	"CorsRule":       {RuleName, "CorsRule is CloudFormation's name"},
	"CorsRules":      {RuleName, "CorsRules is CloudFormation's name"},
}

// suggestElement returns a did-you-mean hint for an unknown element name,
// or "" when no valid name is close.
func suggestElement(got string, valid []string) string {
	if d, ok := xmlDialectNames[got]; ok && slices.Contains(valid, d.name) {
		return fmt.Sprintf("did you mean <%s>? (%s)", d.name, d.why)
	}
	for _, v := range valid {
		if strings.EqualFold(got, v) {
			return fmt.Sprintf("did you mean <%s>? (element names are case-sensitive)", v)
		}
	}
	if best := Suggest(got, valid); best != "" {
		return fmt.Sprintf("did you mean <%s>?", best)
	}
	return "valid elements: <" + strings.Join(valid, ">, <") + ">"
}
