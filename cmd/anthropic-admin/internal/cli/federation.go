package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// The federation noun: issuers (identity providers the organization
// trusts), rules (which of their tokens act as which service account) and
// the workspaces each rule is enabled in. OAuth only, like service-accounts
// (serviceaccounts.go).

func (a *app) issuers(ctx context.Context, c *admin.Client) ([]admin.FederationIssuer, error) {
	if a.wif.issuers == nil {
		all, err := c.Federation.Issuers.List(admin.FederationIssuerListParams{PageCursor: admin.PageCursor{Limit: 100}, IncludeArchived: true}, a.wif.opts...).Collect(ctx)
		if err != nil {
			return nil, err
		}
		a.wif.issuers = nonNilSlice(all)
	}
	return a.wif.issuers, nil
}

func (a *app) rules(ctx context.Context, c *admin.Client) ([]admin.FederationRule, error) {
	if a.wif.rules == nil {
		all, err := c.Federation.Rules.List(admin.FederationRuleListParams{PageCursor: admin.PageCursor{Limit: 100}, IncludeArchived: true}, a.wif.opts...).Collect(ctx)
		if err != nil {
			return nil, err
		}
		a.wif.rules = nonNilSlice(all)
	}
	return a.wif.rules, nil
}

// issuerArg resolves an issuer given by ID (fdis_…) or name.
func (a *app) issuerArg(cmd *cobra.Command, c *admin.Client, arg string) (string, error) {
	return byIDOrName(cmd, arg, "fdis_", func() ([]admin.FederationIssuer, error) { return a.issuers(cmd.Context(), c) },
		func(i admin.FederationIssuer) string { return i.ID }, func(i admin.FederationIssuer) string { return i.Name }, "federation issuer")
}

// ruleArg resolves a rule given by ID (fdrl_…) or name.
func (a *app) ruleArg(cmd *cobra.Command, c *admin.Client, arg string) (string, error) {
	return byIDOrName(cmd, arg, "fdrl_", func() ([]admin.FederationRule, error) { return a.rules(cmd.Context(), c) },
		func(r admin.FederationRule) string { return r.ID }, func(r admin.FederationRule) string { return r.Name }, "federation rule")
}

// seconds shows a number of seconds the way people say it: 15m, 1h, 49h.
func seconds(n int64) string {
	d := time.Duration(n) * time.Second
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return fmt.Sprintf("%ds", n)
}

// durationFlag reads a duration flag (15m, 1h, 900s) as whole seconds.
func durationFlag(cmd *cobra.Command, flag, v string) (int64, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d%time.Second != 0 {
		return 0, usageErr(cmd, "--%s %q: give a duration in whole seconds, such as 900s, 15m or 1h", flag, v)
	}
	return int64(d / time.Second), nil
}

func jwksText(j admin.JWKS) string {
	switch j.Type {
	case admin.JWKSDiscovery:
		if j.DiscoveryBase != nil {
			return "discovery from " + *j.DiscoveryBase
		}
		return "discovery"
	case admin.JWKSExplicitURL:
		return j.URL
	case admin.JWKSInline:
		return "inline (" + count(len(j.Keys), "key") + ")"
	}
	return string(j.Type)
}

// pollText says how polling of an issuer's keys goes.
func (a *app) pollText(i admin.FederationIssuer) string {
	switch {
	case i.JWKSPollingDisabledAt != nil:
		return "paused " + a.when(*i.JWKSPollingDisabledAt)
	case i.PollStatus == nil:
		return "-"
	case i.PollStatus.ConsecutiveFailures > 0:
		return fmt.Sprintf("%d failures", i.PollStatus.ConsecutiveFailures)
	case i.PollStatus.LastFetchedAt != nil:
		return "fetched " + a.when(*i.PollStatus.LastFetchedAt)
	}
	return "not yet fetched"
}

