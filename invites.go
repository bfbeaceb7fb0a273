package admin

// InvitesService is being written.
type InvitesService struct{ client *Client }
