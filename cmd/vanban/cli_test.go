package main

import (
	"bytes"
	"context"
	"testing"
)

// runCmd runs a vanban command line as main would and returns what it
// printed and its exit status.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &cli{stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), code
}

// mustRun runs a command line that must succeed and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("vanban %v: exit %d\n%s", args, code, errOut)
	}
	return out
}
