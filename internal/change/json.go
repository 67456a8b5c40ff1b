package change

import (
	"encoding/json"
	"io"
)

type jsonFormat struct{}

func (jsonFormat) Name() string { return "json" }
func (jsonFormat) Description() string {
	return "the stable JSON shape, for scripts: snake_case keys, raw numbers"
}

func (jsonFormat) Write(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
