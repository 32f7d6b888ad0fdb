package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
)

// function is a function a template can call, with the way to call it.
type function struct {
	rv reflect.Value
	// call evaluates the arguments and calls the function; nil means
	// through reflection, as text/template does.
	call func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value
	// text, when set, is call for a function whose result is text: it
	// gives the text and its content type, for an action that prints it,
	// without the allocation a reflect.Value of a string costs.
	text func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) (string, contentType)
}

var intType = reflect.TypeFor[int]()

// newFunction prepares one of the set's functions, with a direct call for
// the signatures themes use most.
func newFunction(name string, f any) (*function, error) {
	rv := reflect.ValueOf(f)
	if rv.Kind() != reflect.Func {
		return nil, fmt.Errorf("value for %s not a function", name)
	}
	typ := rv.Type()
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
	default:
		return nil, fmt.Errorf("function %s has a result text/template refuses", name)
	}
	fn := &function{rv: rv}
	switch f := f.(type) {
	case func(string) string:
		fn.text = func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) (string, contentType) {
			a := s.args1(dot, stringType, args, final)
			defer markPanic()
			return f(a.String()), contentTypePlain
		}
		fn.call = func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
			out, _ := fn.text(s, dot, args, final)
			return reflect.ValueOf(out)
		}
	case func(int, int) int:
		fn.call = func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
			a, b := s.args2(dot, intType, intType, args, final)
			defer markPanic()
			return reflect.ValueOf(f(int(a.Int()), int(b.Int())))
		}
	case func(string, any) (template.HTML, error):
		fn.text = func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) (string, contentType) {
			a, b := s.args2(dot, stringType, emptyIfaceType, args, final)
			defer markPanic()
			out, err := f(a.String(), b.Interface())
			if err != nil {
				fallback()
			}
			return string(out), contentTypeHTML
		}
		fn.call = func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
			out, _ := fn.text(s, dot, args, final)
			return reflect.ValueOf(template.HTML(out))
		}
	}
	return fn, nil
}

// markPanic, deferred around a call to the site's function once its
// arguments are evaluated, marks a panic in it as the function's
// (html/template reports it as an error, so it is no bug here).
func markPanic() {
	if r := recover(); r != nil {
		panic(callPanic{r})
	}
}

// args1 evaluates the one argument of a function of one parameter.
func (s *state) args1(dot reflect.Value, t reflect.Type, args []*argNode, final reflect.Value) reflect.Value {
	switch {
	case len(args) == 1 && isMissing(final):
		return s.evalArg(dot, t, args[0])
	case len(args) == 0 && !isMissing(final):
		return s.validateType(final, t)
	}
	fallback()
	return zero
}

// args2 evaluates the two arguments of a function of two parameters.
func (s *state) args2(dot reflect.Value, t0, t1 reflect.Type, args []*argNode, final reflect.Value) (reflect.Value, reflect.Value) {
	switch {
	case len(args) == 2 && isMissing(final):
		return s.evalArg(dot, t0, args[0]), s.evalArg(dot, t1, args[1])
	case len(args) == 1 && !isMissing(final):
		return s.evalArg(dot, t0, args[0]), s.validateType(final, t1)
	}
	fallback()
	return zero, zero
}

// evalCall calls fn with the command's arguments and the pipeline's value.
func (s *state) evalCall(dot reflect.Value, fn *function, args []*argNode, final reflect.Value) reflect.Value {
	if fn.call != nil {
		return fn.call(s, dot, args, final)
	}
	return s.callReflect(dot, fn.rv, fn.rv.Type(), args, final)
}

// escaperFunction is an escaper called as a function with arguments, as
// html/template writes {{html .A .B}}.
func escaperFunction(name string) *function {
	e := escapers[name]
	return &function{call: func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
		argv := make([]any, 0, len(args)+1)
		for _, a := range args {
			argv = append(argv, s.evalArg(dot, emptyIfaceType, a).Interface())
		}
		if !isMissing(final) {
			argv = append(argv, s.validateType(final, emptyIfaceType).Interface())
		}
		return reflect.ValueOf(e.str(stringify(argv...)))
	}}
}

// builtinFuncs are text/template's builtins that this package runs
// itself; call, html, js and urlquery are left to html/template.
var builtinFuncs = map[string]*function{}

