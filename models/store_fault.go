package models

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// DBFault is what is wrong with the database itself, as opposed to what
// was asked of it: a corrupt file, a full disk, a read-only file, a lock
// held too long. SQLite says these in English ("database disk image is
// malformed"); staff and members must read, in Chinese, what happened and
// what to do. This file is the one place that reads the driver's errors
// (SQLite's result codes, PostgreSQL's SQLSTATEs) and words them; the
// CLI, the console and the chat replies all call it.
type DBFault string

// The faults, named as they appear under the log key "fault".
const (
	FaultCorrupt   DBFault = "corrupt"
	FaultNotADB    DBFault = "not_a_database"
	FaultBusy      DBFault = "busy"
	FaultFull      DBFault = "disk_full"
	FaultReadOnly  DBFault = "read_only"
	FaultCantOpen  DBFault = "cant_open"
	FaultNoDB      DBFault = "no_database"
	FaultIO        DBFault = "io"
	FaultNoMemory  DBFault = "out_of_memory"
	FaultForbidden DBFault = "permission"
)

// sqliteFaults maps SQLite's primary result codes to faults.
var sqliteFaults = map[sqlite3.ErrNo]DBFault{
	sqlite3.ErrCorrupt:  FaultCorrupt,
	sqlite3.ErrNotADB:   FaultNotADB,
	sqlite3.ErrBusy:     FaultBusy,
	sqlite3.ErrLocked:   FaultBusy,
	sqlite3.ErrFull:     FaultFull,
	sqlite3.ErrReadonly: FaultReadOnly,
	sqlite3.ErrCantOpen: FaultCantOpen,
	sqlite3.ErrIoErr:    FaultIO,
	sqlite3.ErrNomem:    FaultNoMemory,
	sqlite3.ErrPerm:     FaultForbidden,
	sqlite3.ErrAuth:     FaultForbidden,
}

// pgFaults maps PostgreSQL's SQLSTATE codes to the same faults.
var pgFaults = map[string]DBFault{
	"XX001": FaultCorrupt, "XX002": FaultCorrupt, // data_corrupted, index_corrupted
	"53100": FaultFull,                     // disk_full
	"53200": FaultNoMemory,                 // out_of_memory
	"25006": FaultReadOnly,                 // read_only_sql_transaction (a standby)
	"55P03": FaultBusy, "40P01": FaultBusy, // lock_not_available, deadlock_detected
	"42501": FaultForbidden, "28000": FaultForbidden, "28P01": FaultForbidden,
	"57P01": FaultCantOpen, "57P02": FaultCantOpen, "57P03": FaultCantOpen, // shutting down, cannot connect now
	"58030": FaultIO,   // io_error
	"3D000": FaultNoDB, // invalid_catalog_name: the URL names a database the server lacks
}

// FaultOf reports the database fault behind err, if any.
func FaultOf(err error) (DBFault, bool) {
	var se sqlite3.Error
	if errors.As(err, &se) {
		f, ok := sqliteFaults[se.Code]
		return f, ok
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if f, ok := pgFaults[pe.Code]; ok {
			return f, true
		}
	}
	// A connection refused for any other reason (the server's error is
	// inside the connect error) is still one that could not be opened.
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return FaultCantOpen, true
	}
	return "", false
}

// faultAdvice is each fault for whoever runs the bot (command line,
// console, an admin's private chat): what happened, and what to do.
var faultAdvice = map[DBFault]string{
	FaultCorrupt: "数据库文件已损坏，无法读写。请停止机器人，用最近的备份恢复数据库（README「上线清单」第 7 步）；" +
		"没有备份时，可用 sqlite3 数据库 \".recover\" 导出仍可读的数据。",
	FaultNotADB: "数据库文件已不是 SQLite 数据库（被其他文件覆盖或严重损坏）。请停止机器人，检查 database 设置，并用备份恢复。",
	FaultBusy: "数据库正被另一个程序占用，等待超时，这次操作没有完成。请稍后重试；若一直如此，" +
		"检查是否有 sqlite3 命令行、备份脚本或第二个 mobilize 长时间占用数据库。",
	FaultFull: "数据库所在的磁盘已满，这次操作没有保存。请清理磁盘空间（如 data/exports 中的旧工作簿、旧日志）后重试。",
	FaultReadOnly: "数据库是只读的，这次操作没有保存。请检查权限：运行 mobilize 的用户能否写入数据库文件及其所在目录，磁盘是否以只读方式挂载" +
		"（PostgreSQL：database 是否连到了只读的备库）。",
	FaultNoDB: "数据库服务器上没有 database 设置中的这个数据库。请检查库名是否写错，" +
		"或先在服务器上创建一个空数据库（如 createdb mobilize），再运行 mobilize。",
	FaultCantOpen: "无法打开或连接数据库。请检查 database 设置，以及运行 mobilize 的用户对数据库文件和目录的权限" +
		"（PostgreSQL：数据库服务器是否在运行、能否从本机连接）。",
	FaultIO:        "读写数据库文件时发生磁盘错误，这次操作没有完成。请检查磁盘（dmesg、磁盘空间、挂载状态）后重试；反复出现时用备份恢复。",
	FaultNoMemory:  "服务器内存不足，数据库操作没有完成。请关闭占用内存的程序后重试。",
	FaultForbidden: "没有访问数据库的权限，这次操作没有完成。请检查数据库文件及其目录的属主和权限（PostgreSQL：用户名、密码和授权）。",
}

// Advice is the fault in Chinese for staff, with what to do.
func (f DBFault) Advice() string {
	if a, ok := faultAdvice[f]; ok {
		return a
	}
	return "数据库出错，这次操作没有完成。请查看日志（log.level: debug 显示详细原因）。"
}

// MemberText is the fault for a member or a visitor of the sign-up page,
// who can do nothing about the server: that nothing was recorded, and to
// try again later.
func (f DBFault) MemberText() string {
	return "抱歉，系统暂时无法保存，这次提交没有记录。请稍后再试一次；如一直不行，请联系组织方。"
}
