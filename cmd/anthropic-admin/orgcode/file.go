// Package orgcode keeps an Anthropic organization as code: a YAML file that
// is the desired state of its members, invites, workspaces (with their
// members and rate limits), API keys, spend limits, RBAC groups, service
// accounts and federation rules (where the organization and credential
// give them: see State.LeftOut); Export writes the
// organization as it is into such a file, Plan compares a file with the
// live organization and lists the changes, and Apply makes exactly those
// changes, in a safe order, as many at once as asked.
//
// The file is read with github.com/goccy/go-yaml: strict (unknown keys are
// refused with a suggestion, duplicate keys too), and every refusal names
// the file, line and column it comes from.
//
// Each part of the file is a section (section.go): it reads its part of the
// organization, exports it and plans it. A new part of the Admin API is one
// more section beside the others.
package orgcode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/anthropic-admin-go/admin"
	"github.com/goccy/go-yaml"
)

// Version is the file format's version, the file's version field.
const Version = 1

// File is the desired state of an organization. A section left out says
// nothing: the plan leaves that part of the organization alone.
type File struct {
	// Version is the file format's version: 1.
	Version int `yaml:"version" json:"version"`
	// Organization is the organization's name. A file for another
	// organization is refused.
	Organization string `yaml:"organization,omitempty" json:"organization,omitempty"`

	Members     *MembersSection     `yaml:"members,omitempty" json:"members,omitempty"`
	Workspaces  *WorkspacesSection  `yaml:"workspaces,omitempty" json:"workspaces,omitempty"`
	APIKeys     *APIKeysSection     `yaml:"api_keys,omitempty" json:"api_keys,omitempty"`
	SpendLimits *SpendLimitsSection `yaml:"spend_limits,omitempty" json:"spend_limits,omitempty"`
	RBACGroups  *RBACGroupsSection  `yaml:"rbac_groups,omitempty" json:"rbac_groups,omitempty"`

	ServiceAccounts *ServiceAccountsSection `yaml:"service_accounts,omitempty" json:"service_accounts,omitempty"`
	FederationRules *FederationRulesSection `yaml:"federation_rules,omitempty" json:"federation_rules,omitempty"`
	Invites         *InvitesSection         `yaml:"invites,omitempty" json:"invites,omitempty"`
}

// Sections names the sections the file has, in its order, as a person
// reads them.
func (f *File) Sections() []string {
	var out []string
	for _, s := range []struct {
		has  bool
		name string
	}{
		{f.Members != nil, "members"}, {f.Workspaces != nil, "workspaces"}, {f.APIKeys != nil, "API keys"},
		{f.SpendLimits != nil, "spend limits"}, {f.RBACGroups != nil, "RBAC groups"},
		{f.ServiceAccounts != nil, "service accounts"},
		{f.FederationRules != nil, "federation rules"}, {f.Invites != nil, "invites"},
	} {
		if s.has {
			out = append(out, s.name)
		}
	}
	return out
}

// MembersSection is the organization's members and their roles. Members
// join through invites; the API cannot add one directly.
type MembersSection struct {
	// Prune removes the members the file does not list (never an admin).
	Prune bool     `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []Member `yaml:"items" json:"items"`
}

// Member is one member of the organization.
type Member struct {
	Email string `yaml:"email" json:"email"`
	// Name is shown for the reader; the API cannot change it.
	Name string        `yaml:"name,omitempty" json:"name,omitempty"`
	Role admin.OrgRole `yaml:"role" json:"role"`
}

// InvitesSection is the pending invites.
type InvitesSection struct {
	// Prune deletes the pending invites the file does not list.
	Prune bool     `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []Invite `yaml:"items" json:"items"`
}

// Invite is one pending invite. An invite cannot be changed: a new role
// deletes it and invites again.
type Invite struct {
	Email string        `yaml:"email" json:"email"`
	Role  admin.OrgRole `yaml:"role" json:"role"`
}

