package cli

import (
	"os"
	"strconv"

	xterm "golang.org/x/term"
)

func isTerminal(f *os.File) bool { return xterm.IsTerminal(int(f.Fd())) }

// terminalWidth is the width of f's terminal, or $COLUMNS, or 0.
func terminalWidth(f *os.File) int {
	if w, _, err := xterm.GetSize(int(f.Fd())); err == nil && w > 0 {
		return w
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil {
		return n
	}
	return 0
}
