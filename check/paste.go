package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Pasted is a call read from what DevTools copies for a request: "Copy as
// cURL (bash)" or "Copy as fetch". Notes say what was left out and why.
type Pasted struct {
	Call  Call
	Notes []string
	// Unsent: the copy is of a cross-origin request the browser never
	// sent, so it cannot say whether the call sends credentials (see
	// RunPasted).
	Unsent bool
	// referrer is the copied Referer, the origin's fallback.
	referrer string
}

// browserHeaders are the headers a browser adds to a request by itself,
// which DevTools copies with the script's: a script cannot set the
// forbidden ones, and Chromium adds the others (the client hints, the
// priority, and the cache headers when DevTools disables the cache).
// None of them decides a preflight, so none is played as the script's.
var browserHeaders = []string{"user-agent", "priority", "cache-control", "pragma", "upgrade-insecure-requests", "purpose", "x-client-data"}

// ParsePaste reads a DevTools "Copy as cURL (bash)" or "Copy as fetch".
func ParsePaste(s string) (Pasted, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "curl ") || strings.HasPrefix(s, "curl\t") || strings.HasPrefix(s, "curl\\"):
		return parseCurl(s)
	case strings.HasPrefix(s, "fetch("):
		return parseFetch(s)
	}
	return Pasted{}, errors.New(`not a DevTools copy: paste "Copy as cURL (bash)" (starts with curl) or "Copy as fetch" (starts with fetch()`)
}

// LooksPasted reports whether an argument is a pasted copy rather than a URL.
func LooksPasted(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "curl ") || strings.HasPrefix(s, "curl\\") || strings.HasPrefix(s, "fetch(")
}

// addHeader files one copied header: Origin gives the origin, Cookie
// means credentials, the browser's own are left out, the rest are the
// script's.
func (p *Pasted) addHeader(name, value string) {
	lower := strings.ToLower(strings.TrimSpace(name))
	value = strings.Trim(value, " \t")
	switch {
	case lower == "origin":
		p.Call.Origin = value
	case lower == "referer":
		p.referrer = value
	case lower == "cookie":
		p.Call.Credentials = true
		p.Notes = append(p.Notes, "a Cookie header: the call sends credentials (the cookies themselves are not sent)")
	case lower == "access-control-request-method", lower == "access-control-request-headers":
		p.Notes = append(p.Notes, "this is a copy of the preflight: copy the request itself (the PUT, not the OPTIONS) for the script's headers")
	case isForbiddenRequestHeader(lower) || slices.Contains(browserHeaders, lower):
		// The browser's, not the script's: left out silently.
	default:
		if _, err := ParseHeader(name + ": " + value); err != nil {
			p.Notes = append(p.Notes, "left out: "+err.Error())
			return
		}
		p.Call.Headers = append(p.Call.Headers, Header{Name: strings.TrimSpace(name), Value: value})
	}
}

// referrerOrigin takes the page's origin, when the copy names none, from
// its referrer: a cross-origin request carries the page's origin there by
// default (strict-origin-when-cross-origin).
func (p *Pasted) referrerOrigin() {
	ref := p.referrer
	if p.Call.Origin != "" || ref == "" {
		return
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return
	}
	p.Call.Origin = originOf(u)
	p.Notes = append(p.Notes, "the copy has no Origin: took the page's origin "+p.Call.Origin+" from its referrer (pass --origin to say otherwise)")
}

// curlValueFlags are the curl options that take a value, so that the
// value of one this reader ignores is not taken for the URL.
var curlValueFlags = []string{"-A", "--user-agent", "-e", "--referer", "-u", "--user", "-o", "--output", "-m", "--max-time",
	"--connect-timeout", "-x", "--proxy", "-w", "--write-out", "-T", "--upload-file", "-F", "--form", "--resolve",
	"--cacert", "--cert", "--key", "--retry", "-K", "--config", "-r", "--range", "--limit-rate"}

