package cmd

import (
	"github.com/s3cors/s3cors/corsconf"
)

// initPreset is a starting configuration for one use of a bucket, as
// "s3cors init --preset NAME" writes it.
//
// Every preset validates and lints clean at warning and above (init_test.go
// checks both, and a representative browser request, for each). The
// notices that remain are none: each rule has an ID, a MaxAgeSeconds, HEAD
// alongside GET, and exposes only headers S3 sends and a script cannot read
// otherwise (Content-Length is CORS-safelisted, so it is not exposed). The
// one expected warning, wildcard-origin on the website preset, is
// suppressed by an ignore comment in XML; JSON has no comments, so init
// says on standard error that lint will report it there.
type initPreset struct {
	name    string
	usage   string // one line for the help text
	origins bool   // needs --origin; false: the rule allows "*" and takes none
	// comment explains the rule in XML output; ignore, when set, is the
	// s3cors-ignore comment that follows it.
	comment, ignore string
	rule            func(origins []string) corsconf.Rule
}

// initMaxAge is the preflight cache of every preset: the value of the S3
// documentation's examples, under an hour.
const initMaxAge = 3000

// uploadHeaders are the request headers browser AWS SDKs send with an
// upload: the signature (authorization, x-amz-date, x-amz-content-sha256,
// x-amz-security-token), checksums and metadata (x-amz-*), the SDK's
// own tracing headers (amz-sdk-*), content-type and content-md5. The
// private-app preset allows them too: its PUT would otherwise draw lint's
// sdk-headers-not-allowed warning, and an app that writes with the SDK
// needs them all (authorization, content-type and x-amz-* alone are not
// enough for the SDK's preflight).
var uploadHeaders = []string{"authorization", "content-type", "content-md5", "x-amz-*", "amz-sdk-*"}

var initPresets = []initPreset{
	{
		name:    "read",
		usage:   "GET and HEAD from the given origins; ETag readable",
		origins: true,
		comment: " Reads (GET, HEAD) from the listed origins. ETag is exposed for caching and change checks; Content-Length is readable without exposing it. ",
		rule: func(origins []string) corsconf.Rule {
			return corsconf.Rule{
				ID:             "read",
				AllowedOrigins: origins,
				AllowedMethods: []string{"GET", "HEAD"},
				ExposeHeaders:  []string{"ETag"},
				MaxAgeSeconds:  intPtr(initMaxAge),
			}
		},
	},
	{
		name:    "upload",
		usage:   "PUT, POST, GET, HEAD from the given origins with the headers browser AWS SDKs send; ETag readable",
		origins: true,
		comment: " Uploads from a browser AWS SDK or presigned URLs. The SDK signs in headers (authorization, x-amz-*, amz-sdk-*); multipart uploads read each part's ETag. ",
		rule: func(origins []string) corsconf.Rule {
			return corsconf.Rule{
				ID:             "browser-uploads",
				AllowedOrigins: origins,
				AllowedMethods: []string{"PUT", "POST", "GET", "HEAD"},
				AllowedHeaders: append([]string(nil), uploadHeaders...),
				ExposeHeaders:  []string{"ETag", "x-amz-version-id"},
				MaxAgeSeconds:  intPtr(initMaxAge),
			}
		},
	},
	{
		name:    "website",
		usage:   "GET and HEAD from every origin (*): public static assets and fonts",
		comment: " Public website assets (scripts, styles, images, fonts): any site may read them, without credentials. Nothing here is private, so every origin is allowed. ",
		ignore:  " s3cors-ignore wildcard-origin: public website assets ",
		rule: func([]string) corsconf.Rule {
			return corsconf.Rule{
				ID:             "public-assets",
				AllowedOrigins: []string{"*"},
				AllowedMethods: []string{"GET", "HEAD"},
				ExposeHeaders:  []string{"ETag"},
				MaxAgeSeconds:  intPtr(initMaxAge),
			}
		},
	},
	{
		name:    "private-app",
		usage:   "GET, HEAD, PUT, DELETE with credentials from the given origins (never *)",
		origins: true,
		comment: " A signed-in web app: credentialed reads, writes and deletes from the listed origins only (* would break credentials). ",
		rule: func(origins []string) corsconf.Rule {
			return corsconf.Rule{
				ID:             "private-app",
				AllowedOrigins: origins,
				AllowedMethods: []string{"GET", "HEAD", "PUT", "DELETE"},
				AllowedHeaders: append([]string(nil), uploadHeaders...),
				ExposeHeaders:  []string{"ETag", "x-amz-version-id"},
				MaxAgeSeconds:  intPtr(initMaxAge),
			}
		},
	},
}

func lookupPreset(name string) *initPreset {
	for i := range initPresets {
		if initPresets[i].name == name {
			return &initPresets[i]
		}
	}
	return nil
}

func presetNames() []string {
	names := make([]string, len(initPresets))
	for i, p := range initPresets {
		names[i] = p.name
	}
	return names
}

// document returns the configuration of p for origins, with p's comments
// before the rule (written in XML only).
func (p *initPreset) document(origins []string) *corsconf.Document {
	doc := corsconf.NewDocument("init", &corsconf.Config{Rules: []corsconf.Rule{p.rule(origins)}})
	for _, text := range []string{p.comment, p.ignore} {
		if text != "" {
			doc.Comments = append(doc.Comments, corsconf.Comment{Text: text, Next: corsconf.RulePath(0)})
		}
	}
	return doc
}
