package core

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestConfigReadsBackACopy(t *testing.T) {
	cfg := Config{Origins: []string{"https://a.example"}, Methods: []string{"PUT"}, MaxAge: time.Minute}
	p := mustNew(t, cfg)
	cfg.Origins[0] = "https://changed.example"
	got := p.Config()
	if !slices.Equal(got.Origins, []string{"https://a.example"}) || got.MaxAge != time.Minute {
		t.Fatalf("Config() = %+v, want what New compiled", got)
	}
	got.Origins = append(got.Origins, "https://b.example")
	got.Methods[0] = "DELETE"
	if again := p.Config(); len(again.Origins) != 1 || again.Methods[0] != "PUT" {
		t.Fatalf("changing Config()'s result changed the policy: %+v", again)
	}
	if err := p.Reconfigure(got); err != nil {
		t.Fatal(err)
	}
	if now := p.Config(); !slices.Equal(now.Origins, []string{"https://a.example", "https://b.example"}) {
		t.Fatalf("after Reconfigure, Config() = %+v", now)
	}
	if err := p.Reconfigure(Config{}); err == nil || len(p.Config().Origins) != 2 {
		t.Fatalf("a refused Reconfigure changed Config(): %+v", p.Config())
	}
}

func TestCheckOrigin(t *testing.T) {
	for _, ok := range []string{"https://tenant.example.com", "https://*.tenant.example", "http://localhost:*", "*"} {
		if err := CheckOrigin(ok); err != nil {
			t.Errorf("CheckOrigin(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "tenant.example.com", "https://Tenant.example.com", "https://a.example/", "null"} {
		err := CheckOrigin(bad)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "Origins" || ce.Index != 0 || ce.Value != bad || ce.Fix == "" {
			t.Errorf("CheckOrigin(%q) = %#v, want New's *ConfigError for Origins[0]", bad, err)
		}
		_, newErr := New(Config{Origins: []string{bad}})
		if newErr == nil || err.Error() != ConfigErrors(newErr)[0].Error() {
			t.Errorf("CheckOrigin(%q) = %v; New says %v", bad, err, newErr)
		}
	}
}

func TestConfigErrorsListsEveryProblem(t *testing.T) {
	_, err := New(Config{Origins: []string{"https://a.example/", "null"}, Methods: []string{"put"}, MaxAge: 48 * time.Hour})
	all := ConfigErrors(err)
	var got []string
	for _, ce := range all {
		got = append(got, ce.where())
	}
	want := []string{"Origins[0]", "Origins[1]", "Methods[0]", "MaxAge"}
	if !slices.Equal(got, want) {
		t.Fatalf("ConfigErrors = %q, want %q", got, want)
	}
	if all[3].Index != -1 {
		t.Errorf("MaxAge's Index = %d, want -1", all[3].Index)
	}
	if ConfigErrors(nil) != nil || ConfigErrors(errors.New("other")) != nil {
		t.Error("ConfigErrors found errors where there are none")
	}
}
