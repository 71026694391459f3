package interop

import (
	"net/http"

	gincors "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/rs/cors"
)

// Attachment is a CORS middleware set up right but mounted where the
// preflight never reaches it, or set up with one allow list short: the
// failures whose console message ("no Access-Control-Allow-Origin") hides
// what to change.
type Attachment struct {
	Name string
	// Start serves page's policy on 127.0.0.1, as Library.Start does.
	Start func(page string) (base string, stop func(), err error)
}

// Attachments are the layouts the root-cause test plays.
var Attachments = []Attachment{
	{"rs/cors without Authorization in AllowedHeaders", func(page string) (string, func(), error) {
		c := cors.New(cors.Options{AllowedOrigins: []string{page}, AllowedMethods: []string{"GET", "POST", "PUT"}, AllowedHeaders: []string{"X-Token"}, AllowCredentials: true})
		return serveHTTP(c.Handler(handler(Setup{})))
	}},
	{"rs/cors without PUT in AllowedMethods", func(page string) (string, func(), error) {
		c := cors.New(cors.Options{AllowedOrigins: []string{page}, AllowedMethods: []string{"GET", "POST"}, AllowedHeaders: []string{"X-Token", "Authorization"}, AllowCredentials: true})
		return serveHTTP(c.Handler(handler(Setup{})))
	}},
	{"gin-contrib/cors on a gin group", func(page string) (string, func(), error) {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		api := r.Group(Path)
		api.Use(gincors.New(gincors.Config{AllowOrigins: []string{page}, AllowMethods: []string{"GET", "POST", "PUT"}, AllowHeaders: []string{"X-Token", "Authorization"}, AllowCredentials: true}))
		ok := func(c *gin.Context) { c.String(http.StatusOK, "ok") }
		api.GET("", ok)
		api.PUT("", ok)
		return serveHTTP(r)
	}},
	{"rs/cors around each http.ServeMux route", func(page string) (string, func(), error) {
		c := cors.New(cors.Options{AllowedOrigins: []string{page}, AllowedMethods: []string{"GET", "POST", "PUT"}, AllowedHeaders: []string{"X-Token", "Authorization"}, AllowCredentials: true})
		ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
		mux := http.NewServeMux()
		mux.Handle("GET "+Path, c.Handler(ok))
		mux.Handle("PUT "+Path, c.Handler(ok))
		return serveHTTP(mux)
	}},
}
