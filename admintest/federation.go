package admintest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Federation issuers, rules and the workspaces each rule is enabled in.
// OAuth only, like service accounts; the actor is the organization's first
// admin.

type pollStatus struct {
	ConsecutiveFailures int    `json:"consecutive_failures"`
	LastFetchedAt       *stamp `json:"last_fetched_at"`
	NextPollAt          *stamp `json:"next_poll_at"`
}

type issuer struct {
	ID                    string         `json:"id"`
	Type                  string         `json:"type"`
	Name                  string         `json:"name"`
	IssuerURL             string         `json:"issuer_url"`
	JWKS                  map[string]any `json:"jwks"` // the variant's fields only
	CheckJTI              bool           `json:"check_jti"`
	MaxJWTLifetimeSeconds int64          `json:"max_jwt_lifetime_seconds"`
	JWKSPollingDisabledAt *stamp         `json:"jwks_polling_disabled_at"`
	PollStatus            *pollStatus    `json:"poll_status"`
	audit
}

// refresh sets what polling shows at now: keys fetched every hour since the
// issuer was made, none for inline keys or while polling is paused.
func (is *issuer) refresh(now time.Time) {
	if is.JWKS["type"] == "inline" {
		is.PollStatus = nil
		return
	}
	created := time.Time(is.CreatedAt)
	last := created.Add(now.Sub(created).Truncate(time.Hour))
	ps := &pollStatus{LastFetchedAt: stampOf(last), NextPollAt: stampOf(last.Add(time.Hour))}
	if is.JWKSPollingDisabledAt != nil {
		ps.ConsecutiveFailures, ps.NextPollAt = 12, nil
	}
	is.PollStatus = ps
}

type ruleMatch struct {
	Audience      *string           `json:"audience"`
	Claims        map[string]string `json:"claims"`
	Condition     *string           `json:"condition"`
	SubjectPrefix *string           `json:"subject_prefix"`
}

type ruleTarget struct {
	Type               string  `json:"type"`
	ServiceAccountID   string  `json:"service_account_id"`
	ServiceAccountName *string `json:"service_account_name"`
}

type rule struct {
	ID                     string     `json:"id"`
	Type                   string     `json:"type"`
	Name                   string     `json:"name"`
	Description            string     `json:"description"`
	IssuerID               string     `json:"issuer_id"`
	IssuerName             string     `json:"issuer_name"`
	Match                  ruleMatch  `json:"match"`
	Target                 ruleTarget `json:"target"`
	OAuthScope             string     `json:"oauth_scope"`
	TokenLifetimeSeconds   int64      `json:"token_lifetime_seconds"`
	AppliesToAllWorkspaces bool       `json:"applies_to_all_workspaces"`
	WorkspaceIDs           []string   `json:"workspace_ids"`
	audit
}

type ruleWorkspace struct {
	Type             string  `json:"type"`
	FederationRuleID string  `json:"federation_rule_id"`
	WorkspaceID      string  `json:"workspace_id"`
	WorkspaceName    *string `json:"workspace_name"`
	CreatedAt        stamp   `json:"created_at"`
	CreatedByActorID string  `json:"created_by_actor_id"`
}

// Limits of the federation settings, in seconds.
const (
	maxJWTLifetime   = 176400
	minTokenLifetime = 60
	maxTokenLifetime = 86400
)

// oauthGrantable are the scopes an OAuth caller may give a rule; others
// need a Console session.
var oauthGrantable = []string{"workspace:developer", "workspace:inference"}

// refresh fills in what a rule shows at read time: its issuer's and
// target's names and its workspaces.
func (st *state) refreshRule(r *rule) *rule {
	if is := st.issuer(r.IssuerID); is != nil {
		r.IssuerName = is.Name
	}
	r.Target.ServiceAccountName = nil
	if a := st.serviceAccount(r.Target.ServiceAccountID); a != nil {
		name := a.Name
		r.Target.ServiceAccountName = &name
	}
	r.WorkspaceIDs = []string{}
	for _, rw := range st.ruleWorkspaces {
		if rw.FederationRuleID == r.ID {
			r.WorkspaceIDs = append(r.WorkspaceIDs, rw.WorkspaceID)
		}
	}
	return r
}

