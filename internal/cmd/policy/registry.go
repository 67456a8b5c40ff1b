package policy

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/policysource"
)

func newCmdPull(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:     "pull REF",
		Short:   "Fetch a policy pack from an OCI registry into the cache and print where it is",
		Example: "  ladderctl policy pull oci://ghcr.io/acme/ladder-policies:v1",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || !policysource.IsRemote(args[0]) {
				return cli.Usagef(errors.New("policy pull takes one reference, such as oci://ghcr.io/acme/ladder-policies:v1"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.registry(f, cmd); err != nil {
				return err
			}
			opts.Ref = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPull(cmd.Context(), opts)
		},
	}
	cli.RegistryFlags(cmd)
	return cmd
}

func newCmdPush(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:     "push DIR REF",
		Short:   "Publish the Rego files of a directory to an OCI registry and print the digest",
		Example: "  ladderctl policy push policies/ oci://ghcr.io/acme/ladder-policies:v1",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 || !policysource.IsRemote(args[1]) {
				return cli.Usagef(errors.New("policy push takes a directory and a reference, such as policies/ oci://ghcr.io/acme/ladder-policies:v1"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.registry(f, cmd); err != nil {
				return err
			}
			opts.Dir, opts.Ref = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPush(cmd.Context(), opts)
		},
	}
	cmd.Flags().Bool("plain-http", false, "reach the registry over HTTP without TLS (loopback hosts always are)")
	return cmd
}

// registry reads what reaching a registry needs: --plain-http and --offline, else their
// LADDERCTL_* variables.
func (o *Options) registry(f *cli.Factory, cmd *cobra.Command) error {
	if _, err := f.Bind(cmd); err != nil {
		return err
	}
	var err error
	o.Sources, err = f.Registry(cmd)
	return err
}

func runPull(ctx context.Context, o *Options) error {
	p, err := policysource.Pull(ctx, o.Ref, o.Sources)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(o.IO.Out, output.Visible(p.Dir))
	return err
}

func runPush(ctx context.Context, o *Options) error {
	d, err := policysource.Push(ctx, o.Dir, o.Ref, o.Sources)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(o.IO.Out, d)
	return err
}
