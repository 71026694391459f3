package adapter

import (
	"testing"

	"github.com/crossgate/crossgate/core"
)

func TestMaySkip(t *testing.T) {
	origin, acrm := []string{"https://app.example"}, []string{"PUT"}
	tests := []struct {
		name       string
		r          core.Request
		preflights bool
		want       bool
	}{
		{"not CORS", core.Request{Method: "GET"}, false, true},
		{"actual request", core.Request{Method: "GET", Origin: origin}, false, true},
		{"OPTIONS without Access-Control-Request-Method", core.Request{Method: "OPTIONS", Origin: origin}, false, true},
		{"OPTIONS with Access-Control-Request-Method but no Origin", core.Request{Method: "OPTIONS", RequestMethod: acrm}, false, true},
		{"preflight", core.Request{Method: "OPTIONS", Origin: origin, RequestMethod: acrm}, false, false},
		{"preflight, opted in", core.Request{Method: "OPTIONS", Origin: origin, RequestMethod: acrm}, true, true},
	}
	for _, tt := range tests {
		if got := MaySkip(&tt.r, tt.preflights); got != tt.want {
			t.Errorf("%s: MaySkip = %v, want %v", tt.name, got, tt.want)
		}
	}
}