// WorkspacesSection is the workspaces, each with its members and rate
// limits.
type WorkspacesSection struct {
	// Prune archives the workspaces the file does not list (irreversible:
	// apply asks for --allow-archive), removes the members a listed
	// workspace does not list, and clears the rate limits it does not list.
	Prune bool        `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []Workspace `yaml:"items" json:"items"`
}

// Workspace is one workspace. Fields left out are left as they are.
type Workspace struct {
	Name string `yaml:"name" json:"name"`
	// ID tells two workspaces of the same name apart; export writes it only
	// then. With an ID, a new name renames the workspace.
	ID string `yaml:"id,omitempty" json:"id,omitempty"`
	// Default marks the organization's default workspace, which cannot be
	// archived or renamed.
	Default bool `yaml:"default,omitempty" json:"default,omitempty"`
	// Archived archives the workspace (irreversible). An archived
	// workspace cannot be changed or brought back.
	Archived     bool              `yaml:"archived,omitempty" json:"archived,omitempty"`
	DisplayColor string            `yaml:"display_color,omitempty" json:"display_color,omitempty"`
	Tags         map[string]string `yaml:"tags,omitempty" json:"tags,omitempty"`
	// DataResidency: workspace_geo is fixed when the workspace is created.
	DataResidency *DataResidency    `yaml:"data_residency,omitempty" json:"data_residency,omitempty"`
	Members       []WorkspaceMember `yaml:"members,omitempty" json:"members,omitempty"`
	// RateLimits are the workspace's own limits, by group (a model group's
	// name such as "Claude Sonnet 4.x", or batch, token_count, files,
	// skills, web_search) and limiter (requests_per_minute, …). A value
	// may not exceed the organization's.
	RateLimits map[string]map[admin.RateLimiterType]int64 `yaml:"rate_limits,omitempty" json:"rate_limits,omitempty"`
}

// DataResidency is where a workspace keeps data and may run inference.
type DataResidency struct {
	WorkspaceGeo admin.WorkspaceGeo `yaml:"workspace_geo,omitempty" json:"workspace_geo,omitempty"`
	// AllowedInferenceGeos is "unrestricted" or a list of geos.
	AllowedInferenceGeos *Geos              `yaml:"allowed_inference_geos,omitempty" json:"allowed_inference_geos,omitempty"`
	DefaultInferenceGeo  admin.InferenceGeo `yaml:"default_inference_geo,omitempty" json:"default_inference_geo,omitempty"`
}

// Geos is the word unrestricted, or a list of geos.
type Geos struct {
	Unrestricted bool
	List         []admin.InferenceGeo
}

func (g Geos) String() string {
	if g.Unrestricted {
		return "unrestricted"
	}
	s := make([]string, len(g.List))
	for i, x := range g.List {
		s[i] = string(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// MarshalYAML writes unrestricted or the list.
func (g Geos) MarshalYAML() (any, error) {
	if g.Unrestricted {
		return "unrestricted", nil
	}
	return g.List, nil
}

// UnmarshalYAML reads unrestricted or a list.
func (g *Geos) UnmarshalYAML(decode func(any) error) error {
	var v any
	if err := decode(&v); err != nil {
		return err
	}
	return g.set(v)
}

func (g *Geos) set(v any) error {
	const want = "allowed_inference_geos: give unrestricted or a list of geos"
	switch t := v.(type) {
	case string:
		if t != "unrestricted" {
			return fmt.Errorf("%s, not %q", want, t)
		}
		*g = Geos{Unrestricted: true}
		return nil
	case []any:
		list := []admin.InferenceGeo{}
		for _, x := range t {
			s, ok := x.(string)
			if !ok {
				return errors.New(want)
			}
			list = append(list, admin.InferenceGeo(s))
		}
		*g = Geos{List: list}
		return nil
	}
	return errors.New(want)
}

// MarshalJSON and UnmarshalJSON keep the same shape in JSON.
func (g Geos) MarshalJSON() ([]byte, error) {
	v, _ := g.MarshalYAML()
	return json.Marshal(v)
}

func (g *Geos) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	return g.set(v)
}

func (g Geos) wire() admin.InferenceGeos {
	if g.Unrestricted {
		return admin.InferenceGeos{Unrestricted: true}
	}
	return admin.InferenceGeos{Geos: append([]admin.InferenceGeo{}, g.List...)}
}

func geosOf(g admin.InferenceGeos) Geos {
	if g.Unrestricted {
		return Geos{Unrestricted: true}
	}
	return Geos{List: append([]admin.InferenceGeo{}, g.Geos...)}
}

// WorkspaceMember is one member of a workspace, by email.
type WorkspaceMember struct {
	Email string              `yaml:"email" json:"email"`
	Role  admin.WorkspaceRole `yaml:"role" json:"role"`
}

// APIKeysSection is the API keys: their names and statuses. The API
// cannot create keys (the Console does), so the file lists existing ones.
type APIKeysSection struct {
	// Prune archives the keys the file does not list (irreversible).
	Prune bool     `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []APIKey `yaml:"items" json:"items"`
}

