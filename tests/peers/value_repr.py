#!/usr/bin/python3
"""Python's own repr() and literal_eval() for the value-model tests (tst_repr, tst_literalparser).

    value_repr.py corpus      prints "READY <n>", then n JSON lines
                              {"name", "src", "repr", "type", "again"}: a literal's source
                              text, repr() of what Python makes of it, its type name, and
                              repr() of what Python makes of that repr
    value_repr.py echo        prints "READY echo", then for every JSON string line on stdin
                              (a repr our C++ wrote) evaluates it and prints one JSON line
                              {"repr": ..., "type": ...} or {"error": ...}
    value_repr.py printable   prints "READY printable", then one JSON line: the list of
                              [first, last] code point ranges that str.isprintable() rejects

Sources are evaluated with ast.literal_eval; the few forms literal_eval does not know but
repr() prints (inf, nan, infj, nanj, frozenset(...), bytearray(...), float('...')) fall back
to eval() with only those names available. All output is ASCII JSON (ensure_ascii).
"""
import ast
import json
import sys

INF = float("inf")
NAN = float("nan")
NAMES = {
    "__builtins__": {},
    "inf": INF,
    "nan": NAN,
    "infj": complex(0.0, INF),
    "nanj": complex(0.0, NAN),
    "set": set,
    "frozenset": frozenset,
    "bytearray": bytearray,
    "float": float,
}


def evaluate(src):
    try:
        return ast.literal_eval(src)
    except (ValueError, TypeError, SyntaxError):
        return eval(src, dict(NAMES))


