package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

// A Program is an escaped html/template template made ready to execute
// quickly. It is safe for concurrent use.
type Program struct {
	root *tmpl
}

// tmpl is one compiled template; root is filled in after it is created, so
// that recursive templates can refer to themselves.
type tmpl struct {
	root []node
}

// Compile prepares the template name of set, which must have been executed
// (and so escaped) by html/template before. funcs are the functions the set
// was given (template.Funcs), so that a call finds the same function.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: set, done: map[string]*tmpl{}, funcs: map[string]*function{}}
	for n, f := range funcs {
		fn, err := newFunction(n, f)
		if err != nil {
			return nil, err
		}
		c.funcs[n] = fn
	}
	t, err := c.template(name)
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	return &Program{root: t}, nil
}

type compiler struct {
	set   *template.Template
	done  map[string]*tmpl
	funcs map[string]*function
}

var errDerived = errors.New("calls a template html/template derived for another context")

func (c *compiler) template(name string) (*tmpl, error) {
	if t, ok := c.done[name]; ok {
		return t, nil
	}
	if strings.Contains(name, "$htmltemplate_") {
		return nil, errDerived
	}
	ht := c.set.Lookup(name)
	if ht == nil || ht.Tree == nil || ht.Tree.Root == nil {
		return nil, fmt.Errorf("template %q is not defined", name)
	}
	t := &tmpl{}
	c.done[name] = t
	root, err := c.list(ht.Tree.Root)
	if err != nil {
		return nil, err
	}
	t.root = root
	return t, nil
}

// The compiled nodes.
type (
	node       any
	textNode   []byte
	actionNode struct{ pipe *pipeNode }
	ifNode     struct {
		with           bool
		pipe           *pipeNode
		list, elseList []node
	}
	rangeNode struct {
		pipe           *pipeNode
		list, elseList []node
	}
	templateNode struct {
		t    *tmpl
		pipe *pipeNode
	}
	breakNode    struct{}
	continueNode struct{}

	pipeNode struct {
		decl     []string
		isAssign bool
		cmds     []*cmdNode
		// escape holds the escapers html/template put at the end of the
		// pipeline; they are applied to the value of cmds.
		escape []*escaper
	}

	// cmdNode is a command: its first word, and the arguments after it.
	cmdNode struct {
		first *argNode
		args  []*argNode
	}

	// argNode is one word of a command.
	argNode struct {
		kind   argKind
		fields *fieldChain // argField, argChain, argVariable (with fields)
		pipe   *pipeNode   // argPipe, and the receiver of argChain
		inner  *argNode    // the receiver of argChain when not a pipeline
		fn     *function   // argFunc
		name   string      // argVariable
		lit    parse.Node  // literals
		ideal  reflect.Value
	}

	argKind uint8
)

const (
	argDot argKind = iota
	argNil
	argField
	argChain
	argVariable
	argPipe
	argFunc
	argBool
	argNumber
	argString
)

// fieldChain is .A.B.C, each step with its own lookup cache.
type fieldChain struct {
	names []string
	steps []fieldCache
}

func newFieldChain(names []string) *fieldChain {
	return &fieldChain{names: names, steps: make([]fieldCache, len(names))}
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		cn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if cn != nil {
			out = append(out, cn)
		}
	}
	return out, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return textNode(n.Text), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		p, err := c.pipe(n.Pipe)
		return &actionNode{pipe: p}, err
	case *parse.IfNode:
		return c.branch(false, &n.BranchNode)
	case *parse.WithNode:
		return c.branch(true, &n.BranchNode)
	case *parse.RangeNode:
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		list, err := c.list(n.List)
		if err != nil {
			return nil, err
		}
		elseList, err := c.list(n.ElseList)
		return &rangeNode{pipe: p, list: list, elseList: elseList}, err
	case *parse.TemplateNode:
		t, err := c.template(n.Name)
		if err != nil {
			return nil, err
		}
		p, err := c.pipe(n.Pipe)
		return &templateNode{t: t, pipe: p}, err
	case *parse.BreakNode:
		return breakNode{}, nil
	case *parse.ContinueNode:
		return continueNode{}, nil
	}
	return nil, fmt.Errorf("unknown node %s", n)
}

