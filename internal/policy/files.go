package policy

import (
	"context"
	"errors"
	"os"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// MaxPolicyFileSize is the largest policy file read. The built-in pack's largest file is
// some 20 KB; a policy file of megabytes is a mistake or an attack.
const MaxPolicyFileSize = 1 << 20

// policyFiles lists the policy files under path (a directory, or one file) that wanted
// accepts, within ctx, with an error for each file or link it will not read. Policy directories come
// in pull requests, so the walk is bounded and never follows a link out of the directory.
func policyFiles(ctx context.Context, path string, wanted func(string) bool) ([]string, diag.List) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, diag.List{readError(path, err)}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	found, err := safefile.Walk(ctx, path, wanted)
	var many safefile.TooManyError
	switch {
	case errors.As(err, &many):
		return nil, diag.List{{File: path, Message: "this policy directory " + many.Error(), Hint: "name the directory of your policies itself, such as policies/"}}
	case ctx.Err() != nil:
		return nil, diag.List{{File: path, Message: "the walk of this policy directory did not finish within the timeout", Hint: "name the directory of your policies itself, such as policies/, or raise --timeout"}}
	case err != nil:
		return nil, diag.List{readError(path, err)}
	}
	var errs diag.List
	for _, s := range found.Skips {
		errs = append(errs, readError(s.Path, s.Err))
	}
	return found.Files, errs
}

// readError says in one line why a policy file was not read, and what to do.
func readError(name string, err error) *diag.Error {
	var big *safefile.TooBigError
	switch {
	case errors.Is(err, safefile.ErrOutside):
		return &diag.Error{File: name, Message: "this symbolic link leads outside the policy directory, so it is not read", Hint: "copy the policy into the directory"}
	case errors.Is(err, safefile.ErrNotRegular):
		return &diag.Error{File: name, Message: "the policy file is not a regular file (a device, a FIFO or a socket), so it is not read", Hint: "make it a plain .rego file"}
	case errors.As(err, &big):
		return &diag.Error{File: name, Message: "the policy file is " + big.Error() + " for a policy file", Hint: "split it into smaller files"}
	case errors.Is(err, os.ErrNotExist):
		return &diag.Error{File: name, Message: "no such file or directory", Hint: "check -p and policies: in the config"}
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &diag.Error{File: name, Message: "cannot read the policy file: " + err.Error()}
}
