//go:build unix

package core

import "syscall"

// openNonBlocking makes opening a named pipe return at once instead of
// waiting for a writer; WatchFile then sees what it opened and refuses it.
const openNonBlocking = syscall.O_NONBLOCK
