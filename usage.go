package admin

// UsageService is being written.
type UsageService struct{ client *Client }
