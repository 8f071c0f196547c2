// Package webtest starts a headless chromium for end-to-end tests of the
// web interface and saves screenshots of the pages it visits. It is a
// test helper, like net/http/httptest: only tests import it.
//
// Chromium is Debian's package (apt-get install chromium). Without it a
// test skips, unless the environment variable CI is set: in CI a missing
// browser is a failure, not a silent skip.
package webtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"vanban/internal/sharedtest"
)

// chromiumNames are the executables tried, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the browser's path, "" when none is installed.
func FindChromium() string {
	if p := os.Getenv("VANBAN_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// Tab is one tab of a headless chromium that a test drives.
type Tab struct {
	ctx     context.Context
	timeout time.Duration
}

// Browser starts a fresh headless chromium (its own profile in a temporary
// folder) and returns its tab. The browser stops when the test ends; each
// step run through Do or Run must finish within timeout.
func Browser(t testing.TB, timeout time.Duration) *Tab {
	t.Helper()
	exe := FindChromium()
	if exe == "" {
		sharedtest.Missing(t, "chromium is not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first run starts the browser and must not carry a timeout: the
	// browser lives as long as that run's context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	return &Tab{ctx: ctx, timeout: timeout}
}

// Do runs steps in the tab within its timeout; what says, in a failure,
// what was being done.
func Do(t testing.TB, tab *Tab, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, tab.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Run runs one action that returns a value.
func Run[T any](t testing.TB, tab *Tab, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, tab.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// maxShotHeight bounds a screenshot: a 68-row appendix is 11,000 pixels
// tall, slow to capture and unreadable once scaled down; its top shows the
// layout.
const maxShotHeight = 3000

// Screenshot saves a PNG of the current page, its full height up to
// maxShotHeight pixels, as testout/screenshots/<name>.png under the module
// root.
func Screenshot(t testing.TB, tab *Tab, name string) string {
	t.Helper()
	h := Run(t, tab, "page height", chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	w := Run(t, tab, "page width", chromedp.Evaluate[float64](`document.documentElement.clientWidth`))
	shot := func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: &yes, FromSurface: &yes,
			Clip: &page.Viewport{Width: w, Height: min(h, maxShotHeight), Scale: 1},
		})
		return r.Data, err
	}
	png := Run(t, tab, "screenshot "+name, shot)
	dir := filepath.Join(sharedtest.ModuleRoot(t), "testout", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
