// Package fasthttptest holds what the fasthttp-based adapters' tests share:
// the conformance kit's application served with plain fasthttp (Standard),
// a fasthttp server's lifecycle (Listen) and request headers as an
// http.Header (Header), request contexts and the allocation check for
// in-process tests, and the WebSocket handshake cases.
package fasthttptest
