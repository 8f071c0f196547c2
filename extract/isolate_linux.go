package extract

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"syscall"
)

// childAttr starts the worker in its own process group, which keeps a
// terminal's Ctrl+C, meant for vanban, from killing the file vanban lets
// finish; the parent-death signal keeps a child from outliving a killed
// parent.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// limitMemory caps the worker's address space, and tells the Go runtime to
// collect hard before it reaches the cap. It returns the cap, 0 for none.
func limitMemory(s string) int64 {
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil || n <= 0 {
		return 0
	}
	debug.SetMemoryLimit(n / 2)
	// The Go runtime reserves address space up front, so the cap counts
	// from what the process has already mapped.
	as := uint64(n) + mappedBytes()
	lim := syscall.Rlimit{Cur: as, Max: as}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim)
	return n
}

// mappedBytes returns the process's virtual memory size (VmSize), or 0.
func mappedBytes() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmSize:"); ok {
			var kb uint64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}
