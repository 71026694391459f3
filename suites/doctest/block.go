package doctest

import (
	"fmt"
	"strings"
)

// Block is one fenced Go block of a Markdown file.
type Block struct {
	File string // relative to the repository root
	Line int    // of the first line of code, 1-based
	// Skip is the reason given after "not-compiled:", empty for a block
	// that must compile.
	Skip string
	Code string
}

// notCompiled marks a block that must not compile, in its info string.
const notCompiled = "not-compiled"

// Blocks returns the Go blocks of the Markdown text of file, in order. A
// fence may be indented (inside a list item); the indentation is removed
// from the code. A block marked not-compiled without a reason, or left
// open, is an error.
func Blocks(file, text string) ([]Block, error) {
	var blocks []Block
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " \t")
		if !strings.HasPrefix(trimmed, "```") {
			continue
		}
		indent := lines[i][:len(lines[i])-len(trimmed)]
		info := strings.TrimSpace(strings.TrimPrefix(trimmed, "```"))
		end := i + 1
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("%s:%d: code block never closed", file, i+1)
		}
		lang, rest, _ := strings.Cut(info, " ")
		if lang == "go" {
			b := Block{File: file, Line: i + 2}
			if rest = strings.TrimSpace(rest); rest != "" {
				reason, ok := strings.CutPrefix(rest, notCompiled+":")
				if !ok || strings.TrimSpace(reason) == "" {
					return nil, fmt.Errorf("%s:%d: info string %q: write \"go %s: <why>\" or just \"go\"", file, i+1, info, notCompiled)
				}
				b.Skip = strings.TrimSpace(reason)
			}
			code := make([]string, 0, end-i-1)
			for _, l := range lines[i+1 : end] {
				code = append(code, strings.TrimPrefix(l, indent))
			}
			b.Code = strings.Join(code, "\n")
			blocks = append(blocks, b)
		}
		i = end
	}
	return blocks, nil
}
