package admintest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// stamp is a timestamp on the wire: RFC 3339 in UTC with microseconds, as
// the API writes them.
type stamp time.Time

func (s stamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Time(s).UTC().Format("2006-01-02T15:04:05.999999Z07:00"))
}

func stampOf(t time.Time) *stamp { s := stamp(t); return &s }

// The objects below are stored as they go on the wire; their field order
// and null handling follow the spec.

type org struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

type user struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Email   string `json:"email"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	AddedAt stamp  `json:"added_at"`
}

type invite struct {
	ID           string   `json:"id"`
	Type         string   `json:"type"`
	Email        string   `json:"email"`
	Role         string   `json:"role"`
	Status       string   `json:"status"`
	InvitedAt    stamp    `json:"invited_at"`
	ExpiresAt    stamp    `json:"expires_at"`
	AcceptedAt   *stamp   `json:"accepted_at"`
	RBACGroupIDs []string `json:"rbac_group_ids"`
}

type dataResidency struct {
	WorkspaceGeo         string `json:"workspace_geo"`
	AllowedInferenceGeos any    `json:"allowed_inference_geos"` // "unrestricted" or []string
	DefaultInferenceGeo  string `json:"default_inference_geo"`
}

type workspace struct {
	ID            string            `json:"id"`
	Type          string            `json:"type"`
	Name          string            `json:"name"`
	DisplayColor  string            `json:"display_color"`
	CreatedAt     stamp             `json:"created_at"`
	ArchivedAt    *stamp            `json:"archived_at"`
	CompartmentID string            `json:"compartment_id"`
	ExternalKeyID *string           `json:"external_key_id"`
	UserProfileID *string           `json:"user_profile_id"`
	DataResidency dataResidency     `json:"data_residency"`
	Tags          map[string]string `json:"tags"`

	isDefault bool
}

type member struct {
	Type          string `json:"type"`
	UserID        string `json:"user_id"`
	WorkspaceID   string `json:"workspace_id"`
	WorkspaceRole string `json:"workspace_role"`
}

type actorRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type principal struct {
	Type             string `json:"type"`
	UserID           string `json:"user_id,omitempty"`
	ServiceAccountID string `json:"service_account_id,omitempty"`
}

type keyScope struct {
	Type        string `json:"type"`
	WorkspaceID string `json:"workspace_id,omitempty"`
}

type apiKey struct {
	ID             string     `json:"id"`
	Type           string     `json:"type"`
	Name           string     `json:"name"`
	Status         string     `json:"status"`
	CreatedAt      stamp      `json:"created_at"`
	CreatedBy      *actorRef  `json:"created_by"`
	ExpiresAt      *stamp     `json:"expires_at"`
	PartialKeyHint string     `json:"partial_key_hint"`
	Principal      *principal `json:"principal"`
	Scope          keyScope   `json:"scope"`
}

type limitValue struct {
	Type  string `json:"type"`
	Value int64  `json:"value"`
}

type rateLimitGroup struct {
	Type        string `json:"type"`
	ID          string `json:"id"`
	DisplayName string `json:"display_name,omitempty"`
}

type rateLimit struct {
	ID     string         `json:"id"`
	Type   string         `json:"type"`
	Group  rateLimitGroup `json:"group"`
	Limits []limitValue   `json:"limits"`
	Models []string       `json:"models"`
}

// state is everything the fake knows. Every access holds Fake.mu.
type state struct {
	org        org
	users      []*user          // oldest first; listUsers serves them newest first, as the API does
	former     map[string]*user // removed members by ID: analytics still name them, as deleted
	invites    []*invite
	workspaces []*workspace // oldest first; the default workspace is first
	members    map[string][]*member
	keys       []*apiKey
	rateLimits []*rateLimit
	// overrides[workspaceID][rateLimitID][limiterType] = value
	overrides map[string]map[string]map[string]int64
	reports   *reportData
	ids       ids

	spendLimits      []*spendLimit      // oldest first
	increaseRequests []*increaseRequest // oldest first
	noSpendLimits    bool               // WithoutSpendLimits

	plugins    *pluginState            // plugins.go, made on first use
	claudeTag  *claudeTagState         // claude_tag.go, made on first use
	webhooks   []*webhookEndpoint      // oldest first
	deliveries []*delivery             // oldest first
	telemetry  []*telemetryDestination // oldest first
	settings   managedSettings         // Claude Code managed settings
	access     *access                 // RBAC, compliance, external keys and storage, Google data controls (rbac.go)
	// Service accounts and federation, oldest first, with IDs of their own
	// sequence so that adding them changes no other ID.
	serviceAccounts []*serviceAccount
	saMembers       []*saMember // explicit memberships only
	issuers         []*issuer
	rules           []*rule
	ruleWorkspaces  []*ruleWorkspace
	wif             ids
}

// ids makes IDs that look like the API's (prefix, then 24 base62
// characters) and are the same for the same seed and order of creation.
type ids struct {
	seed string
	n    uint64
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func (g *ids) next(prefix string) string {
	g.n++
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s/%d", g.seed, prefix, g.n)
	x := h.Sum64()
	b := []byte("01")
	for len(b) < 24 {
		b = append(b, base62[x%62])
		x = x/62 ^ (x * 0x9E3779B97F4A7C15)
	}
	return prefix + string(b)
}

// idPage answers an ID-cursor list from items in list order.
func idPage[T any](items []T, idOf func(T) string, q url.Values) (map[string]any, *apiError) {
	limit, err := limitParam(q, 20, 1000)
	if err != nil {
		return nil, err
	}
	after, before := q.Get("after_id"), q.Get("before_id")
	if after != "" && before != "" {
		return nil, errInvalid("after_id, before_id: only one of after_id and before_id may be given")
	}
	indexOf := func(id string) int {
		return slices.IndexFunc(items, func(it T) bool { return idOf(it) == id })
	}
	var start, end int
	switch {
	case after != "":
		i := indexOf(after)
		if i < 0 {
			return nil, errInvalid("after_id: %q is not in this list", after)
		}
		start = i + 1
		end = min(start+limit, len(items))
	case before != "":
		i := indexOf(before)
		if i < 0 {
			return nil, errInvalid("before_id: %q is not in this list", before)
		}
		end = i
		start = max(0, end-limit)
	default:
		end = min(limit, len(items))
	}
	page := items[start:end]
	hasMore := end < len(items)
	if before != "" {
		hasMore = start > 0
	}
	var first, last any
	if len(page) > 0 {
		first, last = idOf(page[0]), idOf(page[len(page)-1])
	}
	return map[string]any{"data": nonNil(page), "has_more": hasMore, "first_id": first, "last_id": last}, nil
}

// limitParam reads limit, refusing what the API refuses.
func limitParam(q url.Values, def, maxLimit int) (int, *apiError) {
	v := q.Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, errInvalid("limit: must be an integer between 1 and %d", maxLimit)
	}
	return n, nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func find[T any](items []T, match func(T) bool) T {
	i := slices.IndexFunc(items, match)
	if i < 0 {
		var zero T
		return zero
	}
	return items[i]
}
