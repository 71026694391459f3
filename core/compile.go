package core

import (
	"errors"
	"strconv"
	"time"
)

// compiled is the immutable form of a Config that Decide reads: every check
// prepared, and every header value that does not depend on the request
// precomputed as the one-element line a response carries.
type compiled struct {
	// owner is the Policy this is installed in, whose refusal hook it
	// reports to; nil in
	// the quiet copy Explain decides with.
	owner *Policy

	// The flags and Vary lines every CORS decision reads come first, next to
	// hook: in this order a preflight decides about 10% faster than with
	// them after the matchers (measured, BenchmarkDecide/preflight-ok).
	credentials     bool
	passPreflight   bool
	privateNetwork  bool
	preflightStatus int
	// reflectMethod and reflectHeaders: "*" with Credentials, where browsers
	// read "*" literally (Fetch, #cors-preflight-fetch-0), so the validated
	// request values are echoed instead.
	reflectMethod  bool
	reflectHeaders bool
	varyActual     []string
	varyPreflight  []string

	origins originMatcher
	// originFunc is Config.OriginFunc with its guards; nil when unset.
	originFunc *originFunc
	methods    methodMatcher
	headers    headerMatcher

	// config is the Config this was compiled from, for Policy.Config.
	config Config

	// The answer of each outcome, and the whole Decision for requests
	// without an Origin, which depends on nothing in the request.
	notCORS       Decision
	actualAllowed answer
	// preflightAllowed is indexed by preflightVariant.
	preflightAllowed [4]answer
	methodRefused    answer
	headerRefused    answer
}

// Variants of an allowed preflight's answer, as bits of an index: whether
// it answers Private Network Access, and whether it echoes no request
// headers because the preflight asked for none (with Credentials and "*").
const (
	variantPrivateNetwork = 1 << iota
	variantNoHeaders
)

// line makes a one-element slice whose capacity is one (see Field).
func line(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}[:1:1]
}

var (
	lineStar   = line("*")
	lineTrue   = line("true")
	lineOrigin = line("Origin")
)

// compile checks every field of cfg and returns all problems at once.
func compile(cfg Config) (*compiled, error) {
	var ps problems
	rules, anyOrigin := compileOrigins(cfg, &ps)
	originFn := compileOriginFunc(cfg, anyOrigin, &ps)
	var lines answerLines
	c := &compiled{
		config:         cfg.clone(),
		origins:        newOriginMatcher(rules, anyOrigin),
		originFunc:     originFn,
		methods:        compileMethods(cfg.Methods, &ps),
		headers:        compileRequestHeaders(cfg.RequestHeaders, &ps),
		credentials:    cfg.Credentials,
		passPreflight:  cfg.PassPreflight,
		privateNetwork: cfg.PrivateNetwork,
	}
	lines.exposeHeaders = line(compileExposedHeaders(cfg.ExposedHeaders, cfg.Credentials, &ps))
	lines.maxAge = line(compileMaxAge(cfg.MaxAge, &ps))
	c.preflightStatus = compilePreflightStatus(cfg.PreflightStatus, &ps)
	if len(ps) > 0 {
		return nil, errors.Join(ps...)
	}

	c.reflectMethod = c.methods.any && cfg.Credentials
	c.reflectHeaders = c.headers.any && cfg.Credentials
	if !c.methods.any {
		lines.listedMethods = line(c.methods.allowed)
	}
	if !c.headers.any {
		lines.listedHeaders = line(c.headers.allowed)
	}
	lines.allowMethods, lines.allowHeaders = lines.listedMethods, lines.listedHeaders
	if c.methods.any && !cfg.Credentials {
		lines.allowMethods = line(c.methods.allowed)
	}
	if c.headers.any && !cfg.Credentials {
		lines.allowHeaders = line(c.headers.allowed)
	}

	// Fetch, #cors-protocol-and-http-caches: a response whose CORS headers
	// depend on Origin must say so, or a cache replays it to another origin.
	// The "*" policy answers the same to everyone and needs no Vary.
	if !anyOrigin {
		c.varyActual = lineOrigin
	}
	vary := "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	if cfg.PrivateNetwork {
		vary += ", Access-Control-Request-Private-Network"
	}
	c.varyPreflight = line(vary)
	c.buildAnswers(&lines)
	return c, nil
}

// answerLines are the header values the answers carry, computed by compile
// for buildAnswers only; nil when a header is not sent.
type answerLines struct {
	allowMethods  []string // explicit list, or "*" without credentials
	allowHeaders  []string // explicit list, "*", or "*, authorization"
	listedMethods []string // explicit list only: what refusals show
	listedHeaders []string
	exposeHeaders []string
	maxAge        []string
}

func compileOrigins(cfg Config, ps *problems) (rules []originRule, anyOrigin bool) {
	if len(cfg.Origins) == 0 && cfg.OriginFunc == nil {
		ps.add("Origins", -1, "", "no origin listed: every CORS request would be refused",
			`list origins such as "https://app.example.com", or "*" for a public API without credentials`)
	}
	return compileOriginEntries(cfg, cfg.OriginFunc == nil, ps)
}

// maxMaxAge is the longest preflight cache life crossgate accepts: Firefox's
// cap (Chromium caps at 2 hours; Fetch, #cors-preflight-cache, lets each
// browser choose).
const maxMaxAge = 24 * time.Hour

