package admintest

import (
	"net/http"
	"time"
)

// reportData is being written.
type reportData struct{}

func newReportData(seed string, st *state, now time.Time) *reportData { return &reportData{} }

func notYet(c *call) (any, *apiError) {
	return nil, &apiError{status: http.StatusNotImplemented, typ: "api_error", msg: "admintest: reports are not implemented yet"}
}

var (
	usageReport      = notYet
	costReport       = notYet
	claudeCodeReport = notYet
)

// demoTraffic sets up the demo organization's generated usage.
func (b *builder) demoTraffic() {}
