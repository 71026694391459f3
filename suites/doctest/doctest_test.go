package doctest

import (
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// control is a block that must fail, at its second line: it proves a
// failing block is reported, at the Markdown line it fails on.
var control = Block{File: "doctest-control.md", Line: 10, Code: "x := 1\ny := undefinedOnPurpose + x"}

// TestDocBlocksCompile builds and vets every Go block of README.md and
// docs/**/*.md, and lists each failing one with its file and line.
func TestDocBlocksCompile(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := docBlocks(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) < 20 {
		t.Fatalf("found %d Go blocks in the docs; the walk is broken", len(blocks))
	}
	dir, err := os.MkdirTemp(".", "_blocks")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	var pkgs []string
	skipped := 0
	for i, b := range append(blocks, control) {
		if b.Skip != "" {
			t.Logf("%s:%d: not compiled: %s", b.File, b.Line, b.Skip)
			skipped++
			continue
		}
		name := fmt.Sprintf("b%03d", i)
		p, err := Wrap(b, name, filepath.Join(root, b.File))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		// A syntax error stops the go command before it type-checks the
		// other blocks: report it here, at its Markdown position.
		if errs := syntaxErrors(root, p); len(errs) > 0 {
			for _, e := range errs {
				t.Errorf("%s", e)
			}
			continue
		}
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		for file, src := range p {
			if err := os.WriteFile(filepath.Join(dir, name, file), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		pkgs = append(pkgs, "./"+filepath.Join(dir, name))
	}

	start := time.Now()
	failures := goTool(t, root, append([]string{"build"}, pkgs...))
	// vet what built: go vet reports only a package's first type error.
	built := slices.DeleteFunc(slices.Clone(pkgs), func(p string) bool {
		return slices.ContainsFunc(failures, func(f failure) bool { return f.pkg != "" && strings.HasSuffix(f.pkg, strings.TrimPrefix(p, ".")) })
	})
	failures = append(failures, goTool(t, root, append([]string{"vet"}, built...))...)
	t.Logf("%d blocks compiled, %d marked not-compiled, in %v", len(pkgs)-1, skipped, time.Since(start).Round(time.Millisecond))

	controlSeen := false
	for _, f := range failures {
		if f.file == control.File {
			controlSeen = controlSeen || f.line == control.Line+1
			continue
		}
		t.Errorf("%s", f.describe(blocks))
	}
	if !controlSeen {
		t.Errorf("the control block's error at %s:%d was not reported: the test cannot see failing blocks\n%v", control.File, control.Line+1, failures)
	}
}

// syntaxErrors are p's syntax errors, each at the position its //line
// directives give.
func syntaxErrors(root string, p Package) []string {
	var errs []string
	for _, src := range p {
		_, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				file, _ := filepath.Rel(root, e.Pos.Filename)
				errs = append(errs, fmt.Sprintf("%s:%d: %s", file, e.Pos.Line, e.Msg))
			}
		} else if err != nil {
			errs = append(errs, err.Error())
		}
	}
	return errs
}

// docBlocks are the Go blocks of README.md and every Markdown file under
// docs/.
func docBlocks(root string) ([]Block, error) {
	files := []string{"README.md"}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			rel, _ := filepath.Rel(root, path)
			files = append(files, rel)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var all []Block
	for _, f := range files {
		text, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return nil, err
		}
		bs, err := Blocks(f, string(text))
		if err != nil {
			return nil, err
		}
		all = append(all, bs...)
	}
	return all, nil
}

// failure is one error the go command reported, at a Markdown position.
type failure struct {
	pkg  string // the package being built, when the go command said
	file string // relative to the repository root
	line int
	text string
}

// describe names the block f falls in.
func (f failure) describe(blocks []Block) string {
	for _, b := range blocks {
		if b.File == f.file && f.line >= b.Line && f.line < b.Line+strings.Count(b.Code, "\n")+1 {
			return fmt.Sprintf("%s:%d (block at line %d): %s", f.file, f.line, b.Line, f.text)
		}
	}
	return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.text)
}

var position = regexp.MustCompile(`^(?:vet: )?([^:\s]+):(\d+)(?::\d+)?: (.*)$`)

// goTool runs the go command with args in this directory and returns what
// it reported, positions made relative to root.
func goTool(t *testing.T, root string, args []string) []failure {
	t.Helper()
	if len(args) == 1 {
		return nil
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile the docs' blocks: %v", err)
	}
	out, err := exec.Command(gobin, args...).CombinedOutput()
	if err == nil {
		return nil
	}
	here, _ := os.Getwd()
	var fs []failure
	pkg := ""
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if p, ok := strings.CutPrefix(l, "# "); ok {
			pkg = p
			continue
		}
		m := position.FindStringSubmatch(l)
		if m == nil {
			fs = append(fs, failure{pkg: pkg, text: l})
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(here, file)
		}
		if rel, err := filepath.Rel(root, file); err == nil {
			file = rel
		}
		line, _ := strconv.Atoi(m[2])
		fs = append(fs, failure{pkg: pkg, file: file, line: line, text: m[3]})
	}
	if len(fs) == 0 {
		t.Fatalf("go %s: %v\n%s", args[0], err, out)
	}
	return fs
}
