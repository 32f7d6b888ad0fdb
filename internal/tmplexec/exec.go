package tmplexec

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// ErrFallback is what Execute returns when it could not execute the
// template exactly as html/template would: the caller executes html/template
// instead, which either succeeds or gives the error its usual words.
var ErrFallback = errors.New("tmplexec: execute with html/template instead")

// maxExecDepth is text/template's limit on nested template calls.
const maxExecDepth = 100000

type variable struct {
	name  string
	value reflect.Value
}

// state is one execution.
type state struct {
	buf      *bytes.Buffer
	vars     []variable
	depth    int
	argStack []reflect.Value // the arguments of builtins being called
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// statePool keeps states, with the room their stacks grew, for the next
// execution.
var statePool = sync.Pool{New: func() any { return new(state) }}

// release clears the state of what the execution left in it, so that the
// pool keeps no values alive, and puts it back.
func (s *state) release() {
	clear(s.vars[:cap(s.vars)])
	clear(s.argStack[:cap(s.argStack)])
	*s = state{vars: s.vars[:0], argStack: s.argStack[:0]}
	statePool.Put(s)
}

// Execute writes the template applied to data into w. On ErrFallback, w
// holds nothing from this call when it is a *bytes.Buffer (what was written
// is cut off again), and nothing at all otherwise.
func (p *Program) Execute(w io.Writer, data any) (err error) {
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufPool.Put(buf)
	}
	start := buf.Len()
	if err := p.run(buf, data); err != nil {
		buf.Truncate(start)
		return err
	}
	if !direct {
		_, err = w.Write(buf.Bytes())
	}
	return err
}

// run executes into buf, turning every failure into ErrFallback.
func (p *Program) run(buf *bytes.Buffer, data any) (err error) {
	s := statePool.Get().(*state)
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(runtime.Error); ok && !fromCall(r) {
				// A bug here, not in the template: still let html/template
				// do the page, but say so in tests.
				fallbackBug(r)
			}
			err = ErrFallback
		}
		s.release()
	}()
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s.buf = buf
	s.push("$", value)
	s.walkList(value, p.root.root)
	return nil
}

// fallbackSignal is the panic value that stops an execution.
type fallbackSignal struct{}

func fallback() { panic(fallbackSignal{}) }

// callPanic wraps a panic raised inside a function the template called:
// html/template turns those into errors, so it is no bug here.
type callPanic struct{ v any }

func fromCall(r any) bool { _, ok := r.(callPanic); return ok }

// FallbackBugs, when it holds a function (tests set one), is told of
// runtime errors inside this package that made an execution fall back.
var FallbackBugs atomic.Pointer[func(any)]

func fallbackBug(r any) {
	if f := FallbackBugs.Load(); f != nil {
		(*f)(r)
	}
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

func (s *state) setVar(name string, value reflect.Value) {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	fallback()
}

func (s *state) setTopVar(n int, value reflect.Value) {
	s.vars[len(s.vars)-n].value = value
}

func (s *state) varValue(name string) reflect.Value {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	fallback()
	return reflect.Value{}
}

// control says how a list of nodes ended.
type control uint8

const (
	controlNone control = iota
	controlBreak
	controlContinue
)

func (s *state) walkList(dot reflect.Value, list []node) control {
	for _, n := range list {
		if c := s.walk(dot, n); c != controlNone {
			return c
		}
	}
	return controlNone
}

func (s *state) walk(dot reflect.Value, n node) control {
	switch n := n.(type) {
	case textNode:
		s.buf.Write(n)
	case *actionNode:
		// Variables an action declares persist until the end of the
		// list; an action that declares some prints nothing.
		s.evalAction(dot, n.pipe, len(n.pipe.decl) == 0)
	case *ifNode:
		return s.walkIfOrWith(dot, n)
	case *rangeNode:
		return s.walkRange(dot, n)
	case *templateNode:
		s.walkTemplate(dot, n)
	case breakNode:
		return controlBreak
	case continueNode:
		return controlContinue
	default:
		fallback()
	}
	return controlNone
}

func (s *state) walkIfOrWith(dot reflect.Value, n *ifNode) control {
	defer s.pop(s.mark())
	val := s.evalPipeline(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		fallback()
	}
	if truth {
		if n.with {
			return s.walkList(val, n.list)
		}
		return s.walkList(dot, n.list)
	} else if n.elseList != nil {
		return s.walkList(dot, n.elseList)
	}
	return controlNone
}

func (s *state) walkRange(dot reflect.Value, r *rangeNode) control {
	defer s.pop(s.mark())
	val, _ := indirect(s.evalPipeline(dot, r.pipe))
	mark := s.mark()
	decl := r.pipe.decl
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if s.rangeSeq(r, mark, val) {
			return controlNone
		}
	case reflect.Array, reflect.Slice:
		n := val.Len()
		if n == 0 {
			break
		}
		for i := 0; i < n; i++ {
			// The index is made only for a template that names it:
			// an int of 256 or more costs an allocation.
			var index reflect.Value
			if len(decl) > 1 {
				index = reflect.ValueOf(i)
			}
			if !s.oneIteration(r, mark, index, val.Index(i)) {
				break
			}
		}
		return controlNone
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		keys := sortedKeys(val)
		for _, k := range keys {
			if !s.oneIteration(r, mark, k, val.MapIndex(k)) {
				break
			}
		}
		return controlNone
	case reflect.Invalid:
		// A nil map and the like range like an empty map.
	case reflect.Func:
		t := val.Type()
		switch {
		case t.CanSeq():
			if len(decl) > 1 {
				fallback()
			}
			if s.rangeFunc(r, mark, val) {
				return controlNone
			}
		case t.CanSeq2():
			if s.rangeFunc(r, mark, val) {
				return controlNone
			}
		default:
			fallback()
		}
	default:
		// Channels, and what cannot be ranged over.
		fallback()
	}
	if r.elseList != nil {
		return s.walkList(dot, r.elseList)
	}
	return controlNone
}