func parseCurl(s string) (Pasted, error) {
	words, err := shellWords(s)
	if err != nil {
		return Pasted{}, err
	}
	var p Pasted
	method, body := "", false
	for i := 1; i < len(words); i++ {
		w := words[i]
		next := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("curl option %s has no value", w)
			}
			i++
			return words[i], nil
		}
		switch {
		case w == "-H" || w == "--header":
			v, err := next()
			if err != nil {
				return Pasted{}, err
			}
			name, value, ok := strings.Cut(v, ":")
			if !ok {
				p.Notes = append(p.Notes, fmt.Sprintf("left out the header %q: it has no colon", v))
				continue
			}
			p.addHeader(name, value)
		case w == "-X" || w == "--request":
			v, err := next()
			if err != nil {
				return Pasted{}, err
			}
			method = v
		case w == "-b" || w == "--cookie":
			if _, err := next(); err != nil {
				return Pasted{}, err
			}
			p.Call.Credentials = true
			p.Notes = append(p.Notes, "-b (cookies): the call sends credentials (the cookies themselves are not sent)")
		case w == "--data-raw" || w == "--data" || w == "-d" || w == "--data-binary" || w == "--data-urlencode" || w == "--data-ascii":
			if _, err := next(); err != nil {
				return Pasted{}, err
			}
			body = true
		case w == "--url":
			v, err := next()
			if err != nil {
				return Pasted{}, err
			}
			p.Call.URL = v
		case w == "-e" || w == "--referer":
			v, err := next()
			if err != nil {
				return Pasted{}, err
			}
			p.referrer = v
		case slices.Contains(curlValueFlags, w):
			if _, err := next(); err != nil {
				return Pasted{}, err
			}
			p.Notes = append(p.Notes, "ignored the curl option "+w+" and its value: it is not part of what the browser sent")
		case strings.HasPrefix(w, "-") && len(w) > 1:
			p.Notes = append(p.Notes, "ignored the curl option "+w+": it is not part of what the browser sent")
		case p.Call.URL == "":
			p.Call.URL = w
		default:
			p.Notes = append(p.Notes, fmt.Sprintf("ignored the extra argument %q", w))
		}
	}
	if p.Call.URL == "" {
		return Pasted{}, errors.New("the pasted curl command has no URL")
	}
	switch {
	case method != "":
		p.Call.Method = method
	case body:
		p.Call.Method = "POST" // curl sends a POST when given data, as the browser did
	default:
		p.Call.Method = "GET"
	}
	if body {
		p.Notes = append(p.Notes, "the request body is not sent: it does not change what the browser checks")
	}
	sentOrigin := p.Call.Origin != ""
	p.referrerOrigin()
	if !sentOrigin && !p.Call.Credentials && p.crossOrigin() {
		// DevTools copies the headers the browser sent once it sent the
		// request; before that, only those the page asked for, without
		// Origin or cookies. A cross-origin request without Origin is one
		// the browser never sent: its preflight failed.
		p.Unsent = true
		p.Notes = append(p.Notes, "the copy has no Origin header, so the browser never sent this request (its preflight failed) and DevTools copied it without its cookies: if the call passes without credentials, it is checked again with them (pass --credentials or --credentials=false to say which)")
	}
	return p, nil
}

// credentialsHint tells how to say what a copy cannot.
const credentialsHint = `if the script passes credentials: "include", add --credentials`

// crossOrigin reports whether the call's origin is known and is not the
// URL's.
func (p *Pasted) crossOrigin() bool {
	u, err := url.Parse(p.Call.URL)
	return err == nil && p.Call.Origin != "" && originOf(u) != p.Call.Origin
}

