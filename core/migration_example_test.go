package core_test

// These examples keep docs/migrate/ honest: each builds the crossgate
// Config that the guide gives for a typical configuration of another Go CORS
// middleware, and prints what the policy answers, so a change in crossgate's
// behaviour that the guide describes fails here first.

import (
	"fmt"
	"strings"
	"time"

	"github.com/crossgate/crossgate/core"
)

// printDecision prints what a policy answers for one request: its kind,
// whether it is allowed (and why not), whether the middleware ends it, and
// the headers an adapter writes.
func printDecision(p *core.Policy, r core.Request) {
	d := p.Decide(r)
	fmt.Printf("%s allowed=%t", d.Kind, d.Allowed)
	if d.End {
		fmt.Printf(" ended with %d", d.Status)
	} else {
		fmt.Print(" handed to the application")
	}
	fmt.Println()
	if !d.Allowed {
		fmt.Println("  reason:", d.Reason())
	}
	for name, values := range d.Headers() {
		fmt.Printf("  %s: %s\n", name, strings.Join(values, ", "))
	}
	if len(d.Vary) > 0 {
		fmt.Printf("  Vary (appended): %s\n", strings.Join(d.Vary, ", "))
	}
}

// printConfigErrors prints the field and problem of each error New found,
// not the suggested fix, which is worded for people.
func printConfigErrors(err error) {
	for _, ce := range core.ConfigErrors(err) {
		field := ce.Field
		if ce.Index >= 0 {
			field = fmt.Sprintf("%s[%d]", ce.Field, ce.Index)
		}
		fmt.Printf("refused at New: %s %q: %s\n", field, ce.Value, ce.Problem)
	}
}

// From rs/cors:
//
//	cors.New(cors.Options{
//		AllowedOrigins:       []string{"https://app.example.com", "https://*.example.com"},
//		AllowedMethods:       []string{"GET", "POST", "PUT", "DELETE"},
//		AllowedHeaders:       []string{"Content-Type", "Authorization"},
//		ExposedHeaders:       []string{"X-Request-Id"},
//		AllowCredentials:     true,
//		MaxAge:               600,
//		OptionsSuccessStatus: 200,
//	})
func Example_fromRsCors() {
	cfg := core.Config{
		Origins:         []string{"https://app.example.com", "https://*.example.com"},
		Methods:         []string{"PUT", "DELETE"}, // GET, HEAD and POST are always allowed
		RequestHeaders:  []string{"Content-Type", "Authorization"},
		ExposedHeaders:  []string{"X-Request-Id"},
		Credentials:     true,
		MaxAge:          600, // copied as is from rs/cors: 600ns
		PreflightStatus: 200,
	}
	_, err := core.New(cfg)
	printConfigErrors(err)

	cfg.MaxAge = 600 * time.Second // MaxAge is a time.Duration
	p, err := core.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	printDecision(p, core.Request{
		Method:         "OPTIONS",
		Origin:         []string{"https://admin.example.com"},
		RequestMethod:  []string{"DELETE"},
		RequestHeaders: []string{"authorization,content-type"},
	})
	// rs/cors answers a refused origin with its success status; crossgate with 403.
	printDecision(p, core.Request{
		Method:        "OPTIONS",
		Origin:        []string{"https://evil.test"},
		RequestMethod: []string{"DELETE"},
	})
	// "*." never matches the domain itself, unlike rs/cors's "*" for zero or more characters.
	printDecision(p, core.Request{Method: "GET", Origin: []string{"https://example.com"}})
	// Output:
	// refused at New: MaxAge "600ns": less than a second: a time.Duration counts nanoseconds
	// preflight allowed=true ended with 200
	//   Access-Control-Allow-Origin: https://admin.example.com
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Access-Control-Allow-Headers: content-type, authorization
	//   Access-Control-Max-Age: 600
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// preflight allowed=false ended with 403
	//   reason: origin "https://evil.test" not allowed (allowed: https://app.example.com, https://*.example.com)
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// actual allowed=false handed to the application
	//   reason: origin "https://example.com" not allowed (allowed: https://app.example.com, https://*.example.com)
	//   Vary (appended): Origin
}

