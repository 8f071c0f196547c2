// Package sharedtest finds the shared, read-only test material (corpus/,
// gold/, real/, seed/) that lives in a folder named shared beside the
// module root, and reads files from it. It is a test helper, like
// net/http/httptest: test files of every package import it, which is why
// it is an ordinary package and not a _test.go file.
//
// A test that needs the material, or an outside program (pdftotext,
// chromium), skips when it is missing on a developer's machine and fails
// when the environment variable CI is set: CI must run every test.
package sharedtest

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Find returns the shared folder: walking up from the working directory,
// the first module root (a folder holding go.mod) with a sibling folder
// named shared. Programs use it (bench/burst); tests call Dir.
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if info, err := os.Stat(shared); err == nil && info.IsDir() {
				return shared, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("shared test material not found beside the module root")
		}
		dir = parent
	}
}

// Dir returns the shared folder. Without one the test skips, or fails
// in CI.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := Find()
	if err != nil {
		Missing(tb, err.Error())
	}
	return dir
}

// InCI reports whether the tests run in CI (CI=true, as CI systems set
// it; CI=false or 0 does not count).
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "false" && v != "0"
}

// Missing ends a test whose material or program is missing: it fails in
// CI and skips elsewhere.
func Missing(tb testing.TB, what string) {
	tb.Helper()
	if InCI() {
		tb.Fatalf("%s (CI must run this test: .ci/run installs what it needs)", what)
	}
	tb.Skipf("%s (set CI=true to make this a failure)", what)
}

// Program returns the path of the program name, or ends the test as
// Missing says.
func Program(tb testing.TB, name, debianPackage string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(tb, name+" is not installed (apt-get install "+debianPackage+")")
	}
	return p
}

// Path joins elem to the shared folder: Path(t, "corpus", name) or
// Path(t, "gold/rows.json"). It skips the test like Dir.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	return filepath.Join(append([]string{Dir(tb)}, elem...)...)
}

// Read returns the content of the shared file at rel (a slash-separated
// path below the shared folder); a missing file fails the test.
func Read(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// ReadJSON decodes the JSON file at path (any path, not only a shared
// one) into v, failing the test on error.
func ReadJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}

// ReadGold decodes gold/<name> of the shared folder into v. The _doc key
// every gold object carries is decoded like any other; callers that
// range over a map drop it themselves.
func ReadGold(tb testing.TB, name string, v any) {
	tb.Helper()
	ReadJSON(tb, Path(tb, "gold", name), v)
}

// ModuleRoot returns the folder of go.mod, walking up from the working
// directory; tests run inside the module, so a missing go.mod fails.
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("module root (go.mod) not found")
		}
		dir = parent
	}
}
