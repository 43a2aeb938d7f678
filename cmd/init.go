package cmd

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// flagPreset is init's own flag; --origin (flagOrigin) is simulate's name.
const flagPreset = "preset"

// initExampleOrigin is the origin the messages of init show.
const initExampleOrigin = "https://app.example.com"

func newInitCommand(env Env) *cli.Command {
	var usage strings.Builder
	for _, p := range initPresets {
		fmt.Fprintf(&usage, "  %-12s %s\n", p.name, p.usage)
	}
	return &cli.Command{
		Name:  "init",
		Usage: "write a starting configuration for a common use (read, upload, website, private-app)",
		Description: "Writes a configuration, in canonical form, that validates, lints clean and works for the\n" +
			"preset's use:\n" + usage.String() +
			"Every preset but website needs --origin (repeatable): the serialized origin of the pages\n" +
			"that call the bucket, such as " + initExampleOrigin + " (a page URL is reduced to its origin).\n" +
			"website allows every origin (*) and takes none; in XML an ignore comment marks lint's\n" +
			"wildcard-origin warning as expected.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: flagPreset, Value: "read", Usage: "the use: " + strings.Join(presetNames(), ", ")},
			&cli.StringSliceFlag{Name: flagOrigin, Usage: "allow `ORIGIN`, e.g. " + initExampleOrigin + " (repeatable)"},
			&cli.StringFlag{Name: flagTo, Value: "xml", Usage: "output format: xml, console or cli"},
			&cli.StringFlag{Name: flagOutput, Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of standard output"},
			colorFlag(), // accepted as on every command; the output is a configuration, never coloured
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("init takes no arguments, got %s (use -o FILE to write a file)", quoteAll(c.Args().Slice()))
			}
			return runInit(env, initOptions{
				preset: c.String(flagPreset), origins: c.StringSlice(flagOrigin),
				to: c.String(flagTo), output: c.String(flagOutput),
			})
		},
	}
}

type initOptions struct {
	preset, to, output string
	origins            []string
}

func runInit(env Env, o initOptions) error {
	p := lookupPreset(o.preset)
	if p == nil {
		return usagef("invalid --preset %q: use %s%s", o.preset, strings.Join(presetNames(), ", "), suggestFrom(o.preset, presetNames()...))
	}
	to, err := parseTo(o.to)
	if err != nil {
		return err
	}
	origins, notes, err := initOrigins(p, o.origins)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := p.document(origins).Write(&out, to); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(env.Stderr, "%s: note: %s\n", appName, n)
	}
	if p.ignore != "" && to != corsconf.FormatXML {
		fmt.Fprintf(env.Stderr, "%s: note: lint will warn wildcard-origin on this configuration, as expected for public assets: JSON has no comments to mark it (the XML output carries an s3cors-ignore comment)\n", appName)
	}
	if o.output == "" || o.output == "-" {
		_, err = env.Stdout.Write(out.Bytes())
		return err
	}
	return writeFileAtomic(o.output, out.Bytes())
}

// initOrigins checks the --origin values for preset p and returns them
// without duplicates, page URLs reduced to their origin, with a note for
// each reduction.
func initOrigins(p *initPreset, raw []string) (origins, notes []string, err error) {
	if !p.origins {
		if len(raw) > 0 {
			return nil, nil, usagef("--preset %s allows every origin (*) and takes no --origin; for specific origins use --preset read", p.name)
		}
		return nil, nil, nil
	}
	if len(raw) == 0 {
		return nil, nil, usagef("--preset %s needs the origins of the pages that call the bucket, e.g. --origin %s (repeatable)", p.name, initExampleOrigin)
	}
	for _, s := range raw {
		origin, note, err := initOrigin(p, s)
		if err != nil {
			return nil, nil, err
		}
		if note != "" {
			notes = append(notes, note)
		}
		if !slices.Contains(origins, origin) {
			origins = append(origins, origin)
		}
	}
	return origins, notes, nil
}

// initOrigin checks one --origin value: a serialized origin as browsers
// send it, or a page URL, reduced to its origin as simulate does. "*" and
// "null" are refused: lint warns about both, and "*" breaks credentials.
func initOrigin(p *initPreset, s string) (origin, note string, err error) {
	switch {
	case s == "*" && p.name == "private-app":
		return "", "", usagef("invalid --origin \"*\": credentialed requests need the exact origin (browsers refuse * with credentials), e.g. --origin %s", initExampleOrigin)
	case s == "*":
		return "", "", usagef("invalid --origin \"*\": list the origins of your pages, e.g. --origin %s, or use --preset website for public assets", initExampleOrigin)
	case s == "null":
		return "", "", usagef("invalid --origin \"null\": any website can send it from a sandboxed iframe; list real origins, e.g. --origin %s", initExampleOrigin)
	}
	if simulate.IsPageURL(s) {
		if o, ok := simulate.OriginOf(s); ok {
			note, s = fmt.Sprintf("using origin %s, the origin of page %s", o, s), o
		}
	}
	if ok, why := simulate.CheckSerializedOrigin(s); !ok {
		hint := fmt.Sprintf("use a scheme and host, e.g. --origin %s", initExampleOrigin)
		if o, ok := simulate.OriginOf(s); ok && o != s {
			hint = fmt.Sprintf("did you mean --origin %s?", o)
		}
		return "", "", usagef("invalid --origin %q: no browser sends it (%s); %s", s, why, hint)
	}
	return s, note, nil
}
