package conformance_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// rawRequest sends one HTTP/1.1 request written byte for byte and reads the
// response. net/http's client cannot send what attackers send (a header
// line twice in a chosen order, bytes it deems invalid), so the attack
// tests write the request themselves.
func rawRequest(addr, method, path string, lines [][2]string) (*http.Response, []byte, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	b.WriteString(method + " " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nConnection: close\r\n")
	for _, l := range lines {
		b.WriteString(l[0] + ": " + l[1] + "\r\n")
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
