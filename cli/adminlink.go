package cli

import (
	"context"
	"flag"
	"fmt"

	"mobilize/models"
	"mobilize/web"
)

// runAdminLink prints a one-time staff console login link for an admin:
// the way in when WeChat is down and 登录 cannot be sent. Only an admin
// named in config admins gets one, and every link is audited.
func runAdminLink(ctx context.Context, e *Env, args []string) error {
	var admin string
	if _, err := subcommand(e, "admin-link", "--admin 备注", args, func(fs *flag.FlagSet) {
		fs.StringVar(&admin, "admin", "", "管理员备注（须列在配置 admins 中）")
	}); err != nil {
		return err
	}
	// The admin is checked before the database is opened: a refused
	// request touches nothing.
	if admin == "" {
		return fmt.Errorf("请用 --admin 指定管理员备注（配置 admins 中的一项）")
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if err := e.checkAdmin(cfg, admin); err != nil {
		return err
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	link, err := web.NewLoginLinkBy(ctx, store, cfg.Web, admin, models.ActorCLI)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s\n（10 分钟内有效，只能使用一次）\n", link)
	return nil
}
