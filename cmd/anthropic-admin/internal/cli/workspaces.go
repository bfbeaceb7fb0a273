package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// workspaceColumns are the columns of a workspace listing.
func (a *app) workspaceColumns() []output.Column[admin.Workspace] {
	return []output.Column[admin.Workspace]{
		{Header: "id", Fit: output.FitID, Text: func(w admin.Workspace) string { return w.ID }},
		{Header: "name", Fit: output.FitName, Text: func(w admin.Workspace) string { return w.Name }},
		{Header: "created", Field: "created_at", Fit: output.FitKeep, Text: func(w admin.Workspace) string { return a.when(w.CreatedAt) }, Value: func(w admin.Workspace) string { return rfc3339(w.CreatedAt) }},
		{Header: "archived", Field: "archived_at", Fit: output.FitKeep, Text: func(w admin.Workspace) string { return a.whenPtr(w.ArchivedAt, "-") }, Value: func(w admin.Workspace) string { return rfc3339Ptr(w.ArchivedAt) }},
		{Header: "default geo", Field: "default_inference_geo", Fit: output.FitKeep, Text: func(w admin.Workspace) string { return orDash(string(w.DataResidency.DefaultInferenceGeo)) }, Value: func(w admin.Workspace) string { return string(w.DataResidency.DefaultInferenceGeo) }},
		{Header: "allowed geos", Field: "allowed_inference_geos", Fit: output.FitKeep, Text: func(w admin.Workspace) string { return geosText(w.DataResidency.AllowedInferenceGeos) }, Value: func(w admin.Workspace) string {
			if w.DataResidency.AllowedInferenceGeos.IsZero() {
				return ""
			}
			return geosText(w.DataResidency.AllowedInferenceGeos)
		}},
		{Header: "tags", Text: func(w admin.Workspace) string { return orDash(tagsText(w.Tags)) }, Value: func(w admin.Workspace) string { return tagsText(w.Tags) }},
	}
}

// workspaceDetail are the rows of one workspace shown on its own.
func (a *app) workspaceDetail() []output.Column[admin.Workspace] {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	cols := a.workspaceColumns()
	return []output.Column[admin.Workspace]{
		cols[0], cols[1],
		{Header: "color", Field: "display_color", Text: func(w admin.Workspace) string { return orDash(w.DisplayColor) }, Value: func(w admin.Workspace) string { return w.DisplayColor }},
		cols[2], cols[3],
		{Header: "data geo", Field: "workspace_geo", Text: func(w admin.Workspace) string { return orDash(string(w.DataResidency.WorkspaceGeo)) }, Value: func(w admin.Workspace) string { return string(w.DataResidency.WorkspaceGeo) }},
		cols[5], cols[4], cols[6],
		{Header: "encryption key", Field: "external_key_id", Text: func(w admin.Workspace) string {
			if w.ExternalKeyID == nil {
				return "Anthropic-managed"
			}
			return *w.ExternalKeyID
		}, Value: func(w admin.Workspace) string { return str(w.ExternalKeyID) }},
		{Header: "user profile", Field: "user_profile_id", Text: func(w admin.Workspace) string { return orDash(str(w.UserProfileID)) }, Value: func(w admin.Workspace) string { return str(w.UserProfileID) }},
	}
}

func workspaceRaw(w admin.Workspace) json.RawMessage { return w.RawJSON() }

// geosText shows the allowed inference geographies: "unrestricted" or a
// list. A shape this version does not know is shown as the JSON it was.
func geosText(g admin.InferenceGeos) string {
	switch {
	case g.IsZero():
		return "-"
	case g.Unrestricted:
		return "unrestricted"
	case g.Geos != nil:
		s := make([]string, len(g.Geos))
		for i, geo := range g.Geos {
			s[i] = string(geo)
		}
		return strings.Join(s, ", ")
	}
	b, err := json.Marshal(g)
	if err != nil {
		return "?"
	}
	return string(b)
}

