// Package importer turns career frameworks kept in other formats into ladderctl/v1 ladders,
// and merges pay bands from a spreadsheet export into a ladder file. One file per source
// format; Formats lists them and drives the import command's help, validation and completion.
package importer

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Format is a source format import reads.
type Format struct {
	name        string
	description string
	// Sources is how the help names the format's sources: FILE, FILE... or CSV.
	Sources string
	// Max is how many sources the format takes at most; 0 is any number.
	Max int
	// Into tells a format that edits an existing ladder (--into) from one that writes a new one.
	Into bool
	// convert reads the sources into a draft ladder; nil for a format that edits.
	convert func([]Source) (*Draft, error)
}

func (f *Format) Name() string        { return f.name }
func (f *Format) Description() string { return f.description }

// Formats lists the source formats, in the order the help shows them.
var Formats = output.NewRegistry(
	&Format{name: "ft", Sources: "FILE", Max: 1, convert: convertFT,
		description: "Financial Times engineering-progression job family YAML (data/job-families/*.yml)"},
	&Format{name: "pathway", Sources: "FILE", Max: 1, convert: convertPathway,
		description: "forwardimpact pathway levels.yaml"},
	&Format{name: "monzo", Sources: "FILE...", convert: convertMonzo,
		description: "Monzo progression-framework Markdown with YAML front matter; an IC and a leadership file make one ladder"},
	&Format{name: "bands", Sources: "CSV", Max: 1, Into: true,
		description: "pay bands from a spreadsheet export (CSV), merged into the ladder file named by --into"},
)

// Lookup finds a format by name, or says which there are.
func Lookup(name string) (*Format, error) {
	f, err := Formats.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("unknown import format %q (use %s)", name, strings.Join(Formats.Names(), ", "))
	}
	return f, nil
}

// Source is one file given to import, read whole.
type Source struct {
	Name string // as the user named it
	Data []byte
}

// ReadSource reads a source file, refusing one over limit bytes before reading it, as the
// ladder loader does: a source is as untrusted as a ladder.
func ReadSource(path string, limit int64) (Source, error) {
	if limit <= 0 {
		limit = ladder.DefaultMaxFileSize
	}
	data, err := safefile.Read(path, limit)
	var big *safefile.TooBigError
	switch {
	case errors.Is(err, syscall.EISDIR):
		return Source{}, &diag.Error{File: path, Message: "is a directory", Hint: "name the file itself"}
	case errors.As(err, &big):
		return Source{}, &diag.Error{File: path, Message: fmt.Sprintf("the file is over the %d-byte size limit", limit),
			Hint: "import a smaller file, or raise the limit with --max-file-size"}
	case errors.Is(err, safefile.ErrNotRegular):
		return Source{}, &diag.Error{File: path, Message: "is not a regular file (a device, a FIFO or a socket), so it is not read", Hint: "name a plain file"}
	case err != nil:
		return Source{}, &diag.Error{File: path, Message: "cannot read the file: " + safefile.Reason(err)}
	}
	return Source{Name: path, Data: data}, nil
}

// Convert reads the sources of a format that writes a new ladder and returns the ladder's
// YAML, checked by the loader: what it returns loads without a load error.
func Convert(f *Format, sources []Source, name string) ([]byte, error) {
	if f.convert == nil {
		return nil, fmt.Errorf("import %s edits a ladder given with --into", f.name)
	}
	d, err := f.convert(sources)
	if err != nil {
		return nil, err
	}
	if name != "" {
		d.Name, d.NameNote = name, ""
	}
	data, err := d.encode()
	if err != nil {
		return nil, err
	}
	if err := loads(d.Name+".yaml", data); err != nil {
		return nil, err
	}
	return data, nil
}

// loads checks YAML made by import with the loader, so that no import hands a user a ladder
// that lint would refuse to read.
func loads(file string, data []byte) error {
	_, problems := ladder.Parse(file, data)
	var errs diag.List
	for _, p := range problems {
		errs = append(errs, &diag.Error{Message: "import made a ladder that does not load: " + p.Message,
			Hint: "nothing was written; please report this with the source file"})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// notFormat is the error for a source that is not of the format: where, what was expected
// and what was found.
func notFormat(file string, line, col int, format, expected string) *diag.Error {
	return &diag.Error{File: file, Line: max(line, 1), Column: max(col, 1),
		Message: "expected " + expected, Hint: "is this " + format + "?"}
}
