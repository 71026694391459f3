package core_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/crossgate/crossgate/core"
)

// Origins decided at run time: the static list first, then the function,
// which sees only well-formed origins and cannot approve everything.
func ExampleConfig_originFunc() {
	tenants := map[string]bool{"https://acme.example.net": true} // a database, in an application
	policy, err := core.New(core.Config{
		Origins:     []string{"https://app.example.com"},
		OriginFunc:  func(origin string) bool { return tenants[origin] },
		Credentials: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, origin := range []string{"https://acme.example.net", "https://stranger.example.net", "http://acme.example.net"} {
		d := policy.Decide(core.Request{Method: "GET", Origin: []string{origin}})
		fmt.Println(origin, d.Allowed, d.Reason())
	}

	_, err = core.New(core.Config{OriginFunc: func(string) bool { return true }})
	fmt.Println(err != nil)
	// Output:
	// https://acme.example.net true allowed
	// https://stranger.example.net false origin "https://stranger.example.net" not allowed: no entry of Origins matches it and OriginFunc refused it (allowed: https://app.example.com)
	// http://acme.example.net false origin "http://acme.example.net" refused: plain http with Credentials, so OriginFunc was not asked (anyone on the network path can impersonate it)
	// true
}

// A policy written as data; a typo is an error, not a policy that allows
// nothing.
func ExampleConfig_UnmarshalJSON() {
	var cfg core.Config
	err := json.Unmarshal([]byte(`{"origins": ["https://app.example.com"], "methods": ["PUT"], "max_age": "10m"}`), &cfg)
	fmt.Println(cfg.Origins, cfg.Methods, cfg.MaxAge, err)

	err = json.Unmarshal([]byte(`{"allowed_origins": ["https://app.example.com"]}`), &cfg)
	fmt.Println(err)
	// Output:
	// [https://app.example.com] [PUT] 10m0s <nil>
	// crossgate: policy JSON: unknown field "allowed_origins": did you mean "origins"?
}

func ExampleConfigFromEnv() {
	os.Setenv("CORS_ORIGINS", "https://a.example.com, https://b.example.com")
	os.Setenv("CORS_MAX_AGE", "600")
	defer os.Unsetenv("CORS_ORIGINS")
	defer os.Unsetenv("CORS_MAX_AGE")
	cfg, err := core.ConfigFromEnv("CORS")
	fmt.Println(cfg.Origins, cfg.MaxAge, err)
	// Output: [https://a.example.com https://b.example.com] 10m0s <nil>
}

// A fleet's servers mount one policy file; each keeps its policy in step.
func ExamplePolicy_WatchFile() {
	dir, _ := os.MkdirTemp("", "policy")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "policy.json")
	os.WriteFile(path, []byte(`{"origins": ["https://a.example.com"]}`), 0o600)

	policy, _ := core.New(core.Config{Origins: []string{"https://start.example.com"}})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go policy.WatchFile(ctx, path, 10*time.Millisecond, func(err error) { fmt.Println(err) })

	for !policy.Decide(core.Request{Method: "GET", Origin: []string{"https://a.example.com"}}).Allowed {
		time.Sleep(time.Millisecond)
	}
	fmt.Println(policy.Config().Origins)
	// Output: [https://a.example.com]
}

// An admin form checks a tenant's origin before storing it.
func ExampleCheckOrigin() {
	for _, entry := range []string{"https://acme.example.net", "https://acme.example.net/"} {
		var ce *core.ConfigError
		if errors.As(core.CheckOrigin(entry), &ce) {
			fmt.Printf("%s: refused, as New would (%s[%d])\n", entry, ce.Field, ce.Index)
			continue
		}
		fmt.Printf("%s: fine\n", entry)
	}
	// Output:
	// https://acme.example.net: fine
	// https://acme.example.net/: refused, as New would (Origins[0])
}

func ExampleConfigErrors() {
	_, err := core.New(core.Config{Origins: []string{"https://App.example.com", "null"}})
	for _, ce := range core.ConfigErrors(err) {
		fmt.Println(ce.Field, ce.Index, ce.Value)
	}
	// Output:
	// Origins 0 https://App.example.com
	// Origins 1 null
}

// Read the policy back, add a tenant, and reconfigure.
func ExamplePolicy_Config() {
	policy, _ := core.New(core.Config{Origins: []string{"https://a.example.com"}})
	cfg := policy.Config()
	cfg.Origins = append(cfg.Origins, "https://b.example.com")
	fmt.Println(policy.Reconfigure(cfg), policy.Config().Origins)
	// Output: <nil> [https://a.example.com https://b.example.com]
}
