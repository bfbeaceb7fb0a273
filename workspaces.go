package admin

// WorkspacesService is being written.
type WorkspacesService struct {
	client     *Client
	Members    *WorkspaceMembersService
	RateLimits *WorkspaceRateLimitsService
}
