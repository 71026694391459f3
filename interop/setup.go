package interop

// Setup is a CORS configuration as a user writes it in any library: the
// allowed origins ("*" for any), methods and request headers, credentials,
// and the mistakes made around the middleware rather than in it.
type Setup struct {
	Origins     []string
	Methods     []string
	Headers     []string
	Credentials bool
	// ClobberVary: the application's handler replaces the Vary header the
	// middleware set (a compression or caching layer that calls Set, not Add).
	ClobberVary bool
	// AppSetsOrigin: the handler adds its own
	// Access-Control-Allow-Origin: * beside the middleware's.
	AppSetsOrigin bool
	// PassPreflight: the middleware hands allowed preflights on, and the
	// application has no OPTIONS handler, so it answers them 405. Only
	// libraries with such an option (rs/cors OptionsPassthrough, crossgate
	// PassPreflight) can be set up this way.
	PassPreflight bool
}

// Misconfig is one way of setting up CORS, named, for a page at an origin.
type Misconfig struct {
	Name  string
	Setup func(page string) Setup
}

// Misconfigs are the setups the proof plays: a correct one, and the
// mistakes that users of every library make.
var Misconfigs = []Misconfig{
	{"correct", func(page string) Setup { return correct(page) }},
	{"method missing", func(page string) Setup {
		s := correct(page)
		s.Methods = []string{"GET", "POST"}
		return s
	}},
	{"star with credentials", func(page string) Setup {
		s := correct(page)
		s.Origins = []string{"*"}
		return s
	}},
	{"header not listed", func(page string) Setup {
		s := correct(page)
		s.Headers = []string{"X-Other"}
		return s
	}},
	{"wrong origin", func(page string) Setup {
		s := correct(page)
		s.Origins = []string{"https://elsewhere.example"}
		return s
	}},
	{"vary clobbered", func(page string) Setup {
		s := correct(page)
		s.ClobberVary = true
		return s
	}},
	{"origin set twice", func(page string) Setup {
		s := correct(page)
		s.AppSetsOrigin = true
		return s
	}},
	{"preflight passed to 405", func(page string) Setup {
		s := correct(page)
		s.PassPreflight = true
		return s
	}},
}

func correct(page string) Setup {
	return Setup{
		Origins:     []string{page},
		Methods:     []string{"GET", "POST", "PUT"},
		Headers:     []string{"X-Token"},
		Credentials: true,
	}
}
