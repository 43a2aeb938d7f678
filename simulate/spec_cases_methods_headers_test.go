package simulate_test

// This file holds the spec table's cases (spec_test.go) for sections 3.4
// and 3.5 of docs/s3-cors-semantics.md: method and header matching.

// specCasesMethodsHeaders is sections 3.4 and 3.5.
var specCasesMethodsHeaders = []specCase{
	// ---- 3.4 Method matching ----
	{
		name: "3.4 GET with ACRM PUT under a GET-only rule gets no headers [REC get-wrong-op]", config: cfgAGet,
		method: "GET", header: hdr(hOrigin, "https://a.com", hACRM, "PUT"), status: 200, rule: noRule,
	},
	{
		name: "3.4 PUT with ACRM GET gets GET headers [SUITE s3-tests]", config: cfgS3Tests,
		method: "PUT", header: hdr(hOrigin, "foo.suffix", hACRM, "GET", "Content-Type", "text/plain"),
		status: 200, fields: echoGet("foo.suffix"), rule: 0,
	},
	{
		name: "3.4 PUT with ACRM PUT: foo.suffix may not PUT [SUITE s3-tests]", config: cfgS3Tests,
		method: "PUT", header: hdr(hOrigin, "foo.suffix", hACRM, "PUT", "Content-Type", "text/plain"), status: 200, rule: noRule,
	},
	{
		name: "3.4 PUT with ACRM DELETE: no rule allows DELETE [SUITE s3-tests]", config: cfgS3Tests,
		method: "PUT", header: hdr(hOrigin, "foo.suffix", hACRM, "DELETE", "Content-Type", "text/plain"), status: 200, rule: noRule,
	},
	{
		name: "3.4 PUT without ACRM is PUT: foo.suffix is GET-only [SUITE s3-tests]", config: cfgS3Tests,
		method: "PUT", header: hdr(hOrigin, "foo.suffix", "Content-Type", "text/plain"), status: 200, rule: noRule,
	},
	{
		name: "3.4 ACRM is the effective method on any request: DELETE with ACRM GET [REC get-wrong-op][SUITE s3-tests]", config: cfgAGet,
		method: "DELETE", header: hdr(hOrigin, "https://a.com", hACRM, "GET"), status: 204, fields: echoGet("https://a.com"), rule: 0,
	},
	{
		name: "3.4 HEAD is not GET: actual HEAD under a GET-only rule [3.4]", config: cfgAGet,
		method: "HEAD", header: hdr(hOrigin, "https://a.com"), status: 200, rule: noRule,
	},
	{
		name: "3.4 HEAD is not GET: preflight for HEAD under a GET-only rule [3.4]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "HEAD"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("HEAD", "OBJECT"), rule: noRule,
	},
	{
		name: "3.4 HEAD allowed when listed [3.4]", config: corsXML(corsRule(ao("https://a.com"), am("GET", "HEAD"))),
		method: "HEAD", header: hdr(hOrigin, "https://a.com"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET, HEAD", vary, varyAll), rule: 0,
	},
	{
		name: "3.4 lower-case ACRM get: 403 recommended (UNVERIFIED)", config: cfgAllowAll,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "get"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("get", "OBJECT"), rule: noRule, notes: notesSome,
	},
	{
		name: "3.4 unknown ACRM PATCH: 403 recommended (UNVERIFIED)", config: cfgAllowAll,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PATCH"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("PATCH", "OBJECT"), rule: noRule, notes: notesSome,
	},
	{
		// The recommended answer (no rule matches, no headers) holds, but
		// the simulator adds no Unverified note for an unrecorded ACRM on
		// an actual request, only on preflights (see the report): the
		// notes are not checked here.
		name: "3.4 lower-case ACRM get on an actual GET: no headers (UNVERIFIED)", config: cfgAllowAll,
		method: "GET", header: hdr(hOrigin, "https://a.com", hACRM, "get"), status: 200, rule: noRule, notes: notesAny,
	},
	{
		name: "3.4 preflight without ACRM on a configured bucket: 403 Method OPTIONS recommended (UNVERIFIED)", config: cfgAllowAll,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("OPTIONS", "OBJECT"), rule: noRule, notes: notesSome,
	},
	{
		name: "3.6 s3-tests preflight without ACRM on the bucket: 403 recommended, s3-tests say 400 (UNVERIFIED)", config: cfgS3Tests,
		method: "OPTIONS", header: hdr(hOrigin, "foo.suffix"), resource: resBucket,
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("OPTIONS", "BUCKET"), rule: noRule, notes: notesSome,
	},

	// ---- 3.5 Header matching ----
	{
		name: "3.5 ACRH parse drops empty items: content-type,,expires [SUITE Scality]", config: corsXML(corsRule(ao("https://a.com"), am("PUT"), ah("content-type", "expires"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT", hACRH, "content-type,,expires"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "PUT", acah, "content-type, expires", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 ACRH without spaces is answered with \", \" [REC opt-get-allowed-no-space]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("x-amz-date", "x-amz-content-sha256"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, "x-amz-date,x-amz-content-sha256"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "x-amz-date, x-amz-content-sha256", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 ACRH names are trimmed of spaces and tabs and lower-cased [SUITE Scality]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("content-type", "x-amz-date"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, " \tContent-Type ,\tX-Amz-Date\t"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "content-type, x-amz-date", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 worked example [REC match-headers/opt-get-allowed-diff-casing]", config: cfgWorked,
		method: "OPTIONS", header: hdr(hOrigin, "https://localhost:4200", hACRM, "GET", hACRH, "x-AMZ-expected-BUCKET-owner, x-amz-server-side-encryption"),
		status: 200, fields: respFields(
			acao, "https://localhost:4200",
			acac, "true",
			acam, "GET",
			acah, "x-amz-expected-bucket-owner, x-amz-server-side-encryption",
			acma, "3000",
			vary, varyAll,
			cl, "0",
		), rule: 0,
	},
	{
		name: "3.5 header names compared case-insensitively: Authorization rule, authorization request [REC opt-get-allowed-diff-casing]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("Authorization"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, "authorization"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "authorization", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 AllowedHeader * matches every name, ACAH echoes the names, not * [SUITE Scality]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("*"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, "Authorization, X-Custom"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "authorization, x-custom", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 glob x-amz-* matches any case [DOC ManageCorsUsing]", config: corsXML(corsRule(ao("https://a.com"), am("PUT"), ah("x-amz-*"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT", hACRH, "x-amz-date, X-Amz-Meta-Foo"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "PUT", acah, "x-amz-date, x-amz-meta-foo", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 glob amz-* matches amz-meta-header-test [SUITE Scality]", config: corsXML(corsRule(ao("https://a.com"), am("PUT"), ah("amz-*"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT", hACRH, "amz-meta-header-test"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "PUT", acah, "amz-meta-header-test", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 glob x-amz-* does not match content-type [DOC ManageCorsUsing]", config: corsXML(corsRule(ao("https://a.com"), am("PUT"), ah("x-amz-*"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT", hACRH, "content-type"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("PUT", "OBJECT"), rule: noRule,
	},
	{
		name: "3.5 no AllowedHeader: a preflight with ACRH is refused [REC defaults/opt-get-headers][SUITE s3-tests test_cors_header_option]", config: corsXML(corsRule(ao("*"), am("GET"), eh("x-amz-meta-header1"))),
		method: "OPTIONS", header: hdr(hOrigin, "example.origin", hACRM, "GET", hACRH, "x-amz-meta-header1"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("GET", "OBJECT"), rule: noRule,
	},
	{
		name: "3.5 no AllowedHeader: a preflight without ACRH matches [REC defaults/opt-get-headers]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 no AllowedHeader: an empty ACRH counts as absent [REC defaults]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, ""),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 an ACRH of separators only counts as absent [DERIVED]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, " , ,\t"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.5 one unmatched name disqualifies the rule [REC opt-get-non-allowed][DOC Testing CORS]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("content-type"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, "content-type, x-custom"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("GET", "OBJECT"), rule: noRule,
	},
	{
		name: "3.5 an actual request's own headers are never checked [REC get-non-allowed, content-type-header-not-checked]", config: cfgAGet,
		method: "GET", header: hdr(hOrigin, "https://a.com", "X-Custom-Header", "1", "Content-Type", "application/json", "X-Amz-Acl", "public-read"),
		status: 200, fields: echoGet("https://a.com"), rule: 0,
	},
	{
		name: "3.5 ACRH on an actual GET is evaluated: not allowed, no headers [REC get-non-allowed-with-acl]", config: cfgAGet,
		method: "GET", header: hdr(hOrigin, "https://a.com", hACRH, "x-amz-acl"), status: 200, rule: noRule,
	},
	{
		name: "3.5 ACRH on an actual GET is evaluated: allowed, ACAH sent [SUITE versitygw DIRECT]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("*"))),
		method: "GET", header: hdr(hOrigin, "https://a.com", hACRH, "X-Amz-Acl, content-type"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "x-amz-acl, content-type", vary, varyAll), rule: 0,
	},
}