// tagsText shows tags as "k=v, k=v", sorted by key; "" when there are none.
func tagsText(tags map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		parts = append(parts, k+"="+tags[k])
	}
	return strings.Join(parts, ", ")
}

func (a *app) workspacesCommand() *cobra.Command {
	ws := &cobra.Command{Use: "workspaces", Aliases: []string{"workspace", "ws"}, Short: "Workspaces of the organization and their members"}

	var includeArchived, includeDefault bool
	list := &cobra.Command{
		Use:     "list",
		Short:   "List workspaces",
		Example: "  anthropic-admin workspaces list\n  anthropic-admin workspaces list --include-archived --include-default -o csv",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			params := admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: pageSize(a.flags.maxItems)}, IncludeArchived: includeArchived, IncludeDefault: includeDefault}
			items, err := collect(a, cmd.Context(), c.Workspaces.List(params), "workspaces")
			if err != nil {
				return err
			}
			cols := a.workspaceColumns()
			if format, _ := a.format(cmd); format == output.Table && !includeArchived {
				// Every row would say "-": the room is worth more.
				cols = slices.DeleteFunc(cols, func(c output.Column[admin.Workspace]) bool { return c.Header == "archived" })
			}
			return printList(a, cmd, items, workspaceRaw, cols)
		},
	}
	list.Flags().BoolVar(&includeArchived, "include-archived", false, "also list archived workspaces")
	list.Flags().BoolVar(&includeDefault, "include-default", false, "also list the organization's default workspace")

	get := &cobra.Command{
		Use:     "get WORKSPACE",
		Short:   "Show a workspace (by ID or name)",
		Example: "  anthropic-admin workspaces get Production\n  anthropic-admin workspaces get wrkspc_01l5puun9eTsaswHmYDKayqh -o json",
		Args:    exactArgs("WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, id, err := a.workspaceArg(cmd, args[0])
			if err != nil {
				return err
			}
			w, err := c.Workspaces.Get(cmd.Context(), id)
			if err != nil {
				return err
			}
			return printOne(a, cmd, *w, workspaceRaw, a.workspaceDetail())
		},
	}

	var cf workspaceFlags
	create := &cobra.Command{
		Use:   "create --name NAME",
		Short: "Create a workspace",
		Example: "  anthropic-admin workspaces create --name Billing --color D97757 --tag team=finance\n" +
			"  anthropic-admin workspaces create --name 'EU pilot' --allowed-geos us --default-geo us",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(cf.name) == "" {
				return usageErr(cmd, "--name is required")
			}
			s, err := cf.parse(cmd)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			params := admin.WorkspaceCreateParams{Name: cf.name, DisplayColor: s.color, Tags: s.tags,
				DataResidency: admin.DataResidencyParams{AllowedInferenceGeos: s.allowed, DefaultInferenceGeo: s.defaultGeo}}
			w, err := c.Workspaces.Create(cmd.Context(), params)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *w, workspaceRaw, a.workspaceDetail())
		},
	}
	cf.register(create)

	var uf workspaceFlags
	var clearTags bool
	var untag []string
	update := &cobra.Command{
		Use:   "update WORKSPACE [flags]",
		Short: "Rename a workspace or change its color, tags or inference geographies",
		Long: `update changes only what its flags name. --tag adds or changes a tag and keeps
the others; --remove-tag removes one; --clear-tags removes every tag first, so
--clear-tags with --tag replaces them all. The storage geography of a
workspace cannot change.`,
		Example: "  anthropic-admin workspaces update Staging --name Preprod --tag env=preprod\n" +
			"  anthropic-admin workspaces update Staging --remove-tag env\n" +
			"  anthropic-admin workspaces update Research --allowed-geos us,global --default-geo us",
		Args: exactArgs("WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			changed := false
			for _, f := range []string{"name", "color", "tag", "remove-tag", "clear-tags", "allowed-geos", "default-geo"} {
				changed = changed || cmd.Flags().Changed(f)
			}
			if !changed {
				return usageErr(cmd, "nothing to change: give --name, --color, --tag, --remove-tag, --clear-tags, --allowed-geos or --default-geo")
			}
			if cmd.Flags().Changed("name") && strings.TrimSpace(uf.name) == "" {
				return usageErr(cmd, "--name is empty")
			}
			s, err := uf.parse(cmd)
			if err != nil {
				return err
			}
			for _, k := range untag {
				if _, both := s.tags[strings.TrimSpace(k)]; both || strings.TrimSpace(k) == "" {
					return usageErr(cmd, "--remove-tag %q: give a tag's key, and not one that --tag sets", k)
				}
			}
			c, id, err := a.workspaceArg(cmd, args[0])
			if err != nil {
				return err
			}
			var params admin.WorkspaceUpdateParams
			if uf.name != "" {
				params.Name = admin.Set(uf.name)
			}
			if s.color != "" {
				params.DisplayColor = admin.Set(s.color)
			}
			if !s.allowed.IsZero() {
				params.DataResidency.AllowedInferenceGeos = admin.Set(s.allowed)
			}
			if s.defaultGeo != "" {
				params.DataResidency.DefaultInferenceGeo = admin.Set(s.defaultGeo)
			}
			var cur *admin.Workspace
			if clearTags || len(s.tags) > 0 || len(untag) > 0 {
				if cur, err = c.Workspaces.Get(cmd.Context(), id); err != nil {
					return err
				}
				params.Tags = tagChanges(cur.Tags, s.tags, untag, clearTags)
			}
			if cur != nil && len(params.Tags) == 0 && !cmd.Flags().Changed("name") && s.color == "" && s.allowed.IsZero() && s.defaultGeo == "" {
				// Only tags were named, and the workspace already has them.
				if a.flags.dryRun {
					return nil
				}
				return printOne(a, cmd, *cur, workspaceRaw, a.workspaceDetail())
			}
			w, err := c.Workspaces.Update(cmd.Context(), id, params)
			if err != nil || a.flags.dryRun {
				return err
			}
			return printOne(a, cmd, *w, workspaceRaw, a.workspaceDetail())
		},
	}
	uf.register(update)
	update.Flags().BoolVar(&clearTags, "clear-tags", false, "remove every tag (before applying any --tag)")
	update.Flags().StringArrayVar(&untag, "remove-tag", nil, "remove the tag with this KEY (repeatable)")

	archive := &cobra.Command{
		Use:   "archive WORKSPACE...",
		Short: "Archive workspaces (their API keys are archived too)",
		Long: `archive archives workspaces by ID or name. Archiving also archives every API
key of the workspace, and the API offers no way to undo it: it asks first,
and without a terminal it needs --yes.`,
		Example: "  anthropic-admin workspaces archive Staging\n  anthropic-admin workspaces archive \"Support Assistant\" --dry-run",
		Args:    someArgs("WORKSPACE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, ids, err := a.workspaceIDs(cmd, args)
			if err != nil {
				return err
			}
			targets := make([]target, len(ids))
			total, over := 0, false
			for i, id := range ids {
				n, more, err := liveKeys(cmd.Context(), c, id)
				if err != nil {
					return err
				}
				targets[i] = target{id: id, label: args[i]}
				if n > 0 || more {
					targets[i].label += " with " + countOf(n, more, "API key")
				}
				total += n
				over = over || more
			}
			question := "archive " + plural(len(args), "workspace", strings.Join(args, ", "))
			if total > 0 {
				whose := " and its "
				if len(args) > 1 {
					whose = " and their "
				}
				question += whose + countOf(total, over, "API key")
			}
			ch := change{noun: "workspace", verb: "archive", done: "archived", ask: true, question: question}
			return a.applyAll(cmd, ch, targets, func(ctx context.Context, id string) error {
				_, err := c.Workspaces.Archive(ctx, id)
				return err
			})
		},
	}

	ws.AddCommand(lists(list), get, create, update, archive, a.workspaceMembersCommand())
	return ws
}

