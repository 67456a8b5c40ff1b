// Package initcmd is the `ladderctl init` command: a new ladder repository in one step. (The
// package is not named init, which Go reserves for package initialisers.)
package initcmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/scaffold"
)

// Options are the dependencies and settings of init.
type Options struct {
	IO    *cli.IOStreams
	Dir   string
	Force bool
}

// NewCmdInit builds the command; runF replaces run in tests of flag parsing.
func NewCmdInit(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a ladder repository: config, a starter ladder, a policy, CI",
		Long: `Write into DIR (default: the current directory, created if need be) what a ladder repository
needs to start:

  ` + pad(scaffold.ConfigFile) + `settings: where ladders and policies are, fail-on
  ` + pad(scaffold.LadderFile) + `a starter dual-track ladder to adapt
  ` + pad(scaffold.SchemaFile) + `the JSON Schema editors check ladders against
  ` + pad(scaffold.PolicyFile) + `an example policy of your own, in Rego
  ` + pad(scaffold.PolicyTest) + `its tests
  ` + pad(scaffold.WorkflowFile) + `GitHub Actions: check every push and pull request
  ` + pad(scaffold.CommentFile) + `post the pull request's report as a comment
  ` + pad(scaffold.OwnersFile) + `who reviews changes to the rules (edit the team)

ladderctl lint and ladderctl test pass right after init. init never overwrites a file: when
any of these exists, it names it and writes nothing at all; --force overwrites them.

Exit status: 0 when the files were written, 2 when they were not.`,
		Example: `  ladderctl init
  ladderctl init career-ladders && cd career-ladders && ladderctl lint`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return cli.Usagef(fmt.Errorf("init takes one directory, not %d", len(args)))
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.BindEnv(cmd); err != nil {
				return err
			}
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if strings.TrimSpace(opts.Dir) == "" {
				return cli.Usagef(errors.New("the directory to initialise is empty; name one, or give none for the current directory"))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite the files that exist")
	return cmd
}

func run(o *Options) error {
	res, err := scaffold.Write(o.Dir, o.Force)
	var problems diag.List
	if errors.As(err, &problems) {
		return append(problems, &diag.Error{Message: "init wrote nothing"})
	}
	if err != nil {
		return err
	}
	return report(o.IO.Out, res)
}

// report says what init wrote and what to run next.
func report(w io.Writer, res *scaffold.Result) error {
	var b strings.Builder
	where := "in " + res.Dir
	if filepath.Clean(res.Dir) == "." {
		where = "here"
	}
	fmt.Fprintf(&b, "Wrote %d files %s:\n", len(res.Written), where)
	for _, f := range res.Written {
		note := f.About
		if slices.Contains(res.Overwritten, f.Path) {
			note += " (overwritten)"
		}
		fmt.Fprintf(&b, "  %s%s\n", pad(f.Path), note)
	}
	b.WriteString("\nNext:\n")
	if filepath.Clean(res.Dir) != "." {
		fmt.Fprintf(&b, "  %s%s\n", pad("cd "+shellQuote(res.Dir)), "work in the new repository")
	}
	for _, step := range [][2]string{
		{"ladderctl lint", "check the ladders against the built-in rules and your policies"},
		{"ladderctl test", "run the tests of your policies"},
		{"ladderctl compare " + scaffold.LadderName, "see the IC and management tracks side by side"},
	} {
		fmt.Fprintf(&b, "  %s%s\n", pad(step[0]), step[1])
	}
	fmt.Fprintf(&b, "\nThen adapt %s to your organisation and commit it:\nthe workflow checks every push and pull request.\n", scaffold.LadderFile)
	_, err := io.WriteString(w, b.String())
	return err
}

// pad left-aligns the first column of init's lists.
func pad(s string) string {
	const width = 32
	if len(s) >= width {
		return s + "  "
	}
	return s + strings.Repeat(" ", width-len(s))
}

// shellQuote quotes a directory for the cd line when the shell would split or expand it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
