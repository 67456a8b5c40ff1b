package cli

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/policysource"
)

// keyOf maps a flag to the config key it sets, where the two are named differently; every
// other flag's key is its own name.
var keyOf = map[string]string{"namespace": "namespaces", "policy": "policies", "param": "params"}

// Key is the settings key of a flag: the config key it sets, else its name.
func Key(flag string) string {
	if k, ok := keyOf[flag]; ok {
		return k
	}
	return flag
}

// EnvName is the environment variable of a settings key: LADDERCTL_FAIL_ON for fail-on.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, "-", "_"))
}

// Bind resolves the flags of the command being run into the one precedence of every
// setting: a flag given on the command line, else its LADDERCTL_* variable (read through the
// injected environment), else the config file's key, else the flag's default. Commands call
// it first in RunE and then read their settings from their flags or f.Viper; only the
// command that runs binds, so commands that share a flag name (-o) never read each other's.
func (f *Factory) Bind(cmd *cobra.Command) (*config.Config, error) {
	if err := f.BindEnv(cmd); err != nil {
		return nil, err
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	layer := map[string]any{}
	if cfg.FailOn != "" {
		layer["fail-on"] = cfg.FailOn
	}
	if cfg.Namespaces != nil {
		layer["namespaces"] = cfg.Namespaces
	}
	if cfg.Baseline != "" {
		layer["baseline"] = cfg.Resolve(cfg.Baseline)
	}
	if err := f.Viper.MergeConfigMap(layer); err != nil {
		return nil, err
	}
	cmd.Flags().VisitAll(func(fl *pflag.Flag) { _ = f.Viper.BindPFlag(Key(fl.Name), fl) })
	return cfg, nil
}

// BindEnv gives each flag not given on the command line the value of its LADDERCTL_*
// variable, if set: the layers of Bind for a command that reads no config file.
func (f *Factory) BindEnv(cmd *cobra.Command) error {
	var errs []error
	cmd.Flags().VisitAll(func(fl *pflag.Flag) {
		if fl.Changed || fl.Name == "help" {
			return
		}
		env := EnvName(Key(fl.Name))
		val := f.IO.Env(env)
		if val == "" {
			return
		}
		values := []string{val}
		if strings.HasSuffix(fl.Value.Type(), "Slice") || strings.HasSuffix(fl.Value.Type(), "Array") {
			values = List(val)
		}
		for _, v := range values {
			if err := fl.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a valid value for --%s: %v", env, val, fl.Name, err))
				return
			}
		}
		fl.Changed = true
	})
	if len(errs) > 0 {
		return Usagef(errors.Join(errs...))
	}
	return nil
}