func init() {
	for name, call := range map[string]func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value{
		"and":     andOr(false),
		"or":      andOr(true),
		"not":     fixed(1, func(v []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(!truth(v[0])), nil }),
		"len":     fixed(1, length),
		"eq":      eqBuiltin,
		"ne":      fixed(2, compare(ne)),
		"lt":      fixed(2, compare(lt)),
		"le":      fixed(2, compare(le)),
		"gt":      fixed(2, compare(gt)),
		"ge":      fixed(2, compare(ge)),
		"index":   variadic(1, index),
		"slice":   variadic(1, slice),
		"print":   printer(fmt.Sprint),
		"println": printer(fmt.Sprintln),
		"printf":  printfBuiltin,
	} {
		builtinFuncs[name] = &function{call: call}
	}
}

// valueArgs evaluates arguments as text/template does for a builtin whose
// parameters are reflect.Values. They are kept on the state's argument
// stack, not in a new slice; the caller calls popArgs(mark) when done.
func (s *state) valueArgs(dot reflect.Value, args []*argNode, final reflect.Value) (vals []reflect.Value, mark int) {
	mark = len(s.argStack)
	for _, a := range args {
		// Evaluated first: a nested call uses the stack above mark and
		// leaves it as it found it.
		v := s.valueArg(dot, a)
		s.argStack = append(s.argStack, v)
	}
	if !isMissing(final) {
		s.argStack = append(s.argStack, unwrapValue(final))
	}
	return s.argStack[mark:], mark
}

func (s *state) popArgs(mark int) {
	clear(s.argStack[mark:])
	s.argStack = s.argStack[:mark]
}

func (s *state) valueArg(dot reflect.Value, a *argNode) reflect.Value {
	switch a.kind {
	case argNil:
		return zero
	case argBool, argNumber, argString:
		return s.evalEmptyInterface(a)
	}
	return unwrapValue(s.evalArg(dot, nil, a))
}

// unwrapValue is validateType(v, reflect.Value) followed by the unwrapping
// evalCall does: the value itself, or the one a reflect.Value holds.
func unwrapValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

func fixed(n int, f func([]reflect.Value) (reflect.Value, error)) func(*state, reflect.Value, []*argNode, reflect.Value) reflect.Value {
	return func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
		v, mark := s.valueArgs(dot, args, final)
		if len(v) != n {
			fallback()
		}
		out, err := f(v)
		if err != nil {
			fallback()
		}
		s.popArgs(mark)
		return out
	}
}

func variadic(min int, f func(reflect.Value, ...reflect.Value) (reflect.Value, error)) func(*state, reflect.Value, []*argNode, reflect.Value) reflect.Value {
	return func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
		v, mark := s.valueArgs(dot, args, final)
		if len(v) < min {
			fallback()
		}
		out, err := f(v[0], v[1:]...)
		if err != nil {
			fallback()
		}
		s.popArgs(mark)
		return unwrapValue(out)
	}
}

func compare(f func(a, b reflect.Value) (bool, error)) func([]reflect.Value) (reflect.Value, error) {
	return func(v []reflect.Value) (reflect.Value, error) {
		t, err := f(v[0], v[1])
		return boolValue(t), err
	}
}

var (
	trueValue  = reflect.ValueOf(true)
	falseValue = reflect.ValueOf(false)
)

// boolValue is reflect.ValueOf(t), made once.
func boolValue(t bool) reflect.Value {
	if t {
		return trueValue
	}
	return falseValue
}

var eqVariadic = variadic(1, eq)

// eqBuiltin is eq, with its two arguments of nearly every use compared
// without putting them on the argument stack.
func eqBuiltin(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
	if len(args) != 2 || !isMissing(final) {
		return eqVariadic(s, dot, args, final)
	}
	a := s.valueArg(dot, args[0])
	b := s.valueArg(dot, args[1])
	t, err := eqBool(a, b)
	if err != nil {
		fallback()
	}
	return boolValue(t)
}

// andOr is text/template's short-circuit and/or: the first argument that
// decides, or the last.
func andOr(or bool) func(*state, reflect.Value, []*argNode, reflect.Value) reflect.Value {
	return func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
		if len(args) == 0 && isMissing(final) {
			fallback()
		}
		var v reflect.Value
		for _, a := range args {
			v = s.valueArg(dot, a)
			if truth(v) == or {
				return v
			}
		}
		if !isMissing(final) {
			v = unwrapValue(final)
		}
		return v
	}
}

func printer(f func(...any) string) func(*state, reflect.Value, []*argNode, reflect.Value) reflect.Value {
	return func(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
		return reflect.ValueOf(f(s.anyArgs(dot, args, final)...))
	}
}

