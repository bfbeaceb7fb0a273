package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// The service-accounts noun, and what it shares with federation.go: the
// OAuth token these endpoints need, and finding an account, an issuer or a
// rule by ID or name.

// wif is what a run of the service account and federation commands keeps:
// the options that send its OAuth token, and the listings names are
// resolved from, each read once.
type wif struct {
	opts     []admin.Option
	accounts []admin.ServiceAccount
	issuers  []admin.FederationIssuer
	rules    []admin.FederationRule
}

// oauthClient is the client for the endpoints that take only an OAuth
// token with org:admin, with the options each call needs: the demo's token
// under --fake; when the credential chosen is an admin key and a token is
// given too (--auth-token, ANTHROPIC_AUTH_TOKEN), that token. With an admin
// key alone the API refuses the call, and the error says what to give.
func (a *app) oauthClient(ctx context.Context) (*admin.Client, []admin.Option, error) {
	c, err := a.clientFor(ctx)
	if err != nil {
		return nil, nil, err
	}
	if a.wif == nil {
		a.wif = &wif{}
		switch {
		case a.fake != nil:
			a.wif.opts = []admin.Option{admin.WithAuthToken(a.fake.OAuthToken())}
		case !a.bearer:
			token, _, err := a.findCredential(true)
			if err != nil {
				return nil, nil, err
			}
			if token != "" {
				a.wif.opts = []admin.Option{admin.WithAuthToken(token)}
			}
		}
	}
	return c, a.wif.opts, nil
}

// byIDOrName resolves arg to an ID: one that starts with prefix is taken as
// it is; anything else is a name, matched exactly, else in any letter case,
// among all (the listing, archived objects included).
func byIDOrName[T any](cmd *cobra.Command, arg, prefix string, all func() ([]T, error), id, name func(T) string, noun string) (string, error) {
	if strings.HasPrefix(arg, prefix) {
		return arg, nil
	}
	items, err := all()
	if err != nil {
		return "", err
	}
	it, err := named(cmd, items, arg, name, id, fmt.Sprintf("no %s has the ID or name %q", noun, arg), noun+"s are named "+strconv.Quote(arg))
	if err != nil {
		return "", err
	}
	return id(it), nil
}

// accounts lists every service account, archived ones too, once a run.
func (a *app) accounts(ctx context.Context, c *admin.Client) ([]admin.ServiceAccount, error) {
	if a.wif.accounts == nil {
		all, err := c.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: 100}, IncludeArchived: true}, a.wif.opts...).Collect(ctx)
		if err != nil {
			return nil, err
		}
		a.wif.accounts = nonNilSlice(all)
	}
	return a.wif.accounts, nil
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// accountArg resolves a service account given by ID (svac_…) or name.
func (a *app) accountArg(cmd *cobra.Command, c *admin.Client, arg string) (string, error) {
	return byIDOrName(cmd, arg, "svac_", func() ([]admin.ServiceAccount, error) { return a.accounts(cmd.Context(), c) },
		func(s admin.ServiceAccount) string { return s.ID }, func(s admin.ServiceAccount) string { return s.Name }, "service account")
}

// accountName is the account's name, or its ID when it cannot be listed.
func (a *app) accountName(ctx context.Context, c *admin.Client, id string) string {
	all, _ := a.accounts(ctx, c)
	for _, s := range all {
		if s.ID == id {
			return s.Name
		}
	}
	return id
}

// actorName names who did something: a member by email, a service account
// by name, or the ID.
func (a *app) actorName(ctx context.Context, c *admin.Client, id string) string {
	if strings.HasPrefix(id, "svac_") {
		return a.accountName(ctx, c, id)
	}
	return a.names.user(ctx, id)
}

// serviceAccountRoles are a service account's organization roles.
var serviceAccountRoles = valueSet{what: "service account role", values: values(admin.ServiceAccountRoleDeveloper, admin.ServiceAccountRoleAdmin)}

// saWorkspaceRoles are the workspace roles a service account can hold: any
// but billing.
var saWorkspaceRoles = valueSet{what: "workspace role", prefix: "workspace_", values: workspaceRoles.values[:4:4],
	of: &workspaceRoles, why: "cannot be held by a service account"}