func (a *app) issuerColumns() []output.Column[admin.FederationIssuer] {
	type is = admin.FederationIssuer
	return []output.Column[is]{
		{Header: "id", Fit: output.FitID, Text: func(i is) string { return i.ID }},
		{Header: "name", Fit: output.FitName, Text: func(i is) string { return i.Name }},
		{Header: "issuer url", Text: func(i is) string { return i.IssuerURL }},
		{Header: "keys", Field: "jwks_type", Fit: output.FitDetail, Text: func(i is) string { return jwksText(i.JWKS) }, Value: func(i is) string { return string(i.JWKS.Type) }},
		{Header: "max jwt life", Field: "max_jwt_lifetime_seconds", Fit: output.FitKeep, Right: true,
			Text: func(i is) string { return seconds(i.MaxJWTLifetimeSeconds) }, Value: func(i is) string { return strconv.FormatInt(i.MaxJWTLifetimeSeconds, 10) }},
		{Header: "jti once", Field: "check_jti", Fit: output.FitKeep, Text: func(i is) string { return yesNo(i.CheckJTI) }, Value: func(i is) string { return strconv.FormatBool(i.CheckJTI) }},
		{Header: "polling", Field: "jwks_polling_disabled_at", Fit: output.FitKeep, Text: a.pollText, Value: func(i is) string { return rfc3339Ptr(i.JWKSPollingDisabledAt) }},
		{Header: "created", Field: "created_at", Fit: output.FitKeep, Text: func(i is) string { return a.when(i.CreatedAt) }, Value: func(i is) string { return rfc3339(i.CreatedAt) }},
		{Header: "archived", Field: "archived_at", Fit: output.FitKeep, Text: func(i is) string { return a.whenPtr(i.ArchivedAt, "-") }, Value: func(i is) string { return rfc3339Ptr(i.ArchivedAt) }},
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func issuerRaw(i admin.FederationIssuer) json.RawMessage { return i.RawJSON() }

// matchText is a rule's match in one line: each matcher that is set.
func matchText(m admin.FederationRuleMatch) string {
	var parts []string
	if m.SubjectPrefix != nil {
		parts = append(parts, "sub="+*m.SubjectPrefix+"*")
	}
	keys := make([]string, 0, len(m.Claims))
	for k := range m.Claims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+"="+m.Claims[k])
	}
	if m.Condition != nil {
		parts = append(parts, "if "+*m.Condition)
	}
	if m.Audience != nil {
		parts = append(parts, "aud="+*m.Audience)
	}
	return strings.Join(parts, " ")
}

func (a *app) ruleColumns(ctx context.Context) []output.Column[admin.FederationRule] {
	type r = admin.FederationRule
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return []output.Column[r]{
		{Header: "id", Fit: output.FitID, Text: func(x r) string { return x.ID }},
		{Header: "name", Fit: output.FitName, Text: func(x r) string { return x.Name }},
		{Header: "issuer", Field: "issuer_name", Fit: output.FitName, Text: func(x r) string { return x.IssuerName }},
		{Header: "service account", Field: "target_service_account_name", Fit: output.FitName,
			Text: func(x r) string { return orDash(str(x.Target.ServiceAccountName)) }, Value: func(x r) string { return str(x.Target.ServiceAccountName) }},
		{Header: "match", Fit: output.FitDetail, Text: func(x r) string { return matchText(x.Match) }},
		{Header: "scope", Field: "oauth_scope", Fit: output.FitKeep, Text: func(x r) string { return x.OAuthScope }},
		{Header: "workspaces", Field: "workspace_names", Text: func(x r) string { return a.ruleWorkspaceNames(ctx, x) }},
		{Header: "token life", Field: "token_lifetime_seconds", Fit: output.FitKeep, Right: true,
			Text: func(x r) string { return seconds(x.TokenLifetimeSeconds) }, Value: func(x r) string { return strconv.FormatInt(x.TokenLifetimeSeconds, 10) }},
		{Header: "archived", Field: "archived_at", Fit: output.FitKeep, Text: func(x r) string { return a.whenPtr(x.ArchivedAt, "-") }, Value: func(x r) string { return rfc3339Ptr(x.ArchivedAt) }},
	}
}

// ruleWorkspaceNames names the workspaces a rule is enabled in: "all" when
// it applies to every one.
func (a *app) ruleWorkspaceNames(ctx context.Context, r admin.FederationRule) string {
	if r.AppliesToAllWorkspaces {
		return "all"
	}
	names := make([]string, len(r.WorkspaceIDs))
	for i, id := range r.WorkspaceIDs {
		names[i] = a.names.workspace(ctx, id)
	}
	return orDash(strings.Join(names, ", "))
}

