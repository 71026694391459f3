package doctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
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

	compiled := len(pkgs) - 1 // the control is not a doc block
	start := time.Now()
	// A package that cannot be loaded (an import no module provides) stops
	// go build before it compiles the others: find those first.
	failures, pkgs := loadErrors(t, root, pkgs)
	failures = append(failures, goTool(t, root, append([]string{"build"}, pkgs...))...)
	// vet what built: go vet reports only a package's first type error.
	built := slices.DeleteFunc(slices.Clone(pkgs), func(p string) bool {
		return slices.ContainsFunc(failures, func(f failure) bool { return f.pkg != "" && strings.HasSuffix(f.pkg, strings.TrimPrefix(p, ".")) })
	})
	failures = append(failures, goTool(t, root, append([]string{"vet"}, built...))...)
	t.Logf("%d blocks compiled, %d marked not-compiled, in %v", compiled, skipped, time.Since(start).Round(time.Millisecond))

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

// loadErrors asks go list which of pkgs cannot be loaded, and returns
// their errors, at their Markdown positions, and the others.
func loadErrors(t *testing.T, root string, pkgs []string) ([]failure, []string) {
	t.Helper()
	out, err := exec.Command(goCommand(t), append([]string{"list", "-e", "-json=Dir,Error,DepsErrors"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	type listError struct{ Pos, Err string }
	var failures []failure
	var ok []string
	here, _ := os.Getwd()
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Dir        string
			Error      *listError
			DepsErrors []*listError
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list: %v", err)
		}
		errs := p.DepsErrors
		if p.Error != nil {
			errs = append(errs, p.Error)
		}
		if len(errs) == 0 {
			rel, _ := filepath.Rel(here, p.Dir)
			ok = append(ok, "./"+rel)
			continue
		}
		for _, e := range errs {
			f := parseFailure(root, here, e.Pos+": "+strings.SplitN(e.Err, "\n", 2)[0])
			if f.file == "" {
				f.text = e.Err
			}
			failures = append(failures, f)
		}
	}
	return failures, ok
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

// goCommand is the go command's path.
func goCommand(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to compile the docs' blocks: %v", err)
	}
	return gobin
}

// parseFailure reads one line of the go command's report, its position
// made relative to root (here is the directory the command ran in).
func parseFailure(root, here, l string) failure {
	m := position.FindStringSubmatch(l)
	if m == nil {
		return failure{text: l}
	}
	file := m[1]
	if !filepath.IsAbs(file) {
		file = filepath.Join(here, file)
	}
	if rel, err := filepath.Rel(root, file); err == nil {
		file = rel
	}
	line, _ := strconv.Atoi(m[2])
	return failure{file: file, line: line, text: m[3]}
}

var position = regexp.MustCompile(`^(?:vet: )?([^:\s]+):(\d+)(?::\d+)?: (.*)$`)

// goTool runs the go command with args in this directory and returns what
// it reported, positions made relative to root.
func goTool(t *testing.T, root string, args []string) []failure {
	t.Helper()
	if len(args) == 1 {
		return nil
	}
	out, err := exec.Command(goCommand(t), args...).CombinedOutput()
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
		if strings.HasPrefix(l, "\t") && len(fs) > 0 {
			fs[len(fs)-1].text += " " + strings.TrimSpace(l) // a hint's continuation
			continue
		}
		f := parseFailure(root, here, l)
		f.pkg = pkg
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		t.Fatalf("go %s: %v\n%s", args[0], err, out)
	}
	return fs
}