func (st *state) issuer(id string) *issuer {
	return find(st.issuers, func(is *issuer) bool { return is.ID == id })
}

func (c *call) issuerByID(id string) (*issuer, *apiError) {
	if is := c.st.issuer(id); is != nil {
		is.refresh(c.now)
		return is, nil
	}
	return nil, errNotFound("federation issuer %q not found", id)
}

// archivedErr refuses a change to an archived object.
func archivedErr(what, id string, archivedAt *stamp) *apiError {
	if archivedAt != nil {
		return errInvalid("%s %s is archived and cannot be changed", what, id)
	}
	return nil
}

func listIssuers(c *call) (any, *apiError) {
	includeArchived, err := boolParam(c, "include_archived")
	if err != nil {
		return nil, err
	}
	var out []*issuer
	for _, is := range c.st.issuers {
		if is.ArchivedAt == nil || includeArchived {
			is.refresh(c.now)
			out = append(out, is)
		}
	}
	return boundedPage(c, out, wifPageMax, "include_archived")
}

type jwksBody struct {
	Type          sent[string]            `json:"type"`
	DiscoveryBase sent[string]            `json:"discovery_base"`
	CACertPEM     sent[string]            `json:"ca_cert_pem"`
	URL           sent[string]            `json:"url"`
	Keys          sent[[]json.RawMessage] `json:"keys"`
}

// jwksOf checks a jwks body and gives the stored form: the variant's
// fields, each present.
func jwksOf(b jwksBody) (map[string]any, *apiError) {
	extra := func(field string, s interface{ isGiven() bool }) *apiError {
		if s.isGiven() {
			return errInvalid("jwks.%s: Extra inputs are not permitted for jwks of type %s", field, b.Type.v)
		}
		return nil
	}
	opt := func(s sent[string]) any {
		if s.value() {
			return s.v
		}
		return nil
	}
	switch b.Type.v {
	case "discovery":
		for _, err := range []*apiError{extra("url", b.URL), extra("keys", b.Keys)} {
			if err != nil {
				return nil, err
			}
		}
		return map[string]any{"type": "discovery", "discovery_base": opt(b.DiscoveryBase), "ca_cert_pem": opt(b.CACertPEM)}, nil
	case "explicit_url":
		if err := cmpErr(extra("discovery_base", b.DiscoveryBase), extra("keys", b.Keys), httpsURL("jwks.url", b.URL)); err != nil {
			return nil, err
		}
		return map[string]any{"type": "explicit_url", "url": b.URL.v, "ca_cert_pem": opt(b.CACertPEM)}, nil
	case "inline":
		if err := cmpErr(extra("discovery_base", b.DiscoveryBase), extra("url", b.URL), extra("ca_cert_pem", b.CACertPEM)); err != nil {
			return nil, err
		}
		if !b.Keys.value() || len(b.Keys.v) == 0 {
			return nil, errInvalid("jwks.keys: at least one key is required")
		}
		return map[string]any{"type": "inline", "keys": b.Keys.v}, nil
	}
	return nil, errInvalid("jwks.type: must be one of discovery, explicit_url, inline")
}

// httpsURL refuses a URL that is not https, as the API words it.
func httpsURL(field string, s sent[string]) *apiError {
	if !s.value() || s.v == "" {
		return errInvalid("%s: Field required", field)
	}
	u, err := url.Parse(s.v)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return errInvalid("%s: url must use https scheme", field)
	}
	return nil
}

func inRange(field string, s sent[int64], lo, hi int64) *apiError {
	if s.given && (s.null || s.v < lo || s.v > hi) {
		return errInvalid("%s: must be between %d and %d", field, lo, hi)
	}
	return nil
}

type issuerBody struct {
	Name                  sent[string]   `json:"name"`
	IssuerURL             sent[string]   `json:"issuer_url"`
	JWKS                  sent[jwksBody] `json:"jwks"`
	CheckJTI              sent[bool]     `json:"check_jti"`
	MaxJWTLifetimeSeconds sent[int64]    `json:"max_jwt_lifetime_seconds"`
	JWKSPollingDisabled   sent[bool]     `json:"jwks_polling_disabled"`
}

