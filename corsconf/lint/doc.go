// Package lint finds what Amazon S3 accepts in a bucket CORS configuration
// but is wrong, risky or fragile: origins no browser can match, wildcards
// wider than meant, uploads that cannot read ETag, rules that can never be
// used, and more. Each check is a [Rule] with a stable ID, a default
// severity, documentation and, where the change is safe, a fix.
//
// lint builds on corsconf (the model and diagnostics) and simulate (S3's
// matching, so that findings about matching agree with evaluation). Like
// them it uses the standard library only and performs no I/O.
package lint
