#!/usr/bin/env python3
"""Grades every (demand, listing) pair per MATCH_GRADING.md.

Inputs (same folder): demands.jsonl, match_criteria.jsonl, listings.jsonl;
schema: /work/main/seeds/taxonomy.yaml, /work/main/seeds/regions.csv.
Output: match_qrels.jsonl (grade >= 1) and, with --explain Dxxx, the reasons per listing.
"""
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TAX = Path("/work/main/seeds/taxonomy.yaml")
REG = Path("/work/main/seeds/regions.csv")
TOL = 0.05          # marginal spec miss (relative)
PRICE_SOFT = 1.20   # price_min up to 120 % of per-unit budget = soft miss


def load_jsonl(p):
    return [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]


# ---------------------------------------------------------------- schema
tax = yaml.safe_load(open(TAX, encoding="utf-8"))
LEAF_SPECS = {}     # code -> {key: better}
NAME2CODE = {}
GROUP_LEAVES = {}
for g in tax["groups"]:
    NAME2CODE[g["code"]] = g["code"]
    NAME2CODE[g["name"].lower()] = g["code"]
    for a in g.get("aliases", []) or []:
        NAME2CODE.setdefault(a.lower(), g["code"])
    GROUP_LEAVES[g["code"]] = [c["code"] for c in g.get("children", [])]
    for c in g.get("children", []):
        LEAF_SPECS[c["code"]] = {s["key"]: s.get("better", "none") for s in c.get("specs", [])}
        NAME2CODE[c["code"]] = c["code"]
        NAME2CODE[c["name"].lower()] = c["code"]
        for a in c.get("aliases", []) or []:
            NAME2CODE[a.lower()] = c["code"]   # leaf aliases win over group aliases


def resolve_cat(v):
    if isinstance(v, dict):
        v = v.get("code") or v.get("name")
    if v is None:
        return None
    v = str(v).strip()
    return NAME2CODE.get(v) or NAME2CODE.get(v.lower())


PARENT = {}
for row in csv.DictReader(open(REG, encoding="utf-8")):
    PARENT[row["code"]] = row["parent_code"] or None


def ancestors(code):
    out = [code]
    seen = {code}
    c = code
    while True:
        p = PARENT.get(c)
        if p is None and c not in PARENT:   # unknown code: six-digit rule
            if c == "000000":
                p = None
            elif c[4:] != "00":
                p = c[:4] + "00"
            elif c[2:] != "0000":
                p = c[:2] + "0000"
            else:
                p = "000000"
        if not p or p in seen:
            break
        out.append(p)
        seen.add(p)
        c = p
    if "000000" not in out:
        out.append("000000")
    return out


def serves(listing, region):
    sr = {str(x) for x in (listing.get("service_regions") or [])}
    return any(a in sr for a in ancestors(region))


NUM = re.compile(r"[-+]?\d+(?:\.\d+)?")


def num(v):
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    m = NUM.search(str(v).replace(",", ""))
    return float(m.group()) if m else None


def listing_text(l):
    parts = [l.get("title"), l.get("description"), l.get("brand"), l.get("model")]
    parts += list(l.get("tags") or [])
    for k, v in (l.get("specs") or {}).items():
        if isinstance(v, str):
            parts.append(f"{k}={v}")
    return " ".join(str(p) for p in parts if p)


def check_spec(key, want, lspecs, schema, strspec):
    """-> ('ok'|'soft'|'hard', reason)"""
    if isinstance(want, str):
        have = lspecs.get(key)
        rx, eff = strspec.get(key, [re.escape(want), "soft"])
        if have is None:
            return "soft", f"{key} unknown (want {want})"
        if re.search(rx, str(have), re.I):
            return "ok", f"{key}={have}"
        return ("hard" if eff in ("cap1", "hard") else "soft"), f"{key}={have} != {want}"
    base, op = key, None
    if key.endswith("_min") and key[:-4] in schema:
        base, op = key[:-4], ">="
    elif key.endswith("_max") and key[:-4] in schema:
        base, op = key[:-4], "<="
    else:
        better = schema.get(key)
        op = {"higher": ">=", "lower": "<="}.get(better)
        if op is None:       # unknown key or better: none -> not gradeable as threshold
            return "ok", f"{key} not a threshold"
    have = num(lspecs.get(base))
    want = float(want)
    if have is None:
        return "soft", f"{base} unknown (want {op}{want:g})"
    if op == ">=":
        if have >= want:
            return "ok", f"{base}={have:g}>={want:g}"
        gap = (want - have) / abs(want) if want else 1
    else:
        if have <= want:
            return "ok", f"{base}={have:g}<={want:g}"
        gap = (have - want) / abs(want) if want else 1
    if gap <= TOL:
        return "soft", f"{base}={have:g} marginal vs {op}{want:g}"
    return "hard", f"{base}={have:g} misses {op}{want:g}"


JUDGE = json.load(open(HERE / "listing_judgement.json", encoding="utf-8"))["category_override"]


def judged_cat(l):
    if l["eval_id"] in JUDGE:
        return JUDGE[l["eval_id"]]
    return resolve_cat(l.get("category"))