// From go-chi/cors (the configuration its README shows):
//
//	r.Use(cors.Handler(cors.Options{
//		AllowedOrigins:   []string{"https://*", "http://*"},
//		AllowedMethods:   []string{"GET", "POST", "PUT", "DELETE", "OPTIONS"},
//		AllowedHeaders:   []string{"Accept", "Authorization", "Content-Type", "X-CSRF-Token"},
//		ExposedHeaders:   []string{"Link"},
//		AllowCredentials: false,
//		MaxAge:           300,
//	}))
func Example_fromGoChiCors() {
	p, err := core.New(core.Config{
		Origins:         []string{"*"}, // "https://*" and "http://*" together match every web origin
		Methods:         []string{"PUT", "DELETE"},
		RequestHeaders:  []string{"Accept", "Authorization", "Content-Type", "X-CSRF-Token"},
		ExposedHeaders:  []string{"Link"},
		MaxAge:          300 * time.Second,
		PreflightStatus: 200, // go-chi/cors always answers 200
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	printDecision(p, core.Request{
		Method:         "OPTIONS",
		Origin:         []string{"https://any.example"},
		RequestMethod:  []string{"PUT"},
		RequestHeaders: []string{"content-type,x-csrf-token"},
	})
	// go-chi/cors upper-cases the requested method; fetch sends "patch" as written.
	printDecision(p, core.Request{
		Method:        "OPTIONS",
		Origin:        []string{"https://any.example"},
		RequestMethod: []string{"patch"},
	})
	// With "*", no Vary on allowed and non-CORS answers: they are the same for everyone.
	printDecision(p, core.Request{Method: "GET", Origin: []string{"https://any.example"}})
	// Output:
	// preflight allowed=true ended with 200
	//   Access-Control-Allow-Origin: *
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Access-Control-Allow-Headers: accept, authorization, content-type, x-csrf-token
	//   Access-Control-Max-Age: 300
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// preflight allowed=false ended with 200
	//   reason: method "patch" not allowed (allowed: PUT, DELETE)
	//   Access-Control-Allow-Origin: *
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Access-Control-Allow-Headers: accept, authorization, content-type, x-csrf-token
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// actual allowed=true handed to the application
	//   Access-Control-Allow-Origin: *
	//   Access-Control-Expose-Headers: Link
}

// From gin-contrib/cors, starting from its DefaultConfig:
//
//	config := cors.DefaultConfig()
//	config.AllowOrigins = []string{"https://app.example.com"}
//	config.AllowCredentials = true
//	config.AddAllowHeaders("Authorization")
//	r.Use(cors.New(config))
func Example_fromGinContrib() {
	cfg := core.Config{
		Origins: []string{"https://app.example.com"},
		// DefaultConfig's AllowMethods, copied as is.
		Methods: []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"},
		// DefaultConfig's AllowHeaders plus Authorization, copied as is.
		RequestHeaders: []string{"Origin", "Content-Length", "Content-Type", "Authorization"},
		Credentials:    true,
		MaxAge:         12 * time.Hour,
	}
	_, err := core.New(cfg)
	printConfigErrors(err)

	cfg.Methods = []string{"PUT", "PATCH", "DELETE"}
	cfg.RequestHeaders = []string{"Content-Type", "Authorization"}
	p, err := core.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	// gin-contrib/cors answers 403 and never runs the handler; crossgate runs it
	// without CORS headers and lets the browser withhold the response.
	printDecision(p, core.Request{Method: "POST", Origin: []string{"https://evil.test"}})
	// gin-contrib/cors ends every OPTIONS that has an Origin; crossgate only preflights.
	printDecision(p, core.Request{Method: "OPTIONS", Origin: []string{"https://app.example.com"}})
	// Output:
	// refused at New: RequestHeaders[0] "Origin": scripts can never set this header (Fetch: forbidden request-header)
	// refused at New: RequestHeaders[1] "Content-Length": scripts can never set this header (Fetch: forbidden request-header)
	// actual allowed=false handed to the application
	//   reason: origin "https://evil.test" not allowed (allowed: https://app.example.com)
	//   Vary (appended): Origin
	// actual allowed=true handed to the application
	//   Access-Control-Allow-Origin: https://app.example.com
	//   Access-Control-Allow-Credentials: true
	//   Vary (appended): Origin
}

// From echo's middleware.CORSWithConfig, which reflects whatever request
// headers a preflight asks for when AllowHeaders is empty:
//
//	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
//		AllowOrigins: []string{"https://app.example.com"},
//		AllowMethods: []string{http.MethodGet, http.MethodPut, http.MethodDelete},
//	}))
func Example_fromEcho() {
	cfg := core.Config{
		Origins: []string{"https://app.example.com"},
		Methods: []string{"PUT", "DELETE"},
	}
	p, err := core.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	jsonPut := core.Request{
		Method:         "OPTIONS",
		Origin:         []string{"https://app.example.com"},
		RequestMethod:  []string{"PUT"},
		RequestHeaders: []string{"content-type"},
	}
	// An empty RequestHeaders allows no request header: list them.
	printDecision(p, jsonPut)
	cfg.RequestHeaders = []string{"Content-Type"}
	if err := p.Reconfigure(cfg); err != nil {
		fmt.Println(err)
		return
	}
	printDecision(p, jsonPut)
	// Output:
	// preflight allowed=false ended with 204
	//   reason: request header "content-type" not allowed
	//   Access-Control-Allow-Origin: https://app.example.com
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// preflight allowed=true ended with 204
	//   Access-Control-Allow-Origin: https://app.example.com
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Access-Control-Allow-Headers: content-type
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
}

// From fiber's middleware/cors, whose lists are comma-separated strings:
//
//	app.Use(cors.New(cors.Config{
//		AllowOrigins:     "https://app.example.com, https://*.example.com",
//		AllowHeaders:     "Origin, Content-Type, Accept",
//		AllowCredentials: true,
//		MaxAge:           3600,
//	}))
func Example_fromFiber() {
	p, err := core.New(core.Config{
		Origins: []string{"https://app.example.com", "https://*.example.com"},
		// fiber's default AllowMethods beyond GET, HEAD and POST.
		Methods:        []string{"PUT", "DELETE", "PATCH"},
		RequestHeaders: []string{"Content-Type", "Accept"}, // "Origin" dropped: scripts cannot set it
		Credentials:    true,
		MaxAge:         time.Hour,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	printDecision(p, core.Request{
		Method:        "OPTIONS",
		Origin:        []string{"https://a.b.example.com"},
		RequestMethod: []string{"PATCH"},
	})
	// fiber answers 204 with Allow-Methods, Allow-Headers and Max-Age but no
	// Allow-Origin; crossgate answers 403 with no CORS header.
	printDecision(p, core.Request{
		Method:        "OPTIONS",
		Origin:        []string{"https://evilexample.com"},
		RequestMethod: []string{"PATCH"},
	})
	// Output:
	// preflight allowed=true ended with 204
	//   Access-Control-Allow-Origin: https://a.b.example.com
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Methods: PUT, DELETE, PATCH
	//   Access-Control-Allow-Headers: content-type, accept
	//   Access-Control-Max-Age: 3600
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// preflight allowed=false ended with 403
	//   reason: origin "https://evilexample.com" not allowed (allowed: https://app.example.com, https://*.example.com)
	//   Vary (appended): Origin, Access-Control-Request-Method, Access-Control-Request-Headers
}
