package web

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// skipBrowserEnv names the only way to skip the browser tests: set it to 1
// on a machine without Chromium. CI installs Chromium and never sets it.
const skipBrowserEnv = "MOBILIZE_SKIP_BROWSER"

// browser is headless Chromium on a 390×844 phone viewport, recording
// every request the pages make so a test can assert none leaves the
// server's host.
type browser struct {
	t    *testing.T
	ctx  context.Context
	host string
	dir  string
	shot int

	mu       sync.Mutex
	requests []string
}

// chromiumPath finds the Debian package's browser.
func chromiumPath(t *testing.T) string {
	if os.Getenv(skipBrowserEnv) == "1" {
		t.Skipf("%s=1: browser tests skipped on this machine", skipBrowserEnv)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("Chromium not found: install the Debian package chromium (.ci/run does), or set %s=1 to skip locally", skipBrowserEnv)
	return ""
}

func newBrowser(t *testing.T, serverURL string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.WindowSize(390, 844),
		chromedp.Flag("lang", "zh-CN"),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	u, _ := url.Parse(serverURL)
	b := &browser{t: t, ctx: ctx, host: u.Host, dir: t.ArtifactDir()}
	// The first action starts the tab; the listener sees every request after.
	b.run(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			b.mu.Lock()
			b.requests = append(b.requests, e.Request.URL)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run runs actions, failing the test on error.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// text returns the visible text of the first element matching the CSS
// selector sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// location is the current page's URL.
func (b *browser) location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// screenshot saves the whole page as NN-name.png in the test's artifact
// directory (go test -artifacts keeps them), after checking the phone
// layout rules every page must keep (assertPhoneLayout).
func (b *browser) screenshot(name string) {
	b.t.Helper()
	b.assertPhoneLayout(name)
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	b.shot++
	file := filepath.Join(b.dir, strings.ReplaceAll(name, " ", "-"))
	file = filepath.Join(filepath.Dir(file), twoDigits(b.shot)+"-"+filepath.Base(file)+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }

// assertOnlyOwnHost fails if any page asked another host for anything.
func (b *browser) assertOnlyOwnHost() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) == 0 {
		b.t.Fatal("no requests recorded: the network listener is not working")
	}
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Host != b.host) {
			b.t.Errorf("a page requested another host: %s", r)
		}
	}
}

// phoneLayoutJS lists what breaks the phone layout on the current page:
// a document wider than the viewport (the page scrolls sideways), and any
// visible table cell whose content box is narrower than two characters of
// its own font (text stacked one character per line).
const phoneLayoutJS = `(() => {
	const out = [];
	const de = document.documentElement;
	if (de.scrollWidth > window.innerWidth) out.push('document ' + de.scrollWidth + 'px wide, viewport ' + window.innerWidth + 'px');
	for (const c of document.querySelectorAll('td, th')) {
		const st = getComputedStyle(c);
		if (st.display === 'none' || c.offsetParent === null || c.textContent.trim() === '') continue;
		const w = c.getBoundingClientRect().width - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
		if (w < 2 * parseFloat(st.fontSize)) out.push('cell ' + JSON.stringify(c.textContent.trim().slice(0, 12)) + ' ' + w.toFixed(1) + 'px wide');
	}
	return out;
})()`

// assertPhoneLayout fails the test when the page breaks the phone layout
// (phoneLayoutJS) at the browser's 390 px viewport.
func (b *browser) assertPhoneLayout(page string) {
	b.t.Helper()
	problems, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](phoneLayoutJS))
	if err != nil {
		b.t.Fatalf("browser: layout check: %v", err)
	}
	for _, p := range problems {
		b.t.Errorf("%s at 390 px: %s", page, p)
	}
}

// assertBelow fails unless the element action (the primary action) starts
// below the bottom of every element matching what (what it confirms), so
// a tap cannot confirm what has not been seen yet.
func (b *browser) assertBelow(action, what string) {
	b.t.Helper()
	js := `(() => { const a = document.querySelector(` + jsString(action) + `); if (!a) return 'no ' + ` + jsString(action) + `;
	const top = a.getBoundingClientRect().top + window.scrollY;
	for (const e of document.querySelectorAll(` + jsString(what) + `)) { const r = e.getBoundingClientRect();
		if (r.bottom + window.scrollY > top) return ` + jsString(action) + ` + ' at ' + top + 'px is above the end of ' + ` + jsString(what) + ` + ' at ' + (r.bottom + window.scrollY) + 'px'; }
	return document.querySelector(` + jsString(what) + `) ? '' : 'no ' + ` + jsString(what) + `; })()`
	msg, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	if msg != "" {
		b.t.Error(msg)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
