package core

import "slices"

// Config returns the configuration in force: a deep copy of the Config that
// New or the last successful Reconfigure compiled, so that changing it
// changes nothing until it is given to Reconfigure. An admin page can show
// it, or add one origin to it and reconfigure.
func (p *Policy) Config() Config {
	return p.current.Load().config.clone()
}

// clone returns a copy of c that shares no list with it.
func (c Config) clone() Config {
	c.Origins = slices.Clone(c.Origins)
	c.Methods = slices.Clone(c.Methods)
	c.RequestHeaders = slices.Clone(c.RequestHeaders)
	c.ExposedHeaders = slices.Clone(c.ExposedHeaders)
	return c
}

// CheckOrigin checks one entry of Config.Origins as New would, alone and
// without Credentials, and returns the same *ConfigError New would give
// (Field "Origins", Index 0), or nil. An admin form can check a tenant's
// origin before it reaches the database. The checks that depend on the
// rest of a policy are New's alone: with Credentials, "*", plain-http
// origins and patterns over a public suffix are refused too.
func CheckOrigin(entry string) error {
	_, err := compile(Config{Origins: []string{entry}})
	if all := ConfigErrors(err); len(all) > 0 {
		return all[0]
	}
	return err
}
