package tmplexec

import (
	"bytes"
	"fmt"
	"reflect"
	"sync/atomic"
)

var (
	errorType        = reflect.TypeFor[error]()
	fmtStringerType  = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	emptyIfaceType   = reflect.TypeFor[any]()
)

// missingVal marks "no value from a previous command".
type missingValType struct{}

var (
	missingVal            = reflect.ValueOf(missingValType{})
	missingValReflectType = reflect.TypeFor[missingValType]()
	zero                  reflect.Value
)

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == missingValReflectType
}

// evalAction evaluates an action's pipeline and, when print is set,
// writes its value, escaped.
func (s *state) evalAction(dot reflect.Value, pipe *pipeNode, print bool) {
	if print && len(pipe.escape) > 0 && len(pipe.decl) == 0 {
		str, t := s.evalText(dot, pipe)
		escapeTo(s.buf, str, t, pipe.escape)
		return
	}
	v := s.evalPipeline(dot, pipe)
	if print {
		s.printValue(v)
	}
}

// evalPipeline returns the pipeline's value, pushing the variables it
// declares; the caller pops them.
func (s *state) evalPipeline(dot reflect.Value, pipe *pipeNode) reflect.Value {
	if pipe == nil {
		return zero
	}
	value := s.evalCommands(dot, pipe)
	if len(pipe.escape) > 0 {
		value = reflect.ValueOf(escape(value, pipe.escape))
	}
	for _, name := range pipe.decl {
		if pipe.isAssign {
			s.setVar(name, value)
		} else {
			s.push(name, value)
		}
	}
	return value
}

// escape applies a pipeline's escapers to its value: the first sees the
// value's content type, the others the plain text the one before made.
func escape(v reflect.Value, escapers []*escaper) string {
	str, t := stringValue(v)
	for _, e := range escapers {
		str, t = e.str(str, t), contentTypePlain
	}
	return str
}

// escapeTo writes the text str of content type t into b through the
// escapers, as escape does.
func escapeTo(b *bytes.Buffer, str string, t contentType, escapers []*escaper) {
	last := escapers[len(escapers)-1]
	for _, e := range escapers[:len(escapers)-1] {
		str, t = e.str(str, t), contentTypePlain
	}
	if last.write != nil {
		last.write(b, str, t)
		return
	}
	b.WriteString(last.str(str, t))
}

