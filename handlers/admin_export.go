package handlers

// adminExportWorkbook handles 导出 [N]. The workbook goes into the admin's
// private chat as a file through the outbox.
func (r *Router) adminExportWorkbook(c *Context, a adminCmd) error {
	_, _, err := r.campaignArg(c, adminExport, a.rest, true)
	return err
}
