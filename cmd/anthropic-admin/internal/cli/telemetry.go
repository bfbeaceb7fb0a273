package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// disabledReason is why a destination is disabled; "" when it is not.
func disabledReason(s admin.TelemetryState) string {
	if s.Reason == nil {
		return ""
	}
	return string(s.Reason.Type)
}

func (a *app) telemetryColumns() []output.Column[admin.TelemetryDestination] {
	type d = admin.TelemetryDestination
	lastErr := func(x d) string {
		if x.DeliveryHealth.LastError == nil {
			return ""
		}
		return *x.DeliveryHealth.LastError
	}
	return []output.Column[d]{
		{Header: "id", Fit: output.FitID, Text: func(x d) string { return x.ID }},
		{Header: "name", Field: "display_name", Fit: output.FitName, Text: func(x d) string { return x.DisplayName }},
		{Header: "state", Field: "state_type", Fit: output.FitKeep, Text: func(x d) string { return string(x.State.Type) }},
		{Header: "why", Field: "state_reason_type", Fit: output.FitDetail, Text: func(x d) string { return orDash(disabledReason(x.State)) }, Value: func(x d) string { return disabledReason(x.State) }},
		{Header: "workspaces", Field: "workspaces_type", Fit: output.FitKeep, Text: func(x d) string { return string(x.Workspaces.Type) }},
		{Header: "content", Field: "traces_content_mode", Fit: output.FitDetail, Text: func(x d) string { return string(x.Traces.ContentMode) }},
		{Header: "url", Field: "endpoint_url", Fit: output.FitSpare, Text: func(x d) string { return x.EndpointURL }},
		{Header: "headers", Field: "header_names", Fit: output.FitDetail, Text: func(x d) string { return orDash(strings.Join(x.HeaderNames, ", ")) }, Value: func(x d) string { return strings.Join(x.HeaderNames, ",") }},
		{Header: "last success", Field: "delivery_health_last_success_at", Fit: output.FitKeep, Text: func(x d) string { return a.whenPtr(x.DeliveryHealth.LastSuccessAt, "never") }, Value: func(x d) string { return rfc3339Ptr(x.DeliveryHealth.LastSuccessAt) }},
		{Header: "last error", Field: "delivery_health_last_error", Fit: output.FitDetail, Text: func(x d) string { return orDash(lastErr(x)) }, Value: lastErr},
	}
}

func telemetryRaw(x admin.TelemetryDestination) json.RawMessage { return x.RawJSON() }

// destinationArg resolves a destination given by ID (tdst_…) or by its
// display name.
func (a *app) destinationArg(cmd *cobra.Command, arg string) (*admin.Client, admin.TelemetryDestination, error) {
	return resolve(a, cmd, arg, func(c *admin.Client) lookup[admin.TelemetryDestination] {
		return lookup[admin.TelemetryDestination]{what: "telemetry destination", listCmd: "anthropic-admin telemetry list", prefixes: []string{"tdst_"},
			get: func(ctx context.Context, id string) (*admin.TelemetryDestination, error) {
				return c.TelemetryDestinations.Get(ctx, id)
			},
			list: func() *admin.List[admin.TelemetryDestination] {
				return c.TelemetryDestinations.List(admin.TelemetryListParams{PageCursor: admin.PageCursor{Limit: 1000}})
			},
			name: func(d admin.TelemetryDestination) string { return d.DisplayName }, id: func(d admin.TelemetryDestination) string { return d.ID },
		}
	})
}

func destinationLabel(d admin.TelemetryDestination) string { return d.DisplayName + " (" + d.ID + ")" }

// scopeFlagsT are the flags that say which workspaces a destination covers.
type telemetryScopeFlags struct {
	all               bool
	include, excludes []string
}

func (f *telemetryScopeFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.all, "all-workspaces", false, "cover every workspace, later ones included")
	cmd.Flags().StringSliceVar(&f.include, "workspace", nil, "cover this workspace (ID or name; repeatable)")
	cmd.Flags().StringSliceVar(&f.excludes, "except", nil, "cover every workspace but this one (ID or name; repeatable)")
}

func (f *telemetryScopeFlags) given() int {
	n := 0
	for _, g := range []bool{f.all, len(f.include) > 0, len(f.excludes) > 0} {
		if g {
			n++
		}
	}
	return n
}

func (f *telemetryScopeFlags) scope(a *app, cmd *cobra.Command) (admin.TelemetryScope, error) {
	switch {
	case f.all:
		return admin.TelemetryScope{Type: admin.TelemetryAllWorkspaces}, nil
	case len(f.include) > 0:
		_, ids, err := a.workspaceIDs(cmd, f.include)
		return admin.TelemetryScope{Type: admin.TelemetryIncludeWorkspaces, WorkspaceIDs: ids}, err
	}
	_, ids, err := a.workspaceIDs(cmd, f.excludes)
	return admin.TelemetryScope{Type: admin.TelemetryExcludeWorkspaces, WorkspaceIDs: ids}, err
}

