package admintest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Claude Tag: Bundles and where they are attached, and the Slack
// workspaces and channels Claude is set up in. Each channel and workspace
// stores only the settings given to it; what applies in a channel is found
// level by level (the built-in default, the organization's Slack defaults,
// the workspace, the channel), as include_inherited shows.

type ctKind struct {
	Type string `json:"type"`
}

type ctSettings struct {
	Enabled       bool    `json:"enabled"`
	EnvironmentID string  `json:"environment_id"`
	GuestPolicy   ctKind  `json:"guest_policy"`
	Instructions  string  `json:"instructions"`
	Model         string  `json:"model"`
	ReplyMode     *ctKind `json:"reply_mode"`
}

type slackIDs struct {
	ChannelID   string `json:"channel_id"`
	WorkspaceID string `json:"workspace_id"`
}

type ctSource struct {
	Type             string    `json:"type"`
	SlackChannelID   string    `json:"slack_channel_id,omitempty"`
	SlackWorkspaceID string    `json:"slack_workspace_id,omitempty"`
	Slack            *slackIDs `json:"slack,omitempty"`
}

type ctSources struct {
	Enabled       ctSource   `json:"enabled"`
	EnvironmentID ctSource   `json:"environment_id"`
	GuestPolicy   ctSource   `json:"guest_policy"`
	Instructions  []ctSource `json:"instructions"`
	Model         ctSource   `json:"model"`
	ReplyMode     ctSource   `json:"reply_mode"`
}

// ctStored is what one settings level stores: nil for what it leaves to
// the levels above.
type ctStored struct {
	Enabled       *bool
	EnvironmentID *string
	Instructions  *string
	Model         *string
	GuestPolicy   *string
	ReplyMode     *string
}

type bundle struct {
	ID           string `json:"id"`
	CreatedAt    stamp  `json:"created_at"`
	Description  string `json:"description"`
	DisplayName  string `json:"display_name"`
	Instructions string `json:"instructions"`
	Type         string `json:"type"`
	UpdatedAt    stamp  `json:"updated_at"`

	onCall bool // its instructions are managed in claude.ai
}

type bundleTarget struct {
	ID               string `json:"id"`
	CreatedAt        stamp  `json:"created_at"`
	SlackChannelID   string `json:"slack_channel_id,omitempty"`
	SlackWorkspaceID string `json:"slack_workspace_id,omitempty"`
	Type             string `json:"type"`

	bundleID string
}

type slackWorkspace struct {
	id, slackID          string
	createdAt, updatedAt time.Time
	stored               ctStored
}

type slackChannel struct {
	id                   string
	slack                slackIDs
	createdAt, updatedAt time.Time
	stored               ctStored
}

// claudeTagState is the organization's Claude Tag setup. Its IDs come from
// their own sequence.
type claudeTagState struct {
	ids          ids
	bundles      []*bundle       // oldest first
	targets      []*bundleTarget // oldest first
	workspaces   []*slackWorkspace
	channels     []*slackChannel
	defaults     ctStored // the organization's Slack defaults
	environments []string // the environments and runner pools settings may name
}

func (st *state) claudeTagData() *claudeTagState {
	if st.claudeTag == nil {
		st.claudeTag = &claudeTagState{ids: ids{seed: st.ids.seed + "/claude_tag"}}
	}
	return st.claudeTag
}

var (
	guestPolicies = []string{"allow", "restrict", "channel_only"}
	replyModes    = []string{"automatic", "mention_only", "always_awake", "thread"}
	// builtIn is what applies where no level sets a value.
	builtIn = ctStored{Enabled: boolPtr(false), EnvironmentID: strPtr(""), Instructions: strPtr(""), Model: strPtr("claude-sonnet-4-5"),
		GuestPolicy: strPtr("restrict")}
)

func boolPtr(b bool) *bool { return &b }

// ctLevel is one settings level and where it comes from.
type ctLevel struct {
	source ctSource
	stored ctStored
}

