//go:build !unix

package core

// openNonBlocking is zero where the system has no O_NONBLOCK for files.
const openNonBlocking = 0
