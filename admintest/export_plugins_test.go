package admintest

// SetMaxUpload lowers the bound on an upload for a test; the function it
// returns restores it.
func SetMaxUpload(n int64) func() {
	old := maxUpload
	maxUpload = n
	return func() { maxUpload = old }
}
