// Package reporttest checks reports against the schemas their consumers validate them with,
// vendored under internal/report/testdata: the OASIS SARIF 2.1.0 JSON schema, which GitHub
// code scanning follows, and the Jenkins xunit plugin's junit-10.xsd. Only tests use it.
package reporttest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Testdata is the directory of the vendored schemas.
func Testdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

// SARIFSchema compiles the OASIS schema under its own id, so that nothing is fetched: the
// loader knows no URL scheme at all.
func SARIFSchema() (*jsonschema.Schema, error) {
	doc, err := readJSON(filepath.Join(Testdata(), "sarif-schema-2.1.0.json"))
	if err != nil {
		return nil, err
	}
	id := doc.(map[string]any)["id"].(string)
	c := jsonschema.NewCompiler()
	c.UseLoader(jsonschema.SchemeURLLoader{})
	c.AssertFormat() // uri-reference and the like are checked too
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id)
}

// SARIF validates a SARIF file against the schema.
func SARIF(file string) error {
	sch, err := SARIFSchema()
	if err != nil {
		return err
	}
	inst, err := readJSON(file)
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// ErrNoXmllint says that xmllint, which validates XML against an XSD, is not installed.
var ErrNoXmllint = errors.New("xmllint is not installed (apt-get install libxml2-utils); .ci/run installs it")

// JUnit validates a JUnit XML file against junit-10.xsd with xmllint, the validator of
// libxml2 (no Go module validates XML Schema without cgo). Without xmllint it returns
// ErrNoXmllint; tests skip then, except in CI, where they fail.
func JUnit(file string) error {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return ErrNoXmllint
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join(Testdata(), "junit-10.xsd"), file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// MustValidate is what a test does with ErrNoXmllint: skip, unless CI is set, where every
// check must run.
func MustValidate(err error, getenv func(string) string) (skip bool, _ error) {
	if errors.Is(err, ErrNoXmllint) && getenv("CI") == "" {
		return true, nil
	}
	return false, err
}

func readJSON(file string) (any, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}