// List splits a list given in one environment variable, by commas or white space.
func List(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// Judging resolves, once, everything that decides how ladders are judged: ladder paths
// (arguments, else LADDERCTL_LADDERS, else the config's, else ladders/), the built-in pack
// (--no-builtin, else LADDERCTL_BUILTIN, else the config's), policy directories (the
// config's, with -p added), namespaces, params (--param over the config's), the baseline,
// --timeout, --max-file-size, --max-memory, how packs and bundles are fetched and verified,
// and the clock. A command reads only the flags it has; the rest
// come from the environment and the config. Call it after Bind.
func (f *Factory) Judging(cmd *cobra.Command, cfg *config.Config, args []string) (check.Settings, error) {
	s := check.FromConfig(cfg)
	v := f.Viper
	switch env := f.IO.Env(EnvName("ladders")); {
	case len(args) > 0:
		s.Paths, s.Repository = args, "" // named by the user: followed wherever they lead
	case env != "":
		s.Paths, s.Repository = List(env), ""
	}
	if env := f.IO.Env(EnvName("builtin")); env != "" {
		on, err := strconv.ParseBool(env)
		if err != nil {
			return s, Usagef(fmt.Errorf("%s=%q must be true or false", EnvName("builtin"), env))
		}
		s.Builtin = on
	}
	has := func(name string) bool { return cmd.Flags().Lookup(name) != nil }
	// value reads a setting from its flag, which Bind layered over the environment and the
	// config; a command without the flag still honours the environment.
	value := func(flag string) (string, bool) {
		if has(flag) {
			return v.GetString(Key(flag)), v.IsSet(Key(flag))
		}
		env := f.IO.Env(EnvName(Key(flag)))
		return env, env != ""
	}
	list := func(flag string) ([]string, bool) {
		if has(flag) {
			return v.GetStringSlice(Key(flag)), v.IsSet(Key(flag))
		}
		env := List(f.IO.Env(EnvName(Key(flag))))
		return env, len(env) > 0
	}
	if has("no-builtin") && v.GetBool("no-builtin") {
		s.Builtin = false
	}
	if dirs, ok := list("policy"); ok {
		s.Policies = append(s.Policies, dirs...)
	}
	if globs, ok := list("namespace"); ok {
		s.Namespaces = globs
		for _, g := range s.Namespaces {
			if _, err := path.Match(g, ""); err != nil {
				return s, Usagef(fmt.Errorf("namespace %q (from %s) is not a valid glob (use * and ?, such as acme.*)", g, f.from(cmd, "namespace")))
			}
		}
	}
	if pairs, ok := list("param"); ok {
		params, err := ParseParams(pairs)
		if err != nil {
			return s, Usagef(err)
		}
		s.FlagParams = params
		s.Params = check.Params(cfg, params)
	}
	if file, ok := value("baseline"); ok {
		s.Baseline = file
	}
	s.Timeout = DefaultTimeout
	if raw, ok := value("timeout"); ok {
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			return s, Usagef(fmt.Errorf("timeout %q (from %s) must be a positive duration, such as 30s or 2m", raw, f.from(cmd, "timeout")))
		}
		s.Timeout = d
	}
	s.MaxFileSize = ladder.DefaultMaxFileSize
	if raw, ok := value("max-file-size"); ok {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return s, Usagef(fmt.Errorf("max-file-size %q (from %s) must be a positive number of bytes", raw, f.from(cmd, "max-file-size")))
		}
		s.MaxFileSize = n
	}
	s.MaxMemory, _ = ParseSize(DefaultMaxMemory)
	if raw, ok := value("max-memory"); ok {
		n, err := ParseSize(raw)
		if err != nil || n <= 0 {
			return s, Usagef(fmt.Errorf("max-memory %q (from %s) must be a positive size, such as 512MiB or 2GiB", raw, f.from(cmd, "max-memory")))
		}
		s.MaxMemory = n
	}
	src, err := f.Registry(cmd)
	if err != nil {
		return s, err
	}
	// The key comes from the flag or the environment only, never from the config: a pull
	// request can change the config, and with it the key its own bundle is signed with.
	src.Verification = policysource.Verification{KeyID: policysource.DefaultKeyID}
	src.Verification.KeyFile, _ = value("verification-key")
	if id, ok := value("verification-key-id"); ok && id != "" {
		src.Verification.KeyID = id
	}
	src.Verification.Scope, _ = value("scope")
	s.Sources = src
	if policysource.Needed(s.Policies, src) {
		// Packs are resolved here, once, so that every command judges by the same local
		// directories; --timeout bounds the pull as it bounds the rest of the run.
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		ctx, cancel := context.WithTimeout(ctx, s.Timeout)
		defer cancel()
		dirs, packs, err := policysource.Resolve(ctx, s.Policies, src)
		if err != nil {
			return s, err
		}
		s.Policies, s.Packs = dirs, packs
	}
	now, err := f.Now()
	if err != nil {
		return s, Usagef(err)
	}
	s.Now = now
	s.Print = f.IO.ErrOut
	return s, nil
}

// Registry reads how oci:// policy packs are reached: --plain-http and --offline, each from
// its flag (which Bind layered over the environment and the config), or from its
// LADDERCTL_* variable for a command without the flag. Call it after Bind.
func (f *Factory) Registry(cmd *cobra.Command) (policysource.Options, error) {
	var o policysource.Options
	for _, b := range []struct {
		flag string
		to   *bool
	}{{"plain-http", &o.PlainHTTP}, {"offline", &o.Offline}} {
		raw := f.IO.Env(EnvName(Key(b.flag)))
		if cmd.Flags().Lookup(b.flag) != nil {
			raw = f.Viper.GetString(Key(b.flag))
		}
		if raw == "" {
			continue
		}
		on, err := strconv.ParseBool(raw)
		if err != nil {
			return o, Usagef(fmt.Errorf("%s %q (from %s) must be true or false", b.flag, raw, f.from(cmd, b.flag)))
		}
		*b.to = on
	}
	return o, nil
}

// DefaultMaxMemory is the memory budget of policy evaluation when nothing says otherwise.
const DefaultMaxMemory = "1GiB"