func (c *compiler) branch(with bool, b *parse.BranchNode) (node, error) {
	p, err := c.pipe(b.Pipe)
	if err != nil {
		return nil, err
	}
	list, err := c.list(b.List)
	if err != nil {
		return nil, err
	}
	elseList, err := c.list(b.ElseList)
	return &ifNode{with: with, pipe: p, list: list, elseList: elseList}, err
}

func (c *compiler) pipe(p *parse.PipeNode) (*pipeNode, error) {
	if p == nil {
		return nil, nil
	}
	out := &pipeNode{isAssign: p.IsAssign}
	for _, v := range p.Decl {
		out.decl = append(out.decl, v.Ident[0])
	}
	cmds := p.Cmds
	// The escapers html/template appended, each taking the value before
	// it alone. A pipeline of nothing but escapers (html/template turns
	// {{html .X}} into escaper calls with arguments) keeps its first.
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 {
			break
		}
		e, ok := escapers[id.Ident]
		if !ok {
			break
		}
		if _, user := c.funcs[id.Ident]; user {
			break
		}
		out.escape = append([]*escaper{e}, out.escape...)
		cmds = cmds[:len(cmds)-1]
	}
	for _, cmd := range cmds {
		cc := &cmdNode{}
		for i, a := range cmd.Args {
			an, err := c.arg(a)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				cc.first = an
			} else {
				cc.args = append(cc.args, an)
			}
		}
		out.cmds = append(out.cmds, cc)
	}
	return out, nil
}

func (c *compiler) arg(n parse.Node) (*argNode, error) {
	a := &argNode{}
	switch n := n.(type) {
	case *parse.DotNode:
		a.kind = argDot
	case *parse.NilNode:
		a.kind = argNil
	case *parse.FieldNode:
		a.kind = argField
		a.fields = newFieldChain(n.Ident)
	case *parse.ChainNode:
		a.kind = argChain
		a.fields = newFieldChain(n.Field)
		if n.Node.Type() == parse.NodeNil {
			return nil, fmt.Errorf("indirection through explicit nil in %s", n)
		}
		inner, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		a.inner = inner
	case *parse.VariableNode:
		a.kind = argVariable
		a.name = n.Ident[0]
		if len(n.Ident) > 1 {
			a.fields = newFieldChain(n.Ident[1:])
		}
	case *parse.PipeNode:
		a.kind = argPipe
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		a.pipe = p
	case *parse.IdentifierNode:
		a.kind = argFunc
		fn, ok := c.funcs[n.Ident]
		if !ok {
			fn, ok = builtinFuncs[n.Ident]
		}
		if !ok {
			if _, esc := escapers[n.Ident]; esc {
				fn = escaperFunction(n.Ident)
				ok = true
			}
		}
		if !ok {
			return nil, fmt.Errorf("function %q is not handled here", n.Ident)
		}
		a.fn = fn
	case *parse.BoolNode:
		a.kind = argBool
		a.lit = n
		a.ideal = reflect.ValueOf(n.True)
	case *parse.NumberNode:
		a.kind = argNumber
		a.lit = n
		// An ideal constant that does not fit an int is an error only
		// where the context gives no type; it stays invalid until then.
		a.ideal, _ = idealConstant(n)
	case *parse.StringNode:
		a.kind = argString
		a.lit = n
		a.ideal = reflect.ValueOf(n.Text)
	default:
		return nil, fmt.Errorf("unknown argument %s", n)
	}
	return a, nil
}

// number returns the argument's number literal, if it is one.
func (a *argNode) number() (*parse.NumberNode, bool) {
	n, ok := a.lit.(*parse.NumberNode)
	return n, ok
}

// idealConstant is text/template's: the value of a number whose type the
// context does not give.
func idealConstant(constant *parse.NumberNode) (reflect.Value, error) {
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128), nil
	case constant.IsFloat &&
		!isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64), nil
	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			return reflect.Value{}, fmt.Errorf("%s overflows int", constant.Text)
		}
		return reflect.ValueOf(n), nil
	}
	return reflect.Value{}, fmt.Errorf("%s overflows int", constant.Text)
}

func isRuneInt(s string) bool {
	return len(s) > 0 && s[0] == '\''
}

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}
