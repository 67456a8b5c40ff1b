package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is returned by Read for a path that is not a regular file: a device such
// as /dev/zero never ends, and a FIFO blocks until someone writes to it.
var ErrNotRegular = errors.New("not a regular file")

// TooBigError is returned by Read for a file over its limit.
type TooBigError struct{ Limit int64 }

func (e *TooBigError) Error() string { return fmt.Sprintf("over the %s size limit", Size(e.Limit)) }

// Read returns the contents of a regular file of at most limit bytes. Every file ladderctl
// reads from a repository goes through it, because a pull request chooses those files: a
// symbolic link to /dev/zero or a FIFO named like a ladder must end in an error, neither
// in an out-of-memory crash nor in a run that never ends. The file is opened without
// blocking (a FIFO would otherwise wait for a writer) and checked before anything is read.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooBigError{Limit: limit}}
	}
	// The size can grow between Stat and the read: read one byte past the limit to see it.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooBigError{Limit: limit}}
	}
	return data, nil
}

// Size says a number of bytes as limits are given: "1 GiB", "10 MiB", else "1500-byte".
func Size(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}

// Reason says for a message why a file could not be opened or read, and what to do about it.
func Reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory; check the path"
	case errors.Is(err, syscall.ELOOP):
		return "symbolic links loop here and never reach a file; fix or remove the link"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; make the file readable"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory"
	case errors.Is(err, ErrNotRegular):
		return "is not a regular file (a device, a FIFO or a socket), so it is not read; name a plain file"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