# (row name, literal source). Sets hold one element or small ints in ascending order so
# that Python's hash order and our insertion order agree.
CORPUS = [
    ("none", "None"), ("true", "True"), ("false", "False"),
    ("zero", "0"), ("one", "1"), ("minus_one", "-1"), ("plus_one", "+1"),
    ("int64_max", "9223372036854775807"), ("int64_max_plus_1", "9223372036854775808"),
    ("int64_min", "-9223372036854775808"), ("int64_min_minus_1", "-9223372036854775809"),
    ("uint64_max", "18446744073709551615"),
    ("pow2_200", str(2 ** 200)), ("neg_pow7_99", "-" + str(7 ** 99)),
    ("big_4300_digits", "9" * 4300),
    ("hex", "0xff"), ("hex_upper", "0XDEAD_BEEF"), ("hex_big", "0x" + "f" * 60),
    ("octal", "0o777"), ("binary", "0b1010_1010"), ("hex_leading_underscore", "0x_1f"),
    ("underscores", "1_000_000"), ("zeros", "00"), ("zero_underscore", "0_0"),
    ("float_tenth", "0.1"), ("float_sum", "0.30000000000000004"), ("float_1e16", "1e16"),
    ("float_1e16_plus", "1E+16"), ("float_1e15", "1e15"), ("float_below_1e16", "9999999999999998.0"),
    ("float_1e22", "1e22"), ("float_1e-4", "1e-4"), ("float_1e-5", "0.00001"),
    ("float_1e-7", "1.5e-7"), ("float_neg_zero", "-0.0"), ("float_zero", "0.0"),
    ("float_subnormal_min", "5e-324"), ("float_subnormal_round", "3e-324"),
    ("float_underflow", "1e-400"), ("float_min_normal", "2.2250738585072014e-308"),
    ("float_max", "1.7976931348623157e308"), ("float_overflow", "1e30000"),
    ("float_neg_overflow", "-1e30000"), ("float_trailing_dot", "1."), ("float_leading_dot", ".5"),
    ("float_underscores", "1_0.0_1e1_0"), ("float_pi", "3.141592653589793"),
    ("float_hundred", "100.0"), ("float_dot_exp", "1.e5"), ("float_leading_zeros", "007.5"),
    ("inf_name", "inf"), ("neg_inf_name", "-inf"), ("nan_name", "nan"),
    ("float_call_inf", "float('inf')"), ("float_call_neg_inf", "float('-inf')"),
    ("float_call_nan", "float('nan')"), ("float_call_number", "float('1.5')"),
    ("float_call_int", "float(3)"),
    ("imag", "1j"), ("neg_imag", "-1j"), ("imag_upper", "2J"), ("complex_paren", "(3-4j)"),
    ("complex_bare", "3-4j"), ("complex_zero_imag", "(1+0j)"), ("complex_minus_zero_imag", "(1-0j)"),
    ("complex_neg_zero_int", "(-0-1.5j)"), ("complex_neg_zero_float", "-0.0-1.5j"),
    ("imag_zero", "0j"), ("imag_neg_zero", "-0j"), ("imag_1e16", "1e16j"), ("imag_small", "1e-5j"),
    ("complex_exp", "(1e16+1e-05j)"), ("imag_inf", "infj"), ("imag_nan", "nanj"),
    ("complex_nan", "(nan+nanj)"), ("complex_inf", "(inf-infj)"), ("complex_neg_inf", "(-inf+infj)"),
    ("complex_big", "2.5+1e301j"), ("imag_overflow", "1e30000j"), ("imag_leading_zeros", "0777j"),
    ("complex_paren_right", "1+(2j)"), ("complex_paren_left", "(-1)+2j"), ("imag_half", "0.5j"),
    ("str_empty", "''"), ("str_a", "'a'"), ("str_single_quote", '"it\'s"'),
    ("str_double_quote", "'say \"hi\"'"), ("str_both_quotes", "'both \\' and \"'"),
    ("str_backslash", "'\\\\'"), ("str_controls", "'\\n\\r\\t\\a\\b\\f\\v'"), ("str_nul", "'\\x00'"),
    ("str_del", "'\\x7f'"), ("str_c1", "'\\x80\\x9f'"), ("str_nbsp", "'\\xa0'"), ("str_shy", "'\\xad'"),
    ("str_latin1", "'\\xe9\\xff'"), ("str_line_sep", "'\\u2028\\u2029'"), ("str_zwsp", "'\\u200b'"),
    ("str_bom", "'\\ufeff'"), ("str_private", "'\\ue000'"), ("str_unassigned", "'\\uffff'"),
    ("str_ideographic_space", "'\\u3000'"), ("str_emoji", "'\\U0001F600'"), ("str_tag", "'\\U000E0001'"),
    ("str_plane16", "'\\U0010FFFF'"), ("str_gclef", "'\\U0001D11E'"), ("str_lone_high", "'\\ud800'"),
    ("str_lone_low", "'\\udfff'"), ("str_cjk", "'\\u4e2d\\u6587'"), ("str_raw_nonascii", "'\u00e9\u4e2d'"),
    ("str_raw_astral", "'\U0001F600'"), ("str_raw_prefix", "r'\\d+\\''"), ("str_upper_raw", "R'\\n'"),
    ("str_u_prefix", "u'x'"), ("str_concat", "'a' \"b\"  'c'"), ("str_triple", "'''tri\nple'''"),
    ("str_triple_double", '"""a"b"""'), ("str_octal", "'\\101\\0\\1234'"), ("str_octal_big", "'\\777'"),
    ("str_unknown_escape", "'\\q'"), ("str_continuation", "'a\\\nb'"), ("str_u_escape", "'\\u00e9\\u0041'"),
    ("bytes_empty", "b''"), ("bytes_abc", "b'abc'"), ("bytes_hex", "b'\\x00\\xff\\x80'"),
    ("bytes_single_quote", "b\"it's\""), ("bytes_both_quotes", "b'\\'\"'"), ("bytes_raw", "rb'\\d'"),
    ("bytes_raw_br", "BR'\\x'"), ("bytes_controls", "b'\\t\\n\\r\\x0b'"), ("bytes_del", "b'\\x7f'"),
    ("bytes_octal_masked", "b'\\777'"), ("bytes_unknown_u", "b'\\u1234'"), ("bytes_concat", "b'a' b'b'"),
    ("bytearray", "bytearray(b'xyz')"), ("bytearray_empty", "bytearray()"),
    ("bytearray_empty_bytes", "bytearray(b'')"), ("bytearray_ints", "bytearray([0, 255])"),
    ("tuple_empty", "()"), ("tuple_one", "(1,)"), ("tuple_two", "(1, 2)"), ("tuple_bare", "1, 2"),
    ("tuple_bare_trailing", "1,"), ("paren_group", "(1)"), ("paren_neg", "-(1)"), ("paren_deep", "((('x')))"),
    ("list_empty", "[]"), ("list_nested", "[1, [2, [3]]]"), ("list_trailing", "[1, 2,]"),
    ("dict_empty", "{}"), ("dict_one", "{'a': 1}"), ("dict_numeric_collide", "{1: 'a', 1.0: 'b', True: 'c'}"),
    ("dict_order", "{'z': 1, 'a': 2, 'm': 3}"), ("dict_tuple_key", "{(1, 'a'): b'x'}"),
    ("dict_trailing", "{1: 2,}"), ("dict_nested", "{'a': [1, (2, {'b': None})], 'c': {3}}"),
    ("set_one", "{1}"), ("set_collide", "{1, 1.0, True}"), ("set_sorted_ints", "{1, 2, 3}"),
    ("set_tuple", "{(1, 2)}"), ("set_of_frozenset", "{frozenset({1})}"), ("set_call", "set()"),
    ("set_call_list", "set([5])"), ("frozenset_empty", "frozenset()"), ("frozenset_one", "frozenset({1})"),
    ("frozenset_two", "frozenset({1, 2})"), ("frozenset_list", "frozenset([3])"),
    ("empty_sets", "[set(), frozenset()]"), ("empties", "[[], (), {}, '', b'']"),
    ("tuple_deep", "((((1,),),),)"), ("nested_50", "[" * 50 + "]" * 50),
    ("whitespace_newlines", "[\n 1,\n 2,\n]"), ("whitespace_spaces", "( 1 , 2 )"),
    ("whitespace_dict", "{ 'a' : 1 , }"), ("comment", "[1, # comment\n 2]"),
    ("trailing_comment", "1 # the end"), ("leading_tab", "\t1"), ("trailing_newline", "1\n"),
    ("leading_newline", "\n1"), ("line_continuation", "1 \\\n + 2j"),
    ("big_in_list", "[" + str(10 ** 50) + ", -" + str(2 ** 64) + "]"),
    ("mixed", "(None, True, 1, 1.5, 2j, 'x', b'y', [1], {'k': (1,)}, {2})"),
]


def type_name(v):
    return type(v).__name__


def main():
    out = sys.stdout
    mode = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    if mode == "corpus":
        print("READY %d" % len(CORPUS), file=out)
        for name, src in CORPUS:
            v = evaluate(src)
            # "again": what Python makes of its own repr; not always the same (-1j is
            # complex(-0.0, -1.0) read back, but prints as "(-0-1j)")
            again = repr(evaluate(repr(v)))
            print(json.dumps({"name": name, "src": src, "repr": repr(v), "type": type_name(v), "again": again}),
                  file=out)
    elif mode == "echo":
        print("READY echo", file=out)
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            src = json.loads(line)
            try:
                v = evaluate(src)
                print(json.dumps({"repr": repr(v), "type": type_name(v)}), file=out)
            except Exception as e:  # the test shows what went wrong
                print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}), file=out)
            out.flush()
    elif mode == "printable":
        print("READY printable", file=out)
        ranges = []
        for cp in range(0x110000):
            if not chr(cp).isprintable():
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1][1] = cp
                else:
                    ranges.append([cp, cp])
        print(json.dumps(ranges), file=out)
    else:
        print("unknown mode " + mode, file=sys.stderr)
        return 2
    out.flush()
    return 0


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