func createIssuer(c *call) (any, *apiError) {
	var body issuerBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.JWKSPollingDisabled.given {
		return nil, errInvalid("jwks_polling_disabled: Extra inputs are not permitted")
	}
	if err := cmpErr(checkSlug("name", body.Name), httpsURL("issuer_url", body.IssuerURL)); err != nil {
		return nil, err
	}
	is := &issuer{ID: c.st.wif.next("fdis_"), Type: "federation_issuer", JWKS: map[string]any{"type": "discovery", "discovery_base": nil, "ca_cert_pem": nil},
		CheckJTI: true, MaxJWTLifetimeSeconds: 3600, audit: newAudit(c.now, c.actor())}
	if err := c.applyIssuer(is, &body); err != nil {
		return nil, err
	}
	c.st.issuers = append(c.st.issuers, is)
	is.refresh(c.now)
	return is, nil
}

// applyIssuer checks a create or update body against is and applies it.
func (c *call) applyIssuer(is *issuer, b *issuerBody) *apiError {
	for _, err := range []*apiError{notNull("name", b.Name), notNull("issuer_url", b.IssuerURL), notNull("jwks", b.JWKS),
		notNull("check_jti", b.CheckJTI), notNull("jwks_polling_disabled", b.JWKSPollingDisabled),
		inRange("max_jwt_lifetime_seconds", b.MaxJWTLifetimeSeconds, 1, maxJWTLifetime)} {
		if err != nil {
			return err
		}
	}
	if b.Name.given {
		if err := cmpErr(checkSlug("name", b.Name), nameTaken(c.st.issuers, func(x *issuer) (string, string) { return x.Name, x.ID }, is.ID, b.Name.v, "federation issuer")); err != nil {
			return err
		}
		is.Name = b.Name.v
	}
	if b.IssuerURL.given {
		if err := httpsURL("issuer_url", b.IssuerURL); err != nil {
			return err
		}
		is.IssuerURL = b.IssuerURL.v
	}
	if b.JWKS.given {
		j, err := jwksOf(b.JWKS.v)
		if err != nil {
			return err
		}
		is.JWKS = j
	}
	if b.JWKSPollingDisabled.given {
		if b.JWKSPollingDisabled.v {
			return errInvalid("jwks_polling_disabled: only false is accepted")
		}
		is.JWKSPollingDisabledAt = nil
	}
	if b.CheckJTI.given {
		is.CheckJTI = b.CheckJTI.v
	}
	if b.MaxJWTLifetimeSeconds.given {
		is.MaxJWTLifetimeSeconds = b.MaxJWTLifetimeSeconds.v
	}
	is.touch(c.now, c.actor())
	return nil
}

func getIssuer(c *call) (any, *apiError) { return c.issuerByID(c.path("federation_issuer_id")) }

func updateIssuer(c *call) (any, *apiError) {
	is, err := c.issuerByID(c.path("federation_issuer_id"))
	if err != nil {
		return nil, err
	}
	if err := archivedErr("federation issuer", is.ID, is.ArchivedAt); err != nil {
		return nil, err
	}
	var body issuerBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	updated := *is
	if err := c.applyIssuer(&updated, &body); err != nil {
		return nil, err
	}
	*is = updated
	is.refresh(c.now)
	return is, nil
}

func archiveIssuer(c *call) (any, *apiError) {
	is, err := c.issuerByID(c.path("federation_issuer_id"))
	if err != nil {
		return nil, err
	}
	if err := archivedErr("federation issuer", is.ID, is.ArchivedAt); err != nil {
		return nil, err
	}
	is.archive(c.now, c.actor())
	return is, nil
}

func (c *call) ruleByID(id string) (*rule, *apiError) {
	if r := find(c.st.rules, func(r *rule) bool { return r.ID == id }); r != nil {
		return c.st.refreshRule(r), nil
	}
	return nil, errNotFound("federation rule %q not found", id)
}

