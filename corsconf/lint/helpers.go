package lint

import (
	"fmt"
	"strings"
)

// eachOrigin calls fn for every AllowedOrigin of every rule.
func eachOrigin(c *Context, fn func(rule, index int, origin string)) {
	for i := range c.Cfg.Rules {
		for j, o := range c.Cfg.Rules[i].AllowedOrigins {
			fn(i, j, o)
		}
	}
}

// quoteAll returns the values quoted and joined by ", ": "a", "b".
func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
