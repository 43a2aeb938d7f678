package cmd

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
)

func newDeleteCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "delete",
		Usage: "delete buckets' CORS configurations",
		Description: "Fetches each bucket's configuration, then, once confirmed (at a terminal it asks; elsewhere\n" +
			"it needs --yes), saves it to --backup and deletes it, and checks that it is gone. A bucket\n" +
			"without a configuration is left alone and is not an error.",
		Flags: append(awsFlags(),
			&cli.BoolFlag{Name: flagYes, Aliases: []string{"y"}, Usage: "delete without asking (required when standard input is not a terminal)"},
			&cli.StringFlag{Name: flagBackup, Usage: "save each configuration to `FILE` first (DIR/BUCKET.xml with several buckets)"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("delete takes no arguments (name buckets with --bucket), got %q", c.Args().First())
			}
			r, err := newRemote(c, env)
			if err != nil {
				return err
			}
			yes := c.Bool(flagYes)
			if err := checkConfirmable(env, yes, "delete", false); err != nil {
				return err
			}
			return r.runDelete(yes, c.String(flagBackup))
		},
	}
}

// runDelete fetches every bucket's configuration, asks once, then saves
// and deletes the ones that exist.
func (r *remote) runDelete(yes bool, backup string) error {
	if _, err := r.client(); err != nil {
		return err
	}
	outs := r.newOutcomes()
	r.each(outs, func(ctx context.Context, o *outcome) {
		cur, err := r.get(ctx, o.bucket)
		switch {
		case err != nil:
			o.fail(err)
		case cur == nil:
			fmt.Fprintf(&o.out, "bucket %q has no CORS configuration: nothing to delete\n", o.bucket)
			o.status = "none"
		default:
			fmt.Fprintf(&o.out, "bucket %q: CORS configuration of %s to delete\n", o.bucket, plural(len(cur.Rules), "rule"))
			o.status, o.state = "to delete", cur
		}
	})
	todo := pending(outs)
	if len(todo) == 0 {
		return r.finish(outs)
	}
	if err := confirmed(r.env, yes, deleteQuestion(todo)); err != nil {
		for _, o := range todo {
			o.status = "cancelled"
		}
		return worseError(r.finish(outs), err)
	}
	r.each(todo, func(ctx context.Context, o *outcome) { r.deleteBucket(ctx, o, backup) })
	return r.finish(outs)
}

func deleteQuestion(todo []*outcome) string {
	if len(todo) == 1 {
		return fmt.Sprintf("Delete the CORS configuration of bucket %q?", todo[0].bucket)
	}
	return fmt.Sprintf("Delete the CORS configurations of %d buckets?", len(todo))
}

// deleteBucket saves the backup, deletes the configuration and checks
// that it is gone.
func (r *remote) deleteBucket(ctx context.Context, o *outcome, backup string) {
	if err := r.writeBackup(o, backup, o.state.(*corsconf.Config)); err != nil {
		o.fail(err)
		return
	}
	if err := r.remove(ctx, o.bucket); err != nil {
		o.fail(err)
		return
	}
	if err := r.verify(ctx, o.bucket, nil); err != nil {
		o.fail(err)
		return
	}
	fmt.Fprintf(&o.out, "bucket %q: CORS configuration deleted\n", o.bucket)
	o.status = "deleted"
}
