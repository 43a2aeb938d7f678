package simulate_test

// This file holds the spec table's cases (spec_test.go) for section 3.7
// of docs/s3-cors-semantics.md (and 6.12, 6.13): the headers S3 adds when
// a rule matches.

// specCasesResponse is section 3.7, with 6.12 and 6.13.
var specCasesResponse = []specCase{
	// ---- 3.7 Headers S3 adds when a rule matches ----
	{
		name: "3.7 ACAO * when the rule has *, without ACAC [REC opt-random-wildcard-origin]", config: cfgStarGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://random-1234.example", hACRM, "GET"),
		status: 200, fields: respFields(acao, "*", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name:   "3.7 multi-origin rule echoes the request's origin, not the list [REC presigned-put/put-second-origin][SUITE Scality]",
		config: corsXML(corsRule(ao("https://a.com", "https://b.com"), am("PUT"))),
		method: "PUT", header: hdr(hOrigin, "https://b.com"),
		status: 200, fields: respFields(acao, "https://b.com", acac, "true", acam, "PUT", vary, varyAll), rule: 0,
	},
	{
		name: "3.7 ACAC true on GET preflights too [REC; 6.11]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "6.13 mixed explicit origin and * in one rule: * even when the explicit one comes first (majority)", config: corsXML(corsRule(ao("https://a.com", "*"), am("GET"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "*", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "6.13 mixed * and explicit origin on an actual request: * [majority]", config: corsXML(corsRule(ao("*", "https://a.com"), am("GET"))),
		method: "GET", header: hdr(hOrigin, "https://a.com"),
		status: 200, fields: respFields(acao, "*", acam, "GET", vary, varyAll), rule: 0,
	},
	{
		name: "3.7 ACAM lists every method in configuration order, not the requested one [REC \"GET, PUT\"; 6.1]", config: corsXML(corsRule(ao("https://a.com"), am("GET", "PUT"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET, PUT", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 ACAM order PUT, POST, DELETE, GET [SUITE Scality]", config: corsXML(corsRule(ao("https://a.com"), am("PUT", "POST", "DELETE", "GET"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "PUT, POST, DELETE, GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 ACAH is the requested names in request order, never the rule's list [REC opt-get-two; 6.2]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("content-type", "x-amz-date", "authorization"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", hACRH, "Authorization, Content-Type"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acah, "authorization, content-type", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 no ACAH without ACRH, even under AllowedHeader * [REC]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), ah("*"))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name:   "3.7 ACEH verbatim in configuration order on a preflight [REC expose-headers/opt-get]",
		config: corsXML(corsRule(ao("*"), am("GET"), eh("x-amz-id-2", "x-amz-request-id", "x-amz-request-payer"))),
		method: "OPTIONS", header: hdr(hOrigin, "localhost:4566", hACRM, "GET"),
		status: 200, fields: respFields(acao, "*", acam, "GET", aceh, "x-amz-id-2, x-amz-request-id, x-amz-request-payer", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 ACEH keeps case on an actual response [REC-assertion ETag, x-amz-version-id][SUITE Scality GET]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), eh("ETag", "x-amz-version-id"))),
		method: "GET", header: hdr(hOrigin, "https://a.com"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", aceh, "ETag, x-amz-version-id", vary, varyAll), rule: 0,
	},
	{
		name: "3.7 no ExposeHeader: ETag is not exposed by default [SUITE versitygw DIRECT]", config: cfgAGet,
		method: "GET", header: hdr(hOrigin, "https://a.com"), status: 200, fields: echoGet("https://a.com"), rule: 0,
	},
	{
		name: "3.7 ACMA 3000 on a preflight [REC]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), maxAge(3000))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acma, "3000", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.7 ACMA also on actual responses [REC]", config: corsXML(corsRule(ao("https://a.com"), am("GET"), maxAge(3000))),
		method: "GET", header: hdr(hOrigin, "https://a.com"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acma, "3000", vary, varyAll), rule: 0,
	},
	{
		name: "3.7 MaxAgeSeconds 0 on a preflight: sent as 0 (UNVERIFIED)", config: corsXML(corsRule(ao("https://a.com"), am("GET"), maxAge(0))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acma, "0", vary, varyAll, cl, "0"), rule: 0, notes: notesSome,
	},
	{
		name: "3.7 MaxAgeSeconds 0 on an actual response: sent as 0 (UNVERIFIED)", config: corsXML(corsRule(ao("https://a.com"), am("GET"), maxAge(0))),
		method: "GET", header: hdr(hOrigin, "https://a.com"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET", acma, "0", vary, varyAll), rule: 0, notes: notesSome,
	},
	{
		name:   "3.7 every header at once, in S3's order [REC]",
		config: corsXML(corsRule(ao("https://a.com"), am("GET", "PUT"), ah("*"), eh("ETag"), maxAge(600))),
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT", hACRH, "content-type"),
		status: 200, fields: respFields(acao, "https://a.com", acac, "true", acam, "GET, PUT", acah, "content-type", aceh, "ETag", acma, "600", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "6.12 * even with Authorization on the preflight [SUITE Scality]", config: cfgStarGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET", "Authorization", "AWS AKIDEXAMPLE:sig"),
		status: 200, fields: respFields(acao, "*", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
}
