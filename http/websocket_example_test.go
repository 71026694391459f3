package corshttp_test

import (
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/crossgate/crossgate/core"
	corshttp "github.com/crossgate/crossgate/http"
)

func ExampleWebSocketOrigin() {
	p, err := core.New(core.Config{Origins: []string{"https://chat.example.com"}, Credentials: true})
	if err != nil {
		log.Fatal(err)
	}
	check := corshttp.WebSocketOrigin(p, corshttp.WebSocketOptions{})
	// With gorilla/websocket: upgrader := websocket.Upgrader{CheckOrigin: check}

	for _, origin := range []string{"https://chat.example.com", "https://evil.example", ""} {
		r := httptest.NewRequest("GET", "/ws", nil)
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		fmt.Printf("%q: %v\n", origin, check(r))
	}
	// Output:
	// "https://chat.example.com": true
	// "https://evil.example": false
	// "": true
}
