package doctest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Package is the Go source of one block: file names to contents.
type Package map[string]string

// Wrap turns b into a package named pkg, whose positions read as the
// Markdown file's (abs is its absolute path, for the //line directives),
// as the package comment describes.
func Wrap(b Block, pkg, abs string) (Package, error) {
	lines := strings.Split(b.Code, "\n")
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first == len(lines) {
		return nil, fmt.Errorf("%s:%d: empty block", b.File, b.Line)
	}
	directive := func(i int) string { return fmt.Sprintf("//line %s:%d\n", abs, b.Line+i) }
	if strings.HasPrefix(lines[first], "package ") {
		return Package{"block.go": directive(0) + b.Code + "\n"}, nil
	}

	// The import declaration the block writes, if any, kept as written.
	imports, bodyAt := "", first
	if strings.HasPrefix(lines[first], "import") {
		end := first
		if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(lines[first], "import")), "(") {
			for end < len(lines) && strings.TrimSpace(lines[end]) != ")" {
				end++
			}
			if end == len(lines) {
				return nil, fmt.Errorf("%s:%d: import block never closed", b.File, b.Line+first)
			}
		}
		imports = directive(first) + strings.Join(lines[first:end+1], "\n") + "\n"
		bodyAt = end + 1
	}
	body := strings.Join(lines[bodyAt:], "\n")
	head := "package " + pkg + "\n\n"

	// Declarations go at the top level; anything else into a function.
	declared := map[string]bool{}
	var src string
	if f, err := parse(head + imports + body); err == nil {
		for name := range topLevelNames(f) {
			declared[name] = true
		}
		src = directive(bodyAt) + body + "\n"
	} else {
		inFunc := "func _() {\n" + directive(bodyAt) + body + "\n}\n"
		if f, err := parse(head + imports + inFunc); err == nil {
			// A snippet may end on a variable it declares and leaves to
			// the reader: use each once.
			var uses string
			for _, name := range bodyVars(f) {
				uses += "\t_ = " + name + "\n"
			}
			inFunc = "func _() {\n" + directive(bodyAt) + body + "\n" + uses + "}\n"
		}
		// A block that parses in neither form is written as a function
		// body, for the compiler to report where it fails.
		src = inFunc
	}

	// Without an import declaration, the packages the block names.
	var paths []string
	if imports != "" {
		f, err := parse(head + imports)
		if err != nil {
			return Package{"block.go": head + imports + src}, nil
		}
		paths = importPaths(f)
	} else {
		if f, err := parse(head + src); err == nil {
			paths = inferImportsWith(f, knownImports)
		}
		imports = importDeclWith(paths, knownImports)
	}
	fl, err := flavourOf(paths)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", b.File, b.Line, err)
	}
	prelude, err := preludeSource(pkg, fl, declared)
	if err != nil {
		return nil, err
	}
	return Package{"block.go": head + imports + "\n" + src, "prelude.go": prelude}, nil
}

func parse(src string) (*ast.File, error) {
	return parser.ParseFile(token.NewFileSet(), "", src, 0)
}

// topLevelNames are the names f declares at its top level.
func topLevelNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				}
			}
		}
	}
	return names
}

// bodyVars are the variables declared at the top level of the body of f's
// last function, in order, each once.
func bodyVars(f *ast.File) []string {
	fn := f.Decls[len(f.Decls)-1].(*ast.FuncDecl)
	var names []string
	add := func(id *ast.Ident) {
		for _, n := range names {
			if n == id.Name {
				return
			}
		}
		if id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	for _, s := range fn.Body.List {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, e := range s.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						add(id)
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, sp := range g.Specs {
					for _, n := range sp.(*ast.ValueSpec).Names {
						add(n)
					}
				}
			}
		}
	}
	return names
}
