package browser

import (
	"bytes"
	"fmt"
	"net"
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

// cacheSite is one site of the cache: nginx listens on Listen and caches
// what Upstream answers.
type cacheSite struct {
	Listen, Upstream string
	// KeyOrigin adds the Origin to the cache key, the workaround for
	// caches that read Vary wrongly.
	KeyOrigin bool
}

// cacheLogFormat is what the cache's access log shows of each request: the
// Origin asked for, the Access-Control-Allow-Origin answered, and whether
// the answer came from the cache.
const cacheLogFormat = `'$server_port $request_method $request_uri origin=$http_origin ` +
	`acao=$sent_http_access_control_allow_origin vary=$upstream_http_vary cache=$upstream_cache_status'`

// nginxConfig is a configuration that keeps everything under dir (no root
// paths: pid, logs, temporary files and the cache), and caches for a
// minute the 200 and 204 answers of every site. nginx caches only GET and
// HEAD here: proxy_cache_methods cannot name OPTIONS, so preflights always
// go to the upstream.
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
	proxy_cache_path %[1]s/cache levels=1:2 keys_zone=cors:1m max_size=10m inactive=10m;
`, dir, cacheLogFormat)
	for _, s := range sites {
		key := ""
		if s.KeyOrigin {
			key = "\n\t\t\tproxy_cache_key $scheme$proxy_host$request_uri$http_origin;"
		}
		fmt.Fprintf(&b, `	server {
		listen %s;
		location / {%s
			proxy_pass http://%s;
			proxy_http_version 1.1;
			proxy_cache cors;
			proxy_cache_valid 200 204 1m;
			add_header X-Cache-Status $upstream_cache_status always;
		}
	}
`, s.Listen, key, s.Upstream)
	}
	b.WriteString("}\n")
	return b.String()
}

// nginxCache is a running nginx.
type nginxCache struct {
	dir string
	cmd *exec.Cmd
}

// startNginx writes the configuration for sites into a temporary
// directory, starts nginx in the foreground and waits until every site
// accepts connections. nginx is stopped when the test ends, and its access
// log and configuration are saved as artifacts.
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
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx: %v", err)
	}
	c := &nginxCache{dir: dir, cmd: cmd}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT) // graceful: finish requests, then exit
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		log, _ := os.ReadFile(filepath.Join(dir, "access.log"))
		cfg, _ := os.ReadFile(conf)
		writeArtifacts(t, map[string][]byte{
			"cache-" + artifactName(t) + "-access.log": log,
			"cache-" + artifactName(t) + "-nginx.conf": cfg,
		})
	})
	for _, s := range sites {
		if err := waitListening(s.Listen, 10*time.Second); err != nil {
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx did not listen on %s: %v\n%s\n%s", s.Listen, err, out.String(), errLog)
		}
	}
	return c
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

// freeAddr returns a loopback address that was free a moment ago, for a
// server that must bind it itself (nginx).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitListening polls addr until it accepts a connection.
func waitListening(addr string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
