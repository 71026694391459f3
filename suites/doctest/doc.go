// Package doctest compiles every Go block of README.md and docs/**/*.md, so
// that a snippet a user copies builds against the code of this checkout.
//
// The convention, block by block:
//
//   - A block whose first line is a package clause is a whole file: it is
//     compiled as written, in a package of its own.
//   - Any other block is a fragment. An import declaration at its top is
//     kept as written (the snippet shows its imports: they must be right);
//     without one, the imports are inferred from the package names the
//     block uses, through the fixed table in imports.go (echo and fiber
//     mean v4 and v2 there: a v5 or v3 snippet writes its imports out).
//     What follows is placed at the top level of the file if it parses as
//     declarations, otherwise in the body of a function, where each
//     variable it declares at its top level is then used once, so that a
//     snippet may end on a declaration it does not use.
//   - Names a page defines earlier or leaves to the reader (cfg, policy,
//     updateItem, r, e, app, mux, ...) come from the prelude in prelude.go,
//     whose types follow the framework the block imports (updateItem is a
//     gin.HandlerFunc beside gin, a func(*echo.Context) error beside echo
//     v5). A block's own declarations at the top level win over the
//     prelude's.
//   - A block that must not compile is fenced "```go not-compiled: <reason>"
//     and is skipped; the reason is required.
//
// Each block becomes a package in a temporary directory under this one
// (named with a leading underscore, so ./... never sees it), with //line
// directives pointing back at the Markdown; one `go build` compiles them
// all and one `go vet` checks those that built (a few seconds once the
// frameworks are in the build cache). Errors read
// "docs/origins.md:104 (block at line 103): undefined: x". Blocks that are
// not valid Go are reported before, by the parser, at the same positions.
package doctest
