import json, sys, collections
sys.path.insert(0, '/work/wt/evaldata/src')
from queries_def import QS
qf = open('/work/wt/evaldata/queries.jsonl', 'w'); cf = open('/work/wt/evaldata/criteria.jsonl', 'w')
for i, q in enumerate(QS, 1):
    qid = 'Q%03d' % i
    rec = {'qid': qid, 'q': q['q'], 'kind': q['kind']}
    if q['filters']: rec['filters'] = q['filters']
    rec['note'] = q['note'] or ''
    qf.write(json.dumps(rec, ensure_ascii=False) + '\n')
    crit = {'qid': qid, 'q': q['q'], 'kind': q['kind'], 'note': q['note'] or '', 'types': q['types'], 'exclude': q['exclude'], 'related': q['related'],
            'quals': q['quals'], 'place': q['place'], 'filters': q['filters']}
    cf.write(json.dumps(crit, ensure_ascii=False) + '\n')
print(len(QS), collections.Counter(q['kind'] for q in QS))

import random
by = collections.defaultdict(list)
for i, q in enumerate(QS, 1): by[q['kind']].append('Q%03d' % i)
rng = random.Random(20241204)
train, held = [], []
for k in sorted(by):
    ids = sorted(by[k]); rng.shuffle(ids)
    h = len(ids) // 2
    if len(ids) % 2 and len(train) > len(held): h += 1
    held += sorted(ids[:h]); train += sorted(ids[h:])
json.dump({'seed': 20241204, 'stratified_by': 'kind', 'train': sorted(train), 'heldout': sorted(held)}, open('/work/wt/evaldata/split.json', 'w'), ensure_ascii=False, indent=1)
print('train', len(train), 'heldout', len(held))
