package corsconf

import "slices"

// Config is a bucket CORS configuration: an ordered list of rules. Amazon S3
// uses the first rule that matches a request, so order is significant.
type Config struct {
	Rules []Rule
}

// Rule is one CORSRule. Lists keep the order and the duplicates of the
// source; a nil list means the element is absent (S3 treats an empty list the
// same way).
type Rule struct {
	ID             string   // optional; "" when absent
	AllowedOrigins []string // AllowedOrigin elements, verbatim
	AllowedMethods []string // AllowedMethod elements, verbatim
	AllowedHeaders []string // AllowedHeader elements, verbatim
	ExposeHeaders  []string // ExposeHeader elements, verbatim
	MaxAgeSeconds  *int     // nil when absent, which is not the same as 0
}

// Equal reports whether c and o hold the same rules in the same order, with
// the same values in the same order.
func (c *Config) Equal(o *Config) bool {
	return slices.EqualFunc(c.Rules, o.Rules, func(a, b Rule) bool { return a.Equal(&b) })
}

// Equal reports whether r and o are identical, value order included.
func (r *Rule) Equal(o *Rule) bool {
	return r.ID == o.ID &&
		slices.Equal(r.AllowedOrigins, o.AllowedOrigins) &&
		slices.Equal(r.AllowedMethods, o.AllowedMethods) &&
		slices.Equal(r.AllowedHeaders, o.AllowedHeaders) &&
		slices.Equal(r.ExposeHeaders, o.ExposeHeaders) &&
		equalIntPtr(r.MaxAgeSeconds, o.MaxAgeSeconds)
}

func equalIntPtr(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Clone returns a deep copy of c.
func (c *Config) Clone() *Config {
	out := &Config{Rules: make([]Rule, len(c.Rules))}
	for i, r := range c.Rules {
		out.Rules[i] = r.Clone()
	}
	return out
}

// Clone returns a deep copy of r.
func (r *Rule) Clone() Rule {
	out := Rule{
		ID:             r.ID,
		AllowedOrigins: slices.Clone(r.AllowedOrigins),
		AllowedMethods: slices.Clone(r.AllowedMethods),
		AllowedHeaders: slices.Clone(r.AllowedHeaders),
		ExposeHeaders:  slices.Clone(r.ExposeHeaders),
	}
	if r.MaxAgeSeconds != nil {
		v := *r.MaxAgeSeconds
		out.MaxAgeSeconds = &v
	}
	return out
}

// List returns the list of r that the S3 XML element field fills
// (AllowedOriginName, AllowedMethodName, AllowedHeaderName or
// ExposeHeaderName), or nil for any other name.
func (r *Rule) List(field string) *[]string {
	switch field {
	case AllowedOriginName:
		return &r.AllowedOrigins
	case AllowedMethodName:
		return &r.AllowedMethods
	case AllowedHeaderName:
		return &r.AllowedHeaders
	case ExposeHeaderName:
		return &r.ExposeHeaders
	}
	return nil
}
