package config

import "gopkg.in/yaml.v3"

// saysNoAdmins reports whether the YAML document states an empty admin
// list in so many words (`admins: []`). A file that merely lacks admins —
// emptied, cut short while an editor writes it, or never given any — does
// not: a reload that meets one keeps the admins in force rather than
// revoking every console at once.
func saysNoAdmins(root *yaml.Node) bool {
	if root == nil || root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "admins" {
			v := root.Content[i+1]
			return v.Kind == yaml.SequenceNode && len(v.Content) == 0
		}
	}
	return false
}
