package interop

// Setup is a CORS configuration as a user writes it in any library: the
// allowed origins ("*" for any), methods and request headers, credentials,
// and whether the application's handler replaces the Vary header that the
// middleware set (a compression or caching layer that calls Set, not Add).
type Setup struct {
	Origins     []string
	Methods     []string
	Headers     []string
	Credentials bool
	ClobberVary bool
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
}

func correct(page string) Setup {
	return Setup{
		Origins:     []string{page},
		Methods:     []string{"GET", "POST", "PUT"},
		Headers:     []string{"X-Token"},
		Credentials: true,
	}
}
