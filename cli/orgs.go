package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"strings"

	"mobilize/inputfile"
	"mobilize/models"
	"mobilize/pii"
)

// runOrgs dispatches orgs import / list.
func runOrgs(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 || (args[0] != "import" && args[0] != "list" && args[0] != "assign") {
		return subUsage(e, args, "用法: mobilize orgs import [--move] FILE.csv | mobilize orgs list | mobilize orgs assign 群名 账号名")
	}
	if args[0] == "assign" {
		return orgsAssign(ctx, e, args[1:])
	}
	if args[0] == "list" {
		if _, err := subcommand(e, "orgs list", "", args[1:], func(*flag.FlagSet) {}); err != nil {
			return err
		}
		e.existing = true // a mistyped --db must not create a database
		return orgsList(ctx, e)
	}
	var move bool
	fs, err := subcommandArgs(e, "orgs import", "[--move] FILE.csv（列：组织名称,类型,群名称,联系人[,标签]；UTF-8 或 GBK）", args[1:], 1, func(fs *flag.FlagSet) {
		fs.BoolVar(&move, "move", false, "允许把已属于某组织的群改到另一组织（其报名和捐赠随之移动）")
	})
	if err != nil {
		return err
	}
	file, err := readOrgsFile(fs.Arg(0))
	var refused *inputfile.Error
	if errors.As(err, &refused) {
		return err // it names the file already
	}
	if err == nil {
		err = file.check()
	}
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := store.ImportOrgsFrom(ctx, file.rows(), models.ImportOptions{Move: move})
	if err != nil && !errors.Is(err, models.ErrImportConflict) {
		return err
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(e.Stdout, importNote(n))
	}
	if errors.Is(err, models.ErrImportConflict) {
		return fmt.Errorf("有 %d 行冲突，未导入任何内容；请修改文件后重试", len(rep.Conflicts()))
	}
	if !rep.Changed {
		fmt.Fprintf(e.Stdout, "没有变化：%d 个组织、%d 个群都已按此文件导入过\n", rep.Orgs, rep.Groups)
		return nil
	}
	fmt.Fprintf(e.Stdout, "已导入 %d 个组织、%d 个群\n", rep.Orgs, rep.Groups)
	return nil
}

// importNote says in one line what happened to a group on a line.
func importNote(n models.ImportNote) string {
	carried := fmt.Sprintf("报名 %d 人次、捐赠 %d 笔", n.Signups, n.Pledges)
	switch n.Kind {
	case models.ImportClaimed:
		return fmt.Sprintf("第 %d 行：群「%s」已由第 %d 行归入「%s」，不能再归入「%s」", n.Line, n.Group, n.FromLine, n.From, n.To)
	case models.ImportMove:
		return fmt.Sprintf("第 %d 行：群「%s」现属「%s」（%s），未改到「%s」；确需移动请加 --move", n.Line, n.Group, n.From, carried, n.To)
	case models.ImportMoved:
		return fmt.Sprintf("第 %d 行：群「%s」已由「%s」移到「%s」，%s随之移动", n.Line, n.Group, n.From, n.To, carried)
	}
	return fmt.Sprintf("第 %d 行：群「%s」此前未绑定，已归入「%s」，%s随之归入", n.Line, n.Group, n.To, carried)
}

// readOrgsFile reads the organizations CSV at path: a regular file (not a
// FIFO or a device) of at most maxCSVBytes, refused with a Chinese message
// otherwise (inputfile), decoded to UTF-8, its header checked.
func readOrgsFile(path string) (*orgsCSV, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		var ie *inputfile.Error
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, errors.New(userText(err))
	}
	defer f.Close()
	return readOrgsCSV(inputfile.Limit(f, path, maxCSVBytes))
}

// orgsCSV is an organizations CSV (UTF-8, with or without a BOM, or GBK;
// header required): columns 组织名称,类型,群名称,联系人 and an optional 标签
// (;-separated), found by their header in any order. Its text is held
// (bounded by maxCSVBytes); its rows are parsed one at a time as they are
// imported and never held together, and more than maxCSVRows of them are
// refused.
type orgsCSV struct {
	text []byte
	col  map[string]int
}

