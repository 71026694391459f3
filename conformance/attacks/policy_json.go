package attacks

// PolicyFile is a policy file written to read one way to a reviewer, jq or
// a grep and another to the server: keys that encoding/json alone matches
// case-insensitively and through Unicode folding, or repeats of which it
// keeps the last. Loading it (core.Config's UnmarshalJSON, WatchFile,
// "crossgate explain --config") must fail with an error that names Key.
type PolicyFile struct {
	Class string
	JSON  string
	// Key is the key the error names, as Go's %+q quotes it (non-ASCII
	// escaped, so that a look-alike letter shows).
	Key string
}

// PolicyFiles lists the configuration smuggling rows.
func PolicyFiles() []PolicyFile {
	return []PolicyFile{
		{Class: "look-alike key overrides a reviewed one (long s)",
			JSON: `{"origins": ["https://app.example.com"], "credentials": false, "credentialſ": true}`,
			Key:  `"credential\u017f"`},
		{Class: "look-alike key a grep for the real one misses",
			JSON: `{"origins": ["http://app.example.com"], "credentials": true, "dangerouſly_allow_inſecure_originſ": true}`,
			Key:  `"dangerou\u017fly_allow_in\u017fecure_origin\u017f"`},
		{Class: "key in another letter case",
			JSON: `{"origins": ["https://app.example.com"], "Credentials": true}`,
			Key:  `"Credentials"`},
		{Class: "repeated key, the last one wider",
			JSON: `{"origins": ["https://app.example.com"], "methods": ["GET"], "origins": ["*"]}`,
			Key:  `"origins"`},
		{Class: "repeated key spelt with a JSON escape",
			JSON: `{"origins": ["https://app.example.com"], "credentials": false, "cred\u0065ntials": true}`,
			Key:  `"credentials"`},
	}
}
