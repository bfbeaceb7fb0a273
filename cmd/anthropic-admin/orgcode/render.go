package orgcode

import (
	"fmt"
	"io"
	"strings"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

// symbols are how a plan shows each op, as a reviewer reads a diff.
var symbols = map[Op]string{OpCreate: "+", OpUpdate: "~", OpRemove: "-", OpArchive: "-"}

const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// Line is how a change reads on one line: its op, kind and target, and for
// an archive that it cannot be undone.
func (c Change) Line() string {
	s := fmt.Sprintf("%s %s %s", symbols[c.Op], c.Kind, termsafe.Text(c.Target))
	switch c.Op {
	case OpArchive:
		s += "  (archive: irreversible)"
	case OpRemove:
		s += "  (remove)"
	}
	return s
}

// WriteText writes a plan as a person reviews it: a line per change, its
// fields old → new below it, then a summary line. With color, creates are
// green, updates yellow, removals red and archives bold red.
func (p *Plan) WriteText(w io.Writer, color bool) error {
	var b strings.Builder
	paint := func(op Op, s string) string {
		if !color {
			return s
		}
		switch op {
		case OpCreate:
			return green + s + reset
		case OpUpdate:
			return yellow + s + reset
		case OpArchive:
			return "\x1b[1;31m" + s + reset
		}
		return red + s + reset
	}
	for _, c := range p.Changes {
		b.WriteString(paint(c.Op, "  "+c.Line()) + "\n")
		for _, f := range c.Fields {
			// names and values anyone in the organization wrote, inert
			f = Field{Name: termsafe.Text(f.Name), Old: termsafe.Text(f.Old), New: termsafe.Text(f.New)}
			switch {
			case c.Op == OpCreate && f.Old == "", (c.Op == OpRemove || c.Op == OpArchive) && f.New == "":
				fmt.Fprintf(&b, "      %s: %s\n", f.Name, f.Old+f.New)
			case f.New == "" && f.Old != "":
				fmt.Fprintf(&b, "      %s: %s → (none)\n", f.Name, f.Old)
			case f.Old == "":
				fmt.Fprintf(&b, "      %s: (none) → %s\n", f.Name, f.New)
			default:
				fmt.Fprintf(&b, "      %s: %s → %s\n", f.Name, f.Old, f.New)
			}
		}
	}
	if len(p.Changes) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(p.Summary.Line() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Line is the summary as one line.
func (s Summary) Line() string {
	if s == (Summary{}) {
		return "No changes: the organization matches the file."
	}
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to remove, %d to archive.", s.Create, s.Update, s.Remove, s.Archive)
}
