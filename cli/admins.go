package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"mobilize/config"
)

// Texts about who the admins are.
const (
	txtNoConfigAdmins = "没有配置文件，所以没有管理员：复制 config.example.yaml 为 config.yaml，在 admins 中写上管理员的备注（如 %s），再用 --config config.yaml 或环境变量 MOBILIZE_CONFIG 指定它"
	txtEmptyAdmins    = "配置文件 %s 的 admins 是空的，所以没有管理员：在 admins 中写上管理员的备注（如 %s）"
	txtNotAdmin       = "%q 不在配置文件 %s 的 admins 中（现有：%s）；备注须与机器人手机上给该联系人设的备注完全一致"
	txtNoAdminsNote   = "注意：没有管理员（%s），私聊「登录」、每日统计和 admin-link 都不会有人收到。见 README 的上线清单。"
	txtNoConfigShort  = "没有配置文件"
	txtEmptyShort     = "配置文件 %s 的 admins 是空的"
)

// configFile is the config file the command reads, "" for none.
func (e *Env) configFile() string {
	return cmp.Or(e.overrides.ConfigFile, e.Getenv("MOBILIZE_CONFIG"))
}

// checkAdmin explains why remark is not an admin: no config file at all
// (the README's first run), an empty admins list, or a remark not in it.
func (e *Env) checkAdmin(cfg config.Config, remark string) error {
	if slices.Contains(cfg.Admins, remark) {
		return nil
	}
	file := e.configFile()
	switch {
	case file == "":
		return fmt.Errorf(txtNoConfigAdmins, remark)
	case len(cfg.Admins) == 0:
		return fmt.Errorf(txtEmptyAdmins, file, remark)
	}
	return fmt.Errorf(txtNotAdmin, remark, file, strings.Join(cfg.Admins, "、"))
}

// noteNoAdmins warns on w, at the start of a command that serves people
// (run, web, console), when nobody is an admin: otherwise 登录 gets no
// answer and the daily tally goes nowhere, with nothing saying why.
func (e *Env) noteNoAdmins(w io.Writer, cfg config.Config) {
	if len(cfg.Admins) > 0 {
		return
	}
	why := txtNoConfigShort
	if file := e.configFile(); file != "" {
		why = fmt.Sprintf(txtEmptyShort, file)
	}
	fmt.Fprintf(w, txtNoAdminsNote+"\n", why)
}
