package admin

// RateLimitsService is being written.
type RateLimitsService struct{ client *Client }

// WorkspaceRateLimitsService is being written.
type WorkspaceRateLimitsService struct{ client *Client }
