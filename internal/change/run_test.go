package change

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/gitref"
)

// gitRepo is a repository in a temporary directory, which the test works in.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	t.Chdir(r.dir)
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r *gitRepo) write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *gitRepo) commit(msg string, files map[string]string) {
	r.t.Helper()
	r.write(files)
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// run diffs the working directory with ref, as `ladderctl diff --base ref` does.
func run(t *testing.T, ref string, flagParams map[string]any, paths ...string) *Report {
	t.Helper()
	out, err := runErr(ref, flagParams, paths...)
	if err != nil {
		t.Fatal(err)
	}
	return out.Report
}

func runErr(ref string, flagParams map[string]any, paths ...string) (*Outcome, error) {
	file, err := config.Find(".")
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(file)
	if err != nil {
		return nil, err
	}
	head := check.FromConfig(cfg)
	if len(paths) > 0 {
		head.Paths = paths
	}
	head.FlagParams, head.Params = flagParams, check.Params(cfg, flagParams)
	head.Timeout, head.Now = time.Minute, time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	return Run(context.Background(), Input{Ref: ref, Head: head, Paths: paths, Getenv: func(string) string { return "" }})
}

const titlesPolicy = `package acme.titles

import rego.v1

deny_ninja contains finding if {
	some track in input.spec.tracks
	some level in track.levels
	regex.match(` + "`(?i)\\bninja\\b`" + `, level.title)
	finding := {"msg": sprintf("%s %s: use a title people outside the company understand.", [level.id, level.title]), "level": level.id}
}
`

const ownerPolicy = `package acme.owner

import rego.v1

warn_owner contains "Every ladder names an owner." if not input.metadata.owner
`

func TestRunAPullRequest(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{
		".ladderctl.yaml":          "policies: [policies/]\n",
		"ladders/acme.yaml":        baseLadder,
		"policies/titles.rego":     titlesPolicy,
		"policies/owner.rego":      ownerPolicy,
		"policies/owner_test.rego": "package acme.owner\n",
	})
	r.git("checkout", "-q", "-b", "feature")
	// main moves on after the branch: a ladder the pull request never saw.
	r.git("checkout", "-q", "main")
	r.commit("main moves on", map[string]string{"ladders/globex.yaml": replace(t, baseLadder, "name: acme\n", "name: globex\n")})
	r.git("checkout", "-q", "feature")
	// The pull request: a committed policy change, and uncommitted edits of the ladder and
	// the config.
	r.commit("titles", map[string]string{"policies/titles.rego": strings.Replace(titlesPolicy, `\bninja\b`, `\b(ninja|rockstar)\b`, 1)})
	r.git("rm", "-q", "policies/owner.rego")
	r.git("commit", "-q", "-m", "no owner policy")
	r.write(map[string]string{
		"ladders/acme.yaml": replace(t, baseLadder,
			"title: Staff Engineer,", "title: Rockstar Engineer,",
			"{id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 220000, max: 300000}", "{id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 260000, max: 360000}"),
		".ladderctl.yaml": "policies: [policies/]\nparams:\n  parity_pay_tolerance: 0.15\nexceptions:\n  - {rule: acme.titles/*, ladder: zzz, reason: Never matches}\n",
	})

	rep := run(t, "main", nil)
	if rep.Base.Ref != "main" || len(rep.Base.Commit) != 40 || !rep.Head.WorkingTree || rep.Base.Config != ".ladderctl.yaml" || rep.Head.Config != ".ladderctl.yaml" {
		t.Errorf("revisions: base %+v, head %+v", rep.Base, rep.Head)
	}
	if len(rep.Errors.Base)+len(rep.Errors.Head) > 0 {
		t.Fatalf("errors: %+v", rep.Errors)
	}
	// The merge-base, not main: globex is not "removed".
	if len(rep.Ladders.Added)+len(rep.Ladders.Removed) != 0 {
		t.Errorf("ladders: %+v", rep.Ladders)
	}
	var levels []string
	for _, c := range rep.Levels {
		levels = append(levels, c.Level+" "+c.Change)
	}
	if strings.Join(levels, ",") != "IC5 retitled" {
		t.Errorf("levels: %v", levels)
	}
	if len(rep.Pay) != 1 || rep.Pay[0].Level != "M2" || *rep.Pay[0].Min.Change != 0.1818 || *rep.Pay[0].Max.Change != 0.2 {
		t.Errorf("pay: %+v", rep.Pay)
	}
	var introduced, fixed []string
	for _, f := range rep.Findings.Introduced {
		introduced = append(introduced, f.Rule+" "+f.Level+" "+f.File)
	}
	for _, f := range rep.Findings.Fixed {
		fixed = append(fixed, f.Rule+" "+f.SilencedBy)
	}
	// The edited policy newly flags the retitled level; the lowered band breaks parity even
	// within the widened tolerance; the deleted policy's warning goes, silenced.
	want := []string{
		"acme.titles/deny_ninja IC5 ladders/acme.yaml",
		"parity/pay IC6 ladders/acme.yaml",
		"exceptions/unused  .ladderctl.yaml",
	}
	slices.Sort(want)
	slices.Sort(introduced)
	if !slices.Equal(introduced, want) {
		t.Errorf("introduced:\n got %q\nwant %q", introduced, want)
	}
	if !slices.Equal(fixed, []string{"acme.owner/warn_owner " + PolicyDeleted}) {
		t.Errorf("fixed: %q", fixed)
	}
	var kinds []string
	for _, l := range rep.Loosened {
		kinds = append(kinds, l.Kind+" "+l.Subject)
	}
	if want := []string{"policy_deleted policies/owner.rego", "param_loosened parity_pay_tolerance", "waiver_added acme.titles/*"}; !slices.Equal(kinds, want) {
		t.Errorf("loosened: %q", kinds)
	}
	if !rep.Fails() || !rep.Complete() {
		t.Errorf("fails %v, complete %v", rep.Fails(), rep.Complete())
	}

	// PATHs narrow both sides; --param judges the head side only, and says so.
	rep = run(t, "main", map[string]any{"parity_pay_tolerance": 0.5}, "ladders/acme.yaml")
	for _, f := range rep.Findings.Introduced {
		if f.Rule == "parity/pay" {
			t.Errorf("--param did not apply to the head side: %+v", f)
		}
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "--param parity_pay_tolerance=0.5") {
		t.Errorf("notes: %q", rep.Notes)
	}
}

