package lint

// eachOrigin calls fn for every AllowedOrigin of every rule.
func eachOrigin(c *Context, fn func(rule, index int, origin string)) {
	for i := range c.Cfg.Rules {
		for j, o := range c.Cfg.Rules[i].AllowedOrigins {
			fn(i, j, o)
		}
	}
}
