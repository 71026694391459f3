package doctest

import (
	"go/ast"
	"slices"
	"strconv"
)

// knownImports maps the package names a fragment without imports may use to
// the path it means. echo and fiber are v4 and v2 here: a snippet for echo
// v5 or fiber v3 writes its imports out, as a user has to.
var knownImports = map[string]string{
	"context":      "context",
	"errors":       "errors",
	"fmt":          "fmt",
	"http":         "net/http",
	"json":         "encoding/json",
	"log":          "log",
	"os":           "os",
	"slog":         "log/slog",
	"strings":      "strings",
	"time":         "time",
	"url":          "net/url",
	"core":         "github.com/crossgate/crossgate/core",
	"corshttp":     "github.com/crossgate/crossgate/http",
	"corschi":      "github.com/crossgate/crossgate/chi",
	"corsgin":      "github.com/crossgate/crossgate/gin",
	"corsecho":     "github.com/crossgate/crossgate/echo",
	"corsfiber":    "github.com/crossgate/crossgate/fiber",
	"corsfasthttp": "github.com/crossgate/crossgate/fasthttp",
	"chi":          "github.com/go-chi/chi/v5",
	"gin":          "github.com/gin-gonic/gin",
	"echo":         "github.com/labstack/echo/v4",
	"fiber":        "github.com/gofiber/fiber/v2",
	"fasthttp":     "github.com/valyala/fasthttp",
}

// inferImportsWith lists the import paths, in known, of the package names
// f uses as the left side of a selector and does not declare itself,
// sorted.
func inferImportsWith(f *ast.File, known map[string]string) []string {
	var paths []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		// The parser resolves names declared in the file; a package name
		// stays unresolved (Obj nil).
		if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
			if p, ok := known[id.Name]; ok && !slices.Contains(paths, p) {
				paths = append(paths, p)
			}
		}
		return true
	})
	slices.Sort(paths)
	return paths
}

// importPaths lists the paths f imports.
func importPaths(f *ast.File) []string {
	var paths []string
	for _, s := range f.Imports {
		if p, err := strconv.Unquote(s.Path.Value); err == nil {
			paths = append(paths, p)
		}
	}
	return paths
}

// importDeclWith writes an import declaration of paths, naming each
// package (by its name in known) whose name differs from its path's last
// element.
func importDeclWith(paths []string, known map[string]string) string {
	if len(paths) == 0 {
		return ""
	}
	s := "import (\n"
	for _, p := range paths {
		name := ""
		for n, q := range known {
			if q == p && n != lastElem(p) {
				name = n + " "
			}
		}
		s += "\t" + name + strconv.Quote(p) + "\n"
	}
	return s + ")\n"
}

func lastElem(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}
