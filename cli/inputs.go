package cli

// Bounds on the files an operator hands a command. Each is far above any
// real use and far below what would exhaust memory: a path can name
// /dev/zero, a FIFO or a multi-gigabyte file by mistake (inputfile).
const (
	// maxBodyBytes bounds --body-file: a broadcast is read by people on a
	// phone, and WeChat cuts a text message far sooner.
	maxBodyBytes = 1 << 20
	// maxCSVBytes and maxCSVRows bound orgs import: a city's directory of
	// organizations and groups is a few thousand lines.
	maxCSVBytes = 16 << 20
	maxCSVRows  = 20000
)