func compileMaxAge(d time.Duration, ps *problems) string {
	switch {
	case d == 0:
		return ""
	case d < 0:
		// Send 0, not -1: Chromium does not cache -1 either, but the standard
		// reads an unparsable value as its 5 second default.
		return "0"
	case d > maxMaxAge:
		ps.addField("MaxAge", d.String(), "longer than 24h, which browsers cap it to",
			"write 24*time.Hour", maxMaxAge.String(), " or less (Chromium caps at 2h)")
	case d < time.Second:
		// MaxAge: 600 is 600ns: the mistake of everyone coming from a
		// library whose MaxAge is an int of seconds.
		if meant := d * time.Second; meant <= maxMaxAge {
			ps.addField("MaxAge", d.String(), "less than a second: a time.Duration counts nanoseconds",
				"write "+strconv.FormatInt(int64(d), 10)+"*time.Second", meant.String(), " if you meant seconds")
		} else {
			ps.addField("MaxAge", d.String(), "less than a second: a time.Duration counts nanoseconds, and as seconds it is longer than 24h, which browsers cap it to",
				"write 24*time.Hour", maxMaxAge.String(), " if you meant seconds")
		}
	case d%time.Second != 0:
		whole := d.Round(time.Second)
		ps.addField("MaxAge", d.String(), "not whole seconds: Access-Control-Max-Age counts seconds",
			"write "+strconv.FormatInt(int64(whole/time.Second), 10)+"*time.Second", whole.String(), "")
	}
	return strconv.FormatInt(int64(d/time.Second), 10)
}

func compilePreflightStatus(s int, ps *problems) int {
	if s == 0 {
		return 204
	}
	// Fetch, #cors-preflight-fetch-0: a preflight passes only with an ok
	// status (200-299).
	if s < 200 || s > 299 {
		ps.addField("PreflightStatus", strconv.Itoa(s), "browsers fail preflights answered outside 200-299",
			"write 204", "204", " (the default, also meant by 0) or 200")
	}
	return s
}

// buildAnswers precomputes the header fields of every outcome, so that
// Decide only picks one and points at the request's lines where a field
// echoes them.
func (c *compiled) buildAnswers(l *answerLines) {
	allowOrigin := field{name: headerAllowOrigin, from: linesOrigin}
	if c.origins.any {
		allowOrigin = field{name: headerAllowOrigin, lines: lineStar}
	}
	credentials := field{name: headerAllowCredentials}
	if c.credentials {
		credentials.lines = lineTrue
	}
	expose := field{name: headerExposeHeaders, lines: l.exposeHeaders}
	methods := field{name: headerAllowMethods, lines: l.allowMethods}
	if c.reflectMethod {
		methods = field{name: headerAllowMethods, from: linesMethod}
	}
	headers := field{name: headerAllowHeaders, lines: l.allowHeaders}
	if c.reflectHeaders {
		headers = field{name: headerAllowHeaders, from: linesHeaders}
	}
	listedMethods := field{name: headerAllowMethods, lines: l.listedMethods}
	listedHeaders := field{name: headerAllowHeaders, lines: l.listedHeaders}
	maxAge := field{name: headerMaxAge, lines: l.maxAge}
	privateNetwork := field{name: headerAllowPrivateNetwork, lines: lineTrue}

	// Fetch, #http-responses: what every allowed non-preflight response carries.
	c.actualAllowed = newAnswer(actualNames, allowOrigin, credentials, expose)
	noField := field{}
	for v := range c.preflightAllowed {
		pna, hs := noField, headers
		if v&variantPrivateNetwork != 0 {
			pna = privateNetwork
		}
		if v&variantNoHeaders != 0 && c.reflectHeaders {
			hs = noField
		}
		c.preflightAllowed[v] = newAnswer(preflightNames, allowOrigin, credentials, methods, hs, maxAge, pna)
	}
	// Refusals show the explicit lists, never "*" (see docs/SEMANTICS.md);
	// a header refusal keeps the allowed method answer so that the browser
	// does not blame the method.
	c.methodRefused = newAnswer(preflightNames, allowOrigin, credentials, listedMethods, listedHeaders)
	c.headerRefused = newAnswer(preflightNames, allowOrigin, credentials, methods, listedHeaders)

	// A request without Origin varies like an actual one: the answer to
	// the same URL with an Origin differs from it.
	c.notCORS = Decision{Allowed: true, Vary: c.varyActual}
	if c.origins.any {
		// Fetch, #cors-protocol-and-http-caches: a "*" answer goes on
		// every response, so a cached one serves CORS requests too.
		c.notCORS.answer = &c.actualAllowed
	}
}

// newAnswer keeps the fields that are sent: those with lines, and those
// that echo the request. Of names, the CORS headers a response of its kind
// can carry, those it does not send are stale (see Decision.Stale).
func newAnswer(names []string, fields ...field) answer {
	var a answer
	sent := map[string]bool{}
	for _, f := range fields {
		if len(f.lines) > 0 || f.from != linesNone {
			a.fields = append(a.fields, f)
			sent[f.name] = true
		}
	}
	for _, n := range names {
		if !sent[n] {
			a.stale = append(a.stale, n)
		}
	}
	a.stale = a.stale[:len(a.stale):len(a.stale)]
	return a
}
