package check

import "context"

// RunPasted plays a call read from a DevTools copy, as Run does. A copy of
// a request the browser never sent (Pasted.Unsent) has no cookies in it,
// whether or not the script passes credentials: "include". When the call
// passes without credentials, the browser cannot have stopped it for CORS
// that way, so it is played again with credentials; a block then is what
// the browser met, and the report says why it was played so. When both
// pass, something other than CORS stopped the request, and the report
// says that too. With opt.Send, each play that passes its preflight sends
// the request itself.
func RunPasted(ctx context.Context, c Call, unsent bool, opt Options) (*Report, error) {
	r, err := Run(ctx, c, opt)
	if err != nil || !unsent || c.Credentials || !r.Allowed || r.SameOrigin {
		return r, err
	}
	c.Credentials = true
	withCredentials, err := Run(ctx, c, opt)
	if err != nil {
		return nil, err
	}
	if withCredentials.Allowed {
		r.add(Warn, "the copy shows that the browser never sent this request (it has no Origin header), but the server allows the call with or without credentials: something other than CORS stopped it (a Content-Security-Policy connect-src, mixed content, an extension): see the console")
		return r, nil
	}
	withCredentials.Steps = append([]Step{{Info, "the copy shows that the browser never sent this request (it has no Origin header), yet the server allows the call without credentials: so the script passes credentials: \"include\" (DevTools copies a request it never sent without its cookies), and the call is played with them"}}, withCredentials.Steps...)
	return withCredentials, nil
}