func (a *app) accountColumns(ctx context.Context, c *admin.Client) []output.Column[admin.ServiceAccount] {
	return []output.Column[admin.ServiceAccount]{
		{Header: "id", Fit: output.FitID, Text: func(s admin.ServiceAccount) string { return s.ID }},
		{Header: "name", Fit: output.FitName, Text: func(s admin.ServiceAccount) string { return s.Name }},
		{Header: "role", Field: "organization_role", Fit: output.FitKeep, Text: func(s admin.ServiceAccount) string { return string(s.OrganizationRole) }},
		{Header: "description", Text: func(s admin.ServiceAccount) string { return orDash(s.Description) }, Value: func(s admin.ServiceAccount) string { return s.Description }},
		{Header: "created", Field: "created_at", Fit: output.FitKeep, Text: func(s admin.ServiceAccount) string { return a.when(s.CreatedAt) }, Value: func(s admin.ServiceAccount) string { return rfc3339(s.CreatedAt) }},
		{Header: "created by", Field: "created_by", Fit: output.FitDetail, Text: func(s admin.ServiceAccount) string { return a.actorName(ctx, c, s.CreatedByActorID) }},
		{Header: "archived", Field: "archived_at", Fit: output.FitKeep, Text: func(s admin.ServiceAccount) string { return a.whenPtr(s.ArchivedAt, "-") }, Value: func(s admin.ServiceAccount) string { return rfc3339Ptr(s.ArchivedAt) }},
	}
}

func accountRaw(s admin.ServiceAccount) json.RawMessage { return s.RawJSON() }

// membershipColumns are the columns of service account memberships: the
// account and the workspace, each by name beside its ID.
func (a *app) membershipColumns(ctx context.Context, c *admin.Client) []output.Column[admin.ServiceAccountWorkspaceMember] {
	type m = admin.ServiceAccountWorkspaceMember
	return []output.Column[m]{
		{Header: "service account", Field: "service_account_name", Fit: output.FitName, Text: func(x m) string { return a.accountName(ctx, c, x.ServiceAccountID) }},
		{Header: "service account id", Fit: output.FitID, Text: func(x m) string { return x.ServiceAccountID }},
		{Header: "workspace", Field: "workspace_name", Fit: output.FitName, Text: func(x m) string { return a.names.workspace(ctx, x.WorkspaceID) }},
		{Header: "workspace id", Fit: output.FitID, Text: func(x m) string { return x.WorkspaceID }},
		{Header: "role", Field: "workspace_role", Fit: output.FitKeep, Text: func(x m) string { return strings.TrimPrefix(string(x.WorkspaceRole), "workspace_") }, Value: func(x m) string { return string(x.WorkspaceRole) }},
		{Header: "implicit", Fit: output.FitKeep, Text: func(x m) string {
			if x.Implicit {
				return "yes (default workspace)"
			}
			return "-"
		}, Value: func(x m) string { return strconv.FormatBool(x.Implicit) }},
	}
}

func membershipRaw(m admin.ServiceAccountWorkspaceMember) json.RawMessage { return m.RawJSON() }

