module github.com/crossgate/crossgate/echov5

go 1.25.0

replace github.com/crossgate/crossgate => ..

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/labstack/echo/v5 v5.3.0
)

require (
	golang.org/x/net v0.56.0 // indirect
	golang.org/x/text v0.38.0 // indirect
	golang.org/x/time v0.15.0 // indirect
)
