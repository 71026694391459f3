package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// devtoolsNetworkPanel is the Network panel's module in the DevTools that
// Chromium ships: the code behind its "Copy as cURL" and "Copy as fetch".
const devtoolsNetworkPanel = "devtools://devtools/bundled/panels/network/network.js"

// devtoolsCopier writes a request as the Network panel's "Copy as cURL"
// (bash, as on Linux and macOS) and "Copy as fetch" do, by calling the
// panel's own functions (NetworkLogView.generateCurlCommand and
// generateFetchCall) in a tab of their own: the copies are byte for byte
// what a developer pastes from this Chromium, and a change of format in a
// later release reaches the test by itself.
type devtoolsCopier struct{ tab context.Context }

// copierSetup loads the panel's module and defines copyAs(request), which
// hands the panel a request with what its functions read of one.
const copierSetup = `(async () => {
  const {NetworkLogView: {NetworkLogView: panel}} = await import(%q);
  window.copyAs = async r => {
    const request = {
      url: () => r.url,
      requestMethod: r.method,
      requestHeaders: () => r.headers,
      requestFormData: async () => r.body,
      securityState: () => r.securityState,
      includedRequestCookies: () => Array.from({length: r.cookies}, () => ({})),
    };
    return {
      curl: await panel.generateCurlCommand(request, 'unix'),
      fetch: await panel.prototype.generateFetchCall.call(null, request, 0 /* FetchStyle.Browser */),
    };
  };
  return typeof panel.generateCurlCommand + ' ' + typeof panel.prototype.generateFetchCall;
})()`

// openCopier opens the DevTools tab in the browser of ctx. It fails the
// test when this Chromium's DevTools lacks the functions.
func openCopier(t *testing.T, ctx context.Context) devtoolsCopier {
	t.Helper()
	tab, _ := chromedp.NewContext(ctx) // a second tab, closed with the browser
	if err := chromedp.Do(tab, chromedp.Navigate(devtoolsNetworkPanel)); err != nil {
		t.Fatalf("opening %s: %v", devtoolsNetworkPanel, err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](fmt.Sprintf(copierSetup, devtoolsNetworkPanel), awaitPromise))
	if err != nil || got != "function function" {
		t.Fatalf("this Chromium's DevTools has no Copy as cURL / Copy as fetch functions where the suite looks for them (%q, %v): see %s", got, err, devtoolsNetworkPanel)
	}
	return devtoolsCopier{tab}
}

// copies returns r as "Copy as cURL" and as "Copy as fetch".
func (c devtoolsCopier) copies(t *testing.T, r panelRequest) (curl, fetch string) {
	t.Helper()
	type copies struct {
		Curl  string `json:"curl"`
		Fetch string `json:"fetch"`
	}
	arg, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(c.tab, chromedp.Evaluate[copies](fmt.Sprintf("copyAs(%s)", arg), awaitPromise))
	if err != nil {
		t.Fatalf("DevTools' copy of %s %s: %v", r.Method, r.URL, err)
	}
	return got.Curl, got.Fetch
}
