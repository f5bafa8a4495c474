package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mobilize/chat"
	"mobilize/models"
)

// Texts saying no bot sends from this database.
const (
	txtBotNever   = "机器人没有在运行：此数据库上还没有运行过 mobilize run"
	txtBotStopped = "机器人没有在运行（进程 %d 已停止）"
	txtBotOffline = "机器人没有登录微信"
	txtBotStale   = "机器人的心跳已超过 %d 分钟未更新，可能已停止"
	txtBotWaits   = "注意：%s。待发送的消息在发件箱中等待，运行 mobilize run 登录后会逐群发出。"
)

// botOffline says why no bot is sending from this database, or "" when
// one is: logged in, its process alive, its heartbeat fresh. Commands that
// wait on the bot (broadcast status --watch) say it rather than show a
// progress bar that never moves.
func botOffline(ctx context.Context, store *models.Store, now time.Time) (string, error) {
	st, err := store.LoadBotState(ctx)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return txtBotNever, nil
	case err != nil:
		return "", err
	case !chat.ProcessAlive(st.PID):
		return fmt.Sprintf(txtBotStopped, st.PID), nil
	case !st.Online:
		return txtBotOffline, nil
	case now.Sub(st.Beat) > staleBeat:
		return fmt.Sprintf(txtBotStale, int(staleBeat/time.Minute)), nil
	}
	return "", nil
}
