package cli

import (
	"fmt"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"net/http"
	"strings"
	"sync"
)

// fakeSource tells what asks for the built-in demo organization: "--fake",
// "demo" (which sets the flag itself), "ANTHROPIC_ADMIN_FAKE=<value>", or ""
// for a real one. A typed --fake or
// --fake=false wins over the environment; the variable takes 1, true or yes
// for on and 0, false, no or nothing for off, and anything else is a usage
// error rather than a guess.
func (a *app) fakeSource() (string, error) {
	if a.flags.fake {
		if !a.given("fake") {
			return "demo", nil
		}
		return "--fake", nil
	}
	if a.given("fake") {
		return "", nil
	}
	v := a.env.getenv("ANTHROPIC_ADMIN_FAKE")
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes":
		return "ANTHROPIC_ADMIN_FAKE=" + v, nil
	case "", "0", "false", "no":
		return "", nil
	}
	return "", &exitError{code: ExitUsage, err: fmt.Errorf("ANTHROPIC_ADMIN_FAKE=%q: use 1, true or yes for the built-in demo organization; 0, false, no or unset for a real one", v)}
}

// fakeNotice says once, on stderr, what a person trying the demo
// organization could not guess: when credential flags were typed too, that
// they are ignored (said at once, since every answer then comes from the
// demo); otherwise, on the first change sent, that changes are discarded at
// exit. Reads say nothing, so a session of them stays quiet, and so does
// shell completion. It returns the HTTP client to send through (nil for the
// default).
func (a *app) fakeNotice(hc *http.Client, source string) *http.Client {
	if a.completing {
		return hc
	}
	var ignored []string
	for _, f := range []string{"admin-key", "auth-token", "base-url"} {
		if a.given(f) {
			ignored = append(ignored, "--"+f)
		}
	}
	if len(ignored) > 0 {
		fmt.Fprint(a.env.Stderr, output.Safef("note: %s ignores %s: the built-in demo organization answers, and changes are discarded at exit\n",
			source, strings.Join(ignored, " and ")))
		return hc
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	cp := *hc
	next := cp.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	say := sync.OnceFunc(func() {
		fmt.Fprint(a.env.Stderr, output.Safef("note: %s: changes go to the built-in demo organization and are discarded at exit\n", source))
	})
	cp.Transport = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			say()
		}
		return next.RoundTrip(req)
	})
	return &cp
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
