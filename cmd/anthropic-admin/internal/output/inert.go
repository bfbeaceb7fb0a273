package output

import (
	"fmt"
	"math/big"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// CSVText neutralises a cell that a spreadsheet would run as a formula
// (termsafe.Cell). A number stays a number, minus sign and all: a
// spreadsheet reads it as a value, never a formula.
func CSVText(s string) string {
	if _, ok := new(big.Rat).SetString(s); ok {
		return s
	}
	return termsafe.Cell(s)
}

// Safef is fmt.Sprintf with every string, error and Stringer argument shown
// inert (termsafe.Text): the format is ours, the arguments may hold names
// that anyone in the organization wrote. Messages to a person go through it.
func Safef(format string, args ...any) string {
	for i, arg := range args {
		switch v := arg.(type) {
		case string:
			args[i] = termsafe.Text(v)
		case error:
			args[i] = termsafe.Text(v.Error())
		case fmt.Stringer:
			args[i] = termsafe.Text(v.String())
		}
	}
	return fmt.Sprintf(format, args...)
}
