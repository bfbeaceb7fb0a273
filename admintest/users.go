package admintest

import (
	"net/http"
	"slices"
	"strings"
)

// Roles an API caller may assign in a Console organization.
var assignableRoles = []string{"user", "developer", "billing", "claude_code_user"}

func (st *state) user(id string) *user {
	return find(st.users, func(u *user) bool { return u.ID == id })
}

func (st *state) userByEmail(email string) *user {
	return find(st.users, func(u *user) bool { return strings.EqualFold(u.Email, email) })
}

func listUsers(c *call) (any, *apiError) {
	email, roles := c.q.Get("email"), c.q["roles[]"]
	var matched []*user
	for _, u := range slices.Backward(c.st.users) { // the API lists the newest first
		if (email == "" || strings.EqualFold(u.Email, email)) && (len(roles) == 0 || slices.Contains(roles, u.Role)) {
			matched = append(matched, u)
		}
	}
	return idPage(matched, func(u *user) string { return u.ID }, c.q)
}

func (c *call) userFromPath() (*user, *apiError) {
	u := c.st.user(c.path("user_id"))
	if u == nil {
		return nil, errNotFound("user %q not found", c.path("user_id"))
	}
	return u, nil
}

func getUser(c *call) (any, *apiError) { return c.userFromPath() }

func updateUser(c *call) (any, *apiError) {
	u, err := c.userFromPath()
	if err != nil {
		return nil, err
	}
	var body struct {
		Role *string `json:"role"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.Role == nil {
		return nil, errInvalid("role: Field required")
	}
	if err := checkAssignable(*body.Role); err != nil {
		return nil, err
	}
	if u.Role == "admin" {
		return nil, errInvalid("user %s is an admin; an admin's role cannot be changed through the API", u.ID)
	}
	u.Role = *body.Role
	return u, nil
}

func checkAssignable(role string) *apiError {
	if role == "admin" {
		return errInvalid("role: admin cannot be assigned through the API")
	}
	if !slices.Contains(assignableRoles, role) {
		return errInvalid("role: must be one of %s", strings.Join(assignableRoles, ", "))
	}
	return nil
}

func removeUser(c *call) (any, *apiError) {
	u, err := c.userFromPath()
	if err != nil {
		return nil, err
	}
	if u.Role == "admin" {
		return nil, errInvalid("user %s is an admin; admins cannot be removed through the API", u.ID)
	}
	if len(c.st.users) == 1 {
		return nil, &apiError{status: 400, typ: "invalid_request_error", code: "cannot_remove_last_member", msg: "the organization's only member cannot be removed"}
	}
	c.st.users = slices.DeleteFunc(c.st.users, func(x *user) bool { return x == u })
	if c.st.former == nil {
		c.st.former = map[string]*user{}
	}
	c.st.former[u.ID] = u
	for ws, ms := range c.st.members {
		c.st.members[ws] = slices.DeleteFunc(ms, func(m *member) bool { return m.UserID == u.ID })
	}
	return map[string]any{"id": u.ID, "type": "user_deleted"}, nil
}

// signOutUser signs no one out: the fake keeps no sessions. Its beta value
// is checked before, from the endpoint's registry row.
func signOutUser(c *call) (any, *apiError) { return c.userFromPath() }

// hasBeta tells whether the request named beta in any anthropic-beta header.
func hasBeta(r *http.Request, beta string) bool {
	for _, h := range r.Header.Values("anthropic-beta") {
		for _, b := range strings.Split(h, ",") {
			if strings.TrimSpace(b) == beta {
				return true
			}
		}
	}
	return false
}