func (s *state) evalCommands(dot reflect.Value, pipe *pipeNode) reflect.Value {
	value := missingVal
	for _, cmd := range pipe.cmds {
		value = s.evalCommand(dot, cmd, value)
		// An interface{} value is looked into, one level.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	return value
}

// evalText is stringValue(s.evalCommands(dot, pipe)), for a pipeline
// whose value is printed: a last command that calls a function giving text
// gives it without making a reflect.Value of it.
func (s *state) evalText(dot reflect.Value, pipe *pipeNode) (string, contentType) {
	value := missingVal
	last := len(pipe.cmds) - 1
	for i, cmd := range pipe.cmds {
		if i == last && cmd.first.kind == argFunc && cmd.first.fn.text != nil {
			return cmd.first.fn.text(s, dot, cmd.args, value)
		}
		value = s.evalCommand(dot, cmd, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	return stringValue(value)
}

func (s *state) notAFunction(cmd *cmdNode, final reflect.Value) {
	if len(cmd.args) > 0 || !isMissing(final) {
		fallback()
	}
}

func (s *state) evalCommand(dot reflect.Value, cmd *cmdNode, final reflect.Value) reflect.Value {
	a := cmd.first
	switch a.kind {
	case argField:
		return s.evalFieldChain(dot, dot, a.fields, cmd.args, final)
	case argChain:
		return s.evalChain(dot, a, cmd.args, final)
	case argFunc:
		return s.evalCall(dot, a.fn, cmd.args, final)
	case argPipe:
		s.notAFunction(cmd, final)
		return s.evalPipeline(dot, a.pipe)
	case argVariable:
		return s.evalVariable(dot, a, cmd.args, final)
	}
	s.notAFunction(cmd, final)
	switch a.kind {
	case argBool, argNumber, argString:
		return a.ideal
	case argDot:
		return dot
	}
	// nil is not a command.
	fallback()
	return zero
}

func (s *state) evalChain(dot reflect.Value, a *argNode, args []*argNode, final reflect.Value) reflect.Value {
	// (pipe).Field1.Field2: the pipeline, then the fields.
	pipe := s.evalArg(dot, nil, a.inner)
	return s.evalFieldChain(dot, pipe, a.fields, args, final)
}

func (s *state) evalVariable(dot reflect.Value, a *argNode, args []*argNode, final reflect.Value) reflect.Value {
	value := s.varValue(a.name)
	if a.fields == nil {
		if len(args) > 0 || !isMissing(final) {
			fallback()
		}
		return value
	}
	return s.evalFieldChain(dot, value, a.fields, args, final)
}

// evalFieldChain evaluates .X.Y.Z, the last possibly a method given args.
func (s *state) evalFieldChain(dot, receiver reflect.Value, c *fieldChain, args []*argNode, final reflect.Value) reflect.Value {
	n := len(c.names)
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, &c.steps[i], c.names[i], nil, missingVal, receiver)
	}
	return s.evalField(dot, &c.steps[n-1], c.names[n-1], args, final, receiver)
}

// fieldCache remembers where a name was found in the last type looked in.
type fieldCache struct {
	last atomic.Pointer[fieldPlan]
}

type fieldPlan struct {
	// recvType is the type fields were looked up in, and methods too
	// unless addr: then in a pointer to it (the receiver could be
	// addressed). Both must match for the plan to apply.
	recvType reflect.Type
	addr     bool
	method   int // index in the method set, or -1
	// fn is the method as a function of its receiver; noArgs says it
	// takes nothing else and has results text/template accepts: it is
	// then called as fn(receiver), without making a method value.
	fn     reflect.Value
	noArgs bool
	field  []int // index path in recvType, when a field
	mapKey bool  // recvType is a map with string-like keys
}

func (c *fieldCache) plan(recvType reflect.Type, addr bool, name string) *fieldPlan {
	if p := c.last.Load(); p != nil && p.recvType == recvType && p.addr == addr {
		return p
	}
	p := &fieldPlan{recvType: recvType, addr: addr, method: -1}
	ptrType := recvType
	if addr {
		ptrType = reflect.PointerTo(recvType)
	}
	if m, ok := ptrType.MethodByName(name); ok {
		p.method = m.Index
		if ptrType.Kind() != reflect.Interface {
			t := m.Func.Type()
			p.fn = m.Func
			p.noArgs = t.NumIn() == 1 && (t.NumOut() == 1 || t.NumOut() == 2 && t.Out(1) == errorType)
		}
	} else {
		switch recvType.Kind() {
		case reflect.Struct:
			if f, ok := recvType.FieldByName(name); ok && f.IsExported() {
				p.field = f.Index
			}
		case reflect.Map:
			p.mapKey = stringType.AssignableTo(recvType.Key())
		}
	}
	c.last.Store(p)
	return p
}

// evalField evaluates .Field or .Method args on receiver, as text/template
// does; anything it would report as an error falls back.
func (s *state) evalField(dot reflect.Value, c *fieldCache, name string, args []*argNode, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		// missingkey=default: a missing value stays missing.
		return zero
	}
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		fallback()
	}
	// Methods are looked up on the receiver's address where it has one;
	// it is taken only to call one, not to read a field.
	addr := receiver.Kind() != reflect.Interface && receiver.Kind() != reflect.Pointer && receiver.CanAddr()
	p := c.plan(receiver.Type(), addr, name)
	if p.method >= 0 {
		ptr := receiver
		if addr {
			ptr = receiver.Addr()
		}
		if p.noArgs && len(args) == 0 && isMissing(final) {
			mark := len(s.argStack)
			s.argStack = append(s.argStack, ptr)
			v := callValue(p.fn, s.argStack[mark:])
			s.popArgs(mark)
			return v
		}
		return s.evalMethod(dot, ptr.Method(p.method), args, final)
	}
	hasArgs := len(args) > 0 || !isMissing(final)
	switch {
	case p.field != nil:
		if hasArgs {
			fallback()
		}
		if len(p.field) == 1 {
			return receiver.Field(p.field[0])
		}
		f, err := receiver.FieldByIndexErr(p.field)
		if err != nil {
			fallback()
		}
		return f
	case p.mapKey:
		if hasArgs {
			fallback()
		}
		// missingkey=default: a missing key gives the invalid value.
		return receiver.MapIndex(reflect.ValueOf(name).Convert(receiver.Type().Key()))
	}
	// A nil pointer, or no such field: text/template's errors.
	fallback()
	return zero
}

