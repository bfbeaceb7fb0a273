package admintest

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Seed is the data a fake starts with: an organization with a fixed
// history. Its timestamps count back from SeedEpoch, not from when the fake
// starts, so a fake started at any time after it shows the same past: the
// same IDs, members, keys and report figures for every bucket that has
// ended. The fake's clock only says how much of that history has happened
// (a key whose expiry has passed is expired; today's bucket holds usage so
// far). A fake whose clock is before SeedEpoch dates the seed back from the
// start of its own UTC day instead.
type Seed struct {
	name  string
	build func(b *builder)
}

// Empty is an organization with only its admin and its default workspace.
func Empty() Seed { return Seed{name: "empty", build: func(*builder) {}} }

// builder adds seed data to a state. now is what the data's "days ago"
// count back from: seedTime while loading a seed, the clock afterwards.
type builder struct {
	st  *state
	now time.Time
}

// SeedEpoch is the instant a seed's history counts back from: the demo
// organization as it stood at 15:30 UTC on 20 November 2026, the moment the
// examples in this project's documentation and tests are taken at.
func SeedEpoch() time.Time { return seedEpoch }

var seedEpoch = time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)

// seedTime is the instant a seed is dated from at the clock's now: the
// epoch, fixed so that the past never depends on when a fake started, or
// for a clock before it, the start of the clock's day.
func seedTime(now time.Time) time.Time {
	now = now.UTC()
	if now.Before(seedEpoch) {
		return now.Truncate(24 * time.Hour)
	}
	return seedEpoch
}

// load builds the state for a seed.
func (f *Fake) load(s Seed) *state {
	st := &state{members: map[string][]*member{}, overrides: map[string]map[string]map[string]int64{}, ids: ids{seed: s.name},
		wif: ids{seed: s.name + "/wif"}}
	st.settings = newManagedSettings()
	b := &builder{st: st, now: seedTime(f.now())}
	st.org = org{ID: uuidFrom(s.name), Type: "organization", Name: "Test Organization"}
	def := b.workspace("Default", "#6C5BB9", 400)
	def.isDefault = true
	b.user("admin@example.com", "Test Admin", "admin", 400)
	st.rateLimits = defaultRateLimits(&st.ids)
	st.access = newAccess(s.name)
	b.seedRoles()
	s.build(b)
	st.reports = newReportData(s.name, st, b.now)
	return st
}

// uuidFrom makes a stable UUID-shaped organization ID from a name.
func uuidFrom(name string) string {
	g := ids{seed: name}
	h := strings.ToLower(strings.NewReplacer("0", "a").Replace(g.next("")))
	hex := func(s string) string {
		var out []byte
		for i := 0; len(out) < len(s); i++ {
			out = append(out, "0123456789abcdef"[int(s[i%len(s)])%16])
		}
		return string(out)
	}
	x := hex(h + h)
	return fmt.Sprintf("%s-%s-4%s-8%s-%s", x[0:8], x[8:12], x[13:16], x[17:20], x[20:32])
}

func (b *builder) ago(days int) time.Time { return b.now.Add(-time.Duration(days) * 24 * time.Hour) }

func (b *builder) user(email, name, role string, daysAgo int) *user {
	u := &user{ID: b.st.ids.next("user_"), Type: "user", Email: email, Name: name, Role: role, AddedAt: stamp(b.ago(daysAgo))}
	// Keep the list sorted oldest first, so that adding the newest member,
	// the common case, is an append.
	i := len(b.st.users)
	for i > 0 && time.Time(b.st.users[i-1].AddedAt).After(time.Time(u.AddedAt)) {
		i--
	}
	b.st.users = slices.Insert(b.st.users, i, u)
	return u
}