func (c *call) activeRuleFromPath() (*rule, *apiError) {
	r, err := c.ruleByID(c.path("federation_rule_id"))
	if err == nil {
		err = archivedErr("federation rule", r.ID, r.ArchivedAt)
	}
	return r, err
}

func listRules(c *call) (any, *apiError) {
	includeArchived, err := boolParam(c, "include_archived")
	if err != nil {
		return nil, err
	}
	issuerID := c.q.Get("issuer_id")
	var out []*rule
	for _, r := range c.st.rules {
		if (r.ArchivedAt == nil || includeArchived) && (issuerID == "" || r.IssuerID == issuerID) {
			out = append(out, c.st.refreshRule(r))
		}
	}
	return boundedPage(c, out, wifPageMax, "include_archived", "issuer_id")
}

type ruleBody struct {
	Name        sent[string] `json:"name"`
	Description sent[string] `json:"description"`
	IssuerID    sent[string] `json:"issuer_id"`
	Match       sent[struct {
		Audience      *string           `json:"audience"`
		Claims        map[string]string `json:"claims"`
		Condition     *string           `json:"condition"`
		SubjectPrefix *string           `json:"subject_prefix"`
	}] `json:"match"`
	Target sent[struct {
		Type               *string `json:"type"`
		ServiceAccountID   *string `json:"service_account_id"`
		ServiceAccountName *string `json:"service_account_name"`
	}] `json:"target"`
	OAuthScope             sent[string] `json:"oauth_scope"`
	TokenLifetimeSeconds   sent[int64]  `json:"token_lifetime_seconds"`
	AppliesToAllWorkspaces sent[bool]   `json:"applies_to_all_workspaces"`
	WorkspaceID            sent[string] `json:"workspace_id"`
}

func createRule(c *call) (any, *apiError) {
	var body ruleBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name  string
		given bool
	}{{"issuer_id", body.IssuerID.value()}, {"match", body.Match.value()}, {"target", body.Target.value()}, {"oauth_scope", body.OAuthScope.value()}} {
		if !f.given {
			return nil, errInvalid("%s: Field required", f.name)
		}
	}
	if err := checkSlug("name", body.Name); err != nil {
		return nil, err
	}
	r := &rule{ID: c.st.wif.next("fdrl_"), Type: "federation_rule", TokenLifetimeSeconds: 3600, audit: newAudit(c.now, c.actor())}
	if err := c.applyRule(r, &body); err != nil {
		return nil, err
	}
	c.st.rules = append(c.st.rules, r)
	return c.st.refreshRule(r), nil
}