func printfBuiltin(s *state, dot reflect.Value, args []*argNode, final reflect.Value) reflect.Value {
	if len(args) == 0 {
		// The format would come from the pipeline: rare, left to
		// text/template.
		fallback()
	}
	format := s.evalArg(dot, stringType, args[0])
	return reflect.ValueOf(fmt.Sprintf(format.String(), s.anyArgs(dot, args[1:], final)...))
}

// anyArgs evaluates arguments for parameters of type any.
func (s *state) anyArgs(dot reflect.Value, args []*argNode, final reflect.Value) []any {
	out := make([]any, 0, len(args)+1)
	for _, a := range args {
		out = append(out, s.evalArg(dot, emptyIfaceType, a).Interface())
	}
	if !isMissing(final) {
		out = append(out, s.validateType(final, emptyIfaceType).Interface())
	}
	return out
}

// The rest is text/template's funcs.go (Go 1.26), unchanged but for the
// signatures.

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errNoComparison      = errors.New("missing argument for comparison")
)

func length(v []reflect.Value) (reflect.Value, error) {
	item, isNil := indirect(v[0])
	if isNil {
		return zero, fmt.Errorf("len of nil pointer")
	}
	switch item.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(item.Len()), nil
	}
	return zero, fmt.Errorf("len of type %s", item.Type())
}

func prepareArg(value reflect.Value, argType reflect.Type) (reflect.Value, error) {
	if !value.IsValid() {
		if !canBeNil(argType) {
			return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", argType)
		}
		value = reflect.Zero(argType)
	}
	if value.Type().AssignableTo(argType) {
		return value, nil
	}
	if intLike(value.Kind()) && intLike(argType.Kind()) && value.Type().ConvertibleTo(argType) {
		value = value.Convert(argType)
		return value, nil
	}
	return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", value.Type(), argType)
}

func intLike(typ reflect.Kind) bool {
	switch typ {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

func indexArg(index reflect.Value, cap int) (int, error) {
	var x int64
	switch index.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x = index.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x = int64(index.Uint())
	case reflect.Invalid:
		return 0, fmt.Errorf("cannot index slice/array with nil")
	default:
		return 0, fmt.Errorf("cannot index slice/array with type %s", index.Type())
	}
	if x < 0 || int(x) < 0 || int(x) > cap {
		return 0, fmt.Errorf("index out of range: %d", x)
	}
	return int(x), nil
}

func index(item reflect.Value, indexes ...reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, fmt.Errorf("index of untyped nil")
	}
	for _, index := range indexes {
		index = indirectInterface(index)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, fmt.Errorf("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			x, err := indexArg(index, item.Len())
			if err != nil {
				return reflect.Value{}, err
			}
			item = item.Index(x)
		case reflect.Map:
			index, err := prepareArg(index, item.Type().Key())
			if err != nil {
				return reflect.Value{}, err
			}
			if x := item.MapIndex(index); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, fmt.Errorf("can't index item of type %s", item.Type())
		}
	}
	return item, nil
}

func slice(item reflect.Value, indexes ...reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, fmt.Errorf("slice of untyped nil")
	}
	var isNil bool
	if item, isNil = indirect(item); isNil {
		return reflect.Value{}, fmt.Errorf("slice of nil pointer")
	}
	if len(indexes) > 3 {
		return reflect.Value{}, fmt.Errorf("too many slice indexes: %d", len(indexes))
	}
	var cap int
	switch item.Kind() {
	case reflect.String:
		if len(indexes) == 3 {
			return reflect.Value{}, fmt.Errorf("cannot 3-index slice a string")
		}
		cap = item.Len()
	case reflect.Array, reflect.Slice:
		cap = item.Cap()
	default:
		return reflect.Value{}, fmt.Errorf("can't slice item of type %s", item.Type())
	}
	idx := [3]int{0, item.Len()}
	for i, index := range indexes {
		x, err := indexArg(index, cap)
		if err != nil {
			return reflect.Value{}, err
		}
		idx[i] = x
	}
	if idx[0] > idx[1] {
		return reflect.Value{}, fmt.Errorf("invalid slice index: %d > %d", idx[0], idx[1])
	}
	if len(indexes) < 3 {
		return item.Slice(idx[0], idx[1]), nil
	}
	if idx[1] > idx[2] {
		return reflect.Value{}, fmt.Errorf("invalid slice index: %d > %d", idx[1], idx[2])
	}
	return item.Slice3(idx[0], idx[1], idx[2]), nil
}

