package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"mobilize/web"
)

// runLinks prints every organization's sign-up link for a campaign and,
// with --out, writes a QR code PNG for each, to paste into groups or print
// on a poster.
func runLinks(ctx context.Context, e *Env, args []string) error {
	var campaign int
	var out string
	if _, err := subcommand(e, "links", "[--campaign N] [--out DIR]", args, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "倡议编号（默认最新的一个）")
		fs.StringVar(&out, "out", "", "二维码图片（PNG）写入的目录")
	}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	camp, err := pickCampaign(ctx, store, campaign)
	if err != nil {
		return err
	}
	links, err := web.OpenLinks(ctx, store, cfg.Web)
	if err != nil {
		return err
	}
	orgs, err := links.OrgLinks(ctx, store, camp.ID)
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return fmt.Errorf("还没有带群的组织：请先 mobilize orgs import")
	}
	if cfg.Web.PublicURL == "" {
		fmt.Fprintln(e.Stderr, "提示：未设置 web.public_url，以下链接只在本机可用。")
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o750); err != nil {
			return fmt.Errorf("创建目录 %s: %w", out, err)
		}
	}
	fmt.Fprintf(e.Stdout, "倡议 %d：%s\n", camp.ID, camp.Title)
	for _, o := range orgs {
		fmt.Fprintf(e.Stdout, "%s\t%s\n", o.Org.Name, o.URL)
		if out == "" {
			continue
		}
		png, err := web.QRPNG(o.URL, 8)
		if err != nil {
			return err
		}
		file := filepath.Join(out, qrFileName(camp.ID, o.Org.ID, o.Org.Name))
		if err := os.WriteFile(file, png, 0o644); err != nil {
			return fmt.Errorf("写入二维码 %s: %w", file, err)
		}
	}
	if out != "" {
		fmt.Fprintf(e.Stdout, "二维码已写入 %s（%d 个）\n", out, len(orgs))
	}
	return nil
}

// maxNameBytes is the longest file name Linux file systems take (ext4,
// xfs, btrfs: 255 bytes).
const maxNameBytes = 255

// qrFileName is campaign-organization.png, the name cut at a character
// boundary when it would pass maxNameBytes (a long 商会 name in UTF-8 is
// three bytes a character): then the organization's number keeps two cut
// names apart, and every organization still gets its code.
func qrFileName(campaign, org uint, name string) string {
	full := fmt.Sprintf("%d-%s.png", campaign, fileSafe(name))
	if len(full) <= maxNameBytes {
		return full
	}
	tail := fmt.Sprintf("…-%d.png", org)
	head := fmt.Sprintf("%d-", campaign)
	room := maxNameBytes - len(head) - len(tail)
	cut := fileSafe(name)
	for len(cut) > room {
		_, size := utf8.DecodeLastRuneInString(cut)
		cut = cut[:len(cut)-size]
	}
	return head + cut + tail
}

// fileSafe keeps an organization's name usable as a file name.
func fileSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, name)
}