func ruleRaw(r admin.FederationRule) json.RawMessage { return r.RawJSON() }

func (a *app) federationCommand() *cobra.Command {
	fed := &cobra.Command{Use: "federation", Short: "Workload identity federation: issuers and rules (OAuth token only)",
		Long: `federation manages workload identity federation: the identity providers whose
tokens the organization trusts (issuers), and the rules that exchange a
matching token for an Anthropic token acting as a service account, in the
workspaces each rule is enabled in.

Like service-accounts, these commands take only an OAuth token with the
org:admin scope (--auth-token-file, --auth-token - or ANTHROPIC_AUTH_TOKEN).`}
	fed.AddCommand(a.issuersCommand(), a.rulesCommand())
	return fed
}

// issuerFlags are the settings create and update take.
type issuerFlags struct {
	name, issuerURL, jwksURL, jwksFile, discoveryBase, caCertFile, maxLifetime string
	discovery, checkJTI                                                        bool
}

func (f *issuerFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.name, "name", "", "a slug: lowercase letters, digits and hyphens, unique in the organization")
	cmd.Flags().StringVar(&f.issuerURL, "issuer-url", "", "the iss claim its tokens carry, an https:// URL")
	cmd.Flags().StringVar(&f.jwksURL, "jwks-url", "", "fetch the signing keys from this https:// URL")
	cmd.Flags().StringVar(&f.jwksFile, "jwks-file", "", "the signing keys themselves: a JWKS JSON file ({\"keys\": [...]})")
	cmd.Flags().BoolVar(&f.discovery, "discovery", false, "find the keys by OIDC discovery (the default for a new issuer)")
	cmd.Flags().StringVar(&f.discoveryBase, "discovery-base", "", "read OIDC discovery from this URL instead of the issuer URL")
	cmd.Flags().StringVar(&f.caCertFile, "ca-cert-file", "", "a PEM CA certificate to trust when fetching the keys")
	cmd.Flags().BoolVar(&f.checkJTI, "check-jti", true, "accept a token with a jti claim once only")
	cmd.Flags().StringVar(&f.maxLifetime, "max-jwt-lifetime", "", "the longest iat-to-exp span accepted, up to 49h (default 1h)")
}

// jwks is the JWKS setting the flags give; nil when they give none.
func (f *issuerFlags) jwks(cmd *cobra.Command) (*admin.JWKS, error) {
	kinds := 0
	for _, given := range []bool{f.jwksURL != "", f.jwksFile != "", f.discovery || f.discoveryBase != ""} {
		if given {
			kinds++
		}
	}
	if kinds > 1 {
		return nil, usageErr(cmd, "give one of --jwks-url, --jwks-file and --discovery (or --discovery-base)")
	}
	var ca *string
	if f.caCertFile != "" {
		pem, err := os.ReadFile(f.caCertFile)
		if err != nil {
			return nil, usageErr(cmd, "--ca-cert-file: %v", err)
		}
		s := string(pem)
		ca = &s
	}
	switch {
	case f.jwksURL != "":
		return &admin.JWKS{Type: admin.JWKSExplicitURL, URL: f.jwksURL, CACertPEM: ca}, nil
	case f.jwksFile != "":
		if ca != nil {
			return nil, usageErr(cmd, "--ca-cert-file is for keys that are fetched, not for --jwks-file")
		}
		b, err := os.ReadFile(f.jwksFile)
		if err != nil {
			return nil, usageErr(cmd, "--jwks-file: %v", err)
		}
		var set struct {
			Keys []json.RawMessage `json:"keys"`
		}
		if err := json.Unmarshal(b, &set); err != nil || len(set.Keys) == 0 {
			return nil, usageErr(cmd, "--jwks-file %s: not a JWKS with keys ({\"keys\": [...]})", f.jwksFile)
		}
		return &admin.JWKS{Type: admin.JWKSInline, Keys: set.Keys}, nil
	case kinds == 1 || ca != nil:
		j := &admin.JWKS{Type: admin.JWKSDiscovery, CACertPEM: ca}
		if f.discoveryBase != "" {
			j.DiscoveryBase = &f.discoveryBase
		}
		return j, nil
	}
	return nil, nil
}

