package cli

import (
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/admintest"
)

// fakeSeeds are the starting data fake-server offers.
var fakeSeeds = map[string]func() admintest.Seed{"demo": admintest.Demo, "empty": admintest.Empty, "hostile": admintest.Hostile}

func (a *app) fakeServerCommand() *cobra.Command {
	var listen, seed, key, token string
	cmd := &cobra.Command{
		Use:   "fake-server",
		Short: "Serve an in-memory fake of the Admin API on a loopback address",
		Long: `fake-server serves the same fake of the Admin API that the tests and --fake
use, so any client (this one, the official SDKs, curl) can be tried against it.
It keeps its state in memory until it stops.`,
		Example: "  anthropic-admin fake-server --listen 127.0.0.1:8787 --seed demo   # serves until interrupted (Ctrl-C)\n" +
			"  ANTHROPIC_ADMIN_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_ADMIN_KEY=" + admintest.DefaultAdminKey + " anthropic-admin users list\n" +
			"  ANTHROPIC_ADMIN_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_AUTH_TOKEN=" + admintest.DefaultOAuthToken + " anthropic-admin service-accounts list",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			mkSeed, ok := fakeSeeds[seed]
			if !ok {
				return usageErr(cmd, "--seed must be demo, empty or hostile, not %q", seed)
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return err
			}
			// The same clock as --fake: the seed's past does not depend on
			// it, and tests can set it.
			fake := admintest.New(admintest.WithSeed(mkSeed()), admintest.WithAdminKey(key), admintest.WithOAuthToken(token), admintest.WithClock(a.now))
			srv := &http.Server{Handler: fake}
			go func() {
				<-cmd.Context().Done()
				srv.Close()
			}()
			fmt.Fprintf(a.env.Stdout, "fake Admin API (%s seed) listening on http://%s\n", seed, ln.Addr())
			fmt.Fprintf(a.env.Stdout, "admin key: %s\n", key)
			fmt.Fprintf(a.env.Stdout, "OAuth token (org:admin; service accounts and federation take only this): %s\n", token)
			fmt.Fprintf(a.env.Stdout, "try: ANTHROPIC_ADMIN_BASE_URL=http://%s ANTHROPIC_ADMIN_KEY=%s anthropic-admin users list\n", ln.Addr(), key)
			fmt.Fprintf(a.env.Stdout, "     ANTHROPIC_ADMIN_BASE_URL=http://%s ANTHROPIC_AUTH_TOKEN=%s anthropic-admin service-accounts list\n", ln.Addr(), token)
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8787", "address to listen on")
	cmd.Flags().StringVar(&seed, "seed", "demo", "starting data: demo, empty, or hostile (the demo with escape sequences and formulas in every name)")
	cmd.Flags().StringVar(&key, "admin-key", admintest.DefaultAdminKey, "admin key the fake accepts")
	cmd.Flags().StringVar(&token, "oauth-token", admintest.DefaultOAuthToken, "OAuth token (org:admin) the fake accepts; the only credential of its service account and federation endpoints")
	return cmd
}