// oneIteration runs the body of a range once, with the variables above
// mark, and reports whether to go on. (A method, not a closure in
// walkRange: that would be allocated for every range.)
func (s *state) oneIteration(r *rangeNode, mark int, index, elem reflect.Value) bool {
	decl := r.pipe.decl
	if len(decl) > 0 {
		if r.pipe.isAssign {
			if len(decl) > 1 {
				s.setVar(decl[0], index)
			} else {
				s.setVar(decl[0], elem)
			}
		} else {
			s.setTopVar(1, elem)
		}
	}
	if len(decl) > 1 {
		if r.pipe.isAssign {
			s.setVar(decl[1], elem)
		} else {
			s.setTopVar(2, index)
		}
	}
	c := s.walkList(elem, r.list)
	s.pop(mark)
	return c != controlBreak
}

// The results of a yield function made by rangeFunc: they are only read.
var (
	yieldTrue  = []reflect.Value{reflect.ValueOf(true)}
	yieldFalse = []reflect.Value{reflect.ValueOf(false)}
)

// rangeFunc ranges over an iter.Seq or iter.Seq2 as reflect.Value.Seq and
// Seq2 do, but with a yield function that returns a result it made once,
// and hands the values it is given to the body as they are; it reports
// whether the body ran.
func (s *state) rangeFunc(r *rangeNode, mark int, val reflect.Value) bool {
	run, done := false, false
	two := val.Type().In(0).NumIn() == 2
	var index reflect.Value
	yield := reflect.MakeFunc(val.Type().In(0), func(in []reflect.Value) []reflect.Value {
		if done {
			// The iterator went on after the body said stop: Go's
			// range panics there, and so does text/template.
			fallback()
		}
		run = true
		elem := in[0]
		if two {
			if len(r.pipe.decl) > 1 {
				index, elem = in[0], in[1]
			}
		}
		if !s.oneIteration(r, mark, index, elem) {
			done = true
			return yieldFalse
		}
		return yieldTrue
	})
	val.Call([]reflect.Value{yield})
	// An iterator that kept yield and calls it after returning gets a
	// panic, not a state given to another execution.
	done = true
	return run
}

// rangeSeq ranges over an integer, which gives one value each (passed
// as the element, as for channels); it reports whether the body ran.
func (s *state) rangeSeq(r *rangeNode, mark int, val reflect.Value) bool {
	if len(r.pipe.decl) > 1 {
		fallback()
	}
	run := false
	for v := range val.Seq() {
		run = true
		if !s.oneIteration(r, mark, reflect.Value{}, v) {
			break
		}
	}
	return run
}

// sortedKeys orders a map's keys as text/template does (internal/fmtsort),
// for the key kinds that are ordered simply; others fall back.
func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	switch m.Type().Key().Kind() {
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Uint(), b.Uint()) })
	default:
		fallback()
	}
	return keys
}

func (s *state) walkTemplate(dot reflect.Value, t *templateNode) {
	if s.depth == maxExecDepth {
		fallback()
	}
	// Variables declared by the pipeline persist.
	dot = s.evalPipeline(dot, t.pipe)
	// No dynamic scoping: the callee sees only its own variables. They
	// go on top of the caller's, which it cannot name (the parser refuses
	// a variable a template does not declare itself), so they need no
	// stack of their own.
	mark := s.mark()
	s.push("$", dot)
	s.depth++
	c := s.walkList(dot, t.t.root)
	s.depth--
	s.pop(mark)
	if c != controlNone {
		// text/template would see a break outside a range here.
		fallback()
	}
}

// isTrue is text/template's truth of a value, and whether it has one.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

func truth(arg reflect.Value) bool {
	t, _ := isTrue(indirectInterface(arg))
	return t
}

// indirect returns the item at the end of indirection, and whether it is
// nil (a pointer or interface then).
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value, or
// the zero reflect.Value for a nil one.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// printValue writes a value no escaper took, as text/template does.
func (s *state) printValue(v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.buf.WriteString(v.String())
		return
	}
	iface, ok := printableValue(v)
	if !ok {
		fallback()
	}
	fmt.Fprint(s.buf, iface)
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
