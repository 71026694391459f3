module github.com/crossgate/crossgate/fiber

go 1.25.0

replace github.com/crossgate/crossgate => ..

replace github.com/crossgate/crossgate/fasthttp => ../fasthttp

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/crossgate/crossgate/fasthttp v0.0.0-00010101000000-000000000000
	github.com/gofiber/fiber/v2 v2.41.0
	github.com/valyala/fasthttp v1.43.0
)

require (
	github.com/andybalholm/brotli v1.0.4 // indirect
	github.com/klauspost/compress v1.15.9 // indirect
	github.com/mattn/go-colorable v0.1.13 // indirect
	github.com/mattn/go-isatty v0.0.17 // indirect
	github.com/mattn/go-runewidth v0.0.14 // indirect
	github.com/rivo/uniseg v0.2.0 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	github.com/valyala/tcplisten v1.0.0 // indirect
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
