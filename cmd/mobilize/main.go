// Command mobilize is the WeChat mobilization and volunteer sign-up bot.
// main only wires: signals to a context, the process streams to the CLI.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"mobilize/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		NotifyReload: notifyReload})
	stop()
	os.Exit(code)
}

// notifyReload delivers SIGHUP (the usual "re-read your config", as
// systemctl reload sends) on c until stop is called.
func notifyReload(c chan<- os.Signal) (stop func()) {
	signal.Notify(c, syscall.SIGHUP)
	return func() { signal.Stop(c) }
}