// liveKeys counts a workspace's API keys that archiving it would archive,
// from one page of its keys; more tells that there were more than one page.
func liveKeys(ctx context.Context, c *admin.Client, workspaceID string) (n int, more bool, err error) {
	page, err := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 1000}, WorkspaceID: workspaceID}).Page(ctx)
	if err != nil {
		return 0, false, err
	}
	for _, k := range page.Data {
		if k.Status != admin.APIKeyStatusArchived {
			n++
		}
	}
	return n, page.HasMore, nil
}

// countOf says "1 API key", "3 API keys" or, when the count stopped short,
// "1000+ API keys".
func countOf(n int, more bool, noun string) string {
	plus := ""
	if more {
		plus = "+"
	}
	if n == 1 && !more {
		return "1 " + noun
	}
	return fmt.Sprintf("%d%s %ss", n, plus, noun)
}

// workspaceFlags are the settings create and update share.
type workspaceFlags struct {
	name, color, allowedGeos, defaultGeo string
	tags                                 []string
}

func (f *workspaceFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&f.name, "name", "", "workspace name")
	fs.StringVar(&f.color, "color", "", "display color as hex, #RRGGBB (the # may be left out)")
	fs.StringArrayVar(&f.tags, "tag", nil, "tag as KEY=VALUE (repeatable)")
	fs.StringVar(&f.allowedGeos, "allowed-geos", "", "inference geographies allowed: unrestricted, or a list of "+inferenceGeos.known()+" like us,global")
	fs.StringVar(&f.defaultGeo, "default-geo", "", "inference geography for requests that name none: "+inferenceGeos.known())
}