// resolve finds the settings that apply over levels, broadest first, and
// the level each comes from.
func resolve(levels []ctLevel) (any, any) {
	all := append([]ctLevel{{source: ctSource{Type: "default"}, stored: builtIn}}, levels...)
	var s ctSettings
	var src ctSources
	src.Instructions = []ctSource{}
	var texts []string
	for _, l := range all {
		st := l.stored
		if st.Enabled != nil {
			s.Enabled, src.Enabled = *st.Enabled, l.source
		}
		if st.EnvironmentID != nil {
			s.EnvironmentID, src.EnvironmentID = *st.EnvironmentID, l.source
		}
		if st.Model != nil {
			s.Model, src.Model = *st.Model, l.source
		}
		if st.GuestPolicy != nil {
			s.GuestPolicy, src.GuestPolicy = ctKind{*st.GuestPolicy}, l.source
		}
		if st.ReplyMode != nil {
			s.ReplyMode, src.ReplyMode = &ctKind{*st.ReplyMode}, l.source
		} else if src.ReplyMode.Type == "" {
			src.ReplyMode = l.source
		}
		if st.Instructions != nil && *st.Instructions != "" {
			texts = append(texts, *st.Instructions)
			src.Instructions = append(src.Instructions, l.source)
		}
	}
	s.Instructions = strings.Join(texts, "\n\n")
	return s, src
}

type slackWorkspaceView struct {
	ID        string `json:"id"`
	CreatedAt stamp  `json:"created_at"`
	Settings  any    `json:"settings"`
	Slack     struct {
		WorkspaceID string `json:"workspace_id"`
	} `json:"slack"`
	Sources   any    `json:"sources"`
	Type      string `json:"type"`
	UpdatedAt stamp  `json:"updated_at"`
}

type slackChannelView struct {
	ID        string   `json:"id"`
	CreatedAt stamp    `json:"created_at"`
	Settings  any      `json:"settings"`
	Slack     slackIDs `json:"slack"`
	Sources   any      `json:"sources"`
	Type      string   `json:"type"`
	UpdatedAt stamp    `json:"updated_at"`
}

func (ct *claudeTagState) workspaceLevels(w *slackWorkspace, inherited bool) []ctLevel {
	own := ctLevel{source: ctSource{Type: "slack_workspace", SlackWorkspaceID: w.id}, stored: w.stored}
	if !inherited {
		return []ctLevel{own}
	}
	return []ctLevel{{source: ctSource{Type: "slack_default"}, stored: ct.defaults}, own}
}

func (ct *claudeTagState) workspaceView(w *slackWorkspace, inherited bool) slackWorkspaceView {
	v := slackWorkspaceView{ID: w.id, CreatedAt: stamp(w.createdAt), Type: "slack_workspace", UpdatedAt: stamp(w.updatedAt)}
	v.Slack.WorkspaceID = w.slackID
	v.Settings, v.Sources = resolve(ct.workspaceLevels(w, inherited))
	return v
}

func (ct *claudeTagState) channelView(ch *slackChannel, inherited bool) slackChannelView {
	levels := []ctLevel{{source: ctSource{Type: "slack_channel", SlackChannelID: ch.id}, stored: ch.stored}}
	if inherited {
		w := find(ct.workspaces, func(w *slackWorkspace) bool { return w.slackID == ch.slack.WorkspaceID })
		levels = append(ct.workspaceLevels(w, true), levels...)
	}
	v := slackChannelView{ID: ch.id, CreatedAt: stamp(ch.createdAt), Slack: ch.slack, Type: "slack_channel", UpdatedAt: stamp(ch.updatedAt)}
	v.Settings, v.Sources = resolve(levels)
	return v
}

func (c *call) inherited() (bool, *apiError) {
	switch v := c.q.Get("include_inherited"); v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, errInvalid("include_inherited: %q is not a boolean", v)
	}
}

func listBundles(c *call) (any, *apiError) {
	return pagedNewestFirst(c, c.st.claudeTagData().bundles, 100)
}