// APIKey is one API key, found by its workspace and name (by ID when two
// keys of a workspace share a name; with an ID, a new name renames it).
type APIKey struct {
	Name      string             `yaml:"name" json:"name"`
	ID        string             `yaml:"id,omitempty" json:"id,omitempty"`
	Workspace string             `yaml:"workspace,omitempty" json:"workspace,omitempty"`
	Status    admin.APIKeyStatus `yaml:"status" json:"status"`
}

// RBACGroupsSection is the RBAC groups (Claude Enterprise) and their
// members.
type RBACGroupsSection struct {
	// Prune deletes the groups the file does not list, and takes out of a
	// listed group the members it does not list.
	Prune bool        `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []RBACGroup `yaml:"items" json:"items"`
}

// RBACGroup is one group, by name (names are unique in any letter case).
type RBACGroup struct {
	Name string `yaml:"name" json:"name"`
	// ID finds the group whatever its name: with it, a new name renames
	// the group. Export leaves it out.
	ID string `yaml:"id,omitempty" json:"id,omitempty"`
	// Roles are the roles attached to the group, by name. They are read
	// only: the API cannot attach or detach roles, so a file that changes
	// them is refused. Left out, they are not checked.
	Roles []string `yaml:"roles,omitempty" json:"roles,omitempty"`
	// Members are the group's members by email. Left out, they are left
	// as they are.
	Members []string `yaml:"members,omitempty" json:"members,omitempty"`
}

// ServiceAccountsSection is the service accounts (an OAuth token with
// org:admin reads and changes them; an admin key cannot).
type ServiceAccountsSection struct {
	// Prune archives the accounts the file does not list (final: apply
	// asks for --allow-archive), and takes a listed account out of the
	// workspaces it does not list.
	Prune bool             `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []ServiceAccount `yaml:"items" json:"items"`
}

// ServiceAccount is one service account, by name (a slug, unique in the
// organization).
type ServiceAccount struct {
	Name string `yaml:"name" json:"name"`
	// ID tells which account is meant; export leaves it out. The API
	// cannot rename an account.
	ID          string `yaml:"id,omitempty" json:"id,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Role is the organization role, admin or developer; left out, it is
	// left as it is (a new account gets the API's default).
	Role admin.ServiceAccountRole `yaml:"role,omitempty" json:"role,omitempty"`
	// Workspaces are the account's workspace roles by workspace name. Left
	// out, they are left as they are; an account in none is implicitly a
	// workspace_user of the default workspace.
	Workspaces map[string]admin.WorkspaceRole `yaml:"workspaces,omitempty" json:"workspaces,omitempty"`
}

// FederationRulesSection is the workload identity federation rules (an
// OAuth token with org:admin reads and changes them). Issuers are not made
// here: a rule names an existing one.
type FederationRulesSection struct {
	// Prune archives the rules the file does not list (final: apply asks
	// for --allow-archive), and stops a listed rule applying in the
	// workspaces it does not list.
	Prune bool             `yaml:"prune,omitempty" json:"prune,omitempty"`
	Items []FederationRule `yaml:"items" json:"items"`
}

// FederationRule is one rule, by name (a slug, unique in the
// organization).
type FederationRule struct {
	Name string `yaml:"name" json:"name"`
	// ID finds the rule whatever its name: with it, a new name renames the
	// rule. Export leaves it out.
	ID          string `yaml:"id,omitempty" json:"id,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Issuer is the issuer's name; it cannot change once the rule exists.
	Issuer string `yaml:"issuer" json:"issuer"`
	// ServiceAccount is the name of the service account its tokens act as.
	ServiceAccount string          `yaml:"service_account" json:"service_account"`
	Match          FederationMatch `yaml:"match" json:"match"`
	// OAuthScope is the scopes of the tokens it mints, space-separated.
	OAuthScope string `yaml:"oauth_scope" json:"oauth_scope"`
	// TokenLifetime is the most a minted token lives, in seconds (60 to
	// 86400); left out, it is left as it is (3600 for a new rule).
	TokenLifetime int64 `yaml:"token_lifetime,omitempty" json:"token_lifetime,omitempty"`
	// AllWorkspaces enables the rule in every workspace, later ones too.
	AllWorkspaces bool `yaml:"all_workspaces,omitempty" json:"all_workspaces,omitempty"`
	// Workspaces are the workspaces it is enabled in, by name. Left out,
	// they are left as they are.
	Workspaces []string `yaml:"workspaces,omitempty" json:"workspaces,omitempty"`
}