func (a *app) serviceAccountsCommand() *cobra.Command {
	sa := &cobra.Command{Use: "service-accounts", Aliases: []string{"service-account", "sa"},
		Short: "Service accounts: non-human identities, and their workspaces (OAuth token only)",
		Long: `service-accounts manages the organization's service accounts, the identities
that workloads act as through federation rules (see 'federation'), and the
workspaces each belongs to. An account with no workspace of its own belongs
to the default workspace implicitly, as a user.

The API takes only an OAuth token with the org:admin scope for these
commands: give --auth-token-file, --auth-token - or ANTHROPIC_AUTH_TOKEN (it
is used here even when an admin key is set too). --fake uses the demo's.`}

	var includeArchived bool
	list := &cobra.Command{
		Use:     "list",
		Short:   "List service accounts",
		Example: "  anthropic-admin service-accounts list\n  anthropic-admin service-accounts list --include-archived -o csv",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			l := c.ServiceAccounts.List(admin.ServiceAccountListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}, IncludeArchived: includeArchived}, opts...)
			items, err := collect(a, cmd.Context(), l, "service accounts")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, accountRaw, dropArchived(a, cmd, includeArchived, a.accountColumns(cmd.Context(), c)))
		},
	}
	list.Flags().BoolVar(&includeArchived, "include-archived", false, "also list archived service accounts")

	get := &cobra.Command{
		Use:     "get ACCOUNT",
		Short:   "Show a service account (by ID or name)",
		Example: "  anthropic-admin service-accounts get ci-deploy",
		Args:    exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.accountFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			s, err := c.ServiceAccounts.Get(cmd.Context(), id, opts...)
			if err != nil {
				return notFoundAs(err, "no service account has the ID %q", args[0])
			}
			return printOne(a, cmd, *s, accountRaw, a.accountColumns(cmd.Context(), c))
		},
	}

	var name, description, role string
	create := &cobra.Command{
		Use:   "create --name NAME [--description TEXT] [--role developer|admin]",
		Short: "Create a service account (no workspace yet: it is in the default one implicitly)",
		Example: "  anthropic-admin service-accounts create --name release-bot --description \"Tags releases\"\n" +
			"  anthropic-admin service-accounts create --name infra-admin --role admin --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if name == "" {
				return usageErr(cmd, "--name is required")
			}
			params := admin.ServiceAccountCreateParams{Name: name, Description: description}
			if role != "" {
				r, err := serviceAccountRoles.parse(cmd, "role", role)
				if err != nil {
					return err
				}
				params.OrganizationRole = admin.ServiceAccountRole(r)
			}
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			s, err := c.ServiceAccounts.Create(cmd.Context(), params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *s, accountRaw, a.accountColumns(cmd.Context(), c))
		},
	}
	create.Flags().StringVar(&name, "name", "", "a slug: lowercase letters, digits and hyphens, unique in the organization")
	create.Flags().StringVar(&description, "description", "", "what the account is for")
	create.Flags().StringVar(&role, "role", "", "organization role: "+serviceAccountRoles.known()+" (default developer)")

	var newDescription, newRole string
	var clearDescription bool
	update := &cobra.Command{
		Use:     "update ACCOUNT [--description TEXT | --clear-description] [--role ROLE]",
		Short:   "Change a service account's description or role",
		Example: "  anthropic-admin service-accounts update etl-nightly --role admin\n  anthropic-admin service-accounts update support-triage --clear-description",
		Args:    exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var params admin.ServiceAccountUpdateParams
			switch {
			case clearDescription && cmd.Flags().Changed("description"):
				return usageErr(cmd, "give --description or --clear-description, not both")
			case clearDescription:
				params.Description = admin.Clear[string]()
			case cmd.Flags().Changed("description"):
				params.Description = admin.Set(newDescription)
			}
			if cmd.Flags().Changed("role") {
				r, err := serviceAccountRoles.parse(cmd, "role", newRole)
				if err != nil {
					return err
				}
				params.OrganizationRole = admin.Set(admin.ServiceAccountRole(r))
			}
			if params == (admin.ServiceAccountUpdateParams{}) {
				return usageErr(cmd, "nothing to change: give --description, --clear-description or --role")
			}
			c, opts, id, err := a.accountFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			s, err := c.ServiceAccounts.Update(cmd.Context(), id, params, opts...)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *s, accountRaw, a.accountColumns(cmd.Context(), c))
		},
	}
	update.Flags().StringVar(&newDescription, "description", "", "new description")
	update.Flags().BoolVar(&clearDescription, "clear-description", false, "remove the description")
	update.Flags().StringVar(&newRole, "role", "", "new organization role: "+serviceAccountRoles.known())

	archive := &cobra.Command{
		Use:   "archive ACCOUNT...",
		Short: "Archive service accounts, for good (asks first)",
		Long: `archive archives service accounts by ID or name. An archived account can no
longer act, change or join a workspace, and the API offers no way back: it
asks first, and without a terminal it needs --yes.`,
		Example: "  anthropic-admin service-accounts archive support-triage\n  anthropic-admin service-accounts archive etl-nightly --dry-run",
		Args:    someArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, err := a.oauthClient(cmd.Context())
			if err != nil {
				return err
			}
			targets, err := labelledTargets(args, func(arg string) (string, error) { return a.accountArg(cmd, c, arg) })
			if err != nil {
				return err
			}
			ch := change{noun: "service account", verb: "archive", done: "archived", ask: true,
				question: "archive " + plural(len(args), "service account", strings.Join(args, ", ")) + " (archiving cannot be undone)"}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
				_, err := c.ServiceAccounts.Archive(ctx, id, opts...)
				return err
			})
		},
	}

	sa.AddCommand(lists(list), get, create, update, archive, a.accountWorkspacesCommand())
	return sa
}

// labelledTargets resolves each argument to a target labelled as it was typed.
func labelledTargets(args []string, resolve func(string) (string, error)) ([]target, error) {
	targets := make([]target, len(args))
	for i, arg := range args {
		id, err := resolve(arg)
		if err != nil {
			return nil, err
		}
		targets[i] = target{id: id, label: arg}
	}
	return targets, nil
}

// workspaceTargets resolves workspaces given by ID or name, each labelled
// as typed after prefix.
func (a *app) workspaceTargets(cmd *cobra.Command, args []string, prefix string) ([]target, error) {
	_, ids, err := a.workspaceIDs(cmd, args)
	if err != nil {
		return nil, err
	}
	targets := make([]target, len(ids))
	for i, id := range ids {
		targets[i] = target{id: id, label: prefix + args[i]}
	}
	return targets, nil
}

