package browser

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// nginxPath is Debian's nginx (package nginx-light, installed by
// scripts/install-browsers.sh), the shared cache the cache suite puts in
// front of every framework.
const nginxPath = "/usr/sbin/nginx"

// requireNginx fails the test when nginx is missing: a cache suite that
// quietly skips proves nothing, and CI must notice.
func requireNginx(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(nginxPath); err != nil {
		t.Fatalf("nginx is missing (%v).\nInstall it with:\n\tapt-get install -y nginx-light\n"+
			"(as root, after apt-get update), or run scripts/install-browsers.sh", err)
	}
}

// cacheSite is one site of the cache: nginx serves it on Listener and
// caches what Upstream answers.
type cacheSite struct {
	// Listener is the socket nginx serves the site on. The test binds it
	// and hands it to nginx (startNginx), so that no other server, nor
	// another site, can take its port between the choice and nginx's bind:
	// a port merely free a moment ago can be handed out again, and nginx
	// then serves two sites on one port from the first site's cache.
	Listener *net.TCPListener
	Upstream string
	// KeyOrigin adds the Origin to the cache key, the workaround for
	// caches that read Vary wrongly.
	KeyOrigin bool
}

// listenCacheSite binds the loopback socket nginx will serve a site on.
// The socket is closed when the test ends (nginx holds its own copy).
func listenCacheSite(t *testing.T) *net.TCPListener {
	t.Helper()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// siteID names site i of one nginx: its cache zone and directory, the
// prefix of its cache keys and its readiness answer, so that no site can
// read another's cached answers whatever their addresses.
func siteID(i int) string { return fmt.Sprintf("site%d", i) }

// readyPath is answered by nginx itself, with the site's id, on every
// site: the readiness check proves the site is served by this nginx.
const readyPath = "/.cache-ready"

// cacheLogFormat is what the cache's access log shows of each request: the
// Origin asked for, the Access-Control-Allow-Origin answered, and whether
// the answer came from the cache.
const cacheLogFormat = `'$server_port $request_method $request_uri origin=$http_origin ` +
	`acao=$sent_http_access_control_allow_origin vary=$upstream_http_vary cache=$upstream_cache_status'`

// nginxConfig is a configuration that keeps everything under dir (no root
// paths: pid, logs, temporary files and the caches), and caches for a
// minute the 200 and 204 answers of every site, each site in a cache zone
// and directory of its own. nginx caches only GET and HEAD here:
// proxy_cache_methods cannot name OPTIONS, so preflights always go to the
// upstream.
func nginxConfig(dir string, sites []cacheSite) string {
	var b strings.Builder
	if os.Geteuid() == 0 {
		// Workers would otherwise drop to nobody, who cannot write to the
		// test's temporary directory.
		b.WriteString("user root;\n")
	}
	fmt.Fprintf(&b, `worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log info;
events { worker_connections 256; }
http {
	log_format cache %[2]s;
	access_log %[1]s/access.log cache;
	client_body_temp_path %[1]s/tmp/body;
	proxy_temp_path %[1]s/tmp/proxy;
	fastcgi_temp_path %[1]s/tmp/fastcgi;
	uwsgi_temp_path %[1]s/tmp/uwsgi;
	scgi_temp_path %[1]s/tmp/scgi;
`, dir, cacheLogFormat)
	for i, s := range sites {
		id := siteID(i)
		key := id + " $scheme$proxy_host$request_uri"
		if s.KeyOrigin {
			key += "$http_origin"
		}
		fmt.Fprintf(&b, `	proxy_cache_path %[1]s/cache/%[2]s levels=1:2 keys_zone=%[2]s:1m max_size=10m inactive=10m;
	server {
		listen %[3]s;
		location = %[4]s {
			return 200 "%[2]s";
		}
		location / {
			proxy_pass http://%[5]s;
			proxy_http_version 1.1;
			proxy_cache %[2]s;
			proxy_cache_key "%[6]s";
			proxy_cache_valid 200 204 1m;
			add_header X-Cache-Status $upstream_cache_status always;
		}
	}
`, dir, id, s.Listener.Addr(), readyPath, s.Upstream, key)
	}
	b.WriteString("}\n")
	return b.String()
}

// nginxCache is a running nginx.
type nginxCache struct {
	dir    string
	cmd    *exec.Cmd
	exited <-chan error // receives once nginx has exited
}

// nginxStartTimeout bounds the wait for nginx to serve every site: it
// starts in milliseconds, so reaching the bound means it is broken (the
// test fails with its error log) rather than slow.
const nginxStartTimeout = 30 * time.Second

// startNginx writes the configuration for sites into a temporary
// directory, starts nginx in the foreground on the sites' listeners and
// waits until it serves every site. nginx is stopped when the test ends,
// and its access log and configuration are saved as artifacts.
func startNginx(t *testing.T, sites []cacheSite) *nginxCache {
	t.Helper()
	requireNginx(t)
	dir := t.TempDir()
	for _, d := range []string{"tmp", "cache"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConfig(dir, sites)), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(nginxPath, "-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = &out, &out
	// nginx takes listening sockets from its parent in the NGINX variable
	// (descriptors, each followed by ';'), the mechanism of its binary
	// upgrade: it serves every inherited socket whose address a listen
	// directive names, and binds nothing itself, so no port can be lost to
	// another server between the test choosing it and nginx serving it.
	var fds strings.Builder
	for i, s := range sites {
		f, err := s.Listener.File()
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close() // nginx holds its own copy once started
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
		fmt.Fprintf(&fds, "%d;", 3+i) // ExtraFiles[i] is descriptor 3+i
	}
	cmd.Env = append(os.Environ(), "NGINX="+fds.String())
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	// Handing a socket to a child puts it in blocking mode (os.File.Fd),
	// and nginx expects its inherited sockets non-blocking, as it leaves
	// its own; the mode belongs to the socket, so setting it here sets it
	// for nginx.
	for _, f := range cmd.ExtraFiles {
		if err := syscall.SetNonblock(int(f.Fd()), true); err != nil {
			t.Fatal(err)
		}
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	c := &nginxCache{dir: dir, cmd: cmd, exited: exited}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT) // graceful: finish requests, then exit
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		log, _ := os.ReadFile(filepath.Join(dir, "access.log"))
		errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		cfg, _ := os.ReadFile(conf)
		writeArtifacts(t, map[string][]byte{
			"cache-" + artifactName(t) + "-access.log": log,
			"cache-" + artifactName(t) + "-error.log":  errLog,
			"cache-" + artifactName(t) + "-nginx.conf": cfg,
		})
	})
	for i, s := range sites {
		if err := siteReady(s.Listener.Addr().String(), siteID(i), exited); err != nil {
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx does not serve %s on %s: %v\n%s\n%s", siteID(i), s.Listener.Addr(), err, out.String(), errLog)
		}
	}
	return c
}

