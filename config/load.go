package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"mobilize/inputfile"
)

// MaxFileBytes bounds the configuration file: a real one is a few KB, and
// a path naming a huge file or a device must not be read into memory.
const MaxFileBytes = 1 << 20

// Overrides are the values given outside the file: environment and flags.
// Flags win over the environment, which wins over the file.
type Overrides struct {
	ConfigFile string // --config, else MOBILIZE_CONFIG
	Database   string // --db, else MOBILIZE_DB
}

// Load builds the configuration: defaults, the YAML file named by the flag or
// MOBILIZE_CONFIG (if any), MOBILIZE_DB, the --db flag; then validates it.
// getenv is os.Getenv outside tests.
func Load(o Overrides, getenv func(string) string) (Config, error) {
	cfg := Default()
	file := cmp.Or(o.ConfigFile, getenv("MOBILIZE_CONFIG"))
	if file != "" {
		data, err := inputfile.ReadFile(file, MaxFileBytes)
		if err != nil {
			return Config{}, fmt.Errorf("读取配置文件: %w", err)
		}
		if err := Parse(data, &cfg); err != nil {
			return Config{}, fmt.Errorf("配置文件 %s: %w", file, err)
		}
	}
	cfg.Database = cmp.Or(o.Database, getenv("MOBILIZE_DB"), cfg.Database)
	if err := cfg.validate(); err != nil {
		if file != "" {
			return Config{}, fmt.Errorf("配置文件 %s: %w", file, err)
		}
		return Config{}, err
	}
	return cfg, nil
}

// Parse reads YAML over cfg. Keys that Config does not know are errors that
// name the key with its full path and line, and so are values of the wrong
// type, so a typo never silently falls back to a default.
func Parse(data []byte, cfg *Config) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return yamlProblem(err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if err := checkNode(root, reflect.TypeOf(*cfg), ""); err != nil {
		return err
	}
	cfg.NoAdmins = saysNoAdmins(root)
	return root.Decode(cfg)
}

// checkNode walks the YAML tree beside the Go type, reporting the first
// unknown key or ill-typed value by its dotted path.
func checkNode(n *yaml.Node, t reflect.Type, path string) error {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && t != reflect.TypeOf(time.Time{}):
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s（第 %d 行）应为键值表", orRoot(path), n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fieldByTag(t, k.Value)
			if !ok {
				return fmt.Errorf("未知的配置项 %q（第 %d 行）", join(path, k.Value), k.Line)
			}
			if err := checkNode(v, f.Type, join(path, k.Value)); err != nil {
				return err
			}
		}
		return nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8:
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s（第 %d 行）应为列表", path, n.Line)
		}
		for i, item := range n.Content {
			if err := checkNode(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := n.Decode(reflect.New(t).Interface()); err != nil {
		return fmt.Errorf("%s（第 %d 行）: %s", path, n.Line, scalarProblem(err, t))
	}
	return nil
}

// scalarProblem words a leaf decode error for the operator.
func scalarProblem(err error, t reflect.Type) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		switch t.Kind() {
		case reflect.Int:
			return "应为整数"
		case reflect.Bool:
			return "应为 true 或 false"
		case reflect.String:
			return "应为文字"
		}
	}
	return err.Error()
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == key && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "配置文件顶层"
	}
	return path
}

// yamlLine finds the line number in the YAML library's (English) message.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlProblem words a YAML syntax error in Chinese with its line, when the
// library gives one, instead of the library's English.
func yamlProblem(err error) error {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("YAML 格式错误（第 %s 行）：请检查缩进、冒号和引号", m[1])
	}
	return errors.New("YAML 格式错误：不是 YAML 文本，或含有控制字符")
}
