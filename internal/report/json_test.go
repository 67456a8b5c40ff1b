package report

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONShape(t *testing.T) {
	var b strings.Builder
	if err := (jsonFormat{}).Write(&b, New(3, 2, sample()[:1]), Options{}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "summary": {
    "files": 3,
    "ladders": 2,
    "errors": 1,
    "warnings": 0,
    "infos": 0,
    "load_errors": 0,
    "waived": 0,
    "baselined": 0
  },
  "findings": [
    {
      "rule": "parity/top-grade",
      "severity": "error",
      "message": "b",
      "ladder": "x",
      "level": "M5",
      "file": "b.yaml",
      "line": 41,
      "column": 16,
      "path": "spec.tracks[1].levels[3].grade"
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestJSONEmptyFindingsIsAList(t *testing.T) {
	var b strings.Builder
	if err := (jsonFormat{}).Write(&b, New(1, 1, nil), Options{}); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(b.String()), &out); err != nil {
		t.Fatal(err)
	}
	if list, ok := out["findings"].([]any); !ok || len(list) != 0 {
		t.Errorf("findings = %#v, want []", out["findings"])
	}
}
