package corsconf

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestParseJSONDiagnostics checks every rule ID the JSON reader reports,
// with its position, message and hint, and what is read despite them.
func TestParseJSONDiagnostics(t *testing.T) {
	t.Parallel()
	const (
		ruleKeysHint = `valid keys are "ID", "AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders" and "MaxAgeSeconds"`
		notObject    = `write each rule as {"AllowedOrigins": [...], "AllowedMethods": [...]} [wrong-type]`
		camel        = "keys are case-sensitive; %s is the camelCase spelling of CDK and Pulumi"
	)
	unknown := func(col, key, hint string) string {
		return "c.json:1:" + col + `: error: unknown key "` + key + `" in rule; ` + hint + " [unknown-field]"
	}
	unknownTop := func(col, key, hint string) string {
		return "c.json:1:" + col + `: error: unknown key "` + key + `" in the top-level object; ` + hint + " [unknown-field]"
	}
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string
		config *Config // checked when set
	}{
		// syntax: one diagnostic at the offending byte, then nothing more.
		{"syntax/trailing comma", FormatConsole, `[{"ID": "a",}]`, []string{
			`c.json:1:13: error: invalid JSON: invalid character '}' looking for beginning of object key string; JSON allows no comma before a closing bracket or brace [syntax]`}, nil},
		{"syntax/trailing comma in a list", FormatConsole, `[{"AllowedOrigins": ["a",]}]`, []string{
			`c.json:1:26: error: invalid JSON: invalid character ']' looking for beginning of value; JSON allows no comma before a closing bracket or brace [syntax]`}, nil},
		{"syntax/mismatched closer", FormatConsole, "[\n {\"ID\": \"a\"]", []string{
			`c.json:2:12: error: invalid JSON: invalid character ']' after object key:value pair; the '{' at 2:2 is still open: close it with '}' first [syntax]`}, nil},
		{"syntax/comment", FormatConsole, "[ # rules\n]", []string{
			`c.json:1:3: error: invalid JSON: invalid character '#' looking for beginning of value; JSON has no comments [syntax]`}, nil},
		{"syntax/missing comma", FormatConsole, `[{"ID": "a"} {"ID": "b"}]`, []string{
			`c.json:1:14: error: invalid JSON: invalid character '{' after array element [syntax]`}, nil},
		{"syntax/misplaced literal", FormatConsole, `[{"ID": "a"} tru]`, []string{
			`c.json:1:14: error: invalid JSON: invalid character 't' after array element [syntax]`}, nil},
		{"syntax/single quotes", FormatConsole, `[{'ID': 'a'}]`, []string{
			`c.json:1:3: error: invalid JSON: invalid character '\''; JSON strings and keys take double quotes [syntax]`}, nil},
		{"syntax/bad literal", FormatConsole, `[{"ID": tru}]`, []string{
			`c.json:1:12: error: invalid JSON: invalid character '}' in literal true (expecting 'e') [syntax]`}, nil},
		{"syntax/bad escape on line 2", FormatConsole, "[\n{\"ID\": \"a\\qb\"}]", []string{
			`c.json:2:11: error: invalid JSON: invalid character 'q' in string escape code [syntax]`}, nil},
		{"syntax/lone minus", FormatConsole, `[{"MaxAgeSeconds": -}]`, []string{
			`c.json:1:21: error: invalid JSON: invalid character '}' in numeric literal [syntax]`}, nil},
		{"syntax/plus sign", FormatConsole, `[{"MaxAgeSeconds": +1}]`, []string{
			`c.json:1:20: error: invalid JSON: invalid character '+' looking for beginning of value [syntax]`}, nil},
		{"syntax/leading zero", FormatConsole, `[{"MaxAgeSeconds": 01}]`, []string{
			`c.json:1:21: error: invalid JSON: invalid character '1' after object key:value pair [syntax]`}, nil},
		{"syntax/unclosed string", FormatConsole, "[\n  {\"ID\": \"abc", []string{
			`c.json:2:14: error: invalid JSON: unexpected end of input; a string, list or object is not closed [syntax]`}, nil},
		{"syntax/unclosed array", FormatConsole, `[{"ID": "a"}`, []string{
			`c.json:1:13: error: invalid JSON: unexpected end of input; a string, list or object is not closed [syntax]`}, nil},
		{"syntax/stops at the first", FormatConsole, `[{"ID": "a"}, }, {"Foo": 1}]`, []string{
			`c.json:1:15: error: invalid JSON: invalid character '}' looking for beginning of value; the '[' at 1:1 is still open: close it with ']' first [syntax]`}, nil},
		{"syntax/trailing value", FormatConsole, `[] []`, []string{
			`c.json:1:4: error: invalid JSON: unexpected '[' after the end of the document; a JSON document holds a single value; remove what follows it [syntax]`}, nil},
		{"syntax/trailing brace", FormatCLI, "{\"CORSRules\": []}}\n", []string{
			`c.json:1:18: error: invalid JSON: unexpected '}' after the end of the document; a JSON document holds a single value; remove what follows it [syntax]`}, nil},
		{"syntax/trailing text after errors", FormatConsole, "[{\"Foo\": 1}]\n\n  // end", []string{
			unknown("3", "Foo", ruleKeysHint),
			`c.json:3:3: error: invalid JSON: unexpected '/' after the end of the document; JSON has no comments [syntax]`}, nil},

		// unknown-field in a rule: other dialects' names, then edit distance.
		{"cloudformation/ExposedHeaders", FormatConsole, `[{"ExposedHeaders": ["ETag"]}]`, []string{
			unknown("3", "ExposedHeaders", `did you mean "ExposeHeaders"? (ExposedHeaders is CloudFormation's name)`)}, nil},
		{"cloudformation/MaxAge", FormatConsole, `[{"MaxAge": 5}]`, []string{
			unknown("3", "MaxAge", `did you mean "MaxAgeSeconds"? (MaxAge is CloudFormation's name)`)}, nil},
		{"cloudformation/Id", FormatConsole, `[{"Id": "a"}]`, []string{
			unknown("3", "Id", `did you mean "ID"? (Id is CloudFormation's name)`)}, nil},
		{"xml/AllowedOrigin", FormatConsole, `[{"AllowedOrigin": ["*"]}]`, []string{
			unknown("3", "AllowedOrigin", `did you mean "AllowedOrigins"? (AllowedOrigin is the XML element name; JSON keys are plural)`)}, nil},
		{"xml/AllowedMethod", FormatConsole, `[{"AllowedMethod": ["GET"]}]`, []string{
			unknown("3", "AllowedMethod", `did you mean "AllowedMethods"? (AllowedMethod is the XML element name; JSON keys are plural)`)}, nil},
		{"xml/AllowedHeader", FormatConsole, `[{"AllowedHeader": ["*"]}]`, []string{
			unknown("3", "AllowedHeader", `did you mean "AllowedHeaders"? (AllowedHeader is the XML element name; JSON keys are plural)`)}, nil},
		{"xml/ExposeHeader", FormatConsole, `[{"ExposeHeader": ["ETag"]}]`, []string{
			unknown("3", "ExposeHeader", `did you mean "ExposeHeaders"? (ExposeHeader is the XML element name; JSON keys are plural)`)}, nil},
		{"case/allowedOrigins", FormatConsole, `[{"allowedOrigins": ["*"]}]`, []string{
			unknown("3", "allowedOrigins", `did you mean "AllowedOrigins"? (`+fmt.Sprintf(camel, "allowedOrigins")+`)`)}, nil},
		{"case/maxAgeSeconds", FormatConsole, `[{"maxAgeSeconds": 5}]`, []string{
			unknown("3", "maxAgeSeconds", `did you mean "MaxAgeSeconds"? (`+fmt.Sprintf(camel, "maxAgeSeconds")+`)`)}, nil},
		{"case/upper", FormatConsole, `[{"ALLOWEDMETHODS": ["GET"]}]`, []string{
			unknown("3", "ALLOWEDMETHODS", `did you mean "AllowedMethods"? (keys are case-sensitive)`)}, nil},
		{"case/id", FormatConsole, `[{"id": "a"}]`, []string{
			unknown("3", "id", `did you mean "ID"? (keys are case-sensitive)`)}, nil},
		{"cdk/exposedHeaders", FormatConsole, `[{"exposedHeaders": ["ETag"]}]`, []string{
			unknown("3", "exposedHeaders", `did you mean "ExposeHeaders"? (exposedHeaders is CDK's name)`)}, nil},
		{"cdk/maxAge", FormatConsole, `[{"maxAge": 5}]`, []string{
			unknown("3", "maxAge", `did you mean "MaxAgeSeconds"? (maxAge is CDK's name)`)}, nil},
		{"terraform/allowed_origins", FormatConsole, `[{"allowed_origins": ["*"]}]`, []string{
			unknown("3", "allowed_origins", `did you mean "AllowedOrigins"? (allowed_origins is Terraform's snake_case name)`)}, nil},
		{"terraform/expose_headers", FormatConsole, `[{"expose_headers": ["ETag"]}]`, []string{
			unknown("3", "expose_headers", `did you mean "ExposeHeaders"? (expose_headers is Terraform's snake_case name)`)}, nil},
		{"terraform/max_age_seconds", FormatConsole, `[{"max_age_seconds": 5}]`, []string{
			unknown("3", "max_age_seconds", `did you mean "MaxAgeSeconds"? (max_age_seconds is Terraform's snake_case name)`)}, nil},
		{"r2/allowed", FormatConsole, `[{"allowed": {"origins": ["*"]}}]`, []string{
			unknown("3", "allowed", `"allowed" is Cloudflare R2's shape; S3 JSON uses "AllowedOrigins", "AllowedMethods" and "AllowedHeaders"`)}, nil},
		{"typo/AllowedOrigns", FormatConsole, `[{"AllowedOrigns": ["*"]}]`, []string{
			unknown("3", "AllowedOrigns", `did you mean "AllowedOrigins"?`)}, nil},
		{"typo/Exposeheaderz", FormatConsole, `[{"Exposeheaderz": ["*"]}]`, []string{
			unknown("3", "Exposeheaderz", `did you mean "ExposeHeaders"?`)}, nil},
		{"typo/IDs", FormatConsole, `[{"IDs": "a"}]`, []string{
			unknown("3", "IDs", `did you mean "ID"?`)}, nil},
		{"unknown/Foo", FormatConsole, `[{"Foo": 1}]`, []string{unknown("3", "Foo", ruleKeysHint)}, nil},
		{"unknown/x", FormatConsole, `[{"x": 1}]`, []string{unknown("3", "x", ruleKeysHint)}, nil},

		// unknown-field at the top level of the AWS CLI form.
		{"top/CorsRules", FormatCLI, `{"CorsRules": []}`, []string{
			unknownTop("2", "CorsRules", `did you mean "CORSRules"? (CorsRules is CloudFormation's name)`)}, nil},
		{"top/CORSRule", FormatCLI, `{"CORSRule": []}`, []string{
			unknownTop("2", "CORSRule", `did you mean "CORSRules"? (CORSRule is the XML element name; JSON keys are plural)`)}, nil},
		{"top/cors_rule", FormatCLI, `{"cors_rule": []}`, []string{
			unknownTop("2", "cors_rule", `did you mean "CORSRules"? (cors_rule is Terraform's block name)`)}, nil},
		{"top/corsRules", FormatCLI, `{"corsRules": []}`, []string{
			unknownTop("2", "corsRules", `did you mean "CORSRules"? (`+fmt.Sprintf(camel, "corsRules")+`)`)}, nil},
		{"top/rules", FormatCLI, `{"rules": []}`, []string{
			unknownTop("2", "rules", `{"rules": [...]} is Cloudflare R2's format; the AWS CLI takes {"CORSRules": [...]} with S3's key names`)}, nil},
		{"top/CORSConfiguration", FormatCLI, `{"CORSConfiguration": {"CORSRules": []}}`, []string{
			unknownTop("2", "CORSConfiguration", `the AWS CLI takes what goes inside "CORSConfiguration": write {"CORSRules": [...]}`)}, nil},
		{"top/typo", FormatCLI, `{"CORSRulez": []}`, []string{unknownTop("2", "CORSRulez", `did you mean "CORSRules"?`)}, nil},
		{"top/beside CORSRules", FormatCLI, `{"CORSRules": [], "Bucket": "b"}`, []string{
			unknownTop("19", "Bucket", `the only valid key is "CORSRules"`)}, nil},

		// wrong-type.
		{"type/string for a list", FormatConsole, `[{"AllowedMethods": "GET"}]`, []string{
			`c.json:1:21: error: "AllowedMethods" must be a list of strings, not a string; write ["GET"] [wrong-type]`}, nil},
		{"type/null for a list", FormatConsole, `[{"AllowedOrigins": null}]`, []string{
			`c.json:1:21: error: "AllowedOrigins" must be a list of strings, not null; leave the key out, or write [] [wrong-type]`}, nil},
		{"type/number for a list", FormatConsole, `[{"AllowedHeaders": 5}]`, []string{
			`c.json:1:21: error: "AllowedHeaders" must be a list of strings, not a number [wrong-type]`}, nil},
		{"type/object for a list", FormatConsole, `[{"ExposeHeaders": {"a": ["b"]}, "ID": "x"}]`, []string{
			`c.json:1:20: error: "ExposeHeaders" must be a list of strings, not an object [wrong-type]`},
			&Config{Rules: []Rule{{ID: "x"}}}},
		{"type/list values", FormatConsole, `[{"AllowedOrigins": ["a", 1, true, null, ["x"], {}, "b"]}]`, []string{
			`c.json:1:27: error: "AllowedOrigins" values must be strings, not a number; write "1" [wrong-type]`,
			`c.json:1:30: error: "AllowedOrigins" values must be strings, not a boolean; write "true" [wrong-type]`,
			`c.json:1:36: error: "AllowedOrigins" values must be strings, not null [wrong-type]`,
			`c.json:1:42: error: "AllowedOrigins" values must be strings, not a list [wrong-type]`,
			`c.json:1:49: error: "AllowedOrigins" values must be strings, not an object [wrong-type]`},
			&Config{Rules: []Rule{{AllowedOrigins: []string{"a", "b"}}}}},
		{"type/ID number", FormatConsole, `[{"ID": 42}]`, []string{
			`c.json:1:9: error: "ID" must be a string, not a number; write "42" [wrong-type]`}, nil},
		{"type/ID null", FormatConsole, `[{"ID": null}]`, []string{
			`c.json:1:9: error: "ID" must be a string, not null [wrong-type]`}, nil},
		{"type/MaxAgeSeconds quoted", FormatConsole, `[{"MaxAgeSeconds": "3000"}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a string; write 3000 without quotes [wrong-type]`},
			&Config{Rules: []Rule{{}}}},
		{"type/MaxAgeSeconds quoted with zeros", FormatConsole, `[{"MaxAgeSeconds": "007"}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a string; write 7 without quotes [wrong-type]`}, nil},
		{"type/MaxAgeSeconds quoted beyond int64", FormatConsole, `[{"MaxAgeSeconds": "99999999999999999999"}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a string [wrong-type]`}, nil},
		{"type/long string for a list", FormatConsole, `[{"AllowedOrigins": "` + strings.Repeat("a", 80) + `"}]`, []string{
			`c.json:1:21: error: "AllowedOrigins" must be a list of strings, not a string; put the value in a list: [...] [wrong-type]`}, nil},
		{"type/MaxAgeSeconds text", FormatConsole, `[{"MaxAgeSeconds": "soon"}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a string [wrong-type]`}, nil},
		{"type/MaxAgeSeconds boolean", FormatConsole, `[{"MaxAgeSeconds": true}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a boolean [wrong-type]`}, nil},
		{"type/MaxAgeSeconds list", FormatConsole, `[{"MaxAgeSeconds": [3000], "ID": "x"}]`, []string{
			`c.json:1:20: error: "MaxAgeSeconds" must be an integer, not a list [wrong-type]`},
			&Config{Rules: []Rule{{ID: "x"}}}},
		{"type/rules that are not objects", FormatConsole, `["GET", 5, [{"ID": "x"}], null, {"ID": "y"}]`, []string{
			`c.json:1:2: error: a rule must be an object, not a string; ` + notObject,
			`c.json:1:9: error: a rule must be an object, not a number; ` + notObject,
			`c.json:1:12: error: a rule must be an object, not a list; ` + notObject,
			`c.json:1:27: error: a rule must be an object, not null; ` + notObject},
			&Config{Rules: []Rule{{ID: "y"}}}},
		{"type/CORSRules object", FormatCLI, `{"CORSRules": {"AllowedOrigins": ["*"]}}`, []string{
			`c.json:1:15: error: "CORSRules" must be a list of rules, not an object; put the rule in a list: "CORSRules": [{...}] [wrong-type]`}, nil},
		{"type/CORSRules null", FormatCLI, `{"CORSRules": null}`, []string{
			`c.json:1:15: error: "CORSRules" must be a list of rules, not null [wrong-type]`}, nil},
		{"type/missing CORSRules", FormatCLI, "\n  {}", []string{
			`c.json:2:3: error: missing "CORSRules": AWS CLI JSON is an object whose only key is "CORSRules"; write {"CORSRules": [...]} with the rules in the list [wrong-type]`}, nil},

		// duplicate-field: reported at the second key; the first value is kept.
		{"duplicate/list", FormatConsole, `[{"AllowedOrigins": ["a"], "AllowedOrigins": ["b"]}]`, []string{
			`c.json:1:28: error: duplicate key "AllowedOrigins" in rule: the AWS CLI would keep the last one; keep a single "AllowedOrigins"; this tool reads the first one [duplicate-field]`},
			&Config{Rules: []Rule{{AllowedOrigins: []string{"a"}}}}},
		{"duplicate/ID", FormatConsole, `[{"ID": "a", "ID": "b"}]`, []string{
			`c.json:1:14: error: duplicate key "ID" in rule: the AWS CLI would keep the last one; keep a single "ID"; this tool reads the first one [duplicate-field]`},
			&Config{Rules: []Rule{{ID: "a"}}}},
		{"duplicate/MaxAgeSeconds", FormatConsole, `[{"MaxAgeSeconds": 1, "MaxAgeSeconds": "x"}]`, []string{
			`c.json:1:23: error: duplicate key "MaxAgeSeconds" in rule: the AWS CLI would keep the last one; keep a single "MaxAgeSeconds"; this tool reads the first one [duplicate-field]`},
			&Config{Rules: []Rule{{MaxAgeSeconds: jsonIntPtr(1)}}}},
		{"duplicate/CORSRules", FormatCLI, `{"CORSRules": [{"ID": "a"}], "CORSRules": []}`, []string{
			`c.json:1:30: error: duplicate key "CORSRules" in the top-level object: the AWS CLI would keep the last one; keep a single "CORSRules"; this tool reads the first one [duplicate-field]`},
			&Config{Rules: []Rule{{ID: "a"}}}},

		// invalid-max-age: not an integer literal, or beyond int.
		{"max age/fraction", FormatConsole, `[{"MaxAgeSeconds": 1.5}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "1.5" is not an integer; write a whole number of seconds, such as 3000 [invalid-max-age]`},
			&Config{Rules: []Rule{{}}}},
		{"max age/exponent", FormatConsole, `[{"MaxAgeSeconds": 1e3}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "1e3" is not written as an integer; write 1000 [invalid-max-age]`}, nil},
		{"max age/point zero", FormatConsole, `[{"MaxAgeSeconds": 3000.0}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "3000.0" is not written as an integer; write 3000 [invalid-max-age]`}, nil},
		{"max age/negative exponent", FormatConsole, `[{"MaxAgeSeconds": -1E2}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "-1E2" is not written as an integer; write -100 [invalid-max-age]`}, nil},
		{"max age/huge exponent", FormatConsole, `[{"MaxAgeSeconds": 1e400}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "1e400" is not an integer; write a whole number of seconds, such as 3000 [invalid-max-age]`}, nil},
		{"max age/beyond int64", FormatConsole, `[{"MaxAgeSeconds": 9223372036854775808}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "9223372036854775808" is out of range; write a whole number of seconds, such as 3000 [invalid-max-age]`}, nil},
		{"max age/below int64", FormatConsole, `[{"MaxAgeSeconds": -9223372036854775809}]`, []string{
			`c.json:1:20: error: MaxAgeSeconds "-9223372036854775809" is out of range; write a whole number of seconds, such as 3000 [invalid-max-age]`}, nil},

		// Every problem of a document is reported in one run.
		{"all problems in one run", FormatConsole, "[\n" +
			`  {"AllowedOrigin": ["*"], "AllowedMethods": "GET"},` + "\n" +
			`  {"MaxAgeSeconds": 1.5, "ID": 7},` + "\n" +
			`  "oops"` + "\n]\n", []string{
			`c.json:2:4: error: unknown key "AllowedOrigin" in rule; did you mean "AllowedOrigins"? (AllowedOrigin is the XML element name; JSON keys are plural) [unknown-field]`,
			`c.json:2:46: error: "AllowedMethods" must be a list of strings, not a string; write ["GET"] [wrong-type]`,
			`c.json:3:21: error: MaxAgeSeconds "1.5" is not an integer; write a whole number of seconds, such as 3000 [invalid-max-age]`,
			`c.json:3:32: error: "ID" must be a string, not a number; write "7" [wrong-type]`,
			`c.json:4:3: error: a rule must be an object, not a string; ` + notObject},
			&Config{Rules: []Rule{{}, {}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc, diags := Parse("c.json", []byte(tt.in), tt.format)
			checkJSONDiags(t, diags, tt.want)
			if tt.config != nil && !reflect.DeepEqual(doc.Config, *tt.config) {
				t.Errorf("config =\n%s\nwant\n%s", dumpJSONConfig(doc.Config), dumpJSONConfig(*tt.config))
			}
		})
	}
}