// readOrgsCSV reads and decodes the file and checks its header.
func readOrgsCSV(r io.Reader) (*orgsCSV, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if data, err = decodeCSV(data); err != nil {
		return nil, err
	}
	c := &orgsCSV{text: data, col: map[string]int{}}
	head, err := c.reader().Read()
	if err != nil && err != io.EOF {
		return nil, csvProblem(err)
	}
	if len(head) == 0 || strings.TrimSpace(head[0]) != "组织名称" {
		return nil, fmt.Errorf("第一行应为表头：组织名称,类型,群名称,联系人[,标签]")
	}
	for i, h := range head {
		c.col[strings.TrimSpace(h)] = i
	}
	return c, nil
}

func (c *orgsCSV) reader() *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(c.text))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	return cr
}

// check reads every row without keeping any, so a file with a bad line
// is refused before the database is opened or created.
func (c *orgsCSV) check() error {
	for _, err := range c.rows() {
		if err != nil {
			return err
		}
	}
	return nil
}

// rows yields the file's rows after the header, one at a time; a row
// without an organization name, a CSV error or a row past maxCSVRows ends
// it with an error naming the line.
func (c *orgsCSV) rows() iter.Seq2[models.OrgRow, error] {
	return func(yield func(models.OrgRow, error) bool) {
		cr := c.reader()
		if _, err := cr.Read(); err != nil { // the header, checked already
			return
		}
		n := 0
		for i := 0; ; i++ {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(models.OrgRow{}, csvProblem(err))
				return
			}
			row := c.row(rec, i+2)
			if row.Name == "" {
				if row.Group == "" && row.Kind == "" {
					continue // blank line
				}
				yield(models.OrgRow{}, fmt.Errorf("第 %d 行：缺少组织名称", i+2))
				return
			}
			if n++; n > maxCSVRows {
				yield(models.OrgRow{}, fmt.Errorf("文件超过 %d 行，未导入任何内容；请拆成几个文件分别导入", maxCSVRows))
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// row reads one record as the line-th line of the file.
func (c *orgsCSV) row(rec []string, line int) models.OrgRow {
	get := func(name string) string {
		if j, ok := c.col[name]; ok && j < len(rec) {
			return strings.TrimSpace(rec[j])
		}
		return ""
	}
	return models.OrgRow{Line: line, Name: get("组织名称"), Kind: get("类型"), Group: get("群名称"), Contact: get("联系人"),
		Tags: strings.FieldsFunc(get("标签"), func(r rune) bool { return r == ';' || r == '；' })}
}

func orgsList(ctx context.Context, e *Env) error {
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	orgs, err := store.ListOrgs(ctx)
	if err != nil {
		return err
	}
	owners, err := store.GroupOwners(ctx)
	if err != nil {
		return err
	}
	withOwners := multiAccount(cfg, owners)
	tw := newTable(e.Stdout)
	for _, o := range orgs {
		// A group or an organization may be named with a phone: masked here
		// as on every other exit.
		groups := pii.MaskJoin(o.Groups, "、")
		if withOwners {
			groups = groupsWithOwners(o.Groups, owners)
		}
		cells := []string{pii.Mask(o.Name), cmp.Or(o.Kind, "-"), groups}
		if t := o.TagList(); len(t) > 0 {
			cells = append(cells, "标签："+strings.Join(t, ";"))
		}
		if o.Unbound {
			cells = append(cells, "[未绑定：请用 orgs import 绑定到组织]")
		}
		tw.row(cells...)
	}
	return tw.flush()
}

// groupsWithOwners lists groups, masked, each with its sending account.
func groupsWithOwners(groups []string, owners map[string]models.OwnerInfo) string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = fmt.Sprintf(txtOwnerNoteShape, pii.Mask(g), ownerNote(owners[g]))
	}
	return strings.Join(out, "、")
}
