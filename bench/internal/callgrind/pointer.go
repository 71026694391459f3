package callgrind

import "unsafe"

// unsafePointer is the address of b's first byte, which valgrind reads as
// a C string while the request runs.
func unsafePointer(b []byte) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(b)) }