// siteReady asks nginx for the readiness answer of site id on addr and
// checks it is that site's. It waits for what nginx does between start and
// serving (reading the configuration, starting its worker): the socket is
// listening from the start, so the request waits in its backlog rather
// than failing, and needs no retry. The wait is bounded by
// nginxStartTimeout, and ends early if nginx exits.
func siteReady(addr, id string, exited <-chan error) error {
	c := &http.Client{Timeout: nginxStartTimeout, Transport: &http.Transport{DisableKeepAlives: true}}
	type answer struct {
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := c.Get("http://" + addr + readyPath)
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err == nil && res.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d", res.StatusCode)
		}
		got <- answer{string(b), err}
	}()
	select {
	case err := <-exited:
		return fmt.Errorf("nginx exited: %v", err)
	case a := <-got:
		if a.err == nil && a.body != id {
			a.err = fmt.Errorf("the answer is %q's, another site's", a.body)
		}
		return a.err
	}
}

// nginxReadsOnlyLastVary reports whether the installed nginx caches by
// the last Vary line alone when an answer has several (fixed in 1.23.0).
func nginxReadsOnlyLastVary(t *testing.T) bool {
	t.Helper()
	out, err := exec.Command(nginxPath, "-v").CombinedOutput()
	if err != nil {
		t.Fatalf("nginx -v: %v", err)
	}
	var major, minor int
	_, v, _ := strings.Cut(strings.TrimSpace(string(out)), "nginx/")
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("nginx -v printed %q", out)
	}
	t.Logf("nginx %s", v)
	return major == 1 && minor < 23
}

// artifactName turns a test's name into part of a file name.
func artifactName(t *testing.T) string {
	return strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
}

// TestCacheSitesAreTheirOwn proves what the cache tests rely on: nginx
// serves each site on the socket the test bound for it, and the readiness
// check tells one site from another, so a site reached on a port that
// serves another site's cache (two sites given one port) fails at start
// instead of answering from the other's cache.
func TestCacheSitesAreTheirOwn(t *testing.T) {
	sites := []cacheSite{
		{Listener: listenCacheSite(t), Upstream: "127.0.0.1:9"},
		{Listener: listenCacheSite(t), Upstream: "127.0.0.1:9"},
	}
	n := startNginx(t, sites)
	if err := siteReady(sites[0].Listener.Addr().String(), siteID(0), n.exited); err != nil {
		t.Errorf("site 0 on its own socket: %v", err)
	}
	err := siteReady(sites[1].Listener.Addr().String(), siteID(0), n.exited)
	if err == nil || !strings.Contains(err.Error(), "another site's") {
		t.Errorf("site 1's socket taken for site 0's: %v, want an error naming another site's answer", err)
	}
	errLog, err := os.ReadFile(filepath.Join(n.dir, "error.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(errLog, []byte("using inherited sockets")) {
		t.Errorf("nginx did not take the test's sockets; its error log:\n%s", errLog)
	}
}
