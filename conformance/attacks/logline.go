package attacks

import (
	"fmt"

	"github.com/crossgate/crossgate/core"
)

// MaxLogLine bounds what the library may write about one refused request,
// whatever the request's size: three values of core.MaxRefusalValueLen
// bytes, each up to four times longer once escaped, and a sentence.
const MaxLogLine = 4 * (3*core.MaxRefusalValueLen + 256)

// LogLineProblem says what is wrong with one line of text the library wrote
// about a refused request (Refusal.String, a SlogRefusals record), or ""
// when nothing is: a control byte would let the request forge log lines or
// drive the terminal that shows them, and a line longer than MaxLogLine
// would let the request's size decide what logging costs.
func LogLineProblem(line string) string {
	if len(line) > MaxLogLine {
		return fmt.Sprintf("%d bytes, more than %d", len(line), MaxLogLine)
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < 0x20 || c == 0x7f {
			return fmt.Sprintf("raw control byte %#02x at offset %d in %.120q", c, i, line)
		}
	}
	return ""
}
