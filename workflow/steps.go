package workflow

import (
	"context"
	"errors"

	"github.com/anthropic-admin-go/admin"
)

// caller runs one library call with the options that record its request
// ID.
type caller func(f func(opts ...admin.Option) error) error

// step carries out one Action. done, when set, reads whether the change
// already holds; goneMeansDone says that a 404 from do means the change
// holds (the object to delete or remove is gone).
type step struct {
	do            func(ctx context.Context, c *admin.Client, ch Change, call caller) error
	done          func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error)
	goneMeansDone bool
}

// steps is every Action Apply can carry out. A new workflow step is one
// more entry here and one more Action constant.
var steps = map[Action]step{
	DeleteInvite: {
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error { _, err := c.Invites.Delete(ctx, ch.Target.ID, o...); return err })
		},
		done: func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error) {
			return gone(call(func(o ...admin.Option) error { _, err := c.Invites.Get(ctx, ch.Target.ID, o...); return err }))
		},
		goneMeansDone: true,
	},
	DeactivateKey: keyStatusStep(admin.APIKeyStatusInactive),
	ArchiveKey:    keyStatusStep(admin.APIKeyStatusArchived),
	// Signing out leaves nothing to read back, and doing it twice is
	// harmless, so it is sent again when an earlier run left it failed.
	SignOut: {
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error { _, err := c.Users.SignOut(ctx, ch.Target.ID, o...); return err })
		},
	},
	RemoveWorkspaceMember: {
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error {
				_, err := c.Workspaces.Members.Remove(ctx, memberRef(ch), o...)
				return err
			})
		},
		done: func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error) {
			return gone(call(func(o ...admin.Option) error {
				_, err := c.Workspaces.Members.Get(ctx, memberRef(ch), o...)
				return err
			}))
		},
		goneMeansDone: true,
	},
	RemoveGroupMember: {
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error {
				_, err := c.RBACGroups.Members.Remove(ctx, groupMemberRef(ch), o...)
				return err
			})
		},
		// A group's members are read in one list: no member is gone.
		done: func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error) {
			ref := groupMemberRef(ch)
			in := false
			err := call(func(o ...admin.Option) error {
				for m, err := range c.RBACGroups.Members.List(ref.RBACGroupID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: pageSize}}, o...).All(ctx) {
					if err != nil {
						return err
					}
					in = in || m.UserID == ref.UserID
				}
				return nil
			})
			return !in && err == nil, err
		},
		goneMeansDone: true,
	},
	RemoveMember: {
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error { _, err := c.Users.Remove(ctx, ch.Target.ID, o...); return err })
		},
		done: func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error) {
			return gone(call(func(o ...admin.Option) error { _, err := c.Users.Get(ctx, ch.Target.ID, o...); return err }))
		},
		goneMeansDone: true,
	},
}

func memberRef(ch Change) admin.WorkspaceMemberRef {
	var ws string
	if ch.Workspace != nil {
		ws = ch.Workspace.ID
	}
	return admin.WorkspaceMemberRef{WorkspaceID: ws, UserID: ch.Target.ID}
}

func groupMemberRef(ch Change) admin.RBACGroupMemberRef {
	var g string
	if ch.Group != nil {
		g = ch.Group.ID
	}
	return admin.RBACGroupMemberRef{RBACGroupID: g, UserID: ch.Target.ID}
}

// gone turns a read's error into "the object is gone".
func gone(err error) (bool, error) {
	if errors.Is(err, admin.ErrNotFound) {
		return true, nil
	}
	return false, err
}

// keyStatusStep sets a key's status to want. The change already holds when
// the key has it, or, for a deactivation, when the key cannot be used at
// all any more (archived or expired).
func keyStatusStep(want admin.APIKeyStatus) step {
	return step{
		do: func(ctx context.Context, c *admin.Client, ch Change, call caller) error {
			return call(func(o ...admin.Option) error {
				_, err := c.APIKeys.Update(ctx, ch.Target.ID, admin.APIKeyUpdateParams{Status: admin.Set(want)}, o...)
				return err
			})
		},
		done: func(ctx context.Context, c *admin.Client, ch Change, call caller) (bool, error) {
			var key *admin.APIKey
			err := call(func(o ...admin.Option) error {
				var err error
				key, err = c.APIKeys.Get(ctx, ch.Target.ID, o...)
				return err
			})
			if err != nil {
				return false, err
			}
			return KeyHolds(key.Status, want), nil
		},
	}
}

// KeyHolds reports whether a key in status has, or goes beyond, the
// status want: an archived key is as switched off as an inactive one.
func KeyHolds(status, want admin.APIKeyStatus) bool {
	switch want {
	case admin.APIKeyStatusInactive:
		return status != admin.APIKeyStatusActive
	case admin.APIKeyStatusArchived:
		return status == admin.APIKeyStatusArchived
	}
	return status == want
}
