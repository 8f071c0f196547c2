package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"vanban"
	"vanban/extract/layout"
)

// Limits bound one extraction run in a child process.
type Limits struct {
	Timeout time.Duration // wall time; 0 means 2 minutes
	Memory  int64         // bytes of address space beyond the runtime's own; 0 means 2 GiB
}

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = 2 * time.Minute
	}
	if l.Memory <= 0 {
		l.Memory = 2 << 30
	}
	return l
}

// workerEnv, when set in a process's environment, makes ServeWorker run
// one extraction and exit instead of returning.
const workerEnv = "VANBAN_EXTRACT_WORKER"

// ErrTimeout and ErrCrashed report a child extraction that did not finish.
var (
	ErrTimeout = layout.ErrTimeout
	ErrCrashed = layout.ErrCrashed
)

// Isolated reads the file at path in a child process (this same
// executable, which must call ServeWorker first thing in main or
// TestMain), so that a parser that loops, blows up memory or crashes the
// runtime cannot take the caller down.
func Isolated(ctx context.Context, path string, lim Limits) (*vanban.Document, error) {
	lim = lim.withDefaults()
	start := time.Now()
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = append(os.Environ(), workerEnv+"="+abs, fmt.Sprintf("%s_MEM=%d", workerEnv, lim.Memory),
		fmt.Sprintf("%s_DEADLINE=%d", workerEnv, deadline.UnixMilli()))
	cmd.SysProcAttr = childAttr()
	var stderr bytes.Buffer
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 64 << 10}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// The reading streams in, bounded: a document bigger than any real
	// one fails here instead of filling this process's memory.
	var res workerResult
	jerr := json.NewDecoder(io.LimitReader(stdout, MaxResult)).Decode(&res)
	io.Copy(io.Discard, stdout)
	runErr := cmd.Wait()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, fmt.Errorf("%s: %w after %s", filepath.Base(path), ErrTimeout, time.Since(start).Round(time.Second))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if jerr != nil && runErr == nil {
		return nil, fmt.Errorf("%s: %w: its reading is over %d MB", filepath.Base(path), layout.ErrTooLarge, MaxResult>>20)
	}
	if jerr != nil {
		return nil, fmt.Errorf("%s: %w: %v %s", filepath.Base(path), ErrCrashed, runErr, tail(stderr.String(), 300))
	}
	if res.Error != "" {
		return nil, res.err()
	}
	return res.Doc, nil
}

// workerResult is what a child extraction writes to its standard output.
type workerResult struct {
	// Progress, in a frame of its own before the result, tells how far
	// the OCR of a scan has come.
	Progress *Progress        `json:"progress,omitempty"`
	Doc      *vanban.Document `json:"doc,omitempty"`
	Error    string           `json:"error,omitempty"`
	Sentinel string           `json:"sentinel,omitempty"`
}

// sentinels are the errors a worker's result can name, so that the caller
// can still test them with errors.Is.
var sentinels = []error{layout.ErrEmpty, layout.ErrNotZip, layout.ErrNoDocument, layout.ErrTooLarge,
	layout.ErrNotPDF, layout.ErrEncrypted, layout.ErrNoText, layout.ErrMisencoded, layout.ErrMalformed, layout.ErrUnsupported,
	layout.ErrCrashed}

func (r workerResult) err() error {
	for _, s := range sentinels {
		if s.Error() == r.Sentinel {
			return &workerError{msg: r.Error, sentinel: s}
		}
	}
	return errors.New(r.Error)
}

type workerError struct {
	msg      string
	sentinel error
}

func (e *workerError) Error() string { return e.msg }
func (e *workerError) Unwrap() error { return e.sentinel }

// ServeWorker runs one extraction and exits when the process was started
// by Isolated; otherwise it returns at once.
func ServeWorker() {
	if os.Getenv(poolEnv) != "" {
		servePool()
	}
	path := os.Getenv(workerEnv)
	if path == "" {
		return
	}
	limitMemory(os.Getenv(workerEnv + "_MEM"))
	exitAtDeadline(os.Getenv(workerEnv + "_DEADLINE"))
	res := readOne(path, nil)
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		os.Exit(3)
	}
	os.Exit(0)
}

// exitAtDeadline ends the worker when its parent's deadline passes, in
// case the parent could not kill it: a parser stuck in a loop must not
// outlive the reading it was started for.
func exitAtDeadline(ms string) {
	var n int64
	if _, err := fmt.Sscan(ms, &n); err != nil || n <= 0 {
		return
	}
	time.AfterFunc(time.Until(time.UnixMilli(n)), func() { os.Exit(4) })
}

// MaxResult bounds the JSON of one document coming back from the worker.
const MaxResult = 64 << 20

// limitedBuffer keeps the first max bytes written to it and drops the
// rest, so a worker that floods its stderr cannot fill memory.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
