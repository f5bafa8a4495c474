package cli

import (
	"context"
	"fmt"

	"mobilize/broadcast"
	"mobilize/models"
)

// demoBody is the demo initiative's text.
const demoBody = "各位社会组织同仁：\n\n疫情防控进入关键阶段，市民政局倡议各社会组织动员志愿者参与核酸检测、秩序维护和物资配送。"

// initiative opens the demo's morning as the bureau would: the campaign's
// initiative to every bound group (what `mobilize broadcast --campaign N
// --to all --yes` queues), sent by the running bot through the simulator,
// the body then the footer built from the campaign's roles.
func (d *demo) initiative(ctx context.Context, camp models.Campaign) error {
	fmt.Fprintf(d.e.Stdout, "民政局：mobilize broadcast --campaign %d --to all --yes\n", camp.ID)
	b := broadcast.New(d.store, d.cfg)
	plan, err := b.Plan(ctx, broadcast.Draft{CampaignID: camp.ID, Targets: []string{"all"}, By: "demo"})
	if err != nil {
		return userFacing(err)
	}
	fmt.Fprintf(d.e.Stdout, "    %s\n", indent(broadcast.PreviewGroups(plan)))
	if _, err := b.Queue(ctx, plan, nil); err != nil {
		return userFacing(err)
	}
	return d.flush(ctx)
}

// progress ends the morning's sign-ups with the admin asking 进度 in a
// private chat: who was reached, who answered, who has not.
func (d *demo) progress(ctx context.Context) error {
	fmt.Fprintf(d.e.Stdout, "%s → 动员助手（私聊）：进度\n", demoAdmin)
	return d.settle(ctx, d.srv.SendFriendText(demoAdmin, "进度"), 1)
}