func (c *call) bundleFromPath() (*bundle, *apiError) {
	id := c.path("bundle_id")
	if b := find(c.st.claudeTagData().bundles, func(b *bundle) bool { return b.ID == id }); b != nil {
		return b, nil
	}
	return nil, errNotFound("bundle %s not found", id)
}

func getBundle(c *call) (any, *apiError) { return c.bundleFromPath() }

func updateBundle(c *call) (any, *apiError) {
	b, err := c.bundleFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Instructions *string `json:"instructions"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Instructions == nil {
		return b, nil
	}
	if b.onCall {
		return nil, &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "bundle_on_call",
			msg: "this Bundle's instructions are managed in claude.ai and can't be changed through the API"}
	}
	if len(*body.Instructions) > 10000 {
		return nil, errInvalid("instructions: at most 10000 bytes")
	}
	b.Instructions, b.UpdatedAt = *body.Instructions, stamp(c.now)
	return b, nil
}

func listBundleTargets(c *call) (any, *apiError) {
	b, err := c.bundleFromPath()
	if err != nil {
		return nil, err
	}
	var out []*bundleTarget
	for _, t := range c.st.claudeTagData().targets {
		if t.bundleID == b.ID {
			out = append(out, t)
		}
	}
	return pagedNewestFirst(c, out, 100)
}

func createBundleTarget(c *call) (any, *apiError) {
	b, err := c.bundleFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Type             *string `json:"type"`
		SlackChannelID   string  `json:"slack_channel_id"`
		SlackWorkspaceID string  `json:"slack_workspace_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if err := requiredEnum("type", body.Type, []string{"slack_channel", "slack_workspace"}); err != nil {
		return nil, err
	}
	ct := c.st.claudeTagData()
	t := &bundleTarget{CreatedAt: stamp(c.now), Type: *body.Type, bundleID: b.ID}
	switch {
	case *body.Type == "slack_channel" && find(ct.channels, func(ch *slackChannel) bool { return ch.id == body.SlackChannelID }) != nil:
		t.SlackChannelID = body.SlackChannelID
	case *body.Type == "slack_workspace" && find(ct.workspaces, func(w *slackWorkspace) bool { return w.id == body.SlackWorkspaceID }) != nil:
		t.SlackWorkspaceID = body.SlackWorkspaceID
	default:
		return nil, errNotFound("no set-up %s %s", *body.Type, body.SlackChannelID+body.SlackWorkspaceID)
	}
	t.ID = bundleTargetID(b.ID, t.SlackChannelID+t.SlackWorkspaceID)
	if old := find(ct.targets, func(x *bundleTarget) bool { return x.ID == t.ID }); old != nil {
		return old, nil
	}
	ct.targets = append(ct.targets, t)
	return t, nil
}

// bundleTargetID is the ID of a Bundle attached to a target: the same
// Bundle and target always give the same one, also after a detach.
func bundleTargetID(bundleID, target string) string {
	g := ids{seed: bundleID + "/" + target}
	return g.next("btgt_")
}

func (c *call) targetOfBundle() (*bundleTarget, *apiError) {
	b, err := c.bundleFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("target_id")
	if t := find(c.st.claudeTagData().targets, func(t *bundleTarget) bool { return t.ID == id && t.bundleID == b.ID }); t != nil {
		return t, nil
	}
	return nil, errNotFound("bundle target %s of bundle %s not found", id, b.ID)
}

func getBundleTarget(c *call) (any, *apiError) { return c.targetOfBundle() }

func deleteBundleTarget(c *call) (any, *apiError) {
	t, err := c.targetOfBundle()
	if err != nil {
		return nil, err
	}
	ct := c.st.claudeTagData()
	ct.targets = slices.DeleteFunc(ct.targets, func(x *bundleTarget) bool { return x == t })
	return map[string]any{"id": t.ID, "type": "bundle_target_deleted"}, nil
}

