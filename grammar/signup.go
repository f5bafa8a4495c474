package grammar

// Placeholder: the sign-up family is being written; see the package doc.

func parseSignUp(word, rest string, v *Vocabulary) Command   { return Command{Kind: SignUp} }
func parseCancel(word, rest string, v *Vocabulary) Command   { return Command{Kind: Cancel} }
func parseMyStatus(word, rest string, v *Vocabulary) Command { return Command{Kind: MyStatus} }
func parseQuota(word, rest string, v *Vocabulary) Command    { return Command{Kind: Quota} }
func parseHelp(word, rest string, v *Vocabulary) Command     { return Command{Kind: Help} }
func parseChain(word, rest string, v *Vocabulary) Command    { return Command{Kind: Chain} }
func formatSignUpFamily(c Command) string                    { return "" }
