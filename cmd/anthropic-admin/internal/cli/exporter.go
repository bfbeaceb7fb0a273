package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/exporter"
)

// The exporter command: flags and files in, package exporter does the
// work.

func (a *app) exporterCommand() *cobra.Command {
	var listen, configPath, budget, organization string
	var refresh time.Duration
	var topKeys int
	cmd := &cobra.Command{
		Use:   "exporter",
		Short: "Serve spend, tokens, Claude Code and inventory metrics to Prometheus",
		Long: `exporter serves Prometheus metrics of one organization (its credentials as
for every command) or of several (--config): spend month to date, today and
on the last complete day by workspace and model, spend by API key and member
(where the analytics API answers), today's tokens by workspace, model, key
and type, yesterday's Claude Code activity per user, the month-end
projection and budget, and the inventory of members, invites, keys, key
expiries and spend limits, all labelled with names beside IDs.

The data is read in the background every --refresh (at least 1m); a scrape
serves the last refresh and sends nothing to the API. A failed refresh keeps
the last values, counts the error (anthropic_admin_exporter_refresh_errors_total)
and sets anthropic_admin_exporter_stale; the exporter never exits on an API
error. --top-keys N keeps the N keys that spent most and sums the rest as
api_key_id "other".

--config exporter.yaml lists organizations, each with the environment
variable holding its admin key:

  refresh: 5m
  organizations:
    - name: Acme Robotics
      admin_key_env: ACME_ADMIN_KEY
      budget: 50000            # monthly, US dollars
    - name: Acme Labs
      admin_key_env: LABS_ADMIN_KEY

Serves /metrics (Prometheus text or OpenMetrics), /healthz and / on --listen.
deploy/ has a Prometheus scrape config, alert rules and a Grafana dashboard.`,
		Example: "  anthropic-admin exporter --listen 127.0.0.1:9464   # serves until interrupted (Ctrl-C)\n" +
			"  anthropic-admin exporter --refresh 10m --top-keys 5 --budget 60000 --listen 127.0.0.1:9464   # serves until interrupted",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flags := cmd.Flags()
			var cfg *exporter.Config
			if configPath != "" {
				data, err := os.ReadFile(configPath)
				if err != nil {
					return usageErr(cmd, "--config: %v", err)
				}
				if cfg, err = exporter.ParseConfig(data); err != nil {
					return usageErr(cmd, "--config %s: %v", configPath, err)
				}
				if !flags.Changed("listen") && cfg.Listen != "" {
					listen = cfg.Listen
				}
				if !flags.Changed("refresh") && cfg.Refresh != 0 {
					refresh = cfg.Refresh
				}
				if !flags.Changed("top-keys") && cfg.TopKeys != 0 {
					topKeys = cfg.TopKeys
				}
			}
			if refresh < exporter.MinRefresh {
				return usageErr(cmd, "--refresh %s is too often: the usage and cost endpoints are polled at most once a minute", refresh)
			}
			if topKeys < 1 {
				return usageErr(cmd, "--top-keys %d: give a positive number", topKeys)
			}
			targets, err := a.exporterTargets(cmd, cfg, budget, organization)
			if err != nil {
				return err
			}
			logger := slog.New(slog.NewTextHandler(a.env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
			e, err := exporter.New(targets, exporter.Options{TopKeys: topKeys, Now: a.now, Logger: logger, RefreshTimeout: refresh})
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second}
			ticker := time.NewTicker(refresh)
			defer ticker.Stop()
			refreshed := make(chan struct{})
			go func() {
				defer close(refreshed)
				e.Run(ctx, ticker.C)
			}()
			go func() {
				<-ctx.Done()
				srv.Close()
			}()
			fmt.Fprintf(a.env.Stdout, "exporter listening on http://%s/metrics (%d organization(s), refreshed every %s)\n", ln.Addr(), len(targets), refresh)
			err = srv.Serve(ln)
			<-refreshed
			if err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", "127.0.0.1:9464", "address to serve on (:9464 to expose it beyond this machine)")
	f.DurationVar(&refresh, "refresh", exporter.DefaultRefresh, "how often to read the API, at least 1m")
	f.IntVar(&topKeys, "top-keys", exporter.DefaultTopKeys, "API keys with series of their own, by spend; the rest are summed as \"other\"")
	f.StringVar(&budget, "budget", "", "monthly budget in US dollars, for the budget metrics (with --config, give budget per organization)")
	f.StringVar(&organization, "organization", "", "the organization label (default: the organization's name from the API)")
	f.StringVar(&configPath, "config", "", "exporter.yaml listing several organizations, each with the variable holding its admin key")
	_ = cmd.MarkFlagFilename("config", "yaml", "yml")
	return cmd
}

// exporterTargets are the organizations to export: the config file's, or
// the one the command's credentials (or --fake) give.
func (a *app) exporterTargets(cmd *cobra.Command, cfg *exporter.Config, budget, organization string) ([]exporter.Target, error) {
	if cfg != nil {
		for _, flag := range []string{"budget", "organization"} {
			if cmd.Flags().Changed(flag) {
				return nil, usageErr(cmd, "--%s cannot be given with --config: give it per organization in the file", flag)
			}
		}
		source, err := a.fakeSource()
		if err != nil {
			return nil, err
		}
		if source != "" {
			return nil, usageErr(cmd, "%s serves the one demo organization: leave out --config", source)
		}
		var opts []admin.Option
		if a.env.RetrySleep != nil {
			opts = append(opts, admin.WithRetrySleep(a.env.RetrySleep))
		}
		targets, err := cfg.Targets(a.env.getenv, a.apiURL(), opts...)
		if err != nil {
			return nil, &exitError{code: ExitAuth, err: err}
		}
		for i := range targets {
			targets[i].HTTPClient = a.env.HTTPClient
		}
		return targets, nil
	}
	t := exporter.Target{Organization: organization}
	if budget != "" {
		b, err := admin.ParseDollars(budget)
		if err != nil || b.Sign() <= 0 {
			return nil, usageErr(cmd, "--budget %q: give a monthly budget in US dollars, more than zero", budget)
		}
		t.Budget = &b
	}
	opts, hc, err := a.clientSetup()
	if err != nil {
		return nil, err
	}
	t.ClientOptions, t.HTTPClient = opts, hc
	return []exporter.Target{t}, nil
}