// headerFlags reads NAME=VALUE pairs.
func headerFlags(cmd *cobra.Command, pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usageErr(cmd, "--header %q: give NAME=VALUE", k)
		}
		out[k] = v
	}
	return out, nil
}

func (a *app) telemetryCommand() *cobra.Command {
	tm := &cobra.Command{
		Use:   "telemetry",
		Short: "OpenTelemetry destinations: where the organization's spans are exported",
		Long: `telemetry manages OpenTelemetry destinations: OTLP/HTTP endpoints (https, a
host name, port 443) that receive the spans of the workspaces each covers,
with the request headers (a collector's credential) sent on every delivery.
Header values are never shown again: only their names. A destination is
named by its ID or its display name, a workspace by its ID or name.`,
	}

	var listWorkspaces []string
	list := &cobra.Command{
		Use:     "list [--workspace W...]",
		Short:   "List the destinations, newest first",
		Example: "  anthropic-admin telemetry list\n  anthropic-admin telemetry list --workspace Research",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, ids, err := a.workspaceIDs(cmd, listWorkspaces)
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, c.TelemetryDestinations.List(admin.TelemetryListParams{WorkspaceIDs: ids}), "telemetry destinations")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, telemetryRaw, a.telemetryColumns())
		},
	}
	list.Flags().StringSliceVar(&listWorkspaces, "workspace", nil, "only destinations that cover this workspace (ID or name; repeatable)")

	get := &cobra.Command{
		Use:     "get DESTINATION",
		Short:   "Show a destination, with its latest delivery results",
		Example: "  anthropic-admin telemetry get 'Honeycomb production'",
		Args:    exactArgs("DESTINATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, d, err := a.destinationArg(cmd, args[0])
			if err != nil {
				return err
			}
			return printOne(a, cmd, d, telemetryRaw, a.telemetryColumns())
		},
	}

	var url, name, contentMode, tracesURL string
	var headers []string
	var maxContent int64
	var scope telemetryScopeFlags
	create := &cobra.Command{
		Use:   "create --url URL (--all-workspaces | --workspace W... | --except W...) [--name NAME] [--header NAME=VALUE...]",
		Short: "Register an OpenTelemetry destination",
		Example: "  anthropic-admin telemetry create --url https://otel.acme-robotics.example --workspace Production --workspace Staging --name 'Platform collector' --header authorization='Bearer collector-token'\n" +
			"  anthropic-admin telemetry create --url https://api.honeycomb.example --all-workspaces --content-mode content --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if url == "" || scope.given() != 1 {
				return usageErr(cmd, "give --url and one of --all-workspaces, --workspace or --except")
			}
			h, err := headerFlags(cmd, headers)
			if err != nil {
				return err
			}
			traces, err := tracesFlags(cmd, contentMode, tracesURL, maxContent)
			if err != nil {
				return err
			}
			sc, err := scope.scope(a, cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			d, err := c.TelemetryDestinations.Create(ctx, admin.TelemetryCreateParams{EndpointURL: url, DisplayName: name, Headers: h, Workspaces: sc, Traces: traces})
			if err != nil {
				return inputErr(cmd, err)
			}
			if a.flags.dryRun {
				return nil
			}
			fmt.Fprint(a.env.Stderr, output.Safef("created telemetry destination %s\n", destinationLabel(*d)))
			return printOne(a, cmd, *d, telemetryRaw, a.telemetryColumns())
		},
	}
	create.Flags().StringVar(&url, "url", "", "the collector's OTLP/HTTP base URL (https, port 443)")
	create.Flags().StringVar(&name, "name", "", "a display name")
	create.Flags().StringSliceVar(&headers, "header", nil, "a request header sent with every delivery, NAME=VALUE (repeatable)")
	create.Flags().StringVar(&contentMode, "content-mode", "", "what spans contain: "+telemetryContentModes.known()+" (default metadata_only)")
	create.Flags().StringVar(&tracesURL, "traces-url", "", "the collector's full traces URL, when not URL/v1/traces")
	create.Flags().Int64Var(&maxContent, "max-content-bytes", 0, "the most content one span carries")
	scope.register(create)

	var upName, upURL, upContent, upTracesURL string
	var upHeaders, removeHeaders []string
	var upMax int64
	var enable, disable bool
	var upScope telemetryScopeFlags
	update := &cobra.Command{
		Use:   "update DESTINATION [--name NAME] [--url URL] [--header NAME=VALUE...] [--remove-header NAME...] [--enable | --disable] [workspace flags]",
		Short: "Change a destination's settings, state or workspaces",
		Long: `update changes what its flags name and leaves the rest. --header sets a header
(a new value needs the URL sent again: the current one is sent for you when
--url is not given); --remove-header removes one. --all-workspaces,
--workspace and --except replace the scope and its list.`,
		Example: "  anthropic-admin telemetry update 'Self-hosted collector' --enable\n" +
			"  anthropic-admin telemetry update 'Honeycomb production' --header x-honeycomb-team=new-team-key --dry-run",
		Args: exactArgs("DESTINATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if enable && disable || upScope.given() > 1 {
				return usageErr(cmd, "give --enable or --disable, and at most one of --all-workspaces, --workspace and --except")
			}
			set, err := headerFlags(cmd, upHeaders)
			if err != nil {
				return err
			}
			traces, err := tracesFlags(cmd, upContent, upTracesURL, upMax)
			if err != nil {
				return err
			}
			c, d, err := a.destinationArg(cmd, args[0])
			if err != nil {
				return err
			}
			var p admin.TelemetryUpdateParams
			if cmd.Flags().Changed("name") {
				p.DisplayName = admin.Set(upName)
			}
			if cmd.Flags().Changed("url") {
				p.EndpointURL = admin.Set(upURL)
			}
			if len(set)+len(removeHeaders) > 0 {
				p.Headers = map[string]admin.Optional[string]{}
				for k, v := range set {
					p.Headers[k] = admin.Set(v)
				}
				for _, k := range removeHeaders {
					p.Headers[k] = admin.Clear[string]()
				}
				if len(set) > 0 && p.EndpointURL.IsZero() {
					p.EndpointURL = admin.Set(d.EndpointURL)
				}
			}
			switch {
			case enable:
				p.State = admin.Set(admin.TelemetryEnabled)
			case disable:
				p.State = admin.Set(admin.TelemetryDisabled)
			}
			p.Traces = traces
			if upScope.given() == 1 {
				sc, err := upScope.scope(a, cmd)
				if err != nil {
					return err
				}
				p.Workspaces = &sc
			}
			if p.DisplayName.IsZero() && p.EndpointURL.IsZero() && p.Headers == nil && p.State.IsZero() && p.Traces == nil && p.Workspaces == nil {
				return usageErr(cmd, "nothing to change")
			}
			got, err := c.TelemetryDestinations.Update(cmd.Context(), d.ID, p)
			if err != nil || a.flags.dryRun {
				return inputErr(cmd, err)
			}
			fmt.Fprint(a.env.Stderr, output.Safef("updated telemetry destination %s\n", destinationLabel(*got)))
			return printOne(a, cmd, *got, telemetryRaw, a.telemetryColumns())
		},
	}
	update.Flags().StringVar(&upName, "name", "", "a new display name")
	update.Flags().StringVar(&upURL, "url", "", "a new OTLP/HTTP base URL")
	update.Flags().StringSliceVar(&upHeaders, "header", nil, "set a header, NAME=VALUE (repeatable)")
	update.Flags().StringSliceVar(&removeHeaders, "remove-header", nil, "remove a header (repeatable)")
	update.Flags().BoolVar(&enable, "enable", false, "start deliveries")
	update.Flags().BoolVar(&disable, "disable", false, "stop deliveries")
	update.Flags().StringVar(&upContent, "content-mode", "", "what spans contain: "+telemetryContentModes.known())
	update.Flags().StringVar(&upTracesURL, "traces-url", "", "the collector's full traces URL")
	update.Flags().Int64Var(&upMax, "max-content-bytes", 0, "the most content one span carries")
	upScope.register(update)

	del := &cobra.Command{
		Use:     "delete DESTINATION...",
		Short:   "Delete destinations and their workspace lists (asks first)",
		Example: "  anthropic-admin telemetry delete 'Self-hosted collector'",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deleteAll(cmd, "telemetry destination", args, func(arg string) (target, error) {
				_, d, err := a.destinationArg(cmd, arg)
				return target{id: d.ID, label: destinationLabel(d)}, err
			}, func(ctx context.Context, c *admin.Client, id string) error {
				_, err := c.TelemetryDestinations.Delete(ctx, id)
				return err
			})
		},
	}

	test := &cobra.Command{
		Use:   "test DESTINATION",
		Short: "Send one test span to a destination and show how it answered",
		Long: `test has the API send one test span (anthropic.test) to the destination, once,
with its headers, and prints the outcome. A destination that refuses the span
exits 1, with the reason (its HTTP status, when it answered).`,
		Example: "  anthropic-admin telemetry test 'Honeycomb production'\n  anthropic-admin telemetry test 'Self-hosted collector'   # exits 1 when the destination refuses the span",
		Args:    exactArgs("DESTINATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, d, err := a.destinationArg(cmd, args[0])
			if err != nil {
				return err
			}
			res, err := c.TelemetryDestinations.Test(cmd.Context(), d.ID)
			if err != nil || a.flags.dryRun {
				return err
			}
			if res.Result.Type == admin.TelemetryTestSuccess {
				fmt.Fprint(a.env.Stdout, output.Safef("%s accepted the test span\n", d.DisplayName))
				return nil
			}
			return &exitError{code: ExitError, err: fmt.Errorf("%s did not accept the test span: %s", d.DisplayName, orDash(res.Result.Error))}
		},
	}

	tm.AddCommand(lists(list), get, create, update, del, test, a.telemetryWorkspacesCommand())
	return tm
}

