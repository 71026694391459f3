module github.com/crossgate/crossgate/chi

go 1.25.0

replace github.com/crossgate/crossgate => ..

require (
	github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000
	github.com/go-chi/chi/v5 v5.0.9
)

require (
	golang.org/x/net v0.51.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)
