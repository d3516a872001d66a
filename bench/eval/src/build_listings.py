import json, csv, yaml, sys
sys.path.insert(0, '/work/wt/evaldata/src')
import lib, p1, p2, p3, p4, p5, p6
tax = yaml.safe_load(open('/work/main/seeds/taxonomy.yaml'))
cats = {}
for g in tax['groups']:
    cats[g['code']] = {'name': g['name'], 'specs': None}
    for c in g['children']:
        cats[c['code']] = {'name': c['name'], 'specs': {s['key']: s for s in c['specs']}}
tags = {t['name'] for t in yaml.safe_load(open('/work/main/seeds/tags.yaml'))['tags']}
regions = {r['code'] for r in csv.DictReader(open('/work/main/seeds/regions.csv'))}
LONG = {
 '开山 JN37 永磁变频螺杆空压机 37kW 一级能效': '【为什么选开山永磁变频】空压机电费占全生命周期成本的70%以上。开山JN系列采用开山自主研发的SKY螺杆主机（大转子低转速）+ 高效永磁同步电机（IP55，F级绝缘，B级温升）+ 专用变频器，按用气量自动调速、恒压供气（±0.01MPa），避免工频机加卸载的空载能耗。实测比同功率工频机节能30%~40%，一年电费可省6~10万元。整机低噪音、低振动，智能控制器可联网远程监控、故障预警。适用于纺织、袜业、注塑、机加工、激光切割、食品、医药等行业。全国500+服务网点，主机终身保修（需使用原厂配件），支持老旧空压机以旧换新，可协助申报设备更新补贴。',
 '海天 天隆 MA1600III 伺服节能注塑机 160吨': '海天MA系列（天隆）第三代产品在保持经典二代机型高性价比的同时，全面提升了锁模、注射和控制系统：采用优化的五铰链双曲肘锁模结构，模板刚性更高；伺服动力系统按需供油，无溢流损失，液压油温低，冷却水用量减少；KEBA/海天自研控制器，多级注射、保压可编程，支持欧规接口。可选配取件机械手、模温机、干燥机、集中供料，构建注塑自动化单元。广泛应用于日用品、家电、汽车零部件、包装、电子电器等行业。',
 '大族激光 G3015HF 12000W 光纤激光切割机 交换平台 全包围': '大族激光是亚洲最大、全球排名前三的工业激光加工设备生产厂商。G系列HF机型采用高刚性焊接床身（经退火时效处理）、航空铝合金横梁，齿轮齿条双驱，最大联动加速度1.5G；配套大族自研HypCut总线控制系统，具备智能穿孔、蛙跳、共边切割、飞行切割功能；BOCI/大族自研切割头，自动调焦；交换工作台15秒完成交换；全包围防护罩+烟尘分区抽风，达到CE与GB安全标准。12kW可实现碳钢40mm、不锈钢40mm、铝合金30mm的稳定切割，中厚板切割效率为等离子的2~3倍。可选配自动上下料、料库实现无人化。',
}
APP = {'01':'广泛应用于汽车零部件、工程机械、模具、通用机械、阀门泵业等行业。','02':'可与MES/PLC对接，帮助企业实现机械化换人、自动化减人。','03':'适用于动力电池、储能电池及光伏组件制造。','04':'材质与结构可按工艺定制，满足化工、医药、生物发酵等行业需求。','05':'适用于轮胎及橡胶制品行业。','06':'适用于水泥、陶瓷、玻璃等建材行业。','07':'可提供现场能耗评估与节能量测算。','08':'适用于纺织、针织、印染、鞋服企业。','09':'可提供计量校准与安装验收服务。','10':'可提供方案设计、安装调试与定期维保。','11':'可提供配套工艺方案与排放达标承诺。','12':'适用于塑料制品、压铸、热处理、表面处理等行业。','13':'支持私有化部署，本地实施团队驻场。','14':'适用于白酒、饮料、食品生产企业。','15':'适用于SMT、半导体封测企业。'}
SVC = ['质保一年，终身维护，7×24小时响应。','厂家直销，提供安装调试、操作培训。','支持分期付款与融资租赁。','提供免费打样试机，欢迎来厂考察。','售后网点覆盖主要工业城市，备件充足。','整机出厂前经过72小时连续运行测试。']
import hashlib
out = []
errs = []
for i, d in enumerate(lib.L, 1):
    d = dict(d)
    d['eval_id'] = 'L%03d' % i
    if d['title'] in LONG:
        d['description'] = d['description'] + LONG[d['title']]
    c = d['category']
    if len(d['description']) < 60 and i % 6 != 0:
        h = int(hashlib.md5(d['title'].encode()).hexdigest(), 16)
        d['description'] = d['description'] + APP[c[:2]] + SVC[h % len(SVC)]
        if len(d['description']) < 50: d['description'] += SVC[(h // 7) % len(SVC)]
    if c not in cats: errs.append((d['eval_id'], 'cat', c))
    sp = cats.get(c, {}).get('specs')
    for k, v in d['specs'].items():
        if sp is None: continue  # parent category: keys are free
        if k not in sp: errs.append((d['eval_id'], 'spec', k))
        elif sp[k]['type'] in ('number', 'integer') and not isinstance(v, (int, float)): errs.append((d['eval_id'], 'spectype', k))
        elif sp[k]['type'] == 'string' and not isinstance(v, str): errs.append((d['eval_id'], 'spectype', k))
    for t in d['tags']:
        if t not in tags: errs.append((d['eval_id'], 'tag', t))
    for r in d['service_regions'] + [d['supplier_region']]:
        if r not in regions: errs.append((d['eval_id'], 'region', r))
    if d.get('energy_grade') is not None and d['energy_grade'] not in range(1, 6): errs.append((d['eval_id'], 'eg'))
    if '能效一级' in d['tags'] and d.get('energy_grade') != 1: errs.append((d['eval_id'], 'eg1 tag mismatch'))
    if '能效二级' in d['tags'] and d.get('energy_grade') != 2: errs.append((d['eval_id'], 'eg2 tag mismatch'))
    if d.get('price_min') and d.get('price_max') and d['price_min'] > d['price_max']: errs.append((d['eval_id'],'price'))
    key_order = ['eval_id','title','category','brand','model','description','price_min','price_max','lead_time_days','energy_grade','tags','service_regions','specs','supplier_name','supplier_region']
    d = {k: d[k] for k in key_order if k in d}
    out.append(d)
print('errors', errs)
print(len(out))
with open('/work/wt/evaldata/listings.jsonl', 'w') as f:
    for d in out: f.write(json.dumps(d, ensure_ascii=False) + '\n')
