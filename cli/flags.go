package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// errHelp marks a help request: the usage went to stdout and the command
// exits 0, as `--help` should everywhere.
var errHelp = errors.New("help")

// subcommand parses a command's flags. It takes no positional arguments:
// one left over (a typo, a flag after a word) is an error, not ignored.
func subcommand(e *Env, name, synopsis string, args []string, define func(fs *flag.FlagSet)) (*flag.FlagSet, error) {
	return subcommandArgs(e, name, synopsis, args, 0, define)
}

// subcommandArgs parses a command's flags followed by exactly nargs
// positional arguments. -h and --help print the usage on stdout (errHelp);
// a bad flag or a wrong count prints a Chinese message and the usage on
// stderr (errUsage). The flag package's own English messages never show.
func subcommandArgs(e *Env, name, synopsis string, args []string, nargs int, define func(fs *flag.FlagSet)) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet("mobilize "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	usage := func(w io.Writer) {
		fmt.Fprintln(w, strings.TrimSpace(fmt.Sprintf("用法: mobilize %s %s", name, synopsis)))
		if d := descriptions[name]; d != "" {
			fmt.Fprintln(w, d)
		}
		printFlags(w, fs)
	}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage(e.Stdout)
		return fs, errHelp
	case err != nil:
		fmt.Fprintln(e.Stderr, flagError(err))
	case fs.NArg() > nargs:
		fmt.Fprintf(e.Stderr, "多余的参数：%s\n", strings.Join(fs.Args()[nargs:], " "))
	case fs.NArg() < nargs:
		fmt.Fprintf(e.Stderr, "缺少参数（需要 %d 个，给了 %d 个）\n", nargs, fs.NArg())
	default:
		return fs, nil
	}
	usage(e.Stderr)
	return fs, errUsage
}

// flagErrors reads the flag package's error messages, whose texts are its
// only interface, into Chinese.
var flagErrors = []struct {
	re   *regexp.Regexp
	text func(m []string) string
}{
	{regexp.MustCompile(`^flag provided but not defined: -(\S+)`), func(m []string) string {
		if m[1] == "db" || m[1] == "config" || m[1] == "-db" || m[1] == "-config" {
			name := strings.TrimPrefix(m[1], "-")
			return fmt.Sprintf("未知参数 --%s：全局参数要写在命令之前，如 mobilize --%s 文件 roster", name, name)
		}
		return fmt.Sprintf("未知参数 -%s", m[1])
	}},
	{regexp.MustCompile(`^flag needs an argument: -(\S+)`), func(m []string) string {
		return fmt.Sprintf("参数 -%s 需要一个值", m[1])
	}},
	{regexp.MustCompile(`^invalid boolean value (".*") for -(\S+):`), func(m []string) string {
		return fmt.Sprintf("参数 -%s 只接受 true 或 false，不接受 %s", m[2], m[1])
	}},
	{regexp.MustCompile(`^invalid boolean flag (\S+):`), func(m []string) string {
		return fmt.Sprintf("参数 -%s 只接受 true 或 false", m[1])
	}},
	{regexp.MustCompile(`^invalid value (".*") for flag -(\S+):`), func(m []string) string {
		return fmt.Sprintf("参数 -%s 的值 %s 无效", m[2], m[1])
	}},
	{regexp.MustCompile(`^bad flag syntax: (.*)`), func(m []string) string {
		return fmt.Sprintf("参数写法有误：%s", m[1])
	}},
}

func flagError(err error) string {
	for _, f := range flagErrors {
		if m := f.re.FindStringSubmatch(err.Error()); m != nil {
			return f.text(m)
		}
	}
	return "参数有误"
}

// isHelpArg reports whether a dispatcher's first argument asks for help.
func isHelpArg(a string) bool {
	return a == "-h" || a == "--help" || a == "-help" || a == "help"
}

// subUsage prints a dispatcher's usage: on stdout when asked for
// (errHelp, exit 0), on stderr after a mistake (errUsage, exit 2).
func subUsage(e *Env, args []string, text string) error {
	if len(args) > 0 && isHelpArg(args[0]) {
		fmt.Fprintln(e.Stdout, text)
		return errHelp
	}
	if len(args) > 0 {
		fmt.Fprintf(e.Stderr, "未知子命令 %q\n", args[0])
	}
	fmt.Fprintln(e.Stderr, text)
	return errUsage
}
