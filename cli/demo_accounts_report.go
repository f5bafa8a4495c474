package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"mobilize/bot/wxfake"
)

// report prints, from what the simulator received, each account's sends
// and the shortest gap it left between two groups against its own, the
// messages moved off the cut-off account, the admins' notices, and
// whether every group got every message of the broadcast exactly once.
// A group sent to twice or not at all is an error: the demo then fails.
func (d *accountsDemo) report(ctx context.Context) error {
	sent := d.world.Sent()
	moves, err := d.store.OutboxMoves(ctx)
	if err != nil {
		return err
	}
	movedTo := map[string]int{}
	for _, m := range moves {
		movedTo[m.To]++
	}
	fmt.Fprintln(d.e.Stdout, "\n结果（按模拟器收到的消息统计）：")
	for i, name := range d.names {
		line := fmt.Sprintf("  %s：向群发出 %d 条，%s", name, groupSends(sent, name), shortestGap(sent, name, demoAccountGap(i)))
		if i == demoCutAccount {
			line += fmt.Sprintf("；被踢下线后余下的 %d 条由其他账号发送", len(moves))
		} else if movedTo[name] > 0 {
			line += fmt.Sprintf("；其中 %d 条是从 %s 转来的", movedTo[name], d.names[demoCutAccount])
		}
		fmt.Fprintln(d.e.Stdout, line)
	}
	for _, m := range sent {
		if !m.ToGroup {
			fmt.Fprintf(d.e.Stdout, "  %s → %s（私聊）：%s\n", m.Account, m.ToNickName, indent(m.Content))
		}
	}
	return d.checkOnce(sent)
}

// groupSends counts what account sent to groups.
func groupSends(sent []wxfake.AccountSent, account string) int {
	n := 0
	for _, m := range sent {
		if m.ToGroup && m.Account == account {
			n++
		}
	}
	return n
}

// shortestGap says the shortest time account left between sends to two
// different groups, against its configured gap: each account keeps its
// own pace.
func shortestGap(sent []wxfake.AccountSent, account string, want time.Duration) string {
	var last *wxfake.AccountSent
	shortest := time.Duration(-1)
	for i := range sent {
		m := &sent[i]
		if !m.ToGroup || m.Account != account {
			continue
		}
		if last != nil && last.ToNickName != m.ToNickName {
			if gap := m.Time.Sub(last.Time); shortest < 0 || gap < shortest {
				shortest = gap
			}
		}
		last = m
	}
	if shortest < 0 {
		return fmt.Sprintf("设定的群间隔 %s", want)
	}
	return fmt.Sprintf("相邻两群最短间隔 %s（设定 %s）", shortest.Round(time.Millisecond), want)
}

// checkOnce checks that every group received each message of the
// broadcast exactly once, whichever accounts sent them.
func (d *accountsDemo) checkOnce(sent []wxfake.AccountSent) error {
	copies := map[string]map[string]int{} // group → text → times
	for _, m := range sent {
		if !m.ToGroup {
			continue
		}
		if copies[m.ToNickName] == nil {
			copies[m.ToNickName] = map[string]int{}
		}
		copies[m.ToNickName][m.Content]++
	}
	parts := len(copies[demoAccountGroup(0)])
	var wrong []string
	for i := range demoAccountGroups {
		g := demoAccountGroup(i)
		if len(copies[g]) != parts || slices.ContainsFunc(slices.Collect(maps.Values(copies[g])), func(n int) bool { return n != 1 }) {
			wrong = append(wrong, g)
		}
	}
	if len(wrong) > 0 || parts == 0 {
		return fmt.Errorf("有 %d 个群没有恰好各收到一次（%s）", len(wrong), strings.Join(wrong[:min(len(wrong), 10)], "、"))
	}
	fmt.Fprintf(d.e.Stdout, "  %d 个群每个都收到倡议的 %d 条消息各一次：没有重复，没有遗漏\n", demoAccountGroups, parts)
	return nil
}
