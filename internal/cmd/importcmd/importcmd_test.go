package importcmd

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli/clitest"
)

func TestFlags(t *testing.T) {
	h := clitest.New(nil, map[string]string{"LADDERCTL_NAME": "eng"}, false)
	o := clitest.MustParse(t, h, NewCmdImport, "ft", "engineering.yml", "-o", "out.yaml")
	if o.Format.Name() != "ft" || o.Sources[0] != "engineering.yml" || o.OutputFile != "out.yaml" || o.Name != "eng" {
		t.Errorf("%+v", o)
	}
	o = clitest.MustParse(t, clitest.New(nil, nil, false), NewCmdImport, "bands", "b.csv", "--into", "l.yaml", "--columns", `level=Job level,min=Min base`, "--dry-run")
	if !o.Format.Into || o.Into != "l.yaml" || o.Columns["level"] != "Job level" || o.Columns["min"] != "Min base" || !o.DryRun {
		t.Errorf("%+v", o)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "name a format to import (ft, pathway, monzo, bands)"},
		{[]string{"xml", "a"}, `unknown import format "xml"`},
		{[]string{"pathway"}, "import pathway needs FILE to read"},
		{[]string{"ft", "a", "b"}, "import ft reads one FILE, not 2"},
		{[]string{"monzo", "a.md", "--into", "l.yaml"}, "--into is for import bands, not import monzo"},
		{[]string{"bands", "b.csv"}, "import bands needs --into LADDER"},
		{[]string{"bands", "b.csv", "--into", "l.yaml", "--columns", "grade=G"}, `--columns names "grade"`},
		{[]string{"ft", "a", "--name", "Eng"}, `--name "Eng" must be lower-case`},
		{[]string{"ft", "a", "--max-file-size", "0"}, "max-file-size 0 must be a positive number"},
	} {
		_, err := clitest.Parse(t, clitest.New(nil, nil, false), NewCmdImport, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.args, err, c.want)
		}
	}
}