func (a *app) issuersCommand() *cobra.Command {
	iss := &cobra.Command{Use: "issuers", Aliases: []string{"issuer"}, Short: "Identity providers whose tokens the organization trusts"}

	var includeArchived bool
	list := &cobra.Command{
		Use:     "list",
		Short:   "List federation issuers",
		Example: "  anthropic-admin federation issuers list\n  anthropic-admin federation issuers list --include-archived -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			l := c.Federation.Issuers.List(admin.FederationIssuerListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}, IncludeArchived: includeArchived}, opts...)
			items, err := collect(a, cmd.Context(), l, "issuers")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, issuerRaw, dropArchived(a, cmd, includeArchived, a.issuerColumns()))
		},
	}
	list.Flags().BoolVar(&includeArchived, "include-archived", false, "also list archived issuers")

	get := &cobra.Command{
		Use:     "get ISSUER",
		Short:   "Show a federation issuer (by ID or name)",
		Example: "  anthropic-admin federation issuers get github-actions",
		Args:    exactArgs("ISSUER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.oauthArg(cmd, args[0], (*app).issuerArg)
			if err != nil {
				return err
			}
			i, err := c.Federation.Issuers.Get(cmd.Context(), id, opts...)
			if err != nil {
				return notFoundAs(err, "no federation issuer has the ID %q", args[0])
			}
			return printOne(a, cmd, *i, issuerRaw, a.issuerColumns())
		},
	}

	var cf issuerFlags
	create := &cobra.Command{
		Use:   "create --name NAME --issuer-url URL [--jwks-url URL | --jwks-file FILE | --discovery]",
		Short: "Register an identity provider",
		Example: "  anthropic-admin federation issuers create --name gitlab-ci --issuer-url https://gitlab.com\n" +
			"  anthropic-admin federation issuers create --name acme-vault --issuer-url https://vault.acme-robotics.example/v1/identity/oidc --jwks-url https://vault.acme-robotics.example/v1/identity/oidc/.well-known/keys --max-jwt-lifetime 15m",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cf.name == "" || cf.issuerURL == "" {
				return usageErr(cmd, "--name and --issuer-url are required")
			}
			j, err := cf.jwks(cmd)
			if err != nil {
				return err
			}
			params := admin.FederationIssuerCreateParams{Name: cf.name, IssuerURL: cf.issuerURL, JWKS: j}
			if cmd.Flags().Changed("check-jti") {
				params.CheckJTI = &cf.checkJTI
			}
			if cf.maxLifetime != "" {
				if params.MaxJWTLifetimeSeconds, err = durationFlag(cmd, "max-jwt-lifetime", cf.maxLifetime); err != nil {
					return err
				}
			}
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			i, err := c.Federation.Issuers.Create(cmd.Context(), params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *i, issuerRaw, a.issuerColumns())
		},
	}
	cf.register(create)

	var uf issuerFlags
	var resume bool
	update := &cobra.Command{
		Use:   "update ISSUER [flags]",
		Short: "Change an issuer: its name, URL, keys, checks, or resume polling its keys",
		Example: "  anthropic-admin federation issuers update acme-k8s --max-jwt-lifetime 30m\n" +
			"  anthropic-admin federation issuers update github-actions --check-jti=false --resume-polling",
		Args: exactArgs("ISSUER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var params admin.FederationIssuerUpdateParams
			if cmd.Flags().Changed("name") {
				params.Name = admin.Set(uf.name)
			}
			if cmd.Flags().Changed("issuer-url") {
				params.IssuerURL = admin.Set(uf.issuerURL)
			}
			j, err := uf.jwks(cmd)
			if err != nil {
				return err
			}
			if j != nil {
				params.JWKS = admin.Set(*j)
			}
			if cmd.Flags().Changed("check-jti") {
				params.CheckJTI = admin.Set(uf.checkJTI)
			}
			if uf.maxLifetime != "" {
				n, err := durationFlag(cmd, "max-jwt-lifetime", uf.maxLifetime)
				if err != nil {
					return err
				}
				params.MaxJWTLifetimeSeconds = admin.Set(n)
			}
			if resume {
				params.JWKSPollingDisabled = admin.Set(false)
			}
			if params.Name.IsZero() && params.IssuerURL.IsZero() && params.JWKS.IsZero() && params.CheckJTI.IsZero() &&
				params.MaxJWTLifetimeSeconds.IsZero() && params.JWKSPollingDisabled.IsZero() {
				return usageErr(cmd, "nothing to change: give --name, --issuer-url, --jwks-url, --jwks-file, --discovery, --check-jti, --max-jwt-lifetime or --resume-polling")
			}
			c, opts, id, err := a.oauthArg(cmd, args[0], (*app).issuerArg)
			if err != nil {
				return err
			}
			i, err := c.Federation.Issuers.Update(cmd.Context(), id, params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *i, issuerRaw, a.issuerColumns())
		},
	}
	uf.register(update)
	update.Flags().BoolVar(&resume, "resume-polling", false, "poll the keys again after Anthropic paused it")

	archive := &cobra.Command{
		Use:   "archive ISSUER...",
		Short: "Archive issuers, for good: their rules stop accepting tokens (asks first)",
		Example: "  anthropic-admin federation issuers archive acme-k8s\n" +
			"  anthropic-admin federation issuers archive github-actions --dry-run",
		Args: someArgs("ISSUER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			rules, err := a.rules(cmd.Context(), c)
			if err != nil {
				return err
			}
			targets, err := labelledTargets(args, func(arg string) (string, error) { return a.issuerArg(cmd, c, arg) })
			if err != nil {
				return err
			}
			live := 0
			for _, t := range targets {
				for _, r := range rules {
					if r.IssuerID == t.id && r.ArchivedAt == nil {
						live++
					}
				}
			}
			question := "archive " + plural(len(args), "federation issuer", strings.Join(args, ", "))
			if live > 0 {
				question += ", so that " + count(live, "active rule") + " stop accepting tokens"
			}
			ch := change{noun: "issuer", verb: "archive", done: "archived", ask: true, question: question + " (archiving cannot be undone)"}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
				_, err := c.Federation.Issuers.Archive(ctx, id, opts...)
				return err
			})
		},
	}

	iss.AddCommand(lists(list), get, create, update, archive)
	return iss
}

