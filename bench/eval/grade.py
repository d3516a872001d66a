#!/usr/bin/env python3
"""Apply per-query criteria (criteria.jsonl) to listings.jsonl -> qrels.jsonl. Rules: GRADING.md."""
import json, re, csv, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
REGIONS = '/work/main/seeds/regions.csv'
parent = {r['code']: r['parent_code'] for r in csv.DictReader(open(REGIONS))}

def ancestors(code):
    out = []
    while code in parent and parent[code]:
        code = parent[code]; out.append(code)
    return out

def in_subtree(code, root):
    return code == root or root in ancestors(code)

def norm(s):
    return re.sub(r'[\s\-_/·.]+', '', s or '').upper()

def text(L):
    return ' '.join([L.get('title', ''), L.get('brand', '') or '', L.get('model', '') or '', L.get('description', '')])

def ttext(L):
    return ' '.join([L.get('title', ''), L.get('model', '') or ''])

def cat_ok(cats, c):
    if cats is None: return True
    for x in cats:
        if x == '*' or c == x or (len(x) == 2 and c.startswith(x) ): return True
    return False

def tmatch(t, L):
    if not cat_ok(t.get('cats'), L['category']): return False
    if t.get('pat') and not re.search(t['pat'], text(L), re.I): return False
    if t.get('tpat') and not re.search(t['tpat'], ttext(L), re.I): return False
    return True

def qual(q, L):
    """True / False / None(unknown)"""
    s = L.get('specs', {})
    if 'any' in q:
        r = [qual(x, L) for x in q['any']]
        return True if any(x is True for x in r) else (False if all(x is False for x in r) else None)
    if 'spec' in q:
        k, op, v = q['spec'], q['op'], q.get('v')
        if k in s:
            x = s[k]
            try:
                if op == '>=': return x >= v
                if op == '<=': return x <= v
                if op == '==': return x == v
                if op == 'between': return v[0] <= x <= v[1]
                if op == 'approx': return abs(x - v) <= 0.2 * v
                if op == 'in': return any(str(a).lower() in str(x).lower() for a in v)
                if op == 'not_in': return not any(str(a).lower() in str(x).lower() for a in v)
            except TypeError:
                return None
        if q.get('npat') and re.search(q['npat'], text(L), re.I): return False
        if q.get('pat'): return True if re.search(q['pat'], text(L), re.I) else None
        return None
    if 'pat' in q: return True if re.search(q['pat'], text(L), re.I) else None
    if 'tpat' in q: return True if re.search(q['tpat'], ttext(L), re.I) else None
    if 'npat' in q: return False if re.search(q['npat'], text(L), re.I) else True
    if 'model' in q: return True if re.search(q['model'], norm(L.get('model', '')) + ' ' + norm(L.get('title', ''))) else False
    if 'brand' in q: return True if re.search(q['brand'], (L.get('brand') or '') + ' ' + L.get('title', '')) else False
    if 'eg' in q:
        g = L.get('energy_grade')
        if g is None: return None
        return g <= q['v'] if q['eg'] == '<=' else g == q['v']
    if 'tag' in q: return q['tag'] in L.get('tags', [])
    if 'price_le' in q:
        p = L.get('price_min')
        return None if p is None else p <= q['price_le']
    raise ValueError(q)

def place_state(place, L):
    if not place: return 'met'
    if in_subtree(L['supplier_region'], place): return 'met'
    anc = set(ancestors(place))
    for s in L['service_regions']:
        if s != '000000' and (in_subtree(s, place) or s in anc): return 'met'
    if '000000' in L['service_regions']: return 'unknown'
    return 'unmet'

def filters_ok(f, L):
    if not f: return True
    if 'category' in f and not (L['category'] == f['category'] or L['category'].startswith(f['category'])): return False
    if 'region' in f:
        r = f['region']; ok = set([r, '000000'] + ancestors(r))
        if not any(s in ok for s in L['service_regions']): return False
    for t in f.get('tags', []):
        if t not in L.get('tags', []): return False
    if 'energy_grade_max' in f:
        g = L.get('energy_grade')
        if g is None or g > f['energy_grade_max']: return False
    if 'price_max' in f:
        p = L.get('price_min')
        if p is None or p > f['price_max']: return False
    return True

def grade(c, L):
    if not filters_ok(c.get('filters'), L): return 0
    is_type = any(tmatch(t, L) for t in c['types'])
    demote = None
    if is_type:
        for ex in c.get('exclude', []):
            if re.search(ex['pat'], text(L) if not ex.get('title') else ttext(L), re.I):
                is_type = False; demote = ex.get('grade', 1); break
    if not is_type:
        if demote is not None: return demote
        return 1 if any(tmatch(t, L) for t in c.get('related', [])) else 0
    ps = place_state(c.get('place'), L)
    if ps == 'unmet': return 1
    if all(qual(q, L) is True for q in c.get('quals', [])) and ps == 'met': return 3
    return 2

def main():
    listings = [json.loads(l) for l in open(os.path.join(HERE, 'listings.jsonl'))]
    crit = [json.loads(l) for l in open(os.path.join(HERE, 'criteria.jsonl'))]
    n = 0
    with open(os.path.join(HERE, 'qrels.jsonl'), 'w') as f:
        for c in crit:
            for L in listings:
                g = grade(c, L)
                if g >= 1:
                    f.write(json.dumps({'qid': c['qid'], 'eval_id': L['eval_id'], 'grade': g}, ensure_ascii=False) + '\n'); n += 1
    print('qrels', n)

if __name__ == '__main__':
    main()
