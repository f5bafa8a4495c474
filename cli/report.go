package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
)

// reportFormats are the renderings of a tally.
var reportFormats = map[string]bool{"text": true, "json": true, "md": true}

// runReport prints the tally of a campaign for a day: the phone-sized text
// the daily tally job sends, JSON for machines, or Markdown tables. A past
// day's figures come from the registration history and never change.
func runReport(ctx context.Context, e *Env, args []string) error {
	var format string
	run, err := openTally(ctx, e, "report", "[--campaign N] [--date YYYY-MM-DD] [--format text|json|md]", args, true, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "text", "text、json 或 md")
	}, func() error {
		if !reportFormats[format] {
			return fmt.Errorf("--format 应为 text、json 或 md")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer run.store.Close()
	switch format {
	case "json":
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(run.tally)
	case "md":
		_, err = fmt.Fprint(e.Stdout, run.tally.Markdown())
		return err
	}
	_, err = fmt.Fprintln(e.Stdout, run.tally.Text())
	return err
}