// evalMethod calls a method value as text/template's evalCall does.
func (s *state) evalMethod(dot, method reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
	typ := method.Type()
	if len(args) == 0 && isMissing(final) && typ.NumIn() == 0 {
		checkResults(typ)
		return callValue(method, nil)
	}
	return s.callReflect(dot, method, typ, args, final)
}

// checkResults falls back for a function text/template refuses to call.
func checkResults(typ reflect.Type) {
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
	default:
		fallback()
	}
}

// callValue calls fun; a panic or an error falls back, as html/template
// reports them.
func callValue(fun reflect.Value, argv []reflect.Value) reflect.Value {
	ret := safeCall(fun, argv)
	if len(ret) == 2 && !ret[1].IsNil() {
		fallback()
	}
	v := ret[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

func safeCall(fun reflect.Value, argv []reflect.Value) []reflect.Value {
	defer func() {
		if r := recover(); r != nil {
			panic(callPanic{r})
		}
	}()
	return fun.Call(argv)
}

// callReflect is text/template's evalCall for any function or method.
func (s *state) callReflect(dot, fun reflect.Value, typ reflect.Type, args []*argNode, final reflect.Value) reflect.Value {
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			fallback()
		}
	} else if numIn != typ.NumIn() {
		fallback()
	}
	checkResults(typ)
	argv := make([]reflect.Value, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.evalArg(dot, typ.In(i), args[i])
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = s.evalArg(dot, argType, args[i])
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = s.validateType(final, t)
	}
	return callValue(fun, argv)
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType is text/template's: the value, made assignable to typ.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		fallback()
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				fallback()
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			fallback()
		}
	}
	return value
}

// evalArg is text/template's: an argument's value for a parameter of type
// typ (nil: any).
func (s *state) evalArg(dot reflect.Value, typ reflect.Type, a *argNode) reflect.Value {
	switch a.kind {
	case argDot:
		return s.validateType(dot, typ)
	case argNil:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		fallback()
	case argField:
		return s.validateType(s.evalFieldChain(dot, dot, a.fields, nil, missingVal), typ)
	case argVariable:
		return s.validateType(s.evalVariable(dot, a, nil, missingVal), typ)
	case argPipe:
		return s.validateType(s.evalPipeline(dot, a.pipe), typ)
	case argFunc:
		return s.validateType(s.evalCall(dot, a.fn, nil, missingVal), typ)
	case argChain:
		return s.validateType(s.evalChain(dot, a, nil, missingVal), typ)
	}
	if typ == nil {
		// evalArg(nil) of a literal: text/template's typ.Kind() panics
		// on a nil type; it cannot be reached from parsed templates.
		fallback()
	}
	switch typ.Kind() {
	case reflect.Bool:
		if a.kind == argBool {
			return literal(typ, a.ideal)
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := a.number(); ok && n.IsFloat {
			v := reflect.New(typ).Elem()
			v.SetFloat(n.Float64)
			return v
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := a.number(); ok && n.IsInt {
			if typ == intType && a.ideal.IsValid() && a.ideal.Type() == intType {
				// The constant as an int, made once: a new one for
				// each call ({{add $i 1}}) was an allocation.
				return a.ideal
			}
			v := reflect.New(typ).Elem()
			v.SetInt(n.Int64)
			return v
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := a.number(); ok && n.IsUint {
			v := reflect.New(typ).Elem()
			v.SetUint(n.Uint64)
			return v
		}
	case reflect.Complex64, reflect.Complex128:
		if n, ok := a.number(); ok && n.IsComplex {
			v := reflect.New(typ).Elem()
			v.SetComplex(n.Complex128)
			return v
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return s.evalEmptyInterface(a)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return reflect.ValueOf(s.evalEmptyInterface(a))
		}
	case reflect.String:
		if a.kind == argString {
			return literal(typ, a.ideal)
		}
	}
	fallback()
	return zero
}

// literal converts a bool or string constant to typ, which may be a named
// type of that kind.
func literal(typ reflect.Type, v reflect.Value) reflect.Value {
	if v.Type() == typ {
		return v
	}
	return v.Convert(typ)
}

// evalEmptyInterface is the value of a literal given for an any parameter.
func (s *state) evalEmptyInterface(a *argNode) reflect.Value {
	switch a.kind {
	case argBool, argString:
		return a.ideal
	case argNumber:
		if !a.ideal.IsValid() {
			fallback()
		}
		return a.ideal
	}
	fallback()
	return zero
}
