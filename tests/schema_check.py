#!/usr/bin/env python3
"""tests/schema_check.py: hold docs/deck.schema.json and docs/template.schema.json
to the loader, and files to the schemas. Prints one "PASS name" or
"FAIL name: detail" line per check (tests/e2e/schema.sh records them);
"# " lines are notes. Exits 0 even when checks fail; 2 on bad usage.

  schema_check.py meta SCHEMA...
      each file is a valid draft-07 JSON Schema using only the keywords
      this checker (and yaml-language-server) understands
  schema_check.py sync NAME SCHEMA KEYS.jsonl
      KEYS.jsonl is what tests/tools/schema_keys prints from the loader's own
      tables. Every key the loader accepts is in the schema at the same place,
      and every key in the schema is one the loader accepts; required keys,
      enums, number ranges, colours and "no unknown keys" agree, checked by
      validating values the loader accepts and rejects against the schema.
  schema_check.py valid NAME SCHEMA FILE...      each YAML file validates
  schema_check.py invalid NAME SCHEMA FILE...    each YAML file is rejected
  schema_check.py modeline NAME SCHEMA FILE...   each file's first line is
      "# yaml-language-server: $schema=PATH" and PATH (relative to the file)
      is SCHEMA

YAML is read as YAML 1.2 (core schema), as yaml-language-server reads it:
2026-12-05 and 16:9 are strings, yes/no are strings, true/false booleans.
Validation uses the jsonschema package when it is installed (Debian:
python3-jsonschema), else a small built-in draft-07 validator that covers
exactly the keywords the schemas use ("meta" fails on any other keyword)."""

import json
import math
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    print("FAIL schema/pyyaml: python3 cannot import yaml (apt-get install python3-yaml)")
    sys.exit(0)

try:
    import jsonschema
except ImportError:
    jsonschema = None

# ----------------------------------------------------------------- YAML 1.2


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types only."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(regexp), first)


def _int12(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v)


def _bool12(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _bool12)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


# ----------------------------------------------------------------- validator

KNOWN = {"$schema", "$id", "$ref", "title", "description", "examples", "default", "definitions",
         "type", "enum", "properties", "required", "additionalProperties", "items", "minItems",
         "pattern", "minimum", "maximum", "exclusiveMinimum", "minProperties", "allOf"}


def _is_type(v, t):
    if t == "null":
        return v is None
    if t == "boolean":
        return isinstance(v, bool)
    if t == "integer":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "string":
        return isinstance(v, str)
    if t == "array":
        return isinstance(v, list)
    if t == "object":
        return isinstance(v, dict)
    raise ValueError("unknown type " + t)


def _same(a, b):
    return type(a) is type(b) and a == b or (
        _is_type(a, "number") and _is_type(b, "number") and a == b)


