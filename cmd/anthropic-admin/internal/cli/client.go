package cli

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// The client factory: flags, the environment or --fake.

// clientFor returns the API client, making it on first use: from the fake
// when asked, else from flags and then the environment.
func (a *app) clientFor(ctx context.Context) (*admin.Client, error) {
	if a.client != nil {
		return a.client, nil
	}
	opts, hc, err := a.clientSetup()
	if err != nil {
		return nil, err
	}
	if hc != nil {
		opts = append(opts, admin.WithHTTPClient(hc))
	}
	c, err := admin.NewClient(opts...)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: err}
	}
	a.client = c
	a.names = &names{client: c}
	return c, nil
}

// clientSetup is what a client is made from: its options (credentials,
// base URL, logger, retries) and the HTTP client to send through (nil for
// the default), from the fake when asked, else from flags and then the
// environment. The exporter makes its own client of them.
func (a *app) clientSetup() ([]admin.Option, *http.Client, error) {
	opts := []admin.Option{admin.WithLogger(slog.New(warnings{a.env.Stderr}))}
	if a.env.RetrySleep != nil {
		opts = append(opts, admin.WithRetrySleep(a.env.RetrySleep))
	}
	hc := a.env.HTTPClient
	fake, err := a.fakeSource()
	if err != nil {
		return nil, nil, err
	}
	switch {
	case fake != "":
		a.fake = admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(a.now))
		opts = append(opts, admin.WithBaseURL(a.fake.URL), admin.WithAPIKey(a.fake.AdminKey()))
		hc = a.fakeNotice(hc, fake)
	default:
		secret, bearer, err := a.credential()
		if err != nil {
			return nil, nil, err
		}
		a.bearer = bearer
		switch {
		case secret == "":
			return nil, nil, &exitError{code: ExitAuth, err: errors.New(noCredentialHelp)}
		case bearer:
			opts = append(opts, admin.WithAuthToken(secret))
		default:
			opts = append(opts, admin.WithAPIKey(secret))
		}
		// Always given, so that the library reads no variable behind the
		// Env's back; ANTHROPIC_BASE_URL is never one (see NewClient).
		opts = append(opts, admin.WithBaseURL(a.apiURL()))
	}
	if a.flags.dryRun {
		if hc == nil {
			hc = http.DefaultClient
		}
		hc = dryRunClient(hc, a.env.Stdout)
	}
	return opts, hc, nil
}

// noCredentialHelp is the whole message when there is no credential: three
// lines with "error: " in front.
const noCredentialHelp = `no credential: set ANTHROPIC_ADMIN_KEY (or --admin-key-file) to an admin key,
  sk-ant-admin…, from Claude Console → Settings → Admin keys; or ANTHROPIC_AUTH_TOKEN
  to an OAuth token with org:admin. To try any command without one, add --fake.`

func (a *app) now() time.Time {
	if a.env.Now != nil {
		return a.env.Now()
	}
	return time.Now()
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
