#include "textflag.h"

// func clientRequest(args *[6]uintptr) uintptr
//
// Valgrind's client request on amd64 (valgrind.h,
// VALGRIND_DO_CLIENT_REQUEST_EXPR): RAX holds the address of the
// arguments, RDX the answer to return when not under valgrind; the four
// rotations of RDI (by 128 bits in all: RDI is unchanged) and the
// xchg of RBX with itself are the marker valgrind recognizes, and it then
// leaves its answer in RDX.
TEXT ·clientRequest(SB), NOSPLIT, $0-16
	MOVQ args+0(FP), AX
	MOVQ $0, DX
	ROLQ $3, DI
	ROLQ $13, DI
	ROLQ $61, DI
	ROLQ $51, DI
	XCHGQ BX, BX
	MOVQ DX, ret+8(FP)
	RET
