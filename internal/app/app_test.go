// End-to-end tests of ladderctl: the scripts in testdata/script run the real binary (this test
// binary, re-executed as "ladderctl" by testscript.Main), so exit codes, streams, environment
// and working directory are those of a real run.
//
// Exit codes are part of the contract (cli.md), and testscript's `! exec` accepts any non-zero
// status, so scripts follow one convention:
//
//	exec ladderctl ARGS...          the run must exit 0
//	exitcode N ladderctl ARGS...    the run must exit with exactly N (1 or 2); like exec, it
//	                                keeps stdout and stderr for the `stdout`/`stderr` checks
//	                                that follow, and it fails on a Go panic or stack trace
//
// `! exec ladderctl` is refused (TestScripts checks every script), so no script can accept a
// 2 where a 1 is due. Two more commands keep scripts readable:
//
//	unescape FILE...           rewrites \t, \r, \xHH and \\ in FILE as the bytes they name, so
//	                           tabs, CRLF and invalid UTF-8 stay visible in the .txtar source
//	pos VAR FILE REGEXP        sets $VAR to LINE:COL of REGEXP's only match in FILE (of its
//	                           first group, if it has one), and $VAR_line and $VAR_col, for
//	                           findings in the repository's example files, whose lines move
//	                           when the examples are edited
//
//	bundle ...                 builds, and signs, an OPA bundle as opa build does (see cmdBundle)
//	registry                   starts an OCI registry in memory on 127.0.0.1 and sets
//	                           $REGISTRY to its host:port; `registry stop` stops it, and it
//	                           stops when the script ends
//	capture VAR FILE REGEXP    sets $VAR to REGEXP's first group in FILE (a digest printed)
//	expand FILE...             rewrites $VAR in FILE with the script's variables (a config
//	                           that pins that digest)
//	conftest push|pull ...     publishes and fetches a pack as conftest does (see cmdConftest)
//
// `stderr -count=1 '\n'` checks that stderr is exactly one line.
//
// Every script starts with the repository's examples in $WORK: ladders/*.yaml (healthy) and
// unhealthy.yaml (docs/examples), and the excerpts of real frameworks under import/. $WORK holds an empty .git directory, so the config search
// never climbs out of the script's directory; HOME is $WORK; policy packs are cached under
// $WORK/.cache (XDG_CACHE_HOME) and registry logins read from $WORK/.docker (DOCKER_CONFIG);
// NO_COLOR is unset.
//
// A script named *.txtar.bug is not run: it shows a known bug, as the CLI should behave, with
// the command that shows it in its header; rename it to .txtar once the bug is fixed.
//
// go test ./internal/app/ -update rewrites the files compared with `cmp`; review the diff.
package app_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ladderctl/ladderctl/internal/app"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the files that scripts compare with cmp")

// repoRoot is the repository, seen from this package's directory, where go test runs.
const repoRoot = "../.."

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ladderctl": func() { os.Exit(app.Main()) },
	})
}

func TestScripts(t *testing.T) {
	dir := filepath.Join(repoRoot, "testdata", "script")
	checkConventions(t, dir)
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Condition:           condition,
		Setup:               setup,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitcode,
			"bundle":   cmdBundle,
			"unescape": cmdUnescape,
			"rename":   cmdRename,
			"schema":   cmdSchema,
			"pos":      cmdPos,
			"hostile":  cmdHostile,
			"noleak":   cmdNoleak,
			"mkfifo":   cmdMkfifo,
			"registry": cmdRegistry,
			"capture":  cmdCapture,
			"conftest": cmdConftest,
			"expand":   cmdExpand,
		},
	})
}

// condition answers the scripts' own conditions: [xmllint] holds where xmllint can check
// JUnit against its XSD, and in CI whether or not it is installed, so CI never skips.
func condition(cond string) (bool, error) {
	switch cond {
	case "xmllint":
		_, err := exec.LookPath("xmllint")
		return err == nil || os.Getenv("CI") != "", nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// setup gives every script the repository's example ladders and a hermetic environment.
func setup(env *testscript.Env) error {
	env.Setenv("HOME", env.WorkDir)
	// Policy packs are cached, and registry logins read, under $WORK: never the user's own.
	env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
	env.Setenv("DOCKER_CONFIG", filepath.Join(env.WorkDir, ".docker"))
	env.Vars = deleteVar(env.Vars, "NO_COLOR")
	// The config search stops at the directory that holds .git: never read a
	// .ladderctl.yaml that happens to sit above the test's temporary directory.
	if err := os.Mkdir(filepath.Join(env.WorkDir, ".git"), 0o777); err != nil {
		return err
	}
	ladders, err := filepath.Glob(filepath.Join(repoRoot, "ladders", "*.yaml"))
	if err != nil {
		return err
	}
	if len(ladders) == 0 {
		return fmt.Errorf("no example ladders in %s", filepath.Join(repoRoot, "ladders"))
	}
	for _, src := range ladders {
		if err := copyNew(src, filepath.Join(env.WorkDir, "ladders", filepath.Base(src))); err != nil {
			return err
		}
	}
	// The excerpts of real frameworks import's scripts read, as import/<source>/<file>.
	excerpts, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "import", "*", "*"))
	if err != nil {
		return err
	}
	for _, src := range excerpts {
		rel, _ := filepath.Rel(filepath.Join(repoRoot, "testdata"), src)
		if err := copyNew(src, filepath.Join(env.WorkDir, rel)); err != nil {
			return err
		}
	}
	if err := copyRoster(env); err != nil {
		return err
	}
	return copyNew(filepath.Join(repoRoot, "docs", "examples", "unhealthy.yaml"), filepath.Join(env.WorkDir, "unhealthy.yaml"))
}