class MiniValidator:
    """Draft-07, only the keywords in KNOWN."""

    def __init__(self, root):
        self.root = root

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError("only local $ref: " + ref)
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def errors(self, v, s, path="$"):
        if s is True or s == {}:
            return
        if s is False:
            yield "%s: not allowed" % path
            return
        if "$ref" in s:  # draft-07: siblings of $ref are ignored
            yield from self.errors(v, self.resolve(s["$ref"]), path)
            return
        for sub in s.get("allOf", []):
            yield from self.errors(v, sub, path)
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(_is_type(v, t) for t in types):
                yield "%s: %r is not of type %s" % (path, v, "/".join(types))
                return
        if "enum" in s and not any(_same(v, e) for e in s["enum"]):
            yield "%s: %r is not one of %r" % (path, v, s["enum"])
        if isinstance(v, str) and "pattern" in s and not re.search(s["pattern"], v):
            yield "%s: %r does not match %r" % (path, v, s["pattern"])
        if _is_type(v, "number"):
            if "minimum" in s and v < s["minimum"]:
                yield "%s: %r is less than %r" % (path, v, s["minimum"])
            if "maximum" in s and v > s["maximum"]:
                yield "%s: %r is more than %r" % (path, v, s["maximum"])
            if "exclusiveMinimum" in s and v <= s["exclusiveMinimum"]:
                yield "%s: %r is not more than %r" % (path, v, s["exclusiveMinimum"])
        if isinstance(v, list):
            if len(v) < s.get("minItems", 0):
                yield "%s: fewer than %d items" % (path, s["minItems"])
            if "items" in s:
                for i, e in enumerate(v):
                    yield from self.errors(e, s["items"], "%s[%d]" % (path, i))
        if isinstance(v, dict):
            if len(v) < s.get("minProperties", 0):
                yield "%s: fewer than %d keys" % (path, s["minProperties"])
            for k in s.get("required", []):
                if k not in v:
                    yield "%s: %r is a required property" % (path, k)
            props = s.get("properties", {})
            for k, e in v.items():
                if k in props:
                    yield from self.errors(e, props[k], "%s.%s" % (path, k))
                elif "additionalProperties" in s:
                    ap = s["additionalProperties"]
                    if ap is False:
                        yield "%s: additional property %r is not allowed" % (path, k)
                    else:
                        yield from self.errors(e, ap, "%s.%s" % (path, k))


def make_validator(root):
    """A function value, subschema -> list of error strings."""
    if jsonschema is not None:
        def check(value, sub=None):
            s = root if sub is None else dict(sub, definitions=root.get("definitions", {}))
            v = jsonschema.Draft7Validator(s)
            return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "$", e.message)
                    for e in v.iter_errors(value)]
        return check
    mini = MiniValidator(root)

    def check(value, sub=None):
        return list(mini.errors(value, root if sub is None else sub))
    return check


