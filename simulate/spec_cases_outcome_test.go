package simulate_test

// This file holds the spec table's cases (spec_test.go) for section 3.6
// of docs/s3-cors-semantics.md: the outcome table.

// specCasesOutcome is section 3.6.
var specCasesOutcome = []specCase{
	// ---- 3.6 Outcome table ----
	{
		name: "3.6 OPTIONS without Origin, configured bucket: 400 [REC]", config: cfgAllowAll,
		method: "OPTIONS", status: 400, fields: respFields(ct, appXML), err: errBadRequest(), rule: noRule,
	},
	{
		name: "3.6 OPTIONS without Origin, no configuration: 400 [REC]", state: noConfig,
		method: "OPTIONS", header: hdr(hACRM, "GET"), status: 400, fields: respFields(ct, appXML), err: errBadRequest(), rule: noRule,
	},
	{
		name: "3.6 OPTIONS without Origin, missing bucket: 400 [REC]", state: missing,
		method: "OPTIONS", header: hdr(hACRM, "GET"), status: 400, fields: respFields(ct, appXML), err: errBadRequest(), rule: noRule,
	},
	{
		name: "3.6 OPTIONS without Origin but with Referer, ACRM and ACRH, missing bucket: 400 [REC opt-referer]", state: missing,
		method: "OPTIONS", header: hdr("Referer", "https://a.com/", hACRM, "PUT", hACRH, "content-type"),
		status: 400, fields: respFields(ct, appXML), err: errBadRequest(), rule: noRule,
	},
	{
		name: "3.6 OPTIONS + Origin, missing bucket: 403 Bucket not found, OPTIONS, BUCKET [REC]", state: missing,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com"), resource: resObject,
		status: 403, fields: respFields(ct, appXML), err: errNotFound(), rule: noRule,
	},
	{
		name: "3.6 OPTIONS + Origin + ACRM, missing bucket: Method stays OPTIONS [REC]", state: missing,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT"), resource: resObject,
		status: 403, fields: respFields(ct, appXML), err: errNotFound(), rule: noRule,
	},
	{
		name: "3.6 no configuration: 403 not enabled, Method = ACRM, BUCKET even for an object [REC 2023][CAP versitygw#2083]", state: noConfig,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT"), resource: resObject,
		status: 403, fields: respFields(ct, appXML), err: errNotEnabled("PUT"), rule: noRule,
	},
	{
		name: "3.6 no configuration, bucket URL: BUCKET [REC]", state: noConfig,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"), resource: resBucket,
		status: 403, fields: respFields(ct, appXML), err: errNotEnabled("GET"), rule: noRule,
	},
	{
		name: "3.6 no configuration, no ACRM: Method OPTIONS [REC 2022, 2023; 6.9]", state: noConfig,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com"), resource: resObject,
		status: 403, fields: respFields(ct, appXML), err: errNotEnabled("OPTIONS"), rule: noRule,
	},
	{
		name: "3.6 configured, no match on an object: evalution message, Method = ACRM, OBJECT [REC opt-wrong-origin]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://b.com", hACRM, "GET"), resource: resObject,
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("GET", "OBJECT"), rule: noRule,
	},
	{
		name: "3.6 configured, no match on the bucket root: BUCKET [REC]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://b.com", hACRM, "GET"), resource: resBucket,
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("GET", "BUCKET"), rule: noRule,
	},
	{
		name: "3.6 configured, method not allowed: Method = ACRM [REC opt-put]", config: cfgAGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "PUT"),
		status: 403, fields: respFields(ct, appXML), err: errNotAllowed("PUT", "OBJECT"), rule: noRule,
	},
	{
		name: "3.6 match: 200, Content-Length 0, no Content-Type [REC]", config: cfgStarGet,
		method: "OPTIONS", header: hdr(hOrigin, "https://a.com", hACRM, "GET"), resource: resBucket,
		status: 200, fields: respFields(acao, "*", acam, "GET", vary, varyAll, cl, "0"), rule: 0,
	},
	{
		name: "3.6 actual request without Origin, no configuration: no headers [REC]", state: noConfig,
		method: "PUT", status: 200, rule: noRule,
	},
	{
		name: "3.6 actual request without Origin, missing bucket: no CORS headers [REC]", state: missing,
		method: "GET", status: 404, fields: respFields(ct, appXML), err: errNoSuchBucket(), rule: noRule,
	},
	{
		name: "3.6 actual request with Origin, no configuration: no headers [REC get-with-origin]", state: noConfig,
		method: "GET", header: hdr(hOrigin, "https://a.com"), status: 200, rule: noRule,
	},
	{
		name: "3.6 actual request, configured, no match: executed, no headers, no Vary [REC get-wrong-origin]", config: cfgAGet,
		method: "GET", header: hdr(hOrigin, "https://b.com"), status: 200, rule: noRule,
	},
	{
		name: "3.6 actual PUT, configured, no match: executed, no headers [REC put-op; 6.5]", config: cfgAGet,
		method: "PUT", header: hdr(hOrigin, "https://a.com"), status: 200, rule: noRule,
	},
	{
		name: "3.6 actual DELETE, match: CORS headers [REC]", config: corsXML(corsRule(ao("https://a.com"), am("DELETE"))),
		method: "DELETE", header: hdr(hOrigin, "https://a.com"),
		status: 204, fields: respFields(acao, "https://a.com", acac, "true", acam, "DELETE", vary, varyAll), rule: 0,
	},
	{
		name: "3.6 actual POST, match under *: CORS headers [REC]", config: cfgAllowAll,
		method: "POST", header: hdr(hOrigin, "https://a.com"),
		status: 204, fields: respFields(acao, "*", acam, "GET, PUT, HEAD, POST, DELETE", vary, varyAll), rule: 0,
	},
}
