package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/crossgate/crossgate/core"
)

// This file reads a policy for "crossgate explain": a JSON object whose
// fields are core.Config's, and the same fields as flags. It stands alone
// so that it can give way to core's own JSON form of Config.

// policyFile is the JSON form of core.Config.
type policyFile struct {
	Origins                         []string `json:"origins"`
	Methods                         []string `json:"methods"`
	RequestHeaders                  []string `json:"request_headers"`
	ExposedHeaders                  []string `json:"exposed_headers"`
	Credentials                     bool     `json:"credentials"`
	MaxAge                          maxAge   `json:"max_age"`
	PreflightStatus                 int      `json:"preflight_status"`
	PassPreflight                   bool     `json:"pass_preflight"`
	PrivateNetwork                  bool     `json:"private_network"`
	DangerouslyAllowInsecureOrigins bool     `json:"dangerously_allow_insecure_origins"`
}

// maxAge is written "10m" (a Go duration) or 600 (seconds).
type maxAge time.Duration

func (m *maxAge) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("max_age %q: write a duration such as \"10m\" or a number of seconds", s)
		}
		*m = maxAge(d)
		return nil
	}
	var n int64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("max_age %s: write a duration such as \"10m\" or a number of seconds", b)
	}
	*m = maxAge(time.Duration(n) * time.Second)
	return nil
}

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
	var f policyFile
	if p.file != "" {
		data, err := os.ReadFile(p.file)
		if err != nil {
			return core.Config{}, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return core.Config{}, fmt.Errorf("%s: %w", p.file, err)
		}
		if dec.More() {
			return core.Config{}, fmt.Errorf("%s: more than one JSON value: write one object", p.file)
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
		var quoted []byte
		if _, err := strconv.Atoi(p.maxAge); err == nil {
			quoted = []byte(p.maxAge)
		} else {
			quoted = []byte(strconv.Quote(p.maxAge))
		}
		if err := f.MaxAge.UnmarshalJSON(quoted); err != nil {
			return core.Config{}, err
		}
	}
	if p.file == "" && len(f.Origins) == 0 {
		return core.Config{}, fmt.Errorf("explain needs a policy: --config policy.json, or --allow-origin and the other --allow flags")
	}
	return core.Config{
		Origins:                         f.Origins,
		Methods:                         f.Methods,
		RequestHeaders:                  f.RequestHeaders,
		ExposedHeaders:                  f.ExposedHeaders,
		Credentials:                     f.Credentials,
		MaxAge:                          time.Duration(f.MaxAge),
		PreflightStatus:                 f.PreflightStatus,
		PassPreflight:                   f.PassPreflight,
		PrivateNetwork:                  f.PrivateNetwork,
		DangerouslyAllowInsecureOrigins: f.DangerouslyAllowInsecureOrigins,
	}, nil
}
