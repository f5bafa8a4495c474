package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
)

// runReport prints the evening tally of a campaign for a day.
func runReport(ctx context.Context, e *Env, args []string) error {
	var format string
	run, err := openTally(ctx, e, "report", "[--campaign N] [--date YYYY-MM-DD] [--format text|json]", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "text", "text 或 json")
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
	case "text":
		_, err = fmt.Fprintln(e.Stdout, run.tally.Text())
		return err
	}
	return fmt.Errorf("--format 应为 text 或 json")
}
