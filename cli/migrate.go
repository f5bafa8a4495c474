package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// Texts of mobilize migrate.
const (
	txtMigrateSynopsis = "--from 数据库 --to 数据库"
	txtMigrateNeedBoth = "请用 --from 给出现有的数据库、--to 给出新的空数据库，如 --from sqlite:data/mobilize.db --to postgres://用户:密码@主机/库名"
	txtMigrateSame     = "--from 和 --to 是同一个数据库"
	txtMigrateBotLive  = "机器人正在使用 %s（mobilize run 的心跳仍在更新）：请先停止它，再复制，否则复制之后收到的报名会留在旧库里"
	txtMigrateNotEmpty = "目标数据库 %s 里已有数据：复制只写入空数据库，不合并、不覆盖；请换一个新建的空库"
	txtMigrateMismatch = "复制后核对不一致（%v），目标数据库没有写入任何内容"
	txtMigrateHead     = "表\t原库\t新库"
	txtMigrateDone     = "已复制到 %s：%d 张表的行数一致，各倡议按组织、岗位、状态的人数和每日台账一致。把配置文件的 database 改为新库后再启动。"
)

// runMigrate copies every row of one database into a new, empty one.
func runMigrate(ctx context.Context, e *Env, args []string) error {
	var from, to string
	if _, err := subcommand(e, "migrate", txtMigrateSynopsis, args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "现有的数据库：SQLite 文件（可写 sqlite:路径）或 postgres://…")
		fs.StringVar(&to, "to", "", "新的空数据库：postgres://…（库须已建好、为空）或 SQLite 文件")
	}); err != nil {
		return err
	}
	if from == "" || to == "" {
		return errors.New(txtMigrateNeedBoth)
	}
	fromCfg, err := e.databaseConfig(from)
	if err != nil {
		return err
	}
	toCfg, err := e.databaseConfig(to)
	if err != nil {
		return err
	}
	if fromCfg.Database == toCfg.Database {
		return errors.New(txtMigrateSame)
	}
	src, err := models.OpenExisting(fromCfg.Database, nil)
	if err != nil {
		return openError(fromCfg.Database, err)
	}
	defer src.Close()
	if msg, err := botOffline(ctx, src, time.Now()); err != nil {
		return err
	} else if msg == "" {
		return fmt.Errorf(txtMigrateBotLive, config.ShownDatabase(fromCfg.Database))
	}
	zone, err := src.LedgerZone(ctx)
	if err != nil {
		return err
	}
	if zone == nil {
		zone = fromCfg.Location
	}
	dst, err := models.Open(toCfg.Database, nil, models.WithZone(zone))
	if err != nil {
		return openError(toCfg.Database, err)
	}
	defer dst.Close()
	tables, err := models.CopyAll(ctx, src, dst)
	switch {
	case errors.Is(err, models.ErrTargetNotEmpty):
		return fmt.Errorf(txtMigrateNotEmpty, config.ShownDatabase(toCfg.Database))
	case errors.Is(err, models.ErrCopyMismatch):
		return fmt.Errorf(txtMigrateMismatch, err)
	case err != nil:
		return err
	}
	t := newTable(e.Stdout)
	t.row(strings.Split(txtMigrateHead, "\t")...)
	for _, c := range tables {
		t.row(c.Table, strconv.FormatInt(c.Source, 10), strconv.FormatInt(c.Copy, 10))
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.Stdout, txtMigrateDone+"\n", config.ShownDatabase(toCfg.Database), len(tables))
	return err
}

// databaseConfig is the configuration with db as its database, checked
// as --db would be.
func (e *Env) databaseConfig(db string) (config.Config, error) {
	o := e.overrides
	o.Database = db
	return config.Load(o, e.Getenv)
}
