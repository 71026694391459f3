module github.com/crossgate/crossgate/fiberv3

go 1.25.0

replace github.com/crossgate/crossgate => ..

replace github.com/crossgate/crossgate/fasthttp => ../fasthttp

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/crossgate/crossgate/fasthttp v0.0.0-00010101000000-000000000000
	github.com/gofiber/fiber/v3 v3.0.0
	github.com/valyala/fasthttp v1.69.0
)

require (
	github.com/andybalholm/brotli v1.2.0 // indirect
	github.com/gofiber/schema v1.6.0 // indirect
	github.com/gofiber/utils/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/klauspost/compress v1.18.3 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/philhofer/fwd v1.2.0 // indirect
	github.com/tinylib/msgp v1.6.3 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	golang.org/x/crypto v0.48.0 // indirect
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
