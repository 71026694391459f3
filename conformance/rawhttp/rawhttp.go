// Package rawhttp sends HTTP/1.1 requests written byte for byte, for the
// tests that must send what net/http's client refuses to: a header name in
// any case, a tab around a value, one header on several lines in a chosen
// order. The conformance suite's raw scenarios and the attack catalogue
// share it.
package rawhttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// Line is one request header line (see Send for how it is written).
type Line struct{ Name, Value string }

// Send sends one HTTP/1.1 request to addr (host:port) over a fresh TCP
// connection, written byte for byte, and returns the response with its body
// read. Each line goes out as Name + ":" + Value + CRLF with nothing added,
// so Value carries its own leading whitespace: the case of a name, a tab
// around a value and a line repeated in another case reach the server
// exactly as written. net/http's client canonicalizes names and trims
// values, so it cannot send what a proxy or an attacker sends.
func Send(addr, method, path string, lines []Line) (*http.Response, []byte, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	b.WriteString(method + " " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n")
	for _, l := range lines {
		b.WriteString(l.Name + ":" + l.Value + "\r\n")
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		return nil, nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}
