package admin

// WorkspaceMembersService is being written.
type WorkspaceMembersService struct{ client *Client }