// tracesFlags turns the traces flags into params; nil when none is given.
func tracesFlags(cmd *cobra.Command, contentMode, url string, maxContent int64) (*admin.TelemetryTracesParams, error) {
	var t admin.TelemetryTracesParams
	if contentMode != "" {
		m, err := telemetryContentModes.parse(cmd, "content-mode", contentMode)
		if err != nil {
			return nil, err
		}
		t.ContentMode = admin.Set(admin.TelemetryContentMode(m))
	}
	if url != "" {
		t.EndpointURL = admin.Set(url)
	}
	if maxContent != 0 {
		t.MaxContentBytes = admin.Set(maxContent)
	}
	if t.ContentMode.IsZero() && t.EndpointURL.IsZero() && t.MaxContentBytes.IsZero() {
		return nil, nil
	}
	return &t, nil
}

func (a *app) telemetryWorkspacesCommand() *cobra.Command {
	ws := &cobra.Command{
		Use:   "workspaces",
		Short: "The workspaces on a destination's list (included, or excluded)",
	}
	entryColumns := func(ctx context.Context) []output.Column[admin.TelemetryWorkspace] {
		type e = admin.TelemetryWorkspace
		return []output.Column[e]{
			{Header: "workspace", Field: "workspace_name", Fit: output.FitName, Text: func(x e) string { return a.names.workspace(ctx, x.WorkspaceID) }},
			{Header: "workspace id", Field: "workspace_id", Fit: output.FitID, Text: func(x e) string { return x.WorkspaceID }},
			{Header: "added", Field: "created_at", Fit: output.FitKeep, Text: func(x e) string { return a.when(x.CreatedAt) }, Value: func(x e) string { return rfc3339(x.CreatedAt) }},
		}
	}
	list := &cobra.Command{
		Use:     "list DESTINATION",
		Short:   "List the workspaces on a destination's list, newest first",
		Example: "  anthropic-admin telemetry workspaces list 'Honeycomb production'",
		Args:    exactArgs("DESTINATION"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, d, err := a.destinationArg(cmd, args[0])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			items, err := collect(a, ctx, c.TelemetryDestinations.Workspaces.List(d.ID, admin.TelemetryWorkspaceListParams{}), "workspaces")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, func(x admin.TelemetryWorkspace) json.RawMessage { return x.RawJSON() }, entryColumns(ctx))
		},
	}
	edit := func(use, short, example, verb, done string, ask bool, act func(ctx context.Context, c *admin.Client, ref admin.TelemetryWorkspaceRef) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Example: example,
			Args: cobra.MinimumNArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				c, d, err := a.destinationArg(cmd, args[0])
				if err != nil {
					return err
				}
				_, ids, err := a.workspaceIDs(cmd, args[1:])
				if err != nil {
					return err
				}
				ctx := cmd.Context()
				var targets []target
				for _, id := range ids {
					targets = append(targets, target{id: id, label: a.names.workspace(ctx, id)})
				}
				ch := change{noun: "workspace", verb: verb, done: done, ask: ask,
					question: fmt.Sprintf("%s %s %s the list of %s", verb, plural(len(targets), "workspace", labels(targets, 3)), map[bool]string{true: "from", false: "to"}[ask], destinationLabel(d))}
				return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
					return act(ctx, c, admin.TelemetryWorkspaceRef{DestinationID: d.ID, WorkspaceID: id})
				})
			},
		}
	}
	add := edit("add DESTINATION WORKSPACE...", "Put workspaces on a destination's list",
		"  anthropic-admin telemetry workspaces add 'Honeycomb production' Research", "add", "added", false,
		func(ctx context.Context, c *admin.Client, ref admin.TelemetryWorkspaceRef) error {
			_, err := c.TelemetryDestinations.Workspaces.Add(ctx, ref)
			return err
		})
	remove := edit("remove DESTINATION WORKSPACE...", "Take workspaces off a destination's list (asks first)",
		"  anthropic-admin telemetry workspaces remove 'Honeycomb production' Staging", "remove", "removed", true,
		func(ctx context.Context, c *admin.Client, ref admin.TelemetryWorkspaceRef) error {
			_, err := c.TelemetryDestinations.Workspaces.Remove(ctx, ref)
			return err
		})
	ws.AddCommand(lists(list), add, remove)
	return ws
}
