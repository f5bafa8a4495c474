package grammar

// Placeholder: the service-record and pledge family is being written.

func parseService(word, rest string, v *Vocabulary) Command     { return Command{Kind: Service} }
func parseUndoService(word, rest string, v *Vocabulary) Command { return Command{Kind: UndoService} }
func parsePledge(word, rest string, v *Vocabulary) Command      { return Command{Kind: Pledge} }
func parseDelivered(word, rest string, v *Vocabulary) Command   { return Command{Kind: Delivered} }
func formatRecordFamily(c Command) string                       { return "" }
