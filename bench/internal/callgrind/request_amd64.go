package callgrind

// clientRequest is in request_amd64.s.
//
//go:noescape
func clientRequest(args *[6]uintptr) uintptr
