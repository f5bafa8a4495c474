package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"mobilize/config"
	"mobilize/models"
	"mobilize/pii"
)

// Words of orgs assign and of the owner notes in orgs list.
const (
	txtAssignUsage    = "群名 账号名（或「自动」：交回按规则选择）"
	txtAssignAuto     = "自动"
	txtAssignDone     = "群「%s」今后由 %s 发送（此前：%s）；已记入审计日志。\n"
	txtAssignToRule   = "群「%s」交回按规则选择：今后由 %s 发送（此前：%s）；已记入审计日志。\n"
	txtAssignNoGroup  = "没有名为「%s」的群：群名须与微信中完全一致（见 mobilize orgs list）"
	txtAssignNoAcct   = "没有名为「%s」的账号；配置中的账号：%s"
	txtAssignNotIn    = "%s 不在群「%s」中，不能向它发送；在该群中的账号：%s。账号登录后会自动记下它所在的群"
	txtNoAccount      = "无账号"
	txtOwnerByStaff   = "指定"
	txtNoOneServes    = "无"
	txtOwnerNoteShape = "%s（%s）"
)

// orgsAssign is `orgs assign 群名 值班号2`: the group's messages go out
// through that account from now on, whatever the rule would pick, until
// staff assign again (「自动」 hands it back to the rule).
func orgsAssign(ctx context.Context, e *Env, args []string) error {
	fs, err := subcommandArgs(e, "orgs assign", txtAssignUsage, args, 2, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	group, account := strings.TrimSpace(fs.Arg(0)), strings.TrimSpace(fs.Arg(1))
	e.existing = true // a mistyped --db must not create a database
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	if account == txtAssignAuto {
		account = ""
	} else if !slices.Contains(cfg.AccountNames(), account) {
		return fmt.Errorf(txtAssignNoAcct, account, strings.Join(cfg.AccountNames(), "、"))
	}
	before, after, err := store.AssignOwner(ctx, group, account, models.ActorCLI)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return fmt.Errorf(txtAssignNoGroup, pii.Mask(group))
	case errors.Is(err, models.ErrNotServing):
		serving, _ := store.ServingAccounts(ctx, group)
		return fmt.Errorf(txtAssignNotIn, account, pii.Mask(group), cmp.Or(strings.Join(serving, "、"), txtNoOneServes))
	case err != nil:
		return err
	}
	if account == "" {
		fmt.Fprintf(e.Stdout, txtAssignToRule, pii.Mask(group), cmp.Or(after, txtNoOneServes), cmp.Or(before, txtNoOneServes))
		return nil
	}
	fmt.Fprintf(e.Stdout, txtAssignDone, pii.Mask(group), after, cmp.Or(before, txtNoOneServes))
	return nil
}

// multiAccount reports whether owners are worth showing: more than one
// account is configured or has served a group.
func multiAccount(cfg config.Config, owners map[string]models.OwnerInfo) bool {
	if len(cfg.Accounts()) > 1 {
		return true
	}
	seen := map[string]bool{}
	for _, o := range owners {
		for _, a := range o.Serving {
			seen[a] = true
		}
	}
	return len(seen) > 1
}

// ownerNote is a group's sending account as orgs list shows it beside the
// group: 值班号1, 值班号2（指定） for a staff assignment, 无账号 for none.
func ownerNote(o models.OwnerInfo) string {
	switch {
	case o.Account == "":
		return txtNoAccount
	case o.ByStaff:
		return fmt.Sprintf(txtOwnerNoteShape, o.Account, txtOwnerByStaff)
	}
	return o.Account
}
