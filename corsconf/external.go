package corsconf

// CheckDocument validates doc like [Check] validates what it parses, for a
// document built outside this package (see [Format.External]): diags are
// the diagnostics of its reader, which should use the rules of [Checks]
// ("syntax" for text that cannot be read, "wrong-format" for a file
// without a configuration, "unknown-field", "wrong-type" and
// "duplicate-field" for fields). Validation is skipped after a syntax or
// wrong-format error; a missing-field finding is dropped on a rule with a
// field that could not be read. The result holds diags and the validation
// diagnostics, sorted, with the one S3 would most likely report first
// marked.
func CheckDocument(doc *Document, diags Diagnostics) Diagnostics {
	all := append(Diagnostics(nil), diags...)
	if readable(diags) {
		all = append(all, dropConsequences(Validate(doc), diags)...)
	}
	MarkS3First(all)
	all.Sort()
	return all
}