// workspaceSettings are the flags' values, checked; what a flag left unset
// is empty.
type workspaceSettings struct {
	color      string
	tags       map[string]string
	allowed    admin.InferenceGeos
	defaultGeo admin.InferenceGeo
}

// parse checks the flags and turns them into request values.
func (f *workspaceFlags) parse(cmd *cobra.Command) (s workspaceSettings, err error) {
	if s.color, err = hexColor(cmd, f.color); err != nil {
		return
	}
	if s.tags, err = parseTags(cmd, f.tags); err != nil {
		return
	}
	if cmd.Flags().Changed("allowed-geos") {
		if s.allowed, err = parseGeos(cmd, f.allowedGeos); err != nil {
			return
		}
	}
	if cmd.Flags().Changed("default-geo") {
		if strings.TrimSpace(f.defaultGeo) == "" {
			err = usageErr(cmd, "--default-geo is empty")
			return
		}
		var geo string
		if geo, err = inferenceGeos.parse(cmd, "default-geo", f.defaultGeo); err != nil {
			return
		}
		s.defaultGeo = admin.InferenceGeo(geo)
	}
	return
}

// tagChanges is the tag update that takes a workspace from the tags it has
// to the ones asked for: every tag it should end with, set, and every other
// tag it has or was asked to lose, cleared. Naming every tag gives the same
// result whether the API replaces a workspace's tags with those sent or
// merges them in (the docs say neither: docs-notes §10 item 20). Tags that
// would not change are left out, so nil means nothing to do.
func tagChanges(have, set map[string]string, remove []string, clearAll bool) map[string]admin.Optional[string] {
	want := map[string]string{}
	if !clearAll {
		maps.Copy(want, have)
	}
	for _, k := range remove {
		delete(want, strings.TrimSpace(k))
	}
	maps.Copy(want, set)
	if maps.Equal(want, have) {
		return nil
	}
	out := map[string]admin.Optional[string]{}
	for k, v := range want {
		out[k] = admin.Set(v)
	}
	for k := range have {
		if _, kept := want[k]; !kept {
			out[k] = admin.Clear[string]()
		}
	}
	return out
}

// hexColor accepts #RRGGBB, or RRGGBB since an unquoted # starts a shell
// comment.
func hexColor(cmd *cobra.Command, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	hex := strings.TrimPrefix(s, "#")
	ok := len(hex) == 6
	for _, r := range hex {
		ok = ok && strings.ContainsRune("0123456789abcdefABCDEF", r)
	}
	if !ok {
		return "", usageErr(cmd, "--color %q is not a hex color like #D97757", s)
	}
	return "#" + strings.ToUpper(hex), nil
}

