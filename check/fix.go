package check

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/crossgate/crossgate/core"
)

// serverMustSend is the answer that lets c through, exchange by exchange.
func serverMustSend(c *Call, p Plan) []string {
	var out []string
	if p.Preflight {
		pre := []string{"Access-Control-Allow-Origin: " + c.Origin}
		if c.Credentials {
			pre = append(pre, "Access-Control-Allow-Credentials: true")
		}
		if !IsSafelistedMethod(p.Method) {
			pre = append(pre, "Access-Control-Allow-Methods: "+p.Method)
		}
		if len(p.Unsafe) > 0 {
			pre = append(pre, "Access-Control-Allow-Headers: "+strings.Join(p.Unsafe, ", "))
		}
		out = append(out, "to the preflight (OPTIONS), status 204 (any 200-299) with "+strings.Join(pre, "; "))
	}
	act := []string{"Access-Control-Allow-Origin: " + c.Origin, "Vary: Origin"}
	if c.Credentials {
		act = append(act, "Access-Control-Allow-Credentials: true")
	}
	out = append(out, "to the "+p.Method+" itself, any status with "+strings.Join(act, "; "))
	return out
}

// configFor writes, as Go, the smallest crossgate Config that allows c,
// after checking with core.New that it is one; err says why none can.
func configFor(c *Call, p Plan) (string, error) {
	cfg := core.Config{Origins: []string{c.Origin}, Credentials: c.Credentials}
	if !IsSafelistedMethod(p.Method) {
		cfg.Methods = []string{p.Method}
	}
	for _, n := range p.Unsafe {
		cfg.RequestHeaders = append(cfg.RequestHeaders, http.CanonicalHeaderKey(n))
	}
	if _, err := core.New(cfg); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("core.Config{\n")
	field := func(name, value string) { fmt.Fprintf(&b, "\t%-15s %s,\n", name+":", value) }
	field("Origins", goStrings(cfg.Origins))
	if cfg.Methods != nil {
		field("Methods", goStrings(cfg.Methods))
	}
	if cfg.RequestHeaders != nil {
		field("RequestHeaders", goStrings(cfg.RequestHeaders))
	}
	if cfg.Credentials {
		field("Credentials", "true")
	}
	b.WriteString("}")
	return b.String(), nil
}

func goStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// addFix fills in, for a blocked call, what would allow it.
func (r *Report) addFix(c *Call, p Plan) {
	r.ServerMustSend = serverMustSend(c, p)
	cfg, err := configFor(c, p)
	if err != nil {
		r.add(Info, "no crossgate Config allows this call: "+strings.ReplaceAll(err.Error(), "\n", "; "))
		return
	}
	r.Config = cfg
}