// ctSettingsBody is the settings of a create or an update.
type ctSettingsBody struct {
	Enabled       *bool           `json:"enabled"`
	EnvironmentID *string         `json:"environment_id"`
	Instructions  *string         `json:"instructions"`
	Model         *string         `json:"model"`
	GuestPolicy   *ctKind         `json:"guest_policy"`
	ReplyMode     json.RawMessage `json:"reply_mode"`
}

// apply checks the settings and stores them over st. envErr is the error
// for an environment the organization does not have.
func (ct *claudeTagState) apply(st *ctStored, b *ctSettingsBody, envErr func() *apiError) *apiError {
	next := *st
	if b.Enabled != nil {
		next.Enabled = b.Enabled
	}
	if b.Model != nil {
		if strings.TrimSpace(*b.Model) == "" {
			return errInvalid("settings.model: must not be empty")
		}
		next.Model = b.Model
	}
	if b.Instructions != nil {
		text := strings.TrimSpace(*b.Instructions)
		if utf8.RuneCountInString(text) > 8192 {
			return errInvalid("settings.instructions: at most 8192 characters")
		}
		next.Instructions = &text
	}
	if b.GuestPolicy != nil {
		if err := requiredEnum("settings.guest_policy.type", &b.GuestPolicy.Type, guestPolicies); err != nil {
			return err
		}
		next.GuestPolicy = &b.GuestPolicy.Type
	}
	switch string(b.ReplyMode) {
	case "":
	case "null":
		next.ReplyMode = nil
	default:
		var k ctKind
		if err := json.Unmarshal(b.ReplyMode, &k); err != nil {
			return errInvalid("settings.reply_mode: expected an object or null")
		}
		if err := requiredEnum("settings.reply_mode.type", &k.Type, replyModes); err != nil {
			return err
		}
		next.ReplyMode = &k.Type
	}
	if b.EnvironmentID != nil {
		if !slices.Contains(ct.environments, *b.EnvironmentID) {
			return envErr()
		}
		next.EnvironmentID = b.EnvironmentID
	}
	*st = next
	return nil
}

func environmentNotFound(code string) func() *apiError {
	return func() *apiError {
		return &apiError{status: http.StatusNotFound, typ: "not_found_error", code: code,
			msg: "settings.environment_id names no environment or runner pool of the organization"}
	}
}

func listSlackChannels(c *call) (any, *apiError) {
	inherited, err := c.inherited()
	if err != nil {
		return nil, err
	}
	ws := c.q.Get("slack_workspace_id")
	if ws == "" {
		return nil, errInvalid("slack_workspace_id: Field required")
	}
	one := c.q.Get("slack_channel_id")
	ct := c.st.claudeTagData()
	var out []slackChannelView
	for _, ch := range ct.channels {
		if ch.slack.WorkspaceID == ws && (one == "" || ch.slack.ChannelID == one) {
			out = append(out, ct.channelView(ch, inherited))
		}
	}
	return pagedNewestFirst(c, out, 100, "slack_workspace_id", "slack_channel_id", "include_inherited")
}

