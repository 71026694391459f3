package core

import "net/http"

// FromHTTP reads the headers Decide needs from a net/http request, without
// copying: the slices are the request's own header lines.
func FromHTTP(r *http.Request) Request {
	h := r.Header
	return Request{
		Method:                r.Method,
		Origin:                h["Origin"],
		RequestMethod:         h["Access-Control-Request-Method"],
		RequestHeaders:        h["Access-Control-Request-Headers"],
		RequestPrivateNetwork: h["Access-Control-Request-Private-Network"],
		Path:                  r.URL.Path,
	}
}

// WriteHTTP writes a Decision's headers into a net/http header map: it sets
// each field and appends to Vary, keeping whatever Vary an outer middleware
// or the application set. It allocates only to append to an existing Vary.
func WriteHTTP(h http.Header, d *Decision) {
	for i := range d.Headers() {
		f := &d.fields[i]
		// Installing the precomputed one-element slice saves the allocation
		// that http.Header.Set makes for every value.
		if f.line != nil {
			h[f.Name] = f.line
		} else {
			h[f.Name] = []string{f.Value}
		}
	}
	if d.Vary.Value == "" {
		return
	}
	if old := h["Vary"]; len(old) > 0 {
		h["Vary"] = append(old, d.Vary.Value)
	} else {
		h["Vary"] = d.Vary.line
	}
}