def applies(rule, lc):
    return len(rule) < 3 or not rule[2] or lc in rule[2]


def grade(d, c, l):
    reasons = []
    lc = judged_cat(l)
    if lc in c["cat3"]:
        g = 3
    elif lc in c.get("cat2", []):
        g = 2
        reasons.append(f"second-best category {lc} (max 2)")
    elif lc in c["cat1"]:
        g = 1
        reasons.append(f"related category {lc}")
    else:
        return 0, [f"category {lc} not relevant"]
    if not serves(l, d["region_code"]):
        return 0, ["does not serve region"]
    if g == 1:
        return 1, reasons
    text = listing_text(l)
    soft = hard = 0
    zero = False
    for rule in c.get("need", []):
        rx, eff = rule[0], rule[1]
        if not applies(rule, lc):
            continue
        if not re.search(rx, text, re.I):
            reasons.append(f"need /{rx}/ missing -> {eff}")
            if eff == "soft":
                soft += 1
            elif eff == "cap1":
                hard += 1
            else:
                zero = True
    for rule in c.get("excl", []):
        rx, eff = rule[0], rule[1]
        if not applies(rule, lc):
            continue
        if re.search(rx, text, re.I):
            reasons.append(f"excluded /{rx}/ -> {eff}")
            if eff == "soft":
                soft += 1
            elif eff == "cap1":
                hard += 1
            else:
                zero = True
    if zero:
        return 0, reasons
    own = LEAF_SPECS.get(lc, {})
    # direction of a key: the listing's own leaf first, else any right-equipment leaf's schema
    schema = {}
    for code in c["cat3"] + c.get("cat2", []):
        schema.update(LEAF_SPECS.get(code, {}))
    schema.update(own)
    lspecs = l.get("specs") or {}
    hidden = c.get("xspecs") or {}
    allspecs = dict(d.get("specs") or {})
    allspecs.update(hidden)
    for k, v in allspecs.items():
        base = k[:-4] if k[-4:] in ("_min", "_max") and k[:-4] in schema else k
        if k in hidden and base not in own:
            continue        # grader-only criteria apply only to leaves that have the key
        st, why = check_spec(k, v, lspecs, schema, c.get("strspec", {}))
        if st != "ok":
            reasons.append(why)
        soft += st == "soft"
        hard += st == "hard"
    if c.get("energy_max") is not None:
        eg = l.get("energy_grade")
        tags = set(l.get("tags") or [])
        tag_grade = 1 if "能效一级" in tags else (2 if "能效二级" in tags else None)
        eg = eg if eg is not None else tag_grade
        if eg is None:
            soft += 1
            reasons.append("energy grade unknown")
        elif int(eg) > c["energy_max"]:
            hard += 1
            reasons.append(f"energy grade {eg} > {c['energy_max']}")
    if d.get("budget_max") is not None:
        unit = float(d["budget_max"]) / max(1, int(d.get("quantity") or 1))
        pm = num(l.get("price_min"))
        if pm is None:
            pm = num(l.get("price_max"))
        if pm is not None:
            if pm > unit * PRICE_SOFT:
                hard += 1
                reasons.append(f"price {pm:g} >> unit budget {unit:g}")
            elif pm > unit:
                soft += 1
                reasons.append(f"price {pm:g} > unit budget {unit:g}")
    if hard:
        return 1, reasons
    if soft >= 3:
        return 1, reasons
    if soft:
        return 2, reasons
    return g, reasons


def main():
    demands = {d["eval_id"]: d for d in load_jsonl(HERE / "demands.jsonl")}
    crits = {c["eval_id"]: c for c in load_jsonl(HERE / "match_criteria.jsonl")}
    listings = load_jsonl(HERE / "listings.jsonl")
    unresolved = Counter(str(l.get("category")) for l in listings
                         if resolve_cat(l.get("category")) is None and l["eval_id"] not in JUDGE)
    if unresolved:
        print("unresolved listing categories:", dict(unresolved), file=sys.stderr)
    explain = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--explain" else None
    rows, dist, best = [], Counter(), {}
    for eid, d in demands.items():
        c = crits[eid]
        best[eid] = 0
        for l in listings:
            g, why = grade(d, c, l)
            if explain and (explain == eid or explain == "ALL"):
                if g or judged_cat(l) in c["cat3"] + c.get("cat2", []) + c["cat1"]:
                    print(eid, l["eval_id"], g, judged_cat(l), l.get("title"),
                          "|", l.get("service_regions"), "|", l.get("price_min"), "|", "; ".join(why))
            if g >= 1:
                rows.append({"eval_id_demand": eid, "eval_id_listing": l["eval_id"], "grade": g})
                dist[g] += 1
                best[eid] = max(best[eid], g)
    if explain:
        return
    with open(HERE / "match_qrels.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("qrels:", len(rows), "grade distribution:", dict(sorted(dist.items())))
    print("demands without grade>=2:", [e for e, b in best.items() if b < 2])
    print("demands without any grade>=1:", [e for e, b in best.items() if b < 1])


if __name__ == "__main__":
    main()