func createSlackChannel(c *call) (any, *apiError) {
	var body struct {
		Slack    *slackIDs       `json:"slack"`
		Settings *ctSettingsBody `json:"settings"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Slack == nil || body.Slack.ChannelID == "" || body.Slack.WorkspaceID == "" {
		return nil, errInvalid("slack: channel_id and workspace_id are required")
	}
	ct := c.st.claudeTagData()
	if find(ct.workspaces, func(w *slackWorkspace) bool { return w.slackID == body.Slack.WorkspaceID }) == nil {
		return nil, errNotFound("the organization has no set-up Slack workspace %s", body.Slack.WorkspaceID)
	}
	if find(ct.channels, func(ch *slackChannel) bool { return ch.slack == *body.Slack }) != nil {
		return nil, &apiError{status: http.StatusConflict, typ: "conflict_error", msg: "Slack channel " + body.Slack.ChannelID + " is already set up"}
	}
	ch := &slackChannel{id: ct.ids.next("slch_"), slack: *body.Slack, createdAt: c.now, updatedAt: c.now}
	ct.channels = append(ct.channels, ch)
	if body.Settings != nil {
		// The channel is set up before its settings are stored: a refusal
		// says so with its own codes.
		if err := ct.apply(&ch.stored, body.Settings, environmentNotFound("slack_channel_set_up_environment_not_found")); err != nil {
			if err.code == "" {
				err.code = "slack_channel_set_up_settings_refused"
			}
			return nil, err
		}
	}
	return ct.channelView(ch, false), nil
}

func (c *call) slackChannelFromPath() (*slackChannel, *apiError) {
	id := c.path("id")
	if ch := find(c.st.claudeTagData().channels, func(ch *slackChannel) bool { return ch.id == id }); ch != nil {
		return ch, nil
	}
	return nil, errNotFound("slack channel %s not found", id)
}

func getSlackChannel(c *call) (any, *apiError) {
	inherited, err := c.inherited()
	if err != nil {
		return nil, err
	}
	ch, err := c.slackChannelFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.claudeTagData().channelView(ch, inherited), nil
}

// settingsUpdate reads the body of a settings change and applies it to st.
func (c *call) settingsUpdate(st *ctStored) *apiError {
	var body struct {
		Settings *ctSettingsBody `json:"settings"`
	}
	if err := c.decode(&body); err != nil {
		return err
	}
	if body.Settings == nil {
		return errInvalid("settings: Field required")
	}
	return c.st.claudeTagData().apply(st, body.Settings, environmentNotFound("environment_not_found"))
}

func updateSlackChannel(c *call) (any, *apiError) {
	ch, err := c.slackChannelFromPath()
	if err != nil {
		return nil, err
	}
	if err := c.settingsUpdate(&ch.stored); err != nil {
		return nil, err
	}
	ch.updatedAt = c.now
	return c.st.claudeTagData().channelView(ch, false), nil
}

func deleteSlackChannel(c *call) (any, *apiError) {
	ch, err := c.slackChannelFromPath()
	if err != nil {
		return nil, err
	}
	ct := c.st.claudeTagData()
	ct.channels = slices.DeleteFunc(ct.channels, func(x *slackChannel) bool { return x == ch })
	ct.targets = slices.DeleteFunc(ct.targets, func(t *bundleTarget) bool { return t.SlackChannelID == ch.id })
	return map[string]any{"id": ch.id, "type": "slack_channel_deleted"}, nil
}

func listSlackWorkspaces(c *call) (any, *apiError) {
	inherited, err := c.inherited()
	if err != nil {
		return nil, err
	}
	one := c.q.Get("slack_workspace_id")
	ct := c.st.claudeTagData()
	var out []slackWorkspaceView
	for _, w := range ct.workspaces {
		if one == "" || w.slackID == one {
			out = append(out, ct.workspaceView(w, inherited))
		}
	}
	return pagedNewestFirst(c, out, 100, "slack_workspace_id", "include_inherited")
}

func (c *call) slackWorkspaceFromPath() (*slackWorkspace, *apiError) {
	id := c.path("id")
	if w := find(c.st.claudeTagData().workspaces, func(w *slackWorkspace) bool { return w.id == id }); w != nil {
		return w, nil
	}
	return nil, errNotFound("slack workspace %s not found", id)
}

func getSlackWorkspace(c *call) (any, *apiError) {
	inherited, err := c.inherited()
	if err != nil {
		return nil, err
	}
	w, err := c.slackWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	return c.st.claudeTagData().workspaceView(w, inherited), nil
}

func updateSlackWorkspace(c *call) (any, *apiError) {
	w, err := c.slackWorkspaceFromPath()
	if err != nil {
		return nil, err
	}
	if err := c.settingsUpdate(&w.stored); err != nil {
		return nil, err
	}
	w.updatedAt = c.now
	return c.st.claudeTagData().workspaceView(w, false), nil
}
