package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/crossgate/crossgate/core"
)

// This file reads a policy for "crossgate explain": a JSON object in
// core.Config's JSON form, and the same fields as flags.

// policyFlags are the Config fields as flags, added to (or, for the
// scalars, overriding) the file's.
type policyFlags struct {
	file                                                 string
	origins, methods, headers, exposed                   listFlag
	credentials, passPreflight, privateNetwork, insecure bool
	maxAge                                               string
	preflightStatus                                      int
}

func (p *policyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.file, "config", "", "a policy file: a JSON object with origins, methods, request_headers, exposed_headers, credentials, max_age, preflight_status, pass_preflight, private_network, dangerously_allow_insecure_origins")
	fs.Var(&p.origins, "allow-origin", "an allowed origin or pattern (repeatable)")
	fs.Var(&p.methods, "allow-method", "an allowed method (repeatable)")
	fs.Var(&p.headers, "allow-header", "an allowed request header (repeatable)")
	fs.Var(&p.exposed, "expose-header", "an exposed response header (repeatable)")
	fs.BoolVar(&p.credentials, "allow-credentials", false, "the policy allows credentials")
	fs.StringVar(&p.maxAge, "max-age", "", "how long a preflight may be cached: \"10m\" or seconds")
	fs.IntVar(&p.preflightStatus, "preflight-status", 0, "the status of an allowed preflight (default 204)")
	fs.BoolVar(&p.passPreflight, "pass-preflight", false, "allowed preflights reach the application")
	fs.BoolVar(&p.privateNetwork, "private-network", false, "answer Private Network Access preflights")
	fs.BoolVar(&p.insecure, "dangerously-allow-insecure-origins", false, "allow plain-http origins with credentials")
}

// config reads the file, if any, adds the flags, and returns the Config.
func (p *policyFlags) config() (core.Config, error) {
	var f core.Config
	if p.file != "" {
		data, err := os.ReadFile(p.file)
		if err != nil {
			return core.Config{}, err
		}
		// core's errors say "crossgate: policy JSON: ...", and main
		// starts the line with "crossgate: " already.
		if err := f.UnmarshalJSON(data); err != nil {
			return core.Config{}, fmt.Errorf("%s: %s", p.file, strings.TrimPrefix(err.Error(), "crossgate: "))
		}
	}
	f.Origins = append(f.Origins, p.origins...)
	f.Methods = append(f.Methods, p.methods...)
	f.RequestHeaders = append(f.RequestHeaders, p.headers...)
	f.ExposedHeaders = append(f.ExposedHeaders, p.exposed...)
	f.Credentials = f.Credentials || p.credentials
	f.PassPreflight = f.PassPreflight || p.passPreflight
	f.PrivateNetwork = f.PrivateNetwork || p.privateNetwork
	f.DangerouslyAllowInsecureOrigins = f.DangerouslyAllowInsecureOrigins || p.insecure
	if p.preflightStatus != 0 {
		f.PreflightStatus = p.preflightStatus
	}
	if p.maxAge != "" {
		// core's JSON form reads a duration or whole seconds, quoted or not.
		var m core.Config
		if err := json.Unmarshal([]byte(`{"max_age": `+strconv.Quote(p.maxAge)+`}`), &m); err != nil {
			return core.Config{}, fmt.Errorf("--max-age: %w", err)
		}
		f.MaxAge = m.MaxAge
	}
	if p.file == "" && len(f.Origins) == 0 {
		return core.Config{}, fmt.Errorf("explain needs a policy: --config policy.json, or --allow-origin and the other --allow flags")
	}
	return f, nil
}