func parseTags(cmd *cobra.Command, flags []string) (map[string]string, error) {
	if len(flags) == 0 {
		return nil, nil
	}
	tags := map[string]string{}
	for _, t := range flags {
		k, v, ok := strings.Cut(t, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, usageErr(cmd, "--tag %q is not KEY=VALUE", t)
		}
		if _, dup := tags[k]; dup {
			return nil, usageErr(cmd, "--tag %s is given twice", k)
		}
		tags[k] = v
	}
	return tags, nil
}

func parseGeos(cmd *cobra.Command, s string) (admin.InferenceGeos, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "unrestricted" {
		return admin.InferenceGeos{Unrestricted: true}, nil
	}
	var g admin.InferenceGeos
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" || part == "unrestricted" {
			return g, usageErr(cmd, "--allowed-geos %q: give unrestricted or a list like us,global, not both", s)
		}
		geo, err := inferenceGeos.parse(cmd, "allowed-geos", part)
		if err != nil {
			return g, err
		}
		g.Geos = append(g.Geos, admin.InferenceGeo(geo))
	}
	return g, nil
}

// workspaceArg resolves one workspace given by ID or by exact name.
func (a *app) workspaceArg(cmd *cobra.Command, arg string) (*admin.Client, string, error) {
	c, ids, err := a.workspaceIDs(cmd, []string{arg})
	if err != nil {
		return nil, "", err
	}
	return c, ids[0], nil
}

// workspaceIDs resolves workspaces given by ID (wrkspc_…) or by exact name.
// Names cost one list call in all, archived and default workspaces
// included; when several workspaces share a name, the active one wins.
func (a *app) workspaceIDs(cmd *cobra.Command, args []string) (*admin.Client, []string, error) {
	c, err := a.clientFor(cmd.Context())
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(args))
	var all []admin.Workspace
	for i, arg := range args {
		if strings.HasPrefix(arg, "wrkspc_") {
			ids[i] = arg
			continue
		}
		if all == nil {
			all, err = c.Workspaces.List(admin.WorkspaceListParams{Cursor: admin.Cursor{Limit: 1000}, IncludeArchived: true, IncludeDefault: true}).Collect(cmd.Context())
			if err != nil {
				return nil, nil, err
			}
			a.rememberWorkspaceNames(all)
		}
		if ids[i], err = workspaceNamed(cmd, all, arg); err != nil {
			return nil, nil, err
		}
	}
	return c, ids, nil
}

// rememberWorkspaceNames fills the name cache from a full listing, so that
// showing names later costs no second call.
func (a *app) rememberWorkspaceNames(all []admin.Workspace) {
	if a.names == nil || a.names.workspaces != nil {
		return
	}
	a.names.workspaces = make(map[string]string, len(all))
	for _, w := range all {
		a.names.workspaces[w.ID] = w.Name
	}
}

// workspaceNamed picks the workspace called name: an exact match, else one
// that differs only in letter case.
func workspaceNamed(cmd *cobra.Command, all []admin.Workspace, name string) (string, error) {
	var matches, active []admin.Workspace
	for _, same := range []func(string, string) bool{func(a, b string) bool { return a == b }, strings.EqualFold} {
		for _, w := range all {
			if same(w.Name, name) {
				matches = append(matches, w)
				if !w.Archived() {
					active = append(active, w)
				}
			}
		}
		if len(matches) > 0 {
			break
		}
	}
	if len(active) == 1 {
		return active[0].ID, nil
	}
	switch len(matches) {
	case 0:
		return "", &exitError{code: ExitNotFound, err: fmt.Errorf("no workspace is named %q ('workspaces list --include-archived --include-default' shows them all)", name)}
	case 1:
		return matches[0].ID, nil
	}
	ids := make([]string, len(matches))
	for i, w := range matches {
		ids[i] = w.ID
	}
	return "", usageErr(cmd, "%d workspaces are named %q: give one of their IDs (%s)", len(matches), name, strings.Join(ids, ", "))
}
