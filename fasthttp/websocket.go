package corsfasthttp

import (
	"bytes"

	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
	"github.com/valyala/fasthttp"
)

var websocketToken = []byte("websocket")

// WebSocketRefused tells whether h is a WebSocket handshake (Upgrade:
// websocket, RFC 6455, section 4.1) whose origin p refuses for path (see
// adapter.WebSocketOriginAllowed). Other requests are never refused here. rawNames is as
// for ReadRequest: names kept as received are read in any case, so that a
// lower-case "origin" line is checked too.
func WebSocketRefused(h *fasthttp.RequestHeader, path string, rawNames bool, p *core.Policy, anyOrigin bool) bool {
	if !bytes.EqualFold(upgrade(h, rawNames), websocketToken) {
		return false
	}
	var l Lines
	r := ReadRequest(h, fasthttp.MethodGet, path, rawNames, &l)
	return !adapter.WebSocketOriginAllowed(p, path, r.Origin, anyOrigin)
}

// upgrade returns the request's Upgrade value, its name in any case when
// names are kept as received.
func upgrade(h *fasthttp.RequestHeader, rawNames bool) []byte {
	if !rawNames {
		return h.Peek(fasthttp.HeaderUpgrade)
	}
	var value []byte
	seen := false
	h.VisitAll(func(n, v []byte) {
		if !seen && equalFoldASCII(n, fasthttp.HeaderUpgrade) {
			value, seen = v, true
		}
	})
	return value
}
