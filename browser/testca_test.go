package browser

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"testing"
	"time"
)

// hostNames are the host names of the HTTPS suites: a registrable domain,
// its subdomains at two depths, and a look-alike that merely ends with the
// same letters. Nothing resolves them but the browser, which maps them to
// loopback.
type hostNames struct {
	Apex, API, App, Deep, Lookalike string
}

// names builds the set under a registrable domain.
func names(apex string) hostNames {
	return hostNames{Apex: apex, API: "api." + apex, App: "app." + apex, Deep: "a.b." + apex, Lookalike: "evil" + apex}
}

var (
	// testNames are under crossgate.test, a reserved name Chromium and
	// Firefox are told to map to loopback.
	testNames = names("crossgate.test")
	// localhostNames are under crossgate.localhost: WebKit resolves every
	// *.localhost name to loopback by itself (as Chromium and Firefox do),
	// which keeps its connections direct, hence HTTP/2; a proxy would make
	// them HTTP/1.1 (libsoup speaks HTTP/1.1 through a proxy).
	localhostNames = names("crossgate.localhost")
)

// all lists every name, for the certificate.
func (n hostNames) all() []string { return []string{n.Apex, n.API, n.App, n.Deep, n.Lookalike} }

// testPKI is a throwaway certificate authority and the one leaf it signed
// for every test name. Browsers are told to trust exactly this leaf (by
// the hash of its public key), never to ignore certificate errors at large.
type testPKI struct {
	Leaf tls.Certificate
	// CA is the authority's certificate, for clients that take a root.
	CA *x509.Certificate
	// SPKIHash is the base64 SHA-256 of the leaf's SubjectPublicKeyInfo,
	// the form Chromium's --ignore-certificate-errors-spki-list takes.
	SPKIHash string
}

// newTestPKI makes a CA and a leaf valid for an hour.
func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	now := time.Now()
	caKey := newKey(t)
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "crossgate throwaway test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key := newKey(t)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: testNames.API},
		// Every name is listed: a wildcard covers one label only, and
		// WebKit is given the leaf for each host it must accept.
		DNSNames:    append(testNames.all(), localhostNames.all()...),
		NotBefore:   now.Add(-time.Hour),
		NotAfter:    now.Add(time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return testPKI{
		Leaf:     tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key, Leaf: leaf},
		CA:       ca,
		SPKIHash: base64.StdEncoding.EncodeToString(sum[:]),
	}
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// serverTLS is the servers' configuration: the leaf, TLS 1.2 at least.
func (p testPKI) serverTLS() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{p.Leaf}, MinVersion: tls.VersionTLS12}
}