// dropArchived drops the archived column from a table of active objects
// only, where it would say "-" on every row.
func dropArchived[T any](a *app, cmd *cobra.Command, includeArchived bool, cols []output.Column[T]) []output.Column[T] {
	if format, _ := a.format(cmd); format == output.Table && !includeArchived {
		var out []output.Column[T]
		for _, c := range cols {
			if c.Header != "archived" {
				out = append(out, c)
			}
		}
		return out
	}
	return cols
}

// ruleFlags are what create and update take.
type ruleFlags struct {
	name, description, issuer, account, scope, subjectPrefix, condition, audience, workspace, lifetime string
	claims                                                                                             []string
	allWorkspaces                                                                                      bool
}

func (f *ruleFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.name, "name", "", "a slug: lowercase letters, digits and hyphens, unique in the organization")
	cmd.Flags().StringVar(&f.description, "description", "", "what the rule is for")
	cmd.Flags().StringVar(&f.issuer, "issuer", "", "the issuer whose tokens it takes (ID or name)")
	cmd.Flags().StringVar(&f.account, "service-account", "", "the service account its tokens act as (ID or name)")
	cmd.Flags().StringVar(&f.scope, "scope", "", "OAuth scopes to grant, space-separated: workspace:developer, workspace:inference")
	cmd.Flags().StringVar(&f.subjectPrefix, "subject-prefix", "", "match: the sub claim starts with this")
	cmd.Flags().StringArrayVar(&f.claims, "claim", nil, "match: the claim KEY has exactly VALUE (KEY=VALUE, repeatable)")
	cmd.Flags().StringVar(&f.condition, "condition", "", "match: a CEL expression over claims that must be true")
	cmd.Flags().StringVar(&f.audience, "audience", "", "match: the aud claim (default: Anthropic's audience for the issuer)")
	cmd.Flags().StringVar(&f.workspace, "workspace", "", "enable the rule in this workspace (ID or name)")
	cmd.Flags().BoolVar(&f.allWorkspaces, "all-workspaces", false, "enable the rule in every workspace, later ones too")
	cmd.Flags().StringVar(&f.lifetime, "token-lifetime", "", "the most its tokens live, 1m to 24h (default 1h)")
}