type kind int

const (
	invalidKind kind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) (kind, error) {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind, nil
	case reflect.Float32, reflect.Float64:
		return floatKind, nil
	case reflect.Complex64, reflect.Complex128:
		return complexKind, nil
	case reflect.String:
		return stringKind, nil
	}
	return invalidKind, errBadComparisonType
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

func canCompare(v1, v2 reflect.Value) bool {
	k1 := v1.Kind()
	k2 := v2.Kind()
	if k1 == k2 {
		return true
	}
	return k1 == reflect.Invalid || k2 == reflect.Invalid
}

func eq(arg1 reflect.Value, arg2 ...reflect.Value) (reflect.Value, error) {
	t, err := eqBool(arg1, arg2...)
	return boolValue(t), err
}

func eqBool(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	if len(arg2) == 0 {
		return false, errNoComparison
	}
	k1, _ := basicKind(arg1)
	for _, arg := range arg2 {
		arg = indirectInterface(arg)
		k2, _ := basicKind(arg)
		truth := false
		if k1 != k2 {
			switch {
			case k1 == intKind && k2 == uintKind:
				truth = arg1.Int() >= 0 && uint64(arg1.Int()) == arg.Uint()
			case k1 == uintKind && k2 == intKind:
				truth = arg.Int() >= 0 && arg1.Uint() == uint64(arg.Int())
			default:
				if arg1.IsValid() && arg.IsValid() {
					return false, fmt.Errorf("incompatible types for comparison: %v and %v", arg1.Type(), arg.Type())
				}
			}
		} else {
			switch k1 {
			case boolKind:
				truth = arg1.Bool() == arg.Bool()
			case complexKind:
				truth = arg1.Complex() == arg.Complex()
			case floatKind:
				truth = arg1.Float() == arg.Float()
			case intKind:
				truth = arg1.Int() == arg.Int()
			case stringKind:
				truth = arg1.String() == arg.String()
			case uintKind:
				truth = arg1.Uint() == arg.Uint()
			default:
				if !canCompare(arg1, arg) {
					return false, fmt.Errorf("non-comparable types %s: %v, %s: %v", arg1, arg1.Type(), arg.Type(), arg)
				}
				if isNil(arg1) || isNil(arg) {
					truth = isNil(arg) == isNil(arg1)
				} else {
					if !arg.Type().Comparable() {
						return false, fmt.Errorf("non-comparable type %s: %v", arg, arg.Type())
					}
					truth = arg1.Interface() == arg.Interface()
				}
			}
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}

func ne(arg1, arg2 reflect.Value) (bool, error) {
	equal, err := eqBool(arg1, arg2)
	return !equal, err
}

func lt(arg1, arg2 reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	k1, err := basicKind(arg1)
	if err != nil {
		return false, err
	}
	arg2 = indirectInterface(arg2)
	k2, err := basicKind(arg2)
	if err != nil {
		return false, err
	}
	truth := false
	if k1 != k2 {
		switch {
		case k1 == intKind && k2 == uintKind:
			truth = arg1.Int() < 0 || uint64(arg1.Int()) < arg2.Uint()
		case k1 == uintKind && k2 == intKind:
			truth = arg2.Int() >= 0 && arg1.Uint() < uint64(arg2.Int())
		default:
			return false, fmt.Errorf("incompatible types for comparison: %v and %v", arg1.Type(), arg2.Type())
		}
	} else {
		switch k1 {
		case boolKind, complexKind:
			return false, errBadComparisonType
		case floatKind:
			truth = arg1.Float() < arg2.Float()
		case intKind:
			truth = arg1.Int() < arg2.Int()
		case stringKind:
			truth = arg1.String() < arg2.String()
		case uintKind:
			truth = arg1.Uint() < arg2.Uint()
		}
	}
	return truth, nil
}

func le(arg1, arg2 reflect.Value) (bool, error) {
	lessThan, err := lt(arg1, arg2)
	if lessThan || err != nil {
		return lessThan, err
	}
	return eqBool(arg1, arg2)
}

func gt(arg1, arg2 reflect.Value) (bool, error) {
	lessOrEqual, err := le(arg1, arg2)
	if err != nil {
		return false, err
	}
	return !lessOrEqual, nil
}

func ge(arg1, arg2 reflect.Value) (bool, error) {
	lessThan, err := lt(arg1, arg2)
	if err != nil {
		return false, err
	}
	return !lessThan, nil
}