func deleteVar(vars []string, name string) []string {
	out := vars[:0]
	for _, kv := range vars {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// copyNew copies src to dst and refuses to overwrite a file the script itself defines.
func copyNew(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fmt.Errorf("the script's own files clash with the examples Setup copies: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var negatedExec = regexp.MustCompile(`^\s*(\[[^]]*\]\s*)*!\s*exec\s+ladderctl\b`)

// checkConventions refuses `! exec ladderctl`, which would accept any non-zero exit code.
func checkConventions(t *testing.T, dir string) {
	t.Helper()
	scripts, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scripts {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			if strings.HasPrefix(sc.Text(), "-- ") {
				break // the files of the archive start here
			}
			if negatedExec.MatchString(sc.Text()) {
				t.Errorf("%s:%d: use `exitcode N ladderctl ...`, not `! exec ladderctl`: the exit code is part of the contract", s, n)
			}
		}
	}
}

// cmdMkfifo makes a named pipe, which blocks whoever opens it to read until someone
// writes to it: what a pull request can leave where a ladder or a policy is expected.
//
//	mkfifo file
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo file")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// cmdExitcode runs a program as exec does and fails unless it exits with exactly the code given.
//
//	exitcode N program [args...]
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (name the code you expect instead)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exit.ExitCode()
	}
	if stderr := ts.ReadFile("stderr"); strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic:") {
		ts.Fatalf("%s printed a Go panic or stack trace", args[1])
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdUnescape rewrites escapes in files as the bytes they name: \t, \r, \n, \xHH and \\.
//
//	unescape file...
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape file...")
	}
	for _, name := range args {
		ts.Check(os.WriteFile(ts.MkAbs(name), unescape(ts, []byte(ts.ReadFile(name))), 0o666))
	}
}

// cmdRename moves a file to a name with the same escapes as unescape, for names a script
// cannot write: a line break or a control character in a file name.
//
//	rename file name
func cmdRename(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: rename file name")
	}
	ts.Check(os.Rename(ts.MkAbs(args[0]), ts.MkAbs(string(unescape(ts, []byte(args[1]))))))
}

func unescape(ts *testscript.TestScript, in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); i++ {
		if in[i] != '\\' || i+1 == len(in) {
			out = append(out, in[i])
			continue
		}
		switch in[i+1] {
		case 't':
			out = append(out, '\t')
			i++
		case 'r':
			out = append(out, '\r')
			i++
		case 'n':
			out = append(out, '\n')
			i++
		case '\\':
			out = append(out, '\\')
			i++
		case 'x':
			if i+3 >= len(in) {
				ts.Fatalf("unescape: \\x needs two hex digits")
			}
			b, err := strconv.ParseUint(string(in[i+2:i+4]), 16, 8)
			if err != nil {
				ts.Fatalf("unescape: bad escape \\x%s", in[i+2:i+4])
			}
			out = append(out, byte(b))
			i += 3
		default:
			out = append(out, in[i])
		}
	}
	return out
}

// cmdSchema checks a report against the schema its consumers validate it with, vendored
// under internal/report/testdata: sarif, the OASIS SARIF 2.1.0 JSON schema; junit, the
// Jenkins xunit plugin's junit-10.xsd, with xmllint (write [xmllint] schema junit file:
// the condition holds where xmllint is installed, and always in CI, so CI never skips it).
//
//	schema sarif|junit file
func cmdSchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: schema sarif|junit file")
	}
	var err error
	switch args[0] {
	case "sarif":
		err = reporttest.SARIF(ts.MkAbs(args[1]))
	case "junit":
		err = reporttest.JUnit(ts.MkAbs(args[1]))
	default:
		ts.Fatalf("schema: unknown kind %q (use sarif or junit)", args[0])
	}
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s does not match the %s schema: %v", args[1], args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s matches the %s schema", args[1], args[0])
	}
}