// match is the match the flags give, and whether they give one.
func (f *ruleFlags) match(cmd *cobra.Command) (admin.FederationRuleMatch, bool, error) {
	var m admin.FederationRuleMatch
	given := false
	for flag, p := range map[string]**string{"subject-prefix": &m.SubjectPrefix, "condition": &m.Condition, "audience": &m.Audience} {
		if cmd.Flags().Changed(flag) {
			v, _ := cmd.Flags().GetString(flag)
			*p, given = &v, true
		}
	}
	for _, kv := range f.claims {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return m, false, usageErr(cmd, "--claim %q: give KEY=VALUE", kv)
		}
		if m.Claims == nil {
			m.Claims = map[string]string{}
		}
		m.Claims[strings.TrimSpace(k)], given = v, true
	}
	return m, given, nil
}

func (a *app) rulesCommand() *cobra.Command {
	rules := &cobra.Command{Use: "rules", Aliases: []string{"rule"}, Short: "Which tokens act as which service account, where"}

	var includeArchived bool
	var byIssuer string
	list := &cobra.Command{
		Use:     "list [--issuer ISSUER]",
		Short:   "List federation rules",
		Example: "  anthropic-admin federation rules list\n  anthropic-admin federation rules list --issuer github-actions --include-archived -o csv",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			params := admin.FederationRuleListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}, IncludeArchived: includeArchived}
			if byIssuer != "" {
				if params.IssuerID, err = a.issuerArg(cmd, c, byIssuer); err != nil {
					return err
				}
			}
			items, err := collect(a, cmd.Context(), c.Federation.Rules.List(params, opts...), "rules")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, ruleRaw, dropArchived(a, cmd, includeArchived, a.ruleColumns(cmd.Context())))
		},
	}
	list.Flags().BoolVar(&includeArchived, "include-archived", false, "also list archived rules")
	list.Flags().StringVar(&byIssuer, "issuer", "", "only the rules of this issuer (ID or name)")

	get := &cobra.Command{
		Use:     "get RULE",
		Short:   "Show a federation rule (by ID or name)",
		Example: "  anthropic-admin federation rules get deploy-main",
		Args:    exactArgs("RULE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.ruleFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			r, err := c.Federation.Rules.Get(cmd.Context(), id, opts...)
			if err != nil {
				return notFoundAs(err, "no federation rule has the ID %q", args[0])
			}
			return printOne(a, cmd, *r, ruleRaw, a.ruleDetail(cmd.Context()))
		},
	}

	var cf ruleFlags
	create := &cobra.Command{
		Use:   "create --name NAME --issuer ISSUER --service-account ACCOUNT --scope SCOPE [match flags] [--workspace W | --all-workspaces]",
		Short: "Make a rule: tokens of an issuer that match act as a service account",
		Example: "  anthropic-admin federation rules create --name deploy-tags --issuer github-actions --service-account ci-deploy " +
			"--scope workspace:developer --subject-prefix repo:acme-robotics/platform:ref:refs/tags/ --workspace Production --token-lifetime 15m",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cf.name == "" || cf.issuer == "" || cf.account == "" || cf.scope == "" {
				return usageErr(cmd, "--name, --issuer, --service-account and --scope are required")
			}
			m, given, err := cf.match(cmd)
			if err != nil {
				return err
			}
			if !given {
				return usageErr(cmd, "say which tokens match: --subject-prefix, --claim or --condition")
			}
			if cf.workspace != "" && cf.allWorkspaces {
				return usageErr(cmd, "give --workspace or --all-workspaces, not both")
			}
			params := admin.FederationRuleCreateParams{Name: cf.name, Description: cf.description, Match: m, OAuthScope: cf.scope, AppliesToAllWorkspaces: cf.allWorkspaces}
			if cf.lifetime != "" {
				if params.TokenLifetimeSeconds, err = durationFlag(cmd, "token-lifetime", cf.lifetime); err != nil {
					return err
				}
			}
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			if params.IssuerID, err = a.issuerArg(cmd, c, cf.issuer); err != nil {
				return err
			}
			if params.Target.ServiceAccountID, err = a.accountArg(cmd, c, cf.account); err != nil {
				return err
			}
			if cf.workspace != "" {
				if _, params.WorkspaceID, err = a.workspaceArg(cmd, cf.workspace); err != nil {
					return err
				}
			}
			r, err := c.Federation.Rules.Create(cmd.Context(), params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *r, ruleRaw, a.ruleDetail(cmd.Context()))
		},
	}
	cf.register(create)

	var uf ruleFlags
	var clearDescription bool
	update := &cobra.Command{
		Use:   "update RULE [flags]",
		Short: "Change a rule (match flags replace its whole match; --workspace replaces its workspaces)",
		Example: "  anthropic-admin federation rules update deploy-main --token-lifetime 10m\n" +
			"  anthropic-admin federation rules update etl-cronjob --subject-prefix system:serviceaccount:data:etl- --claim kubernetes.io/namespace=data",
		Args: exactArgs("RULE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if uf.issuer != "" {
				return usageErr(cmd, "a rule's issuer cannot change: make a new rule")
			}
			var params admin.FederationRuleUpdateParams
			m, given, err := uf.match(cmd)
			if err != nil {
				return err
			}
			if given {
				params.Match = admin.Set(m)
			}
			for flag, p := range map[string]*admin.Optional[string]{"name": &params.Name, "scope": &params.OAuthScope, "description": &params.Description} {
				if cmd.Flags().Changed(flag) {
					v, _ := cmd.Flags().GetString(flag)
					*p = admin.Set(v)
				}
			}
			if clearDescription {
				if params.Description.IsSet() {
					return usageErr(cmd, "give --description or --clear-description, not both")
				}
				params.Description = admin.Clear[string]()
			}
			if cmd.Flags().Changed("all-workspaces") {
				params.AppliesToAllWorkspaces = admin.Set(uf.allWorkspaces)
			}
			if uf.lifetime != "" {
				n, err := durationFlag(cmd, "token-lifetime", uf.lifetime)
				if err != nil {
					return err
				}
				params.TokenLifetimeSeconds = admin.Set(n)
			}
			c, opts, id, err := a.ruleFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			if uf.account != "" {
				sa, err := a.accountArg(cmd, c, uf.account)
				if err != nil {
					return err
				}
				params.Target = admin.Set(admin.FederationRuleTarget{ServiceAccountID: sa})
			}
			if uf.workspace != "" {
				_, w, err := a.workspaceArg(cmd, uf.workspace)
				if err != nil {
					return err
				}
				params.WorkspaceID = admin.Set(w)
			}
			if isZeroRuleUpdate(params) {
				return usageErr(cmd, "nothing to change: give --name, --description, --scope, --service-account, a match flag, --workspace, --all-workspaces or --token-lifetime")
			}
			r, err := c.Federation.Rules.Update(cmd.Context(), id, params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *r, ruleRaw, a.ruleDetail(cmd.Context()))
		},
	}
	uf.register(update)
	update.Flags().BoolVar(&clearDescription, "clear-description", false, "remove the description")

	archive := &cobra.Command{
		Use:     "archive RULE...",
		Short:   "Archive rules, for good: they stop accepting tokens (asks first)",
		Example: "  anthropic-admin federation rules archive deploy-staging",
		Args:    someArgs("RULE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			targets, err := labelledTargets(args, func(arg string) (string, error) { return a.ruleArg(cmd, c, arg) })
			if err != nil {
				return err
			}
			ch := change{noun: "rule", verb: "archive", done: "archived", ask: true,
				question: "archive " + plural(len(args), "federation rule", strings.Join(args, ", ")) + " (archiving cannot be undone)"}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
				_, err := c.Federation.Rules.Archive(ctx, id, opts...)
				return err
			})
		},
	}

	rules.AddCommand(lists(list), get, create, update, archive, a.ruleWorkspacesCommand())
	return rules
}

