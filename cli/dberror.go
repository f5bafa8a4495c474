package cli

import (
	"errors"
	"fmt"
	"io/fs"

	"mobilize/config"
	"mobilize/models"
)

// openError words the Store's refusals to open a database, naming the file:
// the usual cause is a --db or MOBILIZE_DB pointing at the wrong place.
func openError(path string, err error) error {
	server := config.IsPostgresURL(path)
	path = config.ShownDatabase(path)
	switch {
	case server && errors.Is(err, models.ErrNoDatabase):
		return fmt.Errorf("PostgreSQL 数据库 %s 里还没有 mobilize 的数据：请检查 --db、MOBILIZE_DB 或配置文件中的 database（在空库上由 campaign create、console 或 run 建表）", path)
	case server && errors.Is(err, models.ErrForeignDatabase):
		return fmt.Errorf("PostgreSQL 数据库 %s 里已有别的表，不是 mobilize 的数据库，没有做任何改动；请为 mobilize 建一个空库", path)
	case errors.Is(err, models.ErrNoDatabase):
		return fmt.Errorf("数据库 %s 不存在：请检查 --db、MOBILIZE_DB 或配置文件中的 database（新数据库由 campaign create、console 或 run 创建）", path)
	case errors.Is(err, models.ErrForeignDatabase):
		return fmt.Errorf("%s 不是 mobilize 的数据库（里面有别的数据，或根本不是数据库文件），没有做任何改动；请用 --db 指定 mobilize 的数据库或一个新文件", path)
	case errors.Is(err, models.ErrNewerDatabase):
		return fmt.Errorf("数据库 %s 由更新版本的 mobilize 创建，请升级 mobilize 后再使用", path)
	case errors.Is(err, models.ErrSidecar):
		return fmt.Errorf("%s 是另一个数据库的日志文件（-wal/-shm/-journal），不能当作数据库打开；请用 --db 指定数据库文件本身", path)
	case errors.Is(err, models.ErrNotAFile):
		return fmt.Errorf("%s 不是文件（是目录？）：--db 应指定数据库文件，如 ./data/mobilize.db", path)
	}
	if f, ok := models.FaultOf(err); ok {
		return fmt.Errorf("数据库 %s：%s", path, f.Advice())
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("无法创建或打开数据库 %s：%s %s", path, pe.Path, fileProblem(pe.Err))
	}
	return fmt.Errorf("无法打开数据库 %s：%w", path, err)
}