func TestRunFromASubdirectory(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{".ladderctl.yaml": "ladders: [ladders/]\n", "ladders/acme.yaml": baseLadder, "docs/README.md": "docs\n"})
	r.git("checkout", "-q", "-b", "feature")
	r.write(map[string]string{"ladders/acme.yaml": replace(t, baseLadder, "title: Staff Engineer,", "title: Staff Engineer II,")})
	t.Chdir(filepath.Join(r.dir, "docs"))
	rep := run(t, "main", nil)
	if len(rep.Levels) != 1 || rep.Levels[0].File != "ladders/acme.yaml" || rep.Base.Config != ".ladderctl.yaml" {
		t.Errorf("levels %+v, base %+v", rep.Levels, rep.Base)
	}
	if len(rep.Errors.Base)+len(rep.Errors.Head) > 0 {
		t.Errorf("errors: %+v", rep.Errors)
	}
}

func TestRunBaseErrorsAreReported(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{
		".ladderctl.yaml":      "policies: [policies/]\n",
		"ladders/acme.yaml":    baseLadder,
		"ladders/broken.yaml":  "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: broken\n  title: [unclosed\n",
		"policies/titles.rego": "package acme.titles\n\nimport rego.v1\n\ndeny contains msg if {\n",
	})
	r.git("checkout", "-q", "-b", "fix")
	r.write(map[string]string{
		"ladders/broken.yaml":  replace(t, baseLadder, "name: acme\n", "name: broken\n"),
		"policies/titles.rego": titlesPolicy,
	})
	rep := run(t, "main", nil)
	joined := strings.Join(rep.Errors.Base, "\n")
	if !strings.Contains(joined, "policies/titles.rego:") || !strings.Contains(joined, "ladders/broken.yaml:5:") {
		t.Errorf("base errors: %q", rep.Errors.Base)
	}
	if strings.Contains(joined, os.TempDir()) || strings.Contains(joined, "ladderctl-diff-") {
		t.Errorf("base errors name the temporary directory: %q", rep.Errors.Base)
	}
	if !rep.Complete() || rep.Summary.BaseComplete {
		t.Errorf("summary: %+v", rep.Summary)
	}
	// The base's load error is fixed; the ladder is not "added", as the base could not say.
	if rep.Summary.Fixed != 1 || rep.Findings.Fixed[0].Rule != finding.RuleLoad || len(rep.Ladders.Added) != 0 {
		t.Errorf("fixed %+v, added %+v", rep.Findings.Fixed, rep.Ladders.Added)
	}

	// A base config that does not load is reported too.
	r.git("checkout", "-q", "-f", "main")
	r.commit("bad config", map[string]string{".ladderctl.yaml": "polices: [policies/]\n"})
	r.git("checkout", "-q", "-b", "fix-config")
	r.write(map[string]string{".ladderctl.yaml": "policies: [policies/]\n", "policies/titles.rego": titlesPolicy,
		"ladders/broken.yaml": replace(t, baseLadder, "name: acme\n", "name: broken\n")})
	rep = run(t, "main", nil)
	if !strings.Contains(strings.Join(rep.Errors.Base, "\n"), `.ladderctl.yaml:1:1: unknown key "polices"`) || !rep.Complete() {
		t.Errorf("errors: %+v", rep.Errors)
	}
}