func isZeroRuleUpdate(p admin.FederationRuleUpdateParams) bool {
	return p.Name.IsZero() && p.Description.IsZero() && p.Match.IsZero() && p.Target.IsZero() && p.OAuthScope.IsZero() &&
		p.TokenLifetimeSeconds.IsZero() && p.AppliesToAllWorkspaces.IsZero() && p.WorkspaceID.IsZero()
}

// ruleDetail adds the description and who made the rule, for one rule
// shown on its own.
func (a *app) ruleDetail(ctx context.Context) []output.Column[admin.FederationRule] {
	cols := a.ruleColumns(ctx)
	return append(cols[:2:2], append([]output.Column[admin.FederationRule]{
		{Header: "description", Text: func(r admin.FederationRule) string { return orDash(r.Description) }, Value: func(r admin.FederationRule) string { return r.Description }},
	}, append(cols[2:], output.Column[admin.FederationRule]{Header: "created", Field: "created_at",
		Text: func(r admin.FederationRule) string { return a.when(r.CreatedAt) }, Value: func(r admin.FederationRule) string { return rfc3339(r.CreatedAt) }})...)...)
}

// ruleFromArg is the OAuth client and the rule named by arg.
func (a *app) ruleFromArg(cmd *cobra.Command, arg string) (*admin.Client, []admin.Option, string, error) {
	return a.oauthArg(cmd, arg, (*app).ruleArg)
}