// applyRule checks a create or update body against r and applies it; the
// workspace it names replaces r's workspaces.
func (c *call) applyRule(r *rule, b *ruleBody) *apiError {
	for _, err := range []*apiError{notNull("name", b.Name), notNull("issuer_id", b.IssuerID), notNull("match", b.Match),
		notNull("target", b.Target), notNull("oauth_scope", b.OAuthScope), notNull("applies_to_all_workspaces", b.AppliesToAllWorkspaces),
		notNull("workspace_id", b.WorkspaceID), inRange("token_lifetime_seconds", b.TokenLifetimeSeconds, minTokenLifetime, maxTokenLifetime)} {
		if err != nil {
			return err
		}
	}
	if b.Name.given {
		if err := cmpErr(checkSlug("name", b.Name), nameTaken(c.st.rules, func(x *rule) (string, string) { return x.Name, x.ID }, r.ID, b.Name.v, "federation rule")); err != nil {
			return err
		}
		r.Name = b.Name.v
	}
	if b.IssuerID.given {
		is, err := c.issuerByID(b.IssuerID.v)
		if err != nil {
			return err
		}
		if err := archivedErr("federation issuer", is.ID, is.ArchivedAt); err != nil {
			return err
		}
		r.IssuerID = is.ID
	}
	if b.Match.given {
		m := b.Match.v
		hasSubject := m.SubjectPrefix != nil && strings.Trim(*m.SubjectPrefix, "* ") != ""
		hasCondition := m.Condition != nil && strings.TrimSpace(*m.Condition) != ""
		switch {
		case !hasSubject && len(m.Claims) == 0 && !hasCondition:
			return errInvalid("match: at least one of subject_prefix (other than a wildcard), claims or condition is required")
		case hasCondition && strings.TrimSpace(*m.Condition) == "true":
			return errInvalid("match.condition: a constant-true expression is not allowed")
		}
		r.Match = ruleMatch{Audience: m.Audience, Claims: m.Claims, Condition: m.Condition, SubjectPrefix: m.SubjectPrefix}
	}
	if b.Target.given {
		t := b.Target.v
		if t.Type != nil && *t.Type != "service_account" {
			return errInvalid("target.type: must be service_account")
		}
		if t.ServiceAccountID == nil {
			return errInvalid("target.service_account_id: Field required")
		}
		if _, err := c.activeServiceAccount(*t.ServiceAccountID); err != nil {
			return err
		}
		r.Target = ruleTarget{Type: "service_account", ServiceAccountID: *t.ServiceAccountID}
	}
	if b.OAuthScope.given {
		scopes := strings.Fields(b.OAuthScope.v)
		if len(scopes) == 0 {
			return errInvalid("oauth_scope: must not be empty")
		}
		for _, s := range scopes {
			if !slices.Contains(oauthGrantable, s) {
				return &apiError{status: http.StatusForbidden, typ: "permission_error",
					msg: "oauth_scope: an OAuth token may grant only workspace:developer or workspace:inference; " + s + " needs a Console session"}
			}
		}
		r.OAuthScope = strings.Join(scopes, " ")
	}
	if b.Description.given {
		r.Description = b.Description.v // null clears to ""
	}
	if b.TokenLifetimeSeconds.given {
		r.TokenLifetimeSeconds = b.TokenLifetimeSeconds.v
	}
	if b.AppliesToAllWorkspaces.given {
		r.AppliesToAllWorkspaces = b.AppliesToAllWorkspaces.v
	}
	if b.WorkspaceID.given {
		w, err := c.activeWorkspace(b.WorkspaceID.v)
		if err != nil {
			return err
		}
		c.st.ruleWorkspaces = slices.DeleteFunc(c.st.ruleWorkspaces, func(rw *ruleWorkspace) bool { return rw.FederationRuleID == r.ID })
		c.st.enableRule(r, w, c.now, c.actor())
	}
	r.touch(c.now, c.actor())
	return nil
}

// activeWorkspace finds a workspace named in a body, which must be active.
func (c *call) activeWorkspace(id string) (*workspace, *apiError) {
	w := c.st.workspace(id)
	if w == nil {
		return nil, errNotFound("workspace %q not found", id)
	}
	return w, archivedErr("workspace", w.ID, w.ArchivedAt)
}

func (st *state) enableRule(r *rule, w *workspace, at time.Time, by string) *ruleWorkspace {
	rw := &ruleWorkspace{Type: "federation_rule_workspace", FederationRuleID: r.ID, WorkspaceID: w.ID, CreatedAt: stamp(at), CreatedByActorID: by}
	st.ruleWorkspaces = append(st.ruleWorkspaces, rw)
	return rw
}

func getRule(c *call) (any, *apiError) { return c.ruleByID(c.path("federation_rule_id")) }

func updateRule(c *call) (any, *apiError) {
	r, err := c.activeRuleFromPath()
	if err != nil {
		return nil, err
	}
	var body ruleBody
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	updated := *r
	saved := slices.Clone(c.st.ruleWorkspaces)
	if err := c.applyRule(&updated, &body); err != nil {
		c.st.ruleWorkspaces = saved
		return nil, err
	}
	*r = updated
	return c.st.refreshRule(r), nil
}

func archiveRule(c *call) (any, *apiError) {
	r, err := c.activeRuleFromPath()
	if err != nil {
		return nil, err
	}
	r.archive(c.now, c.actor())
	return r, nil
}

