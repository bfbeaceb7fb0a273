package orgcode

import (
	"context"

	"github.com/anthropic-admin-go/admin"
)

// section is one part of the file and of the organization. Each reads what
// it needs of the organization, writes its part of an export and plans its
// part of a file; a new part of the Admin API is one more section here.
type section interface {
	// read adds the section's part to st, after the organization, its
	// members and its workspaces are read.
	read(ctx context.Context, c *admin.Client, st *State) error
	export(x *exporter)
	plan(p *planner)
}

// sections in the order they are read, exported and planned.
var sections = []section{
	membersSection{},
	workspacesSection{},
	apiKeysSection{},
	spendLimitsSection{},
	rbacGroupsSection{},
	serviceAccountsSection{},
	federationRulesSection{},
	invitesSection{},
}

// exporter writes a state as a file.
type exporter struct {
	st *State
	ix *index
	f  *File
	// allIDs writes every ID, for a fingerprint.
	allIDs bool
}

// Export writes the organization's state as a file.
func Export(st *State) *File { return export(st, false) }

func export(st *State, allIDs bool) *File {
	x := &exporter{st: st, ix: newIndex(st), f: &File{Version: Version, Organization: st.Organization.Name}, allIDs: allIDs}
	for _, s := range sections {
		s.export(x)
	}
	return x.f
}