// FederationMatch is what a token must satisfy for the rule to apply:
// every field given. A rule needs a subject prefix, claims or a condition.
type FederationMatch struct {
	SubjectPrefix string            `yaml:"subject_prefix,omitempty" json:"subject_prefix,omitempty"`
	Claims        map[string]string `yaml:"claims,omitempty" json:"claims,omitempty"`
	// Condition is a CEL expression over the token's claims.
	Condition string `yaml:"condition,omitempty" json:"condition,omitempty"`
	// Audience is the aud the token must carry; left out, Anthropic's
	// expected audience for the issuer.
	Audience string `yaml:"audience,omitempty" json:"audience,omitempty"`
}

// SpendLimitsSection is the spend limits in US dollars, by period (daily,
// weekly, monthly): the organization's, each workspace's and each
// member's.
type SpendLimitsSection struct {
	// Prune deletes the limits the file does not list.
	Prune        bool                                      `yaml:"prune,omitempty" json:"prune,omitempty"`
	Organization map[admin.SpendLimitPeriod]USD            `yaml:"organization,omitempty" json:"organization,omitempty"`
	Workspaces   map[string]map[admin.SpendLimitPeriod]USD `yaml:"workspaces,omitempty" json:"workspaces,omitempty"`
	Members      map[string]map[admin.SpendLimitPeriod]USD `yaml:"members,omitempty" json:"members,omitempty"`
}

// USD is an amount of US dollars with at most two decimals, such as
// "1500" or "1500.50", quoted or not.
type USD string

var usdText = regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`)

// UnmarshalYAML takes a number or a string.
func (u *USD) UnmarshalYAML(decode func(any) error) error {
	var v any
	if err := decode(&v); err != nil {
		return err
	}
	s := fmt.Sprint(v)
	if f, ok := v.(float64); ok {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	*u = USD(s) // checked with the rest of the file (Source.check), where its line is known
	return nil
}

func (u USD) check() error {
	if !usdText.MatchString(string(u)) {
		return fmt.Errorf("%q is not an amount of dollars such as 1500 or 1500.50", string(u))
	}
	return nil
}

// cents is the amount in cents, as the API takes it.
func (u USD) cents() string {
	whole, frac, _ := strings.Cut(string(u), ".")
	frac = (frac + "00")[:2]
	s := strings.TrimLeft(whole+frac, "0")
	if s == "" {
		return "0"
	}
	return s
}

// usdOf writes cents as dollars: 150050 → 1500.50, 150000 → 1500.
func usdOf(a admin.Amount) USD {
	s := a.String()
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = s[:i] // fractions of a cent are not a limit the API sets
	}
	s = strings.TrimLeft(s, "0")
	for len(s) < 3 {
		s = "0" + s
	}
	whole, frac := s[:len(s)-2], s[len(s)-2:]
	if frac == "00" {
		return USD(whole)
	}
	return USD(whole + "." + frac)
}

// Marshal writes f as YAML, the way export prints it.
func Marshal(f *File) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf, yaml.Indent(2), yaml.IndentSequence(true))
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