func (a *app) ruleWorkspacesCommand() *cobra.Command {
	ws := &cobra.Command{Use: "workspaces", Aliases: []string{"workspace"}, Short: "The workspaces a rule is enabled in"}
	type rw = admin.FederationRuleWorkspace
	cols := func(ctx context.Context) []output.Column[rw] {
		return []output.Column[rw]{
			{Header: "workspace", Field: "workspace_name", Fit: output.FitName, Text: func(w rw) string {
				if w.WorkspaceName != nil {
					return *w.WorkspaceName
				}
				return a.names.workspace(ctx, w.WorkspaceID)
			}},
			{Header: "workspace id", Fit: output.FitID, Text: func(w rw) string { return w.WorkspaceID }},
			{Header: "enabled", Field: "created_at", Fit: output.FitKeep, Text: func(w rw) string { return a.when(w.CreatedAt) }, Value: func(w rw) string { return rfc3339(w.CreatedAt) }},
			{Header: "by", Field: "created_by", Fit: output.FitDetail, Text: func(w rw) string { return a.names.user(ctx, w.CreatedByActorID) }},
		}
	}
	raw := func(w rw) json.RawMessage { return w.RawJSON() }

	list := &cobra.Command{
		Use:     "list RULE",
		Short:   "List the workspaces a rule is enabled in",
		Example: "  anthropic-admin federation rules workspaces list deploy-main",
		Args:    exactArgs("RULE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.ruleFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			items, err := collect(a, cmd.Context(), c.Federation.Rules.Workspaces.List(id, admin.PageCursor{}, opts...), "workspaces")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, raw, cols(cmd.Context()))
		},
	}

	add := &cobra.Command{
		Use:     "add RULE WORKSPACE...",
		Short:   "Enable a rule in workspaces",
		Example: "  anthropic-admin federation rules workspaces add deploy-staging Research",
		Args:    oneAndSome("RULE", "WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.ruleFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			_, ids, err := a.workspaceIDs(cmd, args[1:])
			if err != nil {
				return err
			}
			var added []rw
			for _, w := range ids {
				x, err := c.Federation.Rules.Workspaces.Add(cmd.Context(), id, admin.FederationRuleWorkspaceAddParams{WorkspaceID: w}, opts...)
				if err != nil {
					return err
				}
				added = append(added, *x)
			}
			if a.flags.dryRun {
				return nil
			}
			return printList(a, cmd, added, raw, cols(cmd.Context()))
		},
	}

	remove := &cobra.Command{
		Use:     "remove RULE WORKSPACE...",
		Short:   "Stop a rule applying in workspaces (asks first)",
		Example: "  anthropic-admin federation rules workspaces remove deploy-main Staging",
		Args:    add.Args,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.ruleFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			targets, err := a.workspaceTargets(cmd, args[1:], "")
			if err != nil {
				return err
			}
			ch := change{noun: "workspace", verb: "remove", done: "removed", ask: true,
				question: fmt.Sprintf("stop rule %s applying in %s", args[0], plural(len(targets), "workspace", strings.Join(args[1:], ", ")))}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, w string) error {
				_, err := c.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{FederationRuleID: id, WorkspaceID: w}, opts...)
				return err
			})
		},
	}

	ws.AddCommand(lists(list), add, remove)
	return ws
}
