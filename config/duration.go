package config

import (
	"fmt"
	"time"

	"gopkg.in/yaml.v3"
)

// Duration is a time.Duration written in YAML as "5s", "1m30s".
type Duration time.Duration

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalYAML reads "5s"-style durations, so a bare number (ambiguous unit)
// is an error rather than nanoseconds.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("应为时长，如 5s、2m、1h，而不是 %q", n.Value)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration back in its "5s" form.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }
