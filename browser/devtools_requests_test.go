package browser

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// panelRequest is one request as DevTools' Network panel holds it, which
// is what "Copy as cURL" and "Copy as fetch" are written from: the
// headers actually sent (Network.requestWillBeSentExtraInfo) once the
// request went out, otherwise the provisional ones the page asked for
// (Network.requestWillBeSent); the cookies that went with it; the body.
type panelRequest struct {
	URL     string        `json:"url"`
	Method  string        `json:"method"`
	Headers []panelHeader `json:"headers"`
	Body    *string       `json:"body"`
	Cookies int           `json:"cookies"`
	State   string        `json:"securityState"`
	// Sent: the browser sent this request (its extra info arrived).
	Sent bool `json:"-"`
	// CorsError and Failure say why it failed, when it did.
	CorsError string `json:"-"`
	Failure   string `json:"-"`
	// Redirects counts the redirects the browser followed for it.
	Redirects int `json:"-"`
	done      bool
}

type panelHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// panelLog collects what the Network domain reports about a tab's
// fetches, by request id. DevTools event handlers must not block: they
// only record under the lock.
type panelLog struct {
	mu    sync.Mutex
	byID  map[network.RequestID]*panelRequest
	extra map[network.RequestID]*network.EventRequestWillBeSentExtraInfo
	order []network.RequestID
}

// watchRequests enables the Network domain of the tab ctx and records its
// requests.
func watchRequests(ctx context.Context) (*panelLog, error) {
	l := &panelLog{byID: map[network.RequestID]*panelRequest{}, extra: map[network.RequestID]*network.EventRequestWillBeSentExtraInfo{}}
	if err := chromedp.Listen(ctx, l.handle); err != nil {
		return nil, err
	}
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	return l, err
}

func (l *panelLog) handle(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Type == network.ResourceTypePreflight || ev.Request == nil {
			return
		}
		if r, ok := l.byID[ev.RequestID]; ok {
			// A redirect keeps the id: the panel shows the first hop as
			// this request, and each later hop as one more.
			r.Redirects++
			return
		}
		r := &panelRequest{URL: ev.Request.URL + ev.Request.URLFragment, Method: ev.Request.Method, Headers: headerList(ev.Request.Headers)}
		if ev.Request.HasPostData {
			var b strings.Builder
			for _, e := range ev.Request.PostDataEntries {
				b.Write(e.Bytes)
			}
			s := b.String()
			r.Body = &s
		}
		l.byID[ev.RequestID] = r
		l.order = append(l.order, ev.RequestID)
		if x, ok := l.extra[ev.RequestID]; ok {
			r.sent(x)
		}
	case *network.EventRequestWillBeSentExtraInfo:
		if _, seen := l.extra[ev.RequestID]; seen {
			return // a later hop's: the first hop's headers stay
		}
		l.extra[ev.RequestID] = ev
		if r, ok := l.byID[ev.RequestID]; ok {
			r.sent(ev)
		}
	case *network.EventResponseReceived:
		if r, ok := l.byID[ev.RequestID]; ok && ev.Response != nil {
			r.State = string(ev.Response.SecurityState)
		}
	case *network.EventLoadingFinished:
		if r, ok := l.byID[ev.RequestID]; ok {
			r.done = true
		}
	case *network.EventLoadingFailed:
		if r, ok := l.byID[ev.RequestID]; ok {
			r.done, r.Failure = true, ev.ErrorText
			if ev.CorsErrorStatus != nil {
				r.CorsError = string(ev.CorsErrorStatus.CorsError)
			}
		}
	}
}

// sent replaces the provisional headers with the ones on the wire, and
// counts the cookies sent, as the panel does when the extra info arrives.
func (r *panelRequest) sent(x *network.EventRequestWillBeSentExtraInfo) {
	r.Sent = true
	r.Headers = headerList(x.Headers)
	r.Cookies = 0
	for _, c := range x.AssociatedCookies {
		if len(c.BlockedReasons) == 0 {
			r.Cookies++
		}
	}
}

// headerList lists DevTools' header map in name order: the protocol's map
// does not keep the order of the wire, which nothing the command reads
// depends on.
func headerList(h network.Headers) []panelHeader {
	list := make([]panelHeader, 0, len(h))
	for name, v := range h {
		s, _ := v.(string)
		for _, line := range strings.Split(s, "\n") { // DevTools splits joined lines too
			list = append(list, panelHeader{name, line})
		}
	}
	slices.SortStableFunc(list, func(a, b panelHeader) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return list
}

// find waits up to wait for the request to url with method to end, then
// a moment for its extra info, which can come after, and returns a copy.
func (l *panelLog) find(url, method string, wait time.Duration) (panelRequest, bool) {
	deadline := time.Now().Add(wait)
	var grace time.Time
	for {
		l.mu.Lock()
		var found *panelRequest
		for _, id := range l.order {
			if r := l.byID[id]; r.URL == url && r.Method == method {
				found = r
			}
		}
		var r panelRequest
		if found != nil {
			r = *found
			r.Headers = slices.Clone(found.Headers)
		}
		l.mu.Unlock()
		now := time.Now()
		if found != nil && r.done && grace.IsZero() {
			grace = now.Add(100 * time.Millisecond)
		}
		if (!grace.IsZero() && (r.Sent || now.After(grace))) || now.After(deadline) {
			return r, found != nil && r.done
		}
		time.Sleep(20 * time.Millisecond)
	}
}
