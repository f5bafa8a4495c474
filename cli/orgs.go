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
		return subUsage(e, args, "用法: mobilize orgs import FILE.csv | mobilize orgs list")
	}
	if args[0] == "list" {
		if _, err := subcommand(e, "orgs list", "", args[1:], func(*flag.FlagSet) {}); err != nil {
			return err
		}
		e.existing = true // a mistyped --db must not create a database
		return orgsList(ctx, e)
	}
	fs, err := subcommandArgs(e, "orgs import", "FILE.csv（列：组织名称,类型,群名称,联系人；UTF-8 或 GBK）", args[1:], 1, func(*flag.FlagSet) {})
	if err != nil {
		return err
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
	if data, err = decodeCSV(data); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, csvProblem(err)
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
