package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"mobilize/models"
)

// runOrgs dispatches orgs import / list.
func runOrgs(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "list") {
		fmt.Fprintln(e.Stderr, "用法: mobilize orgs import FILE.csv | mobilize orgs list")
		return errUsage
	}
	if args[0] == "list" {
		e.existing = true // a mistyped --db must not create a database
		return orgsList(ctx, e)
	}
	fs, err := subcommand(e, "orgs import", "FILE.csv（列：组织名称,类型,群名称,联系人）", args[1:], func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("请给出 CSV 文件，如 mobilize orgs import orgs.csv")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := readOrgsCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	orgs, groups, err := store.ImportOrgs(ctx, rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导入 %d 个组织、%d 个群\n", orgs, groups)
	return nil
}

// readOrgsCSV reads 组织名称,类型,群名称,联系人 (UTF-8, with or without a
// BOM, header required). A row without an organization name is an error
// naming the line.
func readOrgsCSV(r io.Reader) ([]models.OrgRow, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.TrimSpace(recs[0][0]) != "组织名称" {
		return nil, fmt.Errorf("第一行应为表头：组织名称,类型,群名称,联系人")
	}
	var rows []models.OrgRow
	for i, rec := range recs[1:] {
		for len(rec) < 4 {
			rec = append(rec, "")
		}
		row := models.OrgRow{Name: strings.TrimSpace(rec[0]), Kind: strings.TrimSpace(rec[1]),
			Group: strings.TrimSpace(rec[2]), Contact: strings.TrimSpace(rec[3])}
		if row.Name == "" {
			if row.Group == "" && row.Kind == "" {
				continue // blank line
			}
			return nil, fmt.Errorf("第 %d 行：缺少组织名称", i+2)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func orgsList(ctx context.Context, e *Env) error {
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	orgs, err := store.ListOrgs(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		flag := ""
		if o.Unbound {
			flag = "\t[未绑定：请用 orgs import 绑定到组织]"
		}
		fmt.Fprintf(e.Stdout, "%s\t%s\t%s%s\n", o.Name, cmp.Or(o.Kind, "-"), strings.Join(o.Groups, "、"), flag)
	}
	return nil
}
