// Package simulate answers, offline, what Amazon S3 replies to a browser
// request under a bucket CORS configuration, and what the browser then
// allows.
//
// It uses corsconf and the standard library only, and performs no I/O.
package simulate
