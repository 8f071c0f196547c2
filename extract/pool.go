package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"vanban"
	"vanban/extract/layout"
)

// Pool reads files in child processes of this executable, as Isolated
// does, but keeps each child for many files: a file then costs its
// reading, not a process start. A child that crashes, overruns a file's
// deadline or brings back too much is killed and replaced; one that has
// read workerFiles files or grown past half its memory limit retires by
// itself. At most Size files are read at once; the rest wait.
type Pool struct {
	lim   Limits
	slots chan struct{}
	mu    sync.Mutex
	idle  []*child
	done  bool
}

// poolEnv makes ServeWorker serve requests on its standard input.
const poolEnv = workerEnv + "_POOL"

// workerFiles is how many files a child reads before it retires, which
// bounds what a slow leak in a reader can do.
const workerFiles = 200

// NewPool returns a pool of at most size children (NumCPU when size <= 0)
// with the limits of one reading.
func NewPool(size int, lim Limits) *Pool {
	if size <= 0 {
		size = runtime.NumCPU()
	}
	return &Pool{lim: lim.withDefaults(), slots: make(chan struct{}, size)}
}

// Close stops the idle children; children in use stop when their file is
// done.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = true
	for _, c := range p.idle {
		c.stop()
	}
	p.idle = nil
}

// File reads the file at path in a child process, within the pool's
// limits. Errors are those of Isolated. The progress of a scan read by
// OCR goes to the function ProgressTo attached to ctx, if any.
func (p *Pool) File(ctx context.Context, path string) (*vanban.Document, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.slots }()
	c, err := p.take()
	if err != nil {
		return nil, err
	}
	timeout := p.lim.Timeout
	if info, err := os.Stat(abs); err == nil {
		timeout = layout.TimeFor(info.Size(), timeout)
	}
	doc, err, healthy := c.read(ctx, abs, timeout, progressOf(ctx))
	p.give(c, healthy)
	return doc, err
}

// take returns an idle child, or starts one.
func (p *Pool) take() (*child, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return startChild(p.lim)
}

// give puts a child back, or stops it when it is done for.
func (p *Pool) give(c *child, healthy bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !healthy || p.done || c.files >= workerFiles {
		c.stop()
		return
	}
	p.idle = append(p.idle, c)
}

// child is one worker process serving requests.
type child struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *limitedBuffer
	files  int
}

func startChild(lim Limits) (*child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), poolEnv+"=1", fmt.Sprintf("%s_MEM=%d", workerEnv, lim.Memory))
	cmd.SysProcAttr = childAttr()
	c := &child{cmd: cmd, stderr: &limitedBuffer{buf: &bytes.Buffer{}, max: 64 << 10}}
	cmd.Stderr = c.stderr
	if c.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c.out = bufio.NewReader(out)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return c, nil
}

// stop ends the child.
func (c *child) stop() {
	c.in.Close()
	if c.cmd.Process != nil {
		c.cmd.Process.Kill()
	}
	c.cmd.Wait()
}

// request is one file for a child, with the time it must be done by.
type request struct {
	Path     string `json:"path"`
	Deadline int64  `json:"deadline_ms"`
}

// read has the child read path within timeout. healthy is false when the
// child must not be used again.
func (c *child) read(ctx context.Context, path string, timeout time.Duration, progress func(Progress)) (doc *vanban.Document, err error, healthy bool) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	c.files++
	type reply struct {
		res workerResult
		err error
	}
	got := make(chan reply, 1)
	go func() {
		if err := json.NewEncoder(c.in).Encode(request{Path: path, Deadline: deadline.UnixMilli()}); err != nil {
			got <- reply{err: err}
			return
		}
		var r reply
		for {
			r.res, r.err = readFrame(c.out)
			if r.err != nil || r.res.Progress == nil {
				break
			}
			if progress != nil {
				progress(*r.res.Progress)
			}
		}
		got <- r
	}()
	select {
	case <-ctx.Done():
		c.stop()
		<-got
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("%s: %w after %s", filepath.Base(path), ErrTimeout, time.Since(start).Round(time.Second)), false
		}
		return nil, ctx.Err(), false
	case r := <-got:
		switch {
		case errors.Is(r.err, errFrameTooLarge):
			return nil, fmt.Errorf("%s: %w: its reading is over %d MB", filepath.Base(path), layout.ErrTooLarge, MaxResult>>20), false
		case r.err != nil:
			c.stop()
			return nil, fmt.Errorf("%s: %w: %v %s", filepath.Base(path), ErrCrashed, r.err, tail(c.stderr.buf.String(), 300)), false
		case r.res.Error != "":
			return nil, r.res.err(), true
		}
		return r.res.Doc, nil, true
	}
}

var errFrameTooLarge = errors.New("result frame too large")

// writeFrame writes v as one frame: its length on a line, then its JSON.
func writeFrame(w *bufio.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d\n", len(b))
	w.Write(b)
	return w.Flush()
}

// readFrame reads one frame, refusing one over MaxResult.
func readFrame(r *bufio.Reader) (workerResult, error) {
	var res workerResult
	line, err := r.ReadString('\n')
	if err != nil {
		return res, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || n < 0 {
		return res, fmt.Errorf("bad frame length %q", line)
	}
	if n > MaxResult {
		return res, errFrameTooLarge
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return res, err
	}
	return res, json.Unmarshal(b, &res)
}

// servePool reads requests from standard input until it closes, one file
// at a time, and answers each with a frame on standard output. It exits
// after a file that overruns its deadline (the parent kills it anyway)
// and retires when its heap has grown past half the memory limit.
func servePool() {
	limit := limitMemory(os.Getenv(workerEnv + "_MEM"))
	in := json.NewDecoder(bufio.NewReader(os.Stdin))
	out := bufio.NewWriter(os.Stdout)
	for {
		var req request
		if err := in.Decode(&req); err != nil {
			os.Exit(0) // the parent closed the pipe
		}
		timer := time.AfterFunc(time.Until(time.UnixMilli(req.Deadline)), func() { os.Exit(4) })
		res := readOne(req.Path, func(p Progress) { writeFrame(out, workerResult{Progress: &p}) })
		timer.Stop()
		if err := writeFrame(out, res); err != nil {
			os.Exit(3)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if limit > 0 && int64(ms.HeapAlloc) > limit/2 {
			os.Exit(0)
		}
		debug.FreeOSMemory()
	}
}

// readOne reads one file into a worker's result, telling progress how
// far a scan's OCR has come.
func readOne(path string, progress func(Progress)) workerResult {
	var res workerResult
	doc, err := FileOptions(context.Background(), path, Options{Progress: progress})
	if err != nil {
		res.Error = err.Error()
		for _, s := range sentinels {
			if errors.Is(err, s) {
				res.Sentinel = s.Error()
			}
		}
		return res
	}
	res.Doc = doc
	return res
}

type progressKey struct{}

// ProgressTo returns ctx carrying fn, which Pool.File tells how far the
// OCR of a scan has come.
func ProgressTo(ctx context.Context, fn func(Progress)) context.Context {
	return context.WithValue(ctx, progressKey{}, fn)
}

func progressOf(ctx context.Context) func(Progress) {
	fn, _ := ctx.Value(progressKey{}).(func(Progress))
	return fn
}
