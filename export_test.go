package admin

// SetMaxResponseBody lowers the response size limit for a test and returns a
// function that puts the old limit back. Tests that call it must not run in
// parallel with tests that send requests.
func SetMaxResponseBody(n int) (restore func()) {
	old := maxResponseBody
	maxResponseBody = n
	return func() { maxResponseBody = old }
}
