package servers

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"github.com/crossgate/crossgate/conformance"
	"math/big"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crossgate/crossgate/core"
)

// TestDeploy serves every framework over TLS with a Deployment and checks
// its outer layer: the protocol (HTTP/2 but for fiber), the session
// cookies, Cache-Control, and conformance.Vary replaced only when asked.
func TestDeploy(t *testing.T) {
	cert, pool := selfSigned(t)
	p, err := core.New(core.Config{Origins: []string{"https://a.example"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Frameworks() {
		for _, clobber := range []string{"", "Accept-Encoding"} {
			t.Run(f.String()+"/clobber="+clobber, func(t *testing.T) {
				late := ""
				if clobber == "" {
					late = "X-Late"
				}
				var mu sync.Mutex
				var protos []string
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				stop, err := Deploy(f, ln, p, Deployment{
					TLS:          &tls.Config{Certificates: []tls.Certificate{cert}},
					CacheControl: "public, max-age=60",
					ClobberVary:  clobber,
					LateVary:     late,
					Proto: func(s string) {
						mu.Lock()
						protos = append(protos, s)
						mu.Unlock()
					},
				})
				if err != nil {
					t.Fatal(err)
				}
				defer stop()
				c := &http.Client{Transport: &http.Transport{
					TLSClientConfig:   &tls.Config{RootCAs: pool, ServerName: "localhost"},
					ForceAttemptHTTP2: true,
				}}
				defer c.CloseIdleConnections()
				base := "https://" + ln.Addr().String()
				res, err := c.Get(base + SessionPath)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if n := len(res.Cookies()); n != 2 {
					t.Errorf("session set %d cookies, want 2: %v", n, res.Header["Set-Cookie"])
				}
				req, _ := http.NewRequest(http.MethodGet, base+conformance.PathItems, nil)
				req.Header.Set("Origin", "https://a.example")
				res, err = c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				wantProto := "HTTP/2.0"
				if f.HTTP1Only() {
					wantProto = "HTTP/1.1"
				}
				if res.Proto != wantProto {
					t.Errorf("client saw %s, want %s", res.Proto, wantProto)
				}
				if got := res.Header.Get("Cache-Control"); got != "public, max-age=60" {
					t.Errorf("Cache-Control %q", got)
				}
				vary := strings.Join(res.Header.Values("Vary"), ", ")
				if clobber == "" && (!strings.Contains(vary, "Origin") || !strings.HasSuffix(vary, ", X-Late")) {
					t.Errorf("Vary %q: want Origin, and X-Late last", vary)
				}
				if clobber != "" && vary != clobber {
					t.Errorf("Vary %q, want it replaced by %q", vary, clobber)
				}
				mu.Lock()
				defer mu.Unlock()
				if len(protos) != 2 || protos[1] != wantProto {
					t.Errorf("server recorded %v, want two requests, the last %s", protos, wantProto)
				}
			})
		}
	}
}

// selfSigned returns a certificate for localhost and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
