package admin

// CostService is being written.
type CostService struct{ client *Client }