func (b *builder) workspace(name, color string, daysAgo int) *workspace {
	w := &workspace{ID: b.st.ids.next("wrkspc_"), Type: "workspace", Name: name, DisplayColor: color,
		CreatedAt: stamp(b.ago(daysAgo)), CompartmentID: b.st.ids.next("cmpt_"), Tags: map[string]string{},
		DataResidency: dataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: "unrestricted", DefaultInferenceGeo: "global"}}
	b.st.workspaces = append(b.st.workspaces, w)
	return w
}

// member makes u a member of w with role. A user is a member of a workspace
// at most once, so naming a member again only changes their role.
func (b *builder) member(w *workspace, u *user, role string) {
	if m := find(b.st.members[w.ID], func(m *member) bool { return m.UserID == u.ID }); m != nil {
		m.WorkspaceRole = role
		return
	}
	b.st.members[w.ID] = append(b.st.members[w.ID], &member{Type: "workspace_member", UserID: u.ID, WorkspaceID: w.ID, WorkspaceRole: role})
}

func (b *builder) key(name string, w *workspace, creator *user, status string, daysAgo int) *apiKey {
	k := &apiKey{ID: b.st.ids.next("apikey_"), Type: "api_key", Name: name, Status: status, CreatedAt: stamp(b.ago(daysAgo)),
		Scope: keyScope{Type: "workspace", WorkspaceID: w.ID}}
	k.PartialKeyHint = "sk-ant-api03-" + k.ID[len(k.ID)-4:] + "..." + strings.ToUpper(k.ID[7:11])
	if creator != nil {
		k.CreatedBy = &actorRef{ID: creator.ID, Type: "user"}
		k.Principal = &principal{Type: "user_actor", UserID: creator.ID}
	}
	b.st.keys = append([]*apiKey{k}, b.st.keys...) // newest first
	return k
}

func (b *builder) invite(email, role, status string, daysAgo int) *invite {
	inv := &invite{ID: b.st.ids.next("invite_"), Type: "invite", Email: email, Role: role, Status: status,
		InvitedAt: stamp(b.ago(daysAgo)), ExpiresAt: stamp(b.ago(daysAgo).Add(inviteLifetime)), RBACGroupIDs: []string{}}
	if status == "accepted" {
		inv.AcceptedAt = stampOf(b.ago(daysAgo - 1))
	}
	b.st.invites = append([]*invite{inv}, b.st.invites...)
	return inv
}

// defaultRateLimits are an organization's Messages API limits at a
// mid-level usage tier.
func defaultRateLimits(g *ids) []*rateLimit {
	group := func(typ, name string) rateLimitGroup {
		return rateLimitGroup{Type: typ, ID: g.next("rlg_"), DisplayName: name}
	}
	tokens := func(rpm, itpm, otpm int64) []limitValue {
		return []limitValue{{"requests_per_minute", rpm}, {"input_tokens_per_minute", itpm}, {"output_tokens_per_minute", otpm}}
	}
	return []*rateLimit{
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("model_group", "Claude Opus 4.x"), Limits: tokens(4000, 2000000, 400000), Models: []string{"claude-opus-4-6", "claude-opus-4-5"}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("model_group", "Claude Sonnet 4.x"), Limits: tokens(4000, 2000000, 400000), Models: []string{"claude-sonnet-4-6", "claude-sonnet-4-5"}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("model_group", "Claude Haiku 4.x"), Limits: tokens(4000, 4000000, 800000), Models: []string{"claude-haiku-4-5"}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("batch", ""), Limits: []limitValue{{"enqueued_batch_requests", 500000}}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("token_count", ""), Limits: []limitValue{{"requests_per_minute", 2000}}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("files", ""), Limits: []limitValue{{"requests_per_minute", 500}}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("skills", ""), Limits: []limitValue{{"requests_per_minute", 500}}},
		{ID: g.next("rl_"), Type: "rate_limit", Group: group("web_search", ""), Limits: []limitValue{{"requests_per_minute", 1000}}},
	}
}

// AddUser adds a member directly, as accepting an invite would, and returns
// its ID. The API has no endpoint that creates users.
func (f *Fake) AddUser(email, name, role string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return (&builder{st: f.st, now: f.now().UTC()}).user(email, name, role, 0).ID
}

