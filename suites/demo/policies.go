package demo

import (
	"time"

	"github.com/crossgate/crossgate/core"
)

// PolicyName names one of the demo's policies. Every framework is served
// once per policy, on its own port, because a server has one policy and the
// browser's caches are keyed by URL: separate ports keep the scenarios of one
// policy from warming the caches of another.
type PolicyName string

const (
	// PolicyMain is the policy most scenarios run against: two exact origins,
	// credentials, a custom request header, one exposed header and a long
	// preflight cache.
	PolicyMain PolicyName = "main"
	// PolicyAny allows every origin with "*", which the standard only lets
	// through without credentials.
	PolicyAny PolicyName = "any"
	// PolicyNoCache is PolicyMain with a negative MaxAge, which crossgate
	// answers with Access-Control-Max-Age: 0 so that browsers never cache.
	PolicyNoCache PolicyName = "nocache"
)

// policyNames lists the policies in the order they are served.
var policyNames = []PolicyName{PolicyMain, PolicyAny, PolicyNoCache}

// mainMaxAge is long enough that the cached preflight outlives the demo run
// and short enough to sit under Chromium's 2-hour cap.
const mainMaxAge = 10 * time.Minute

// Header names the scenarios use. The application sends X-Exposed and
// X-Hidden on every answer; only the first is in ExposedHeaders.
const (
	headerToken     = "X-Token"     // allowed request header
	headerForbidden = "X-Forbidden" // request header no policy allows
	headerExposed   = "X-Exposed"
	headerHidden    = "X-Hidden"
	headerApp       = "X-App"
)

// configFor returns the configuration of a policy. home and second are the
// two page origins the credentialed policies trust: home listed in Origins,
// second approved at run time by an OriginFunc that stands for a lookup of
// an application's tenants.
func configFor(name PolicyName, home, second string) core.Config {
	cfg := core.Config{
		Origins:        []string{home},
		OriginFunc:     func(origin string) bool { return origin == second },
		Methods:        []string{"GET", "POST", "PUT", "DELETE"},
		RequestHeaders: []string{headerToken, "Content-Type"},
		ExposedHeaders: []string{headerExposed},
		Credentials:    true,
		MaxAge:         mainMaxAge,
	}
	switch name {
	case PolicyAny:
		cfg.Origins = []string{"*"}
		cfg.OriginFunc = nil
		cfg.Credentials = false
	case PolicyNoCache:
		cfg.MaxAge = -time.Second
	}
	return cfg
}
