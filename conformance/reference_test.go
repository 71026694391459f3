package conformance

import (
	"testing"

	corshttp "github.com/crossgate/crossgate/http"
)

// referenceHTTP is the kit's application served by crossgate's own net/http
// adapter: the kit's self-tests play against it.
func referenceHTTP() Framework { return HTTPFramework("nethttp", corshttp.Middleware) }

// TestReferenceConforms proves the net/http adapter through the kit's
// public entry point, as every adapter does in its own module.
func TestReferenceConforms(t *testing.T) { Run(t, referenceHTTP()) }