// oneAndSome wants one argument, then one or more: "RULE WORKSPACE...".
func oneAndSome(first, rest string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < 2 {
			return usageErr(cmd, "expected %s %s..., got %d argument(s)", first, rest, len(args))
		}
		return nil
	}
}

// accountFromArg is the OAuth client and the account named by arg.
func (a *app) accountFromArg(cmd *cobra.Command, arg string) (*admin.Client, []admin.Option, string, error) {
	return a.oauthArg(cmd, arg, (*app).accountArg)
}

// oauthArg is the OAuth client and the ID of arg, an account, issuer or
// rule by ID or name, as resolve finds it.
func (a *app) oauthArg(cmd *cobra.Command, arg string, resolve func(*app, *cobra.Command, *admin.Client, string) (string, error)) (*admin.Client, []admin.Option, string, error) {
	c, opts, err := a.oauthClient(cmd.Context())
	if err != nil {
		return nil, nil, "", err
	}
	id, err := resolve(a, cmd, c, arg)
	return c, opts, id, err
}

// membershipArgs resolves ACCOUNT WORKSPACE.
func (a *app) membershipArgs(cmd *cobra.Command, args []string) (*admin.Client, []admin.Option, admin.ServiceAccountWorkspaceRef, error) {
	c, opts, id, err := a.accountFromArg(cmd, args[0])
	if err != nil {
		return nil, nil, admin.ServiceAccountWorkspaceRef{}, err
	}
	_, ws, err := a.workspaceArg(cmd, args[1])
	return c, opts, admin.ServiceAccountWorkspaceRef{ServiceAccountID: id, WorkspaceID: ws}, err
}

func (a *app) accountWorkspacesCommand() *cobra.Command {
	ws := &cobra.Command{Use: "workspaces", Aliases: []string{"workspace"}, Short: "The workspaces service accounts belong to"}

	var inWorkspace string
	list := &cobra.Command{
		Use:   "list [ACCOUNT | --workspace WORKSPACE]",
		Short: "List an account's workspaces, or a workspace's service accounts",
		Example: "  anthropic-admin service-accounts workspaces list ci-deploy\n" +
			"  anthropic-admin service-accounts workspaces list --workspace Production",
		Args: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == (inWorkspace != "") || len(args) > 1 {
				return usageErr(cmd, "give one ACCOUNT, or --workspace WORKSPACE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			params := admin.ServiceAccountWorkspaceListParams{PageCursor: admin.PageCursor{Limit: pageSize(a.flags.maxItems)}}
			var l *admin.List[admin.ServiceAccountWorkspaceMember]
			var c *admin.Client
			if inWorkspace != "" {
				var w string
				var err error
				if c, w, err = a.workspaceArg(cmd, inWorkspace); err != nil {
					return err
				}
				_, opts, err := a.oauthClient(cmd.Context())
				if err != nil {
					return err
				}
				l = c.Workspaces.ServiceAccounts.List(w, params, opts...)
			} else {
				var opts []admin.Option
				var id string
				var err error
				if c, opts, id, err = a.accountFromArg(cmd, args[0]); err != nil {
					return err
				}
				l = c.ServiceAccounts.Workspaces.List(id, params, opts...)
			}
			items, err := collect(a, cmd.Context(), l, "memberships")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, membershipRaw, a.membershipColumns(cmd.Context(), c))
		},
	}
	list.Flags().StringVar(&inWorkspace, "workspace", "", "list this workspace's service accounts instead (ID or name)")

	get := &cobra.Command{
		Use:     "get ACCOUNT WORKSPACE",
		Short:   "Show a service account's membership of a workspace",
		Example: "  anthropic-admin service-accounts workspaces get ci-deploy Production",
		Args:    exactArgs("ACCOUNT", "WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, ref, err := a.membershipArgs(cmd, args)
			if err != nil {
				return err
			}
			m, err := c.Workspaces.ServiceAccounts.Get(cmd.Context(), ref, opts...)
			if err != nil {
				return notFoundAs(err, "service account %s is not a member of workspace %s", args[0], args[1])
			}
			return printOne(a, cmd, *m, membershipRaw, a.membershipColumns(cmd.Context(), c))
		},
	}

	add := a.membershipRoleCommand("add", "Add a service account to a workspace",
		"  anthropic-admin service-accounts workspaces add etl-nightly Research --role developer",
		func(ctx context.Context, c *admin.Client, ref admin.ServiceAccountWorkspaceRef, role admin.WorkspaceRole, opts []admin.Option) (*admin.ServiceAccountWorkspaceMember, error) {
			return c.ServiceAccounts.Workspaces.Add(ctx, ref.ServiceAccountID, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: ref.WorkspaceID, WorkspaceRole: role}, opts...)
		})
	update := a.membershipRoleCommand("update", "Change a service account's role in a workspace",
		"  anthropic-admin service-accounts workspaces update ci-deploy Staging --role restricted_developer",
		func(ctx context.Context, c *admin.Client, ref admin.ServiceAccountWorkspaceRef, role admin.WorkspaceRole, opts []admin.Option) (*admin.ServiceAccountWorkspaceMember, error) {
			return c.Workspaces.ServiceAccounts.Update(ctx, ref, admin.WorkspaceServiceAccountUpdateParams{WorkspaceRole: role}, opts...)
		})

	remove := &cobra.Command{
		Use:     "remove ACCOUNT WORKSPACE...",
		Short:   "Take a service account out of workspaces (asks first)",
		Example: "  anthropic-admin service-accounts workspaces remove ci-deploy Staging",
		Args:    oneAndSome("ACCOUNT", "WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, opts, id, err := a.accountFromArg(cmd, args[0])
			if err != nil {
				return err
			}
			targets, err := a.workspaceTargets(cmd, args[1:], args[0]+" from ")
			if err != nil {
				return err
			}
			ch := change{noun: "membership", verb: "remove", done: "removed", ask: true,
				question: fmt.Sprintf("remove service account %s from %s", args[0], plural(len(targets), "workspace", strings.Join(args[1:], ", ")))}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, w string) error {
				_, err := c.ServiceAccounts.Workspaces.Remove(ctx, admin.ServiceAccountWorkspaceRef{ServiceAccountID: id, WorkspaceID: w}, opts...)
				return err
			})
		},
	}

	ws.AddCommand(lists(list), get, add, update, remove)
	return ws
}