func TestRunHeadErrorsMakeItIncomplete(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{"ladders/acme.yaml": baseLadder})
	r.write(map[string]string{"ladders/acme.yaml": "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: [\n"})
	rep := run(t, "main", nil)
	if rep.Complete() || len(rep.Errors.Head) != 1 || !strings.HasPrefix(rep.Errors.Head[0], "ladders/acme.yaml:") {
		t.Errorf("head errors: %q", rep.Errors.Head)
	}
	// The ladder the head could not read is not "removed".
	if len(rep.Ladders.Removed) != 0 {
		t.Errorf("removed: %+v", rep.Ladders.Removed)
	}
}

func TestRunNewLadderPath(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{"README.md": "no ladders yet\n"})
	r.git("checkout", "-q", "-b", "first")
	r.write(map[string]string{"ladders/acme.yaml": baseLadder})
	rep := run(t, "main", nil)
	if len(rep.Ladders.Added) != 1 || len(rep.Errors.Base)+len(rep.Errors.Head) > 0 {
		t.Errorf("added %+v, errors %+v", rep.Ladders.Added, rep.Errors)
	}
}

func TestRunBadRef(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{"ladders/acme.yaml": baseLadder})
	_, err := runErr("no-such-branch", nil)
	var gerr *gitref.Error
	if !errors.As(err, &gerr) || !strings.Contains(err.Error(), `the git ref "no-such-branch" does not exist here`) {
		t.Errorf("err = %v", err)
	}
}

func TestDefaultRef(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{"ladders/acme.yaml": baseLadder})
	ctx := context.Background()
	repo, err := gitref.Open(ctx, ".")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if got := DefaultRef(ctx, repo, getenv); got != "main" {
		t.Errorf("default = %q, want main", got)
	}
	r.git("update-ref", "refs/remotes/origin/main", "HEAD")
	if got := DefaultRef(ctx, repo, getenv); got != "origin/main" {
		t.Errorf("default = %q, want origin/main", got)
	}
	env["GITHUB_BASE_REF"] = "release"
	if got := DefaultRef(ctx, repo, getenv); got != "origin/release" {
		t.Errorf("default = %q, want origin/release", got)
	}
}

func TestRunAWaiverForItsOwnGap(t *testing.T) {
	r := newRepo(t)
	r.commit("base", map[string]string{"ladders/acme.yaml": baseLadder})
	r.git("checkout", "-q", "-b", "vp")
	r.write(map[string]string{
		"ladders/acme.yaml": replace(t, baseLadder, "  transitions:", "        - {id: M3, title: VP of Engineering, grade: 7, scope: company, pay: {min: 300000, max: 420000}, summary: x}\n  transitions:"),
		".ladderctl.yaml":   "exceptions:\n  - {rule: parity/*, ladder: acme, level: M3, reason: An IC peer is planned}\n",
	})
	rep := run(t, "main", nil)
	var accepted []string
	for _, f := range rep.Findings.Accepted {
		accepted = append(accepted, f.Rule+" "+f.Level+" "+f.AcceptedBy)
	}
	// The new level breaks two parity rules; the waiver the change adds accepts both: the
	// change fails nothing, and the report still shows them under the loosening.
	if want := []string{"parity/peer-level M3 waiver", "parity/top-grade M3 waiver"}; !slices.Equal(accepted, want) {
		t.Errorf("accepted = %q", accepted)
	}
	if rep.Fails() || !rep.Loosens() || rep.Summary.Introduced != 0 || len(rep.Errors.Head) != 0 {
		t.Errorf("summary = %+v, errors %+v", rep.Summary, rep.Errors)
	}
}