// shellWords splits a bash command as bash would for the quoting DevTools
// writes: 'single', "double", $'ANSI-C' quotes, backslash escapes and
// backslash-newline continuations (and the "^" escapes of a Windows copy
// are not read: copy the bash form).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '\n' || s[i+1] == '\r'):
			i++
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("unterminated ' quote in the pasted command")
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '$' && i+1 < len(s) && s[i+1] == '\'':
			n, err := ansiCQuote(s[i+2:], &cur)
			if err != nil {
				return nil, err
			}
			i += 1 + n
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("unterminated \" quote in the pasted command")
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// ansiCQuote reads the body of a $'...' quote up to and including its
// closing quote, writing what it means; it returns how many bytes it read.
func ansiCQuote(s string, out *strings.Builder) (int, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			return i + 1, nil
		}
		if c != '\\' || i+1 >= len(s) {
			out.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out.WriteByte('\n')
		case 't':
			out.WriteByte('\t')
		case 'r':
			out.WriteByte('\r')
		case 'x', 'u', 'U':
			digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			j := i + 1
			for j < len(s) && j < i+1+digits && strings.IndexByte("0123456789abcdefABCDEF", s[j]) >= 0 {
				j++
			}
			var v rune
			fmt.Sscanf(s[i+1:j], "%x", &v)
			if e == 'x' {
				out.WriteByte(byte(v))
			} else {
				out.WriteRune(v)
			}
			i = j - 1
		default:
			out.WriteByte(e) // \\ \' \" and the rest stand for themselves
		}
	}
	return 0, errors.New("unterminated $' quote in the pasted command")
}

// parseFetch reads fetch("URL", {...}); as Chromium writes it: both
// arguments are JSON.
func parseFetch(s string) (Pasted, error) {
	rest := strings.TrimPrefix(s, "fetch(")
	dec := json.NewDecoder(strings.NewReader(rest))
	var p Pasted
	if err := dec.Decode(&p.Call.URL); err != nil {
		return Pasted{}, fmt.Errorf("the pasted fetch() does not start with its URL as a string: %w", err)
	}
	tail := bytes.TrimLeft(readRest(dec, rest), " \t\r\n")
	p.Call.Method = "GET"
	if !bytes.HasPrefix(tail, []byte(",")) {
		return p, nil
	}
	var init struct {
		Headers     map[string]string `json:"headers"`
		Method      string            `json:"method"`
		Credentials string            `json:"credentials"`
		Mode        string            `json:"mode"`
		Referrer    string            `json:"referrer"`
		Body        any               `json:"body"`
	}
	if err := json.NewDecoder(bytes.NewReader(tail[1:])).Decode(&init); err != nil {
		return Pasted{}, fmt.Errorf("the pasted fetch()'s options are not the JSON DevTools writes: %w", err)
	}
	names := make([]string, 0, len(init.Headers))
	for n := range init.Headers {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		p.addHeader(n, init.Headers[n])
	}
	if init.Method != "" {
		p.Call.Method = init.Method
	}
	// DevTools writes credentials from what the request carried, not from
	// what the script asked: "include" when cookies went with it or it has
	// an Authorization header, "omit" otherwise (Chromium 156,
	// NetworkLogView.generateFetchCall).
	switch init.Credentials {
	case "include":
		p.Call.Credentials = true
		if slices.ContainsFunc(p.Call.Headers, func(h Header) bool { return strings.EqualFold(h.Name, "Authorization") }) {
			p.Notes = append(p.Notes, `DevTools writes credentials "include" for any request with an Authorization header: checked with credentials; if the script does not pass credentials: "include", add --credentials=false`)
		}
	case "", "same-origin", "omit":
		p.Notes = append(p.Notes, `DevTools writes credentials "omit" for any request that sent no cookie, one its failed preflight stopped included: `+credentialsHint)
	default:
		p.Notes = append(p.Notes, fmt.Sprintf("credentials %q is not a fetch() value: taken as without credentials", init.Credentials))
	}
	if init.Mode != "" && init.Mode != "cors" {
		p.Notes = append(p.Notes, fmt.Sprintf("mode %q: the browser applies CORS only in mode \"cors\"; checked as a CORS call", init.Mode))
	}
	if init.Body != nil {
		p.Notes = append(p.Notes, "the request body is not sent: it does not change what the browser checks")
	}
	if p.referrer == "" {
		p.referrer = init.Referrer
	}
	p.referrerOrigin()
	return p, nil
}

// readRest returns what dec has not consumed of src.
func readRest(dec *json.Decoder, src string) []byte {
	return []byte(src[dec.InputOffset():])
}