// ruleWorkspaces are a rule's workspaces with their names as they are now.
func (st *state) ruleWorkspacesOf(r *rule) []*ruleWorkspace {
	var out []*ruleWorkspace
	for _, rw := range st.ruleWorkspaces {
		if rw.FederationRuleID == r.ID {
			rw.WorkspaceName = nil
			if w := st.workspace(rw.WorkspaceID); w != nil {
				name := w.Name
				rw.WorkspaceName = &name
			}
			out = append(out, rw)
		}
	}
	return out
}

// listRuleWorkspaces answers every workspace in one page: the API takes
// limit and page but ignores them.
func listRuleWorkspaces(c *call) (any, *apiError) {
	r, err := c.ruleByID(c.path("federation_rule_id"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"data": nonNil(c.st.ruleWorkspacesOf(r)), "next_page": nil}, nil
}

func addRuleWorkspace(c *call) (any, *apiError) {
	r, err := c.activeRuleFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		WorkspaceID *string `json:"workspace_id"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.WorkspaceID == nil {
		return nil, errInvalid("workspace_id: Field required")
	}
	w, err := c.activeWorkspace(*body.WorkspaceID)
	if err != nil {
		return nil, err
	}
	if slices.Contains(r.WorkspaceIDs, w.ID) {
		return nil, errInvalid("federation rule %s is already enabled in workspace %s", r.ID, w.ID)
	}
	rw := c.st.enableRule(r, w, c.now, c.actor())
	c.st.ruleWorkspacesOf(r) // names it
	return rw, nil
}

func removeRuleWorkspace(c *call) (any, *apiError) {
	r, err := c.activeRuleFromPath()
	if err != nil {
		return nil, err
	}
	id := c.path("workspace_id")
	if !slices.Contains(r.WorkspaceIDs, id) {
		return nil, errNotFound("federation rule %s is not enabled in workspace %q", r.ID, id)
	}
	c.st.ruleWorkspaces = slices.DeleteFunc(c.st.ruleWorkspaces, func(rw *ruleWorkspace) bool {
		return rw.FederationRuleID == r.ID && rw.WorkspaceID == id
	})
	return map[string]any{"type": "federation_rule_workspace_deleted", "federation_rule_id": r.ID, "workspace_id": id}, nil
}

// demoWorkloadIdentity gives the demo organization the service accounts its
// pipelines run as, the identity providers they come from and the rules
// that map one to the other, each kind with an archived one.
func (b *builder) demoWorkloadIdentity() {
	st := b.st
	admin := st.users[0].ID
	byName := func(name string) *workspace {
		return find(st.workspaces, func(w *workspace) bool { return w.Name == name })
	}
	account := func(name, description, role string, days int) *serviceAccount {
		a := &serviceAccount{ID: st.wif.next("svac_"), Type: "service_account", Name: name, Description: description, OrganizationRole: role,
			audit: newAudit(b.ago(days), admin)}
		st.serviceAccounts = append(st.serviceAccounts, a)
		return a
	}
	join := func(a *serviceAccount, w *workspace, role string) {
		st.saMembers = append(st.saMembers, &saMember{Type: "service_account_workspace_member", ServiceAccountID: a.ID, WorkspaceID: w.ID,
			WorkspaceRole: role, CreatedByActorID: admin})
	}
	deploy := account("ci-deploy", "GitHub Actions deploys to Production and Staging", "developer", 120)
	etl := account("etl-nightly", "Nightly usage export to the data warehouse", "developer", 90)
	triage := account("support-triage", "Ticket triage for the Support Assistant", "developer", 60)
	terraform := account("platform-terraform", "Terraform for workspaces and API keys", "admin", 45)
	legacy := account("legacy-batch", "Jenkins batch jobs, replaced by ci-deploy", "developer", 300)
	legacy.archive(b.ago(100), admin)
	join(deploy, byName("Production"), "workspace_developer")
	join(deploy, byName("Staging"), "workspace_developer")
	join(triage, byName("Support Assistant"), "workspace_restricted_developer")
	join(terraform, byName("Production"), "workspace_admin")
	join(legacy, byName("Hackathon 2026"), "workspace_developer")
	// etl-nightly has no workspace: it is implicitly in the default one.

	newIssuer := func(name, url string, jwks map[string]any, days int) *issuer {
		is := &issuer{ID: st.wif.next("fdis_"), Type: "federation_issuer", Name: name, IssuerURL: url, JWKS: jwks, CheckJTI: true,
			MaxJWTLifetimeSeconds: 3600, audit: newAudit(b.ago(days), admin)}
		st.issuers = append(st.issuers, is)
		return is
	}
	github := newIssuer("github-actions", "https://token.actions.githubusercontent.com",
		map[string]any{"type": "discovery", "discovery_base": nil, "ca_cert_pem": nil}, 121)
	k8s := newIssuer("acme-k8s", "https://oidc.eks.us-east-1.amazonaws.com/id/5C2B7A41E09F3D68",
		map[string]any{"type": "explicit_url", "url": "https://oidc.eks.us-east-1.amazonaws.com/id/5C2B7A41E09F3D68/keys", "ca_cert_pem": nil}, 91)
	k8s.MaxJWTLifetimeSeconds = 900
	jenkins := newIssuer("old-jenkins", "https://jenkins.acme-robotics.example/oidc",
		map[string]any{"type": "inline", "keys": []json.RawMessage{json.RawMessage(`{"kty":"EC","crv":"P-256","kid":"jenkins-2025","use":"sig","alg":"ES256",` +
			`"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`)}}, 301)
	jenkins.CheckJTI = false
	jenkins.archive(b.ago(100), admin)

	newRule := func(name, description string, is *issuer, m ruleMatch, a *serviceAccount, scope string, lifetime int64, days int, ws ...*workspace) *rule {
		r := &rule{ID: st.wif.next("fdrl_"), Type: "federation_rule", Name: name, Description: description, IssuerID: is.ID, Match: m,
			Target: ruleTarget{Type: "service_account", ServiceAccountID: a.ID}, OAuthScope: scope, TokenLifetimeSeconds: lifetime,
			audit: newAudit(b.ago(days), admin)}
		st.rules = append(st.rules, r)
		for _, w := range ws {
			st.enableRule(r, w, b.ago(days), admin)
		}
		return r
	}
	text := func(s string) *string { return &s }
	newRule("deploy-main", "Deploys from the main branch of acme-robotics/platform", github,
		ruleMatch{SubjectPrefix: text("repo:acme-robotics/platform:ref:refs/heads/main"), Claims: map[string]string{"repository_owner": "acme-robotics"}},
		deploy, "workspace:developer", 900, 119, byName("Production"), byName("Staging"))
	newRule("deploy-staging", "", github,
		ruleMatch{SubjectPrefix: text("repo:acme-robotics/platform:environment:staging")},
		deploy, "workspace:developer", 900, 80, byName("Staging"))
	etlRule := newRule("etl-cronjob", "The data team's nightly export job", k8s,
		ruleMatch{SubjectPrefix: text("system:serviceaccount:data:etl-"), Audience: text("https://api.anthropic.com")},
		etl, "workspace:inference", 3600, 89)
	etlRule.AppliesToAllWorkspaces = true
	old := newRule("jenkins-batch", "", jenkins,
		ruleMatch{Condition: text("claims.sub.startsWith('job/batch-') && claims.build_env == 'prod'")},
		legacy, "workspace:inference", 3600, 299, byName("Hackathon 2026"))
	old.archive(b.ago(100), admin)

	// The service account the demo's traffic comes from (Production's
	// federated-sync stream, traffic.go): its ID is the one that traffic
	// was made with, from the same sequence, so that usage and cost by
	// service account name a real account. Made last, it moves no other ID.
	sync := &serviceAccount{ID: (&ids{seed: st.ids.seed + "/service-accounts"}).next("svac_"), Type: "service_account",
		Name: "federated-sync", Description: "Keeps the document index in sync",
		OrganizationRole: "developer", audit: newAudit(b.ago(150), admin)}
	st.serviceAccounts = append(st.serviceAccounts, sync)
	join(sync, byName("Production"), "workspace_developer")
}