// membershipRoleCommand is add or update: ACCOUNT WORKSPACE --role, any
// role but billing (the workspace_ prefix optional).
func (a *app) membershipRoleCommand(verb, short, example string,
	act func(context.Context, *admin.Client, admin.ServiceAccountWorkspaceRef, admin.WorkspaceRole, []admin.Option) (*admin.ServiceAccountWorkspaceMember, error)) *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:     verb + " ACCOUNT WORKSPACE --role ROLE",
		Short:   short,
		Example: example,
		Args:    exactArgs("ACCOUNT", "WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if role == "" {
				return usageErr(cmd, "--role is required")
			}
			checked, err := saWorkspaceRoles.parse(cmd, "role", role)
			if err != nil {
				return err
			}
			c, opts, ref, err := a.membershipArgs(cmd, args)
			if err != nil {
				return err
			}
			m, err := act(cmd.Context(), c, ref, admin.WorkspaceRole(checked), opts)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *m, membershipRaw, a.membershipColumns(cmd.Context(), c))
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "workspace role: "+saWorkspaceRoles.known()+" (the workspace_ prefix is optional)")
	return cmd
}

// wifNames completes service accounts, issuers or rules by name: the
// active ones of what list gives.
func wifNames[T any](a *app, list func(*app, context.Context, *admin.Client) ([]T, error), name, id func(T) string, archived func(T) bool) nameFunc {
	return func(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
		if _, _, err := a.oauthClient(cmd.Context()); err != nil {
			return nil, err
		}
		all, err := list(a, cmd.Context(), c)
		if err != nil {
			return nil, err
		}
		var out []cobra.Completion
		for _, it := range all {
			if !archived(it) {
				out = append(out, cobra.CompletionWithDesc(name(it), id(it)))
			}
		}
		return out, nil
	}
}

func (a *app) accountNames() nameFunc {
	return wifNames(a, (*app).accounts, func(s admin.ServiceAccount) string { return s.Name }, func(s admin.ServiceAccount) string { return s.ID },
		func(s admin.ServiceAccount) bool { return s.ArchivedAt != nil })
}

func (a *app) issuerNames() nameFunc {
	return wifNames(a, (*app).issuers, func(i admin.FederationIssuer) string { return i.Name }, func(i admin.FederationIssuer) string { return i.ID },
		func(i admin.FederationIssuer) bool { return i.ArchivedAt != nil })
}

func (a *app) ruleNames() nameFunc {
	return wifNames(a, (*app).rules, func(r admin.FederationRule) string { return r.Name }, func(r admin.FederationRule) string { return r.ID },
		func(r admin.FederationRule) bool { return r.ArchivedAt != nil })
}
