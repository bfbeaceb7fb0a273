package cli

import (
	"encoding/csv"
	"io"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/report"
)

// focusWriter writes a FinOps FOCUS CSV file a row at a time: the header
// first, then each row as it comes. The rows are report's; text cells are
// neutralised for spreadsheets (csvText) unless raw.
type focusWriter struct {
	cw  *csv.Writer
	raw bool
}

func newFOCUSWriter(w io.Writer, raw bool) focusWriter {
	return newFOCUSWriterOf(w, raw, report.FOCUSColumns())
}

// newFOCUSWriterOf is a focusWriter with the header columns given.
func newFOCUSWriterOf(w io.Writer, raw bool, columns []string) focusWriter {
	fw := focusWriter{csv.NewWriter(w), raw}
	fw.cw.Write(columns)
	return fw
}

func (fw focusWriter) write(r report.FOCUSRow) { fw.writeRecord(r.Record()) }

// writeRecord writes a row of values in the header's order.
func (fw focusWriter) writeRecord(rec []string) {
	if !fw.raw {
		for i, c := range rec {
			rec[i] = output.CSVText(c)
		}
	}
	fw.cw.Write(rec)
}

// close flushes what is written and returns the first error writing it.
func (fw focusWriter) close() error {
	fw.cw.Flush()
	return fw.cw.Error()
}
