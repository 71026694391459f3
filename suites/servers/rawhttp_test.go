package servers_test

import (
	"net/http"

	"github.com/crossgate/crossgate/conformance/rawhttp"
)

// rawRequest sends one HTTP/1.1 request written byte for byte, each line as
// "Name: Value" (one space after the colon), and reads the response.
// net/http's client cannot send what attackers send (a header line twice in
// a chosen order, bytes it deems invalid), so these tests write the request
// themselves.
func rawRequest(addr, method, path string, lines []rawhttp.Line) (*http.Response, []byte, error) {
	spaced := make([]rawhttp.Line, len(lines))
	for i, l := range lines {
		spaced[i] = rawhttp.Line{Name: l.Name, Value: " " + l.Value}
	}
	return rawhttp.Send(addr, method, path, spaced)
}
