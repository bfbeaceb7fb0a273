package admin

// APIKeysService is being written.
type APIKeysService struct{ client *Client }
