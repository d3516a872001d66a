import json, sys, collections
E='/work/wt/evaldata/'
L={json.loads(l)['eval_id']:json.loads(l) for l in open(E+'listings.jsonl')}
Q={json.loads(l)['qid']:json.loads(l) for l in open(E+'queries.jsonl')}
R=collections.defaultdict(list)
for l in open(E+'qrels.jsonl'):
    r=json.loads(l); R[r['qid']].append((r['grade'],r['eval_id']))
args=sys.argv[1:]
if args==['summary']:
    for qid,q in Q.items():
        c=collections.Counter(g for g,_ in R[qid])
        print(qid,q['kind'][:6],q['q'][:30],q.get('filters',''),dict(sorted(c.items())))
    sys.exit()
full = '-f' in args
for qid in [a for a in args if a!='-f']:
    q=Q[qid]; print('==',qid,q['kind'],q['q'],q.get('filters',''))
    for g,e in sorted(R[qid],reverse=True):
        if g>=2 or full:
            d=L[e]; print(' ',g,e,d['category'],d['title'][:30],'|',d['supplier_region'],','.join(d['service_regions']),d.get('energy_grade',''),{k:v for k,v in d['specs'].items() if k in ('axes','drive','power_w','robot_type','feeders','payload_kg')})
        else:
            pass
    print('  grade1:', [e for g,e in R[qid] if g==1])
