module github.com/crossgate/crossgate/echo

go 1.25.0

replace github.com/crossgate/crossgate => ..

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/labstack/echo/v4 v4.7.0
)

require (
	github.com/golang-jwt/jwt v3.2.2+incompatible // indirect
	github.com/labstack/gommon v0.3.1 // indirect
	github.com/mattn/go-colorable v0.1.11 // indirect
	github.com/mattn/go-isatty v0.0.14 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	github.com/valyala/fasttemplate v1.2.1 // indirect
	golang.org/x/crypto v0.48.0 // indirect
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/sys v0.41.0 // indirect
	golang.org/x/text v0.34.0 // indirect
	golang.org/x/time v0.0.0-20201208040808-7e3f01d25324 // indirect
)
