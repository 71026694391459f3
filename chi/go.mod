module github.com/crossgate/crossgate/chi

go 1.26.0

replace github.com/crossgate/crossgate => ..

require github.com/crossgate/crossgate v0.0.0-00010101000000-000000000000

require (
	github.com/go-chi/chi/v5 v5.5.0
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/text v0.42.0 // indirect
)
