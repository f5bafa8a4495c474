// Package pii hides personal data wherever text leaves the store: a chat,
// a log, a terminal, a web page, a report. It finds mainland mobile numbers
// and 身份证 numbers however they were typed, masks them (Mask), and strips
// the control characters that would let a name rewrite a terminal
// (Printable). It is a leaf package, importing nothing of the project, so
// that every layer masks with the same rule and none needs the grammar.
package pii