// cmdHostile writes a hostile file too large to keep in a script: deep (20,000 nested
// lists), bomb (an alias bomb in a ladder), keys (a mapping of 200,000 keys under metadata),
// binary (random bytes), big (a 40 MB ladder of comments) or levels (a ladder of 1,001
// levels, one more than a ladder may hold).
//
//	hostile kind file
func cmdHostile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hostile deep|bomb|keys|binary|big|levels file")
	}
	head := "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: hostile\n"
	var b strings.Builder
	switch args[0] {
	case "deep":
		b.WriteString(head + "spec: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n")
	case "bomb":
		b.WriteString(head + "  labels:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
		for i := 1; i < 10; i++ {
			fmt.Fprintf(&b, "    l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*%s, ", prev(i)), 10), ", "))
		}
	case "keys":
		b.WriteString(head)
		for i := range 200_000 {
			fmt.Fprintf(&b, "  k%d: v\n", i)
		}
	case "binary":
		r := rand.New(rand.NewPCG(1, 2))
		for range 5000 {
			b.WriteByte(byte(r.IntN(256)))
		}
	case "big":
		b.WriteString(head)
		line := "# " + strings.Repeat("x", 1000) + "\n"
		for b.Len() < 40<<20 {
			b.WriteString(line)
		}
	case "levels":
		// One level more than a ladder may hold (ladder.MaxLevels), each otherwise healthy.
		b.WriteString(head + "spec:\n  tracks:\n    - id: ic\n      type: ic\n      levels:\n")
		for i := 1; i <= 1001; i++ {
			fmt.Fprintf(&b, "        - {id: L%d, title: Level %d, grade: %d, summary: One step up.}\n", i, i, i)
		}
	default:
		ts.Fatalf("hostile: unknown kind %q", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o666))
}

func prev(i int) string {
	if i == 1 {
		return "a"
	}
	return fmt.Sprintf("l%d", i-1)
}

// cmdPos sets a variable to the line and column (1-based, in characters, as the YAML parser
// counts them) of the only match of a regexp in a file, or of its first group: $VAR is
// LINE:COL, $VAR_line and $VAR_col the two numbers.
//
//	pos VAR file regexp
func cmdPos(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: pos VAR file regexp")
	}
	re, err := regexp.Compile("(?m)" + args[2])
	ts.Check(err)
	text := ts.ReadFile(args[1])
	matches := re.FindAllStringSubmatchIndex(text, -1)
	if len(matches) != 1 {
		ts.Fatalf("pos: %q matches %d times in %s, want once", args[2], len(matches), args[1])
	}
	at := matches[0][0]
	if len(matches[0]) > 2 && matches[0][2] >= 0 {
		at = matches[0][2]
	}
	before := text[:at]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	ts.Setenv(args[0], fmt.Sprintf("%d:%d", line, col))
	ts.Setenv(args[0]+"_line", strconv.Itoa(line))
	ts.Setenv(args[0]+"_col", strconv.Itoa(col))
}

// In-process runs: what a script cannot set up, such as a terminal on stdout.

type run struct {
	code           int
	stdout, stderr string
}

// runApp runs ladderctl in-process in an empty directory, with env as its environment for
// colour decisions.
func runApp(t *testing.T, tty bool, env map[string]string, args ...string) run {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o777); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	streams := &cli.IOStreams{
		In:     strings.NewReader(""),
		Out:    &out,
		ErrOut: &errOut,
		OutTTY: tty,
		Getenv: func(k string) string { return env[k] },
	}
	code := app.Run(context.Background(), args, streams)
	r := run{code: code, stdout: out.String(), stderr: errOut.String()}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stderr holds a panic or stack trace:\n%s", r.stderr)
	}
	return r
}

func example(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunUnknownFlag(t *testing.T) {
	r := runApp(t, false, nil, "lint", "--bogus")
	if r.code != cli.ExitIncomplete {
		t.Errorf("exit code %d, want %d", r.code, cli.ExitIncomplete)
	}
	if want := "ladderctl: unknown flag: --bogus (see ladderctl --help)\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
}

func TestRunMissingPath(t *testing.T) {
	r := runApp(t, false, nil, "lint", "nowhere.yaml", example(t, "docs/examples/unhealthy.yaml"))
	if r.code != cli.ExitIncomplete {
		t.Errorf("exit code %d, want %d", r.code, cli.ExitIncomplete)
	}
	if want := "\nnowhere.yaml: error load: no such file or directory; check the path\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
	}
	// The ladder that does exist is still linted.
	if !strings.Contains(r.stdout, " error parity/top-grade: ") {
		t.Errorf("stdout lacks the unhealthy ladder's findings:\n%s", r.stdout)
	}
	if want := "ladderctl: 1 file could not be read as ladders; the load findings in the report say why\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
}

func TestRunColor(t *testing.T) {
	unhealthy := example(t, "docs/examples/unhealthy.yaml")
	for _, tc := range []struct {
		name  string
		tty   bool
		env   map[string]string
		flag  string
		color bool
	}{
		{"terminal", true, nil, "auto", true},
		{"terminal with NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, "auto", false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, "auto", false},
		{"terminal, never", true, nil, "never", false},
		{"pipe", false, nil, "auto", false},
		{"pipe, always", false, nil, "always", true},
		{"pipe, always, NO_COLOR", false, map[string]string{"NO_COLOR": "1"}, "always", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runApp(t, tc.tty, tc.env, "lint", "--color", tc.flag, unhealthy)
			if r.code != cli.ExitFindings {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, cli.ExitFindings, r.stderr)
			}
			if got := strings.Contains(r.stdout, "\x1b["); got != tc.color {
				t.Errorf("ANSI escapes in stdout: %v, want %v:\n%q", got, tc.color, r.stdout)
			}
		})
	}
}