// AddAPIKey adds an active API key in a workspace, created by a user, and
// returns its ID. The Admin API cannot create keys; the Console does.
func (f *Fake) AddAPIKey(name, workspaceID, createdByUserID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := &builder{st: f.st, now: f.now().UTC()}
	w := f.st.workspace(workspaceID)
	if w == nil {
		panic("admintest: AddAPIKey: no workspace " + workspaceID)
	}
	return b.key(name, w, f.st.user(createdByUserID), "active", 0).ID
}

// AddServiceAccount adds a developer service account, made by the first
// member, and returns its ID: quicker than the create endpoint for tests
// that need thousands.
func (f *Fake) AddServiceAccount(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := &serviceAccount{ID: f.st.wif.next("svac_"), Type: "service_account", Name: name, OrganizationRole: "developer",
		audit: newAudit(f.now().UTC(), f.st.users[0].ID)}
	f.st.serviceAccounts = append(f.st.serviceAccounts, a)
	return a.ID
}

// DefaultWorkspaceID returns the ID of the organization's default workspace.
func (f *Fake) DefaultWorkspaceID() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st.workspaces[0].ID
}

// Large is a big organization for scale tests: 1,000 members, 100
// workspaces (the default among them; five archived), 500 API keys,
// every member in two workspaces, a few workspace rate limits, spend
// limits and 50 pending invites. It has no usage history.
func Large() Seed { return Seed{name: "large", build: buildLarge} }

func buildLarge(b *builder) {
	roles := []string{"developer", "developer", "user", "claude_code_user", "billing"}
	users := []*user{b.st.users[0]}
	for i := 1; i < 1000; i++ {
		users = append(users, b.user(fmt.Sprintf("member%04d@large.example", i), fmt.Sprintf("Member %04d", i), roles[i%len(roles)], 1+i%390))
	}
	workspaces := []*workspace{b.st.workspaces[0]}
	for i := 1; i < 100; i++ {
		w := b.workspace(fmt.Sprintf("team-%02d", i), "#4A9B7F", 1+i*3)
		w.Tags = map[string]string{"team": fmt.Sprintf("t%02d", i)}
		if i%20 == 0 {
			w.ArchivedAt = stampOf(b.ago(i / 10))
		}
		workspaces = append(workspaces, w)
	}
	wsRoles := []string{"workspace_developer", "workspace_user", "workspace_restricted_developer", "workspace_admin"}
	for i, u := range users[1:] {
		b.member(workspaces[1+i%99], u, wsRoles[i%len(wsRoles)])
		b.member(workspaces[1+(i*7+3)%99], u, "workspace_user")
	}
	statuses := []string{"active", "active", "active", "inactive", "archived"}
	for i := range 500 {
		w := workspaces[i%100]
		status := statuses[i%len(statuses)]
		if w.ArchivedAt != nil {
			status = "archived"
		}
		b.key(fmt.Sprintf("key-%03d", i), w, users[1+i%999], status, 1+i%300)
	}
	for i := range 50 {
		b.invite(fmt.Sprintf("candidate%02d@large.example", i), roles[i%4], "pending", i%5)
	}
	for i := 1; i < 100; i += 10 {
		b.st.overrides[workspaces[i].ID] = map[string]map[string]int64{b.st.rateLimits[i%3].ID: {"requests_per_minute": int64(10 * i)}}
	}
	amount := func(s string) *string { return &s }
	b.st.upsertSpendLimit(slScope{Type: "organization"}, "monthly", amount("50000000"), b.ago(30))
	b.st.upsertSpendLimit(slScope{Type: "workspace", WorkspaceID: workspaces[1].ID}, "monthly", amount("1000000"), b.ago(20))
	b.st.upsertSpendLimit(slScope{Type: "user", UserID: users[10].ID}, "weekly", amount("25050"), b.ago(10))
}
