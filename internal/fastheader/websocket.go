package fastheader

import (
	"bytes"

	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/internal/wsorigin"
	"github.com/valyala/fasthttp"
)

var websocketToken = []byte("websocket")

// WebSocketRefused tells whether h is a WebSocket handshake (Upgrade:
// websocket, RFC 6455, section 4.1) whose origin p refuses for path (see
// wsorigin.Allowed). Other requests are never refused here.
func WebSocketRefused(h *fasthttp.RequestHeader, path string, p *core.Policy, anyOrigin bool) bool {
	if !bytes.EqualFold(h.Peek(fasthttp.HeaderUpgrade), websocketToken) {
		return false
	}
	var origin singleLine
	return !wsorigin.Allowed(p, path, peekAll(h, headerOrigin, origin[:]), anyOrigin)
}
