package conformance_test

import (
	"net/http"

	"github.com/crossgate/crossgate/conformance"
)

// rawRequest sends one HTTP/1.1 request written byte for byte, each line as
// "Name: Value", and reads the response (see conformance.SendRaw). net/http's
// client cannot send what attackers send (a header line twice in a chosen
// order, bytes it deems invalid), so the attack tests write the request
// themselves.
func rawRequest(addr, method, path string, lines [][2]string) (*http.Response, []byte, error) {
	raw := make([]conformance.Line, len(lines))
	for i, l := range lines {
		raw[i] = conformance.Line{Name: l[0], Value: " " + l[1]}
	}
	return conformance.SendRaw(addr, method, path, raw)
}
