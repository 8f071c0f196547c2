//go:build !linux

package extract

import (
	"fmt"
	"runtime/debug"
	"syscall"
)

// childAttr starts the worker with the system's defaults: outside Linux
// there is no parent-death signal, and the worker's own deadline
// (exitAtDeadline) ends it.
func childAttr() *syscall.SysProcAttr { return nil }

// limitMemory tells the Go runtime to collect hard before the cap; the
// address-space limit is Linux's.
func limitMemory(s string) int64 {
	var n int64
	if _, err := fmt.Sscan(s, &n); err == nil && n > 0 {
		debug.SetMemoryLimit(n / 2)
	}
	return n
}
