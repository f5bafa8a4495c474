package inputfile

// The operator-facing wording of the refusals, in one place.
const (
	txtNotRegular = "%s 不是普通文件（是管道、设备或目录），不会读取；请给出一个普通文件"
	txtDir        = "%s 是目录，不是文件；请给出一个普通文件"
	txtTooLarge   = "%s 太大：最多 %s，请拆分或精简后再试"
)
