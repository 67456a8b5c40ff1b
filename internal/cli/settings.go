package cli

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
)

// PolicyDirs returns the policy directories of a run: LADDERCTL_POLICIES when set, else the
// config's (relative to the config file), followed by those given with -p.
func PolicyDirs(v *viper.Viper, cfg *config.Config, flagDirs []string) []string {
	var dirs []string
	if env := v.GetStringSlice("policies"); v.IsSet("policies") && len(env) > 0 {
		dirs = append(dirs, env...)
	} else {
		for _, p := range cfg.Policies {
			dirs = append(dirs, cfg.Resolve(p))
		}
	}
	return append(dirs, flagDirs...)
}

// LadderPaths returns the ladder paths of a run: the arguments, else LADDERCTL_LADDERS, else
// the config's (relative to the config file), else ladders/.
func LadderPaths(v *viper.Viper, cfg *config.Config, args []string) []string {
	if len(args) > 0 {
		return args
	}
	if env := v.GetStringSlice("ladders"); v.IsSet("ladders") && len(env) > 0 {
		return env
	}
	if len(cfg.Ladders) > 0 {
		paths := make([]string, len(cfg.Ladders))
		for i, p := range cfg.Ladders {
			paths[i] = cfg.Resolve(p)
		}
		return paths
	}
	return []string{"ladders"}
}

// ParseParams reads --param KEY=VALUE pairs, each VALUE as a YAML scalar: 0.05 is a number,
// true a boolean.
func ParseParams(pairs []string) (map[string]any, error) {
	out := map[string]any{}
	for _, p := range pairs {
		k, raw, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q must be KEY=VALUE, such as parity_pay_tolerance=0.05", p)
		}
		var v any
		if err := yaml.Unmarshal([]byte(raw), &v); err != nil {
			return nil, fmt.Errorf("--param %s: %q is not a YAML value", k, raw)
		}
		out[k] = v
	}
	return out, nil
}

// Params layers --param values over the config's params.
func Params(cfg *config.Config, flagParams map[string]any) map[string]any {
	params := make(map[string]any, len(cfg.Params)+len(flagParams))
	for k, p := range cfg.Params {
		params[k] = p.Value
	}
	maps.Copy(params, flagParams)
	return params
}

// LadderNames completes a LADDER argument with the names of the ladders in the configured
// paths, each described by its file. The shell still completes file paths, as a LADDER may
// be a file.
func LadderNames(f *Factory, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, err := f.Config()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	set := ladder.Load(LadderPaths(f.Viper, cfg, nil), ladder.Options{})
	var names []cobra.Completion
	for _, l := range set.Ladders {
		if strings.HasPrefix(l.Name, prefix) {
			names = append(names, cobra.CompletionWithDesc(l.Name, l.File))
		}
	}
	return names, cobra.ShellCompDirectiveDefault
}

// OutputFlag adds -o, --output to a command, defaulting to its first format, with the
// formats' names in the help and their descriptions in completion. lint binds it to
// LADDERCTL_OUTPUT; the other commands read it from the flag alone.
func OutputFlag[F output.Format](cmd *cobra.Command, p *string, formats *output.Registry[F]) {
	cmd.Flags().StringVarP(p, "output", "o", formats.Default().Name(), formats.Usage())
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats.Completions(), cobra.ShellCompDirectiveNoFileComp))
}

// CheckOutput refuses an output format a command does not have, before any work.
func CheckOutput[F output.Format](value string, formats *output.Registry[F]) error {
	if _, err := formats.Lookup(value); err != nil {
		return Usagef(err)
	}
	return nil
}

// NoArgs refuses arguments to a command that takes none, as a usage error saying why.
func NoArgs(why string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > 0 {
			return Usagef(errors.New(why))
		}
		return nil
	}
}