// ParseSize reads a size in bytes, with an optional unit: 1048576, 512MiB, 2GiB, 64KiB
// (KB, MB and GB are read as the same powers of two).
func ParseSize(raw string) (int64, error) {
	s := strings.TrimSpace(raw)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size", raw)
	}
	return n * mult, nil
}

// MaxMemoryFlag adds --max-memory to a command that evaluates policies.
func MaxMemoryFlag(cmd *cobra.Command) {
	cmd.Flags().String("max-memory", DefaultMaxMemory, "memory budget of policy evaluation, in `SIZE` (such as 512MiB or 2GiB)")
}

// RegistryFlags adds --plain-http and --offline to a command that may reach a registry for
// an oci:// policy pack. Loopback hosts are reached over plain HTTP without --plain-http;
// any other host only with it, so that a pack is never fetched unencrypted by accident.
// --offline serves packs from the cache alone.
func RegistryFlags(cmd *cobra.Command) {
	cmd.Flags().Bool("plain-http", false, "reach registries of oci:// policy packs over HTTP without TLS (loopback hosts always are)")
	cmd.Flags().Bool("offline", false, "reach no registry: take oci:// policy packs from the cache alone (a digest cached, or a tag as it last resolved)")
}

// PolicyFlags add -p to a command that judges ladders by policies of the user's (a
// directory, a registry pack or a bundle, added to the config's policies), with how packs are
// reached (RegistryFlags) and bundles verified (VerificationFlags).
func PolicyFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayP("policy", "p", nil, "add a Rego policy `DIR`, a pack oci://HOST/REPO:TAG or an OPA bundle FILE.tar.gz (repeatable; added to the config's policies)")
	RegistryFlags(cmd)
	VerificationFlags(cmd)
}

// VerificationFlags add --verification-key, --verification-key-id and --scope to a command
// that judges ladders: how the signatures of OPA bundles (-p FILE.tar.gz) are checked, with
// the names and meanings of opa run's flags. They have no config key (see Judging).
func VerificationFlags(cmd *cobra.Command) {
	cmd.Flags().String("verification-key", "", "require every policy to come from a bundle (.tar.gz) signed with this key: a PEM public `FILE` (RSA or ECDSA) or an HMAC secret")
	cmd.Flags().String("verification-key-id", policysource.DefaultKeyID, "the `ID` of the --verification-key, as opa build --signing-key names it")
	cmd.Flags().String("scope", "", "the `SCOPE` bundle signatures must carry (as opa build --claims-file sets it)")
}

// DefaultTimeout bounds the evaluation of policies when nothing says otherwise.
const DefaultTimeout = 30 * time.Second

// OneOf reads a setting of the running command that must be one of a list of values, naming
// where it may have come from when it is not.
func (f *Factory) OneOf(cmd *cobra.Command, flag string, values []string) (string, error) {
	val := f.Viper.GetString(Key(flag))
	if slices.Contains(values, val) {
		return val, nil
	}
	return "", Usagef(fmt.Errorf("%s %q (from %s) is not one of %s", flag, val, f.from(cmd, flag), strings.Join(values, ", ")))
}

// from says where a setting can come from, for a message about a bad value: its flag if the
// command has one, its variable, and the config file if the config has the key.
func (f *Factory) from(cmd *cobra.Command, flag string) string {
	var places []string
	if cmd.Flags().Lookup(flag) != nil {
		places = append(places, "--"+flag)
	}
	places = append(places, EnvName(Key(flag)))
	if slices.Contains(config.Keys, Key(flag)) {
		places = append(places, "the config")
	}
	if len(places) == 1 {
		return places[0]
	}
	return strings.Join(places[:len(places)-1], ", ") + " or " + places[len(places)-1]
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

// LadderNames completes a LADDER argument with the names of the ladders in the configured
// paths, each described by its file. The shell still completes file paths, as a LADDER may
// be a file.
func LadderNames(f *Factory, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, err := f.Config()
	if err != nil {
		return nil, cobra.ShellCompDirectiveDefault
	}
	set := ladder.Load(check.FromConfig(cfg).Paths, ladder.Options{})
	var names []cobra.Completion
	for _, l := range set.Ladders {
		if strings.HasPrefix(l.Name, prefix) {
			names = append(names, cobra.CompletionWithDesc(l.Name, l.File))
		}
	}
	return names, cobra.ShellCompDirectiveDefault
}

// OutputFlag adds -o, --output to a command, defaulting to its first format, with the
// formats' names in the help and their descriptions in completion.
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
