module github.com/crossgate/crossgate/fasthttp

go 1.25.0

replace github.com/crossgate/crossgate => ..

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/valyala/fasthttp v1.42.0
)

require (
	github.com/andybalholm/brotli v1.0.4 // indirect
	github.com/klauspost/compress v1.15.9 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
