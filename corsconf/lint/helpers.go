package lint

import "strings"

// eachOrigin calls fn for every AllowedOrigin of every rule.
func eachOrigin(c *Context, fn func(rule, index int, origin string)) {
	for i := range c.Cfg.Rules {
		for j, o := range c.Cfg.Rules[i].AllowedOrigins {
			fn(i, j, o)
		}
	}
}

// schemeOf returns the "scheme://" prefix of an origin, or "".
func schemeOf(origin string) string {
	if i := strings.Index(origin, "://"); i >= 0 {
		return origin[:i+3]
	}
	return ""
}
