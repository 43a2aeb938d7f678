package corsconf

import (
	"encoding/json"
	"io"
)

// jsonRule is a [Rule] as the S3 JSON forms write it: the keys in S3's
// order, absent fields (ID "", nil or empty lists, nil MaxAgeSeconds) left
// out. Its fields mirror Rule's, so that a Rule converts to it directly and
// a field added to Rule alone fails to compile here.
type jsonRule struct {
	ID             string   `json:"ID,omitempty"`
	AllowedOrigins []string `json:"AllowedOrigins,omitempty"`
	AllowedMethods []string `json:"AllowedMethods,omitempty"`
	AllowedHeaders []string `json:"AllowedHeaders,omitempty"`
	ExposeHeaders  []string `json:"ExposeHeaders,omitempty"`
	MaxAgeSeconds  *int     `json:"MaxAgeSeconds,omitempty"`
}

// jsonCLIConfig is the AWS CLI form: {"CORSRules": [...]}.
type jsonCLIConfig struct {
	CORSRules []jsonRule `json:"CORSRules"`
}

// formatJSON writes c in the console form (a bare array of rules) or the
// AWS CLI form ({"CORSRules": [...]}), indented by two spaces as
// json.MarshalIndent does, with a final newline. HTML characters such as
// "&" and "<" are written as they are, not escaped.
func (c *Config) formatJSON(w io.Writer, f Format) error {
	rules := make([]jsonRule, len(c.Rules)) // never nil: no rules is "[]"
	for i, r := range c.Rules {
		rules[i] = jsonRule(r)
	}
	var v any
	switch f {
	case FormatConsole:
		v = rules
	case FormatCLI:
		v = jsonCLIConfig{CORSRules: rules}
	default:
		return errUnknownFormat(f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