def load_schema(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ----------------------------------------------------------------- output

def out_pass(name):
    print("PASS " + name)


def out_fail(name, detail):
    print("FAIL %s: %s" % (name, " ".join(str(detail).split())[:400]))


# ----------------------------------------------------------------- meta

def keywords(s, path, found):
    """Every keyword used in schema s (not inside properties/definitions names)."""
    if isinstance(s, bool):
        return
    for k, v in s.items():
        found.append((path, k))
        if k in ("properties", "definitions"):
            for name, sub in v.items():
                keywords(sub, "%s/%s/%s" % (path, k, name), found)
        elif k in ("items", "additionalProperties") and isinstance(v, (dict, bool)):
            keywords(v, path + "/" + k, found)
        elif k == "allOf":
            for i, sub in enumerate(v):
                keywords(sub, "%s/allOf/%d" % (path, i), found)


def cmd_meta(paths):
    for p in paths:
        name = "schema/meta/" + os.path.basename(p)
        try:
            s = load_schema(p)
        except (OSError, ValueError) as e:
            out_fail(name, "cannot read %s: %s" % (p, e))
            continue
        problems = []
        if s.get("$schema") != "http://json-schema.org/draft-07/schema#":
            problems.append("$schema is not draft-07 (what yaml-language-server reads best)")
        if jsonschema is not None:
            try:
                jsonschema.Draft7Validator.check_schema(s)
            except jsonschema.SchemaError as e:
                problems.append("not a valid draft-07 schema: %s" % e.message)
        found = []
        keywords(s, "#", found)
        unknown = sorted({"%s: %s" % (at, k) for at, k in found if k not in KNOWN})
        if unknown:
            problems.append("keywords the checker does not know: " + ", ".join(unknown[:5]))
        # every property and definition documents itself (hover text in editors)
        props = [at for at, _ in found if re.search(r"/(properties|definitions)/[^/]+$", at)]
        missing = sorted({at for at in props if not any(a == at and k == "description" for a, k in found)})
        if missing:
            problems.append("properties without a description: " + ", ".join(missing[:5]))
        if problems:
            out_fail(name, "; ".join(problems))
        else:
            out_pass(name + (" (jsonschema %s)" % _jsonschema_version() if jsonschema else
                             " (built-in validator)"))


def _jsonschema_version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:  # pragma: no cover
        return "?"


# ----------------------------------------------------------------- sync

def resolve(root, node):
    """Follow $ref and a lone allOf [$ref] to the schema that holds the keywords."""
    seen = 0
    while isinstance(node, dict) and seen < 20:
        seen += 1
        if "$ref" in node:
            node = MiniValidator(root).resolve(node["$ref"])
        elif "allOf" in node and "properties" not in node and "type" not in node:
            merged = {k: v for k, v in node.items() if k != "allOf"}
            for sub in node["allOf"]:
                merged.update(resolve(root, sub))
            node = merged
        else:
            break
    return node


def types_of(node):
    t = node.get("type")
    if t is None:
        return None
    return set(t if isinstance(t, list) else [t])


# Values the loader checks beyond their type (by a validator in the field
# table, or later, like the deck's accent: applied by template.c), by key.
SPECIAL = {
    "date": (["2026-12-05", "2024-02-29", "2000-02-29", "2026-04-30", "0001-01-01"],
             ["2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "0000-01-01", "2026-1-5",
              "12/05/2026", "明天"]),
    "accent": (["#D63F24", "#abc"], ["D63F24", "#12345", "red"]),
    "footer": (["{event}", "{event} · {page}/{pages}", "{date}", ""], ["{evnt}", "{event"]),
}
# Values for fields whose conversion is custom code, by key.
CUSTOM = {
    "fonts": ([{"hei": ["WenQuanYi Micro Hei"]}, {"hei": "WenQuanYi Micro Hei", "mono": ["DejaVu Sans Mono", "x.ttf"]}],
              [["WenQuanYi Micro Hei"], {"hei": []}, {"hei": [["nested"]]}, "hei"]),
    # lang: of items, sections, intro and closing (the deck's own lang: is text)
    "lang": (["en", "zh-CN", "zh-Hant-TW"],
             ["English", "zh_CN", "e", ["en"], {"zz_unknown": "en"}, {"title": "English"}]),
}


def samples(field, minimal):
    """(accepted, rejected) values for one field, as the loader judges them.
    minimal(path) builds the smallest mapping the loader accepts there."""
    t, key = field["type"], field["path"][-1]
    ok, bad = [], []
    if not field["required"] and t != "custom":
        ok.append(None)  # `key:` with nothing is the same as leaving it out
    if key in SPECIAL and t in ("text", "string"):
        ok += SPECIAL[key][0]
        bad += SPECIAL[key][1]
        if not field["keep_empty"] and "" in ok:
            ok.remove("")
        return ok, bad + [["a", "b"], {"k": "v"}]
    if t in ("text", "string"):
        if field["checked"]:
            raise KeyError("%s is checked by a function in the loader: add it to SPECIAL in %s"
                           % (".".join(field["path"]), __file__))
        ok += ["大模型时代的创业者", "x"]
        if field["nonempty"] or field["required"]:
            bad += ["   ", "\u3000"]
        bad += [["a", "b"], {"k": "v"}]
    elif t == "number":
        lo, hi = field.get("min"), field.get("max")
        if lo is not None and hi is not None:
            mid = (lo + hi) / 2
            if field.get("whole"):  # a grid column or a count: 2.5 is rejected
                bad.append(math.floor(mid) + 0.5)
                mid = math.floor(mid)
            ok.append(mid if mid > 0 or not field["positive"] else hi)
            ok.append(hi)
            bad.append(hi + 1)
            if field["positive"] and lo <= 0:
                bad.append(0)
                bad.append(-1)
            else:
                ok.append(lo)
                bad.append(lo - 1)
        else:
            ok.append(1)
        bad += ["abc", True]
    elif t == "bool":
        ok += [True, False]
        bad += ["maybe", 3]
    elif t == "color":
        ok += ["#D63F24", "#abc", "#ABCDEF"]
        bad += ["D63F24", "#12345", "#GGGGGG", "red", 3]
    elif t == "enum":
        ok += list(field["enum"])
        bad += ["zz-not-a-word", ""]
    elif t == "text_list":
        ok += [["主办方甲", "某某创业营"], "主办方甲"]
        bad += [["  "], {"k": "v"}]
    elif t == "map":
        m = minimal(field["path"])
        ok.append(m)
        bad += [dict(m, zz_unknown_key=1), "text", [1]]
    elif t == "map_list":
        m = minimal(field["path"] + ["[]"])
        ok += [[], [m, m]]
        bad += [[dict(m, zz_unknown_key=1)], "text", {"k": "v"}]
    elif t == "custom":
        if key not in CUSTOM:
            raise KeyError("%s is converted by custom code in the loader: add samples to CUSTOM in %s"
                           % (".".join(field["path"]), __file__))
        ok += CUSTOM[key][0]
        bad += CUSTOM[key][1]
    return ok, bad


def enum_words(node):
    out = set()
    for e in node.get("enum", []):
        if e is None:
            continue
        out.add("true" if e is True else "false" if e is False else str(e))
    return out


def cmd_sync(name, schema_path, keys_path):
    root = load_schema(schema_path)
    check = make_validator(root)
    fields = []
    with open(keys_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                fields.append(json.loads(line))
    if not fields:
        out_fail("schema/%s/keys" % name, "%s lists no keys: is the walker broken?" % keys_path)
        return
    by_parent = {}
    for fl in fields:
        by_parent.setdefault(tuple(fl["path"][:-1]), []).append(fl)

    def node_at(path):
        """(schema node, its parent object node) for a loader path, or (None, why)."""
        node, parent = resolve(root, root), None
        for seg in path:
            if seg == "[]":
                if "items" not in node:
                    return None, "no items: schema under %s" % "/".join(path)
                node = resolve(root, node["items"])
                continue
            props = node.get("properties", {})
            if seg not in props:
                return None, "not in the schema"
            parent, node = node, resolve(root, props[seg])
        return node, parent

    def minimal(path):
        """The smallest mapping the loader accepts at 'path': its required keys."""
        m = {}
        for c in by_parent.get(tuple(path), []):
            if c["required"]:
                ok = [v for v in samples(c, minimal)[0] if v is not None]
                m[c["path"][-1]] = ok[0]
        return m

    problems = []
    n_ok = 0
    for fl in fields:
        path = fl["path"]
        label = ".".join(path).replace(".[].", "[].")
        node, parent = node_at(path)
        if node is None:
            problems.append("%s: the loader accepts it, but it is %s" % (label, parent))
            continue
        p = []
        req = parent is not None and path[-1] in parent.get("required", [])
        if req != fl["required"]:
            p.append("required in the %s only" % ("loader" if fl["required"] else "schema"))
        if fl["type"] == "enum" and enum_words(node) != set(fl["enum"]):
            p.append("enum %s, loader %s" % (sorted(enum_words(node)), sorted(fl["enum"])))
        if fl["type"] == "number" and "min" in fl:
            lo_key = "exclusiveMinimum" if fl["positive"] and fl["min"] <= 0 else "minimum"
            if not math.isclose(float(node.get(lo_key, math.nan)), fl["min"], abs_tol=1e-6):
                p.append("%s %s, loader min %s" % (lo_key, node.get(lo_key), fl["min"]))
            if not math.isclose(float(node.get("maximum", math.nan)), fl["max"], abs_tol=1e-6):
                p.append("maximum %s, loader max %s" % (node.get("maximum"), fl["max"]))
        if fl["type"] == "number" and "default" in node and "default" in fl and \
                not math.isclose(float(node["default"]), fl["default"], rel_tol=1e-6):
            p.append("default %s, loader %s" % (node["default"], fl["default"]))
        if fl["type"] in ("map", "map_list"):
            obj = node if fl["type"] == "map" else resolve(root, node.get("items", {}))
            if obj.get("additionalProperties", True) is not False:
                p.append("unknown keys are errors in the loader: set additionalProperties: false")
            have = set(obj.get("properties", {}))
            want = {c["path"][-1] for c in by_parent.get(tuple(path) + (("[]",) if fl["type"] == "map_list" else ()), [])}
            if have - want:
                p.append("keys the loader rejects: %s" % ", ".join(sorted(have - want)))
        try:
            ok, bad = samples(fl, minimal)
        except KeyError as e:
            problems.append("%s: %s" % (label, e.args[0]))
            continue
        if True:
            for v in ok:
                errs = check(v, node)
                if errs:
                    p.append("rejects %s, which the loader accepts (%s)" % (json.dumps(v, ensure_ascii=False), errs[0]))
            for v in bad:
                if not check(v, node):
                    p.append("accepts %s, which the loader rejects" % json.dumps(v, ensure_ascii=False))
        if not node.get("description"):
            p.append("no description")
        if p:
            problems.append("%s: %s" % (label, "; ".join(p)))
        else:
            n_ok += 1
    # the top level: keys in the schema the loader does not know
    top = resolve(root, root)
    extra = set(top.get("properties", {})) - {c["path"][0] for c in by_parent.get((), [])}
    if extra:
        problems.append("top level: keys the loader rejects: %s" % ", ".join(sorted(extra)))
    if top.get("additionalProperties", True) is not False:
        problems.append("top level: set additionalProperties: false (unknown keys are errors)")
    req_top = set(top.get("required", []))
    req_loader = {c["path"][0] for c in by_parent.get((), []) if c["required"]}
    if req_top != req_loader:
        problems.append("top level: required %s, loader %s" % (sorted(req_top), sorted(req_loader)))
    if problems:
        for pr in problems[:12]:
            print("# " + pr)
        out_fail("schema/%s/sync" % name, "%d of %d loader keys disagree with %s; first: %s"
                 % (len(problems), len(fields), schema_path, problems[0]))
    else:
        out_pass("schema/%s/sync: %d loader keys, all in %s and agreeing" % (name, n_ok, schema_path))


# ----------------------------------------------------------------- files

def cmd_valid(name, schema_path, files, want_valid):
    root = load_schema(schema_path)
    check = make_validator(root)
    for f in files:
        label = "schema/%s/%s %s" % (name, "valid" if want_valid else "rejects", os.path.basename(f))
        try:
            doc = load_yaml(f)
        except (OSError, yaml.YAMLError) as e:
            out_fail(label, "cannot read %s: %s" % (f, e))
            continue
        errs = check(doc)
        if want_valid and errs:
            out_fail(label, "%s: %d error(s), first: %s" % (f, len(errs), errs[0]))
        elif not want_valid and not errs:
            out_fail(label, "%s validates, but the loader rejects it" % f)
        else:
            out_pass(label + ("" if want_valid else ": " + errs[0][:120]))


MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def cmd_modeline(name, schema_path, files):
    for f in files:
        label = "schema/%s/modeline %s" % (name, os.path.basename(f))
        with open(f, encoding="utf-8") as fh:
            first = fh.readline().rstrip("\n")
        m = MODELINE.match(first)
        if not m:
            out_fail(label, "first line of %s is not '# yaml-language-server: $schema=...': %r" % (f, first))
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(f), m.group(1)))
        if not os.path.exists(target) or not os.path.samefile(target, schema_path):
            out_fail(label, "%s points to %s, not %s" % (f, target, schema_path))
        else:
            out_pass(label)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if not jsonschema:
        print("# jsonschema not installed: using the built-in draft-07 validator")
    if cmd == "meta" and args:
        cmd_meta(args)
    elif cmd == "sync" and len(args) == 3:
        cmd_sync(*args)
    elif cmd in ("valid", "invalid") and len(args) >= 3:
        cmd_valid(args[0], args[1], args[2:], cmd == "valid")
    elif cmd == "modeline" and len(args) >= 3:
        cmd_modeline(args[0], args[1], args[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
