package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/report"
)

func TestWriteFOCUSEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := newFOCUSWriter(&buf, false).close(); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != strings.Join(report.FOCUSColumns(), ",")+"\n" {
		t.Errorf("no rows gives %q, want the header only", got)
	}
}
