package roster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/roster"
)

func rosterFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaults(t *testing.T) {
	file := rosterFile(t, "level\nIC1\nIC2\n")
	o := clitest.MustParse(t, clitest.New(nil, nil, false), NewCmdRoster, file)
	r := o.Judging.Roster
	if r == nil || r.File != file || r.MinGroup != roster.DefaultMinGroup || r.People() != 2 || r.Gender {
		t.Fatalf("roster = %+v", r)
	}
	if o.Output != "text" || o.FailOn != "error" || strings.Join(o.Judging.Paths, ",") != "ladders" {
		t.Errorf("options = %+v", o)
	}
}

func TestFlagsAndEnvironment(t *testing.T) {
	file := rosterFile(t, "Job level,Sex\nIC1,f\n")
	env := map[string]string{"LADDERCTL_MIN_GROUP": "7"}
	o := clitest.MustParse(t, clitest.New(nil, env, false), NewCmdRoster, file, "--columns", "level=Job level,gender=Sex", "-o", "json", "--fail-on", "warning", "a/", "b.yaml")
	r := o.Judging.Roster
	if r.MinGroup != 7 || !r.Gender || r.People() != 1 {
		t.Errorf("roster = %+v", r)
	}
	if o.Output != "json" || o.FailOn != "warning" || strings.Join(o.Judging.Paths, ",") != "a/,b.yaml" {
		t.Errorf("options = %+v", o)
	}
}

func TestUsageErrors(t *testing.T) {
	file := rosterFile(t, "level\nIC1\n")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "name a roster"},
		{[]string{file, "--min-group", "0"}, "--min-group 0 must be at least 1"},
		{[]string{file, "--columns", "name=Full name"}, `--columns names "name", which is not a column roster reads`},
		{[]string{file, "-o", "svg"}, "svg"},
		{[]string{"-", "-"}, "cannot both be read from standard input"},
	} {
		_, err := clitest.Parse(t, clitest.New(nil, nil, false), NewCmdRoster, tt.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want a usage error with %q", tt.args, err, tt.want)
		}
	}
}

func TestAFileThatIsNoRosterStopsTheRun(t *testing.T) {
	file := rosterFile(t, "name,email\nAda,ada@example.com\n")
	_, err := clitest.Parse(t, clitest.New(nil, nil, false), NewCmdRoster, file)
	var exit *cli.ExitError
	if err == nil || !strings.Contains(err.Error(), `a column "level"`) || strings.Contains(err.Error(), "Ada") {
		t.Fatalf("err = %v", err)
	}
	if !errors.As(err, &exit) || exit.Code != cli.ExitIncomplete {
		t.Errorf("err = %v, want exit 2", err)
	}
}
