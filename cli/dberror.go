package cli

import (
	"errors"
	"fmt"

	"mobilize/models"
)

// openError words the Store's refusals to open a database, naming the file:
// the usual cause is a --db or MOBILIZE_DB pointing at the wrong place.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, models.ErrNoDatabase):
		return fmt.Errorf("数据库 %s 不存在：请检查 --db、MOBILIZE_DB 或配置文件中的 database（新数据库由 campaign create、console 或 run 创建）", path)
	case errors.Is(err, models.ErrForeignDatabase):
		return fmt.Errorf("%s 不是 mobilize 的数据库（里面有别的数据，或根本不是数据库文件），没有做任何改动；请用 --db 指定 mobilize 的数据库或一个新文件", path)
	case errors.Is(err, models.ErrNewerDatabase):
		return fmt.Errorf("数据库 %s 由更新版本的 mobilize 创建，请升级 mobilize 后再使用", path)
	case errors.Is(err, models.ErrNotAFile):
		return fmt.Errorf("%s 不是文件（是目录？）：--db 应指定数据库文件，如 ./data/mobilize.db", path)
	}
	return fmt.Errorf("无法打开数据库 %s：%w", path, err)
}
