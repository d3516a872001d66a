# Query definitions + grading criteria (source of queries.jsonl and criteria.jsonl)
QS = []
def T(cats=None, pat=None, tpat=None):
    d = {'cats': cats if cats is None or isinstance(cats, list) else [cats]}
    if pat: d['pat'] = pat
    if tpat: d['tpat'] = tpat
    return d
R = T
def S(key, op, v=None, pat=None, npat=None):
    d = {'spec': key, 'op': op, 'v': v}
    if pat: d['pat'] = pat
    if npat: d['npat'] = npat
    return d
def P(pat): return {'pat': pat}
def TP(pat): return {'tpat': pat}
def NP(pat): return {'npat': pat}
def M(rx): return {'model': rx}
def B(rx): return {'brand': rx}
def EG(op, v): return {'eg': op, 'v': v}
def TAG(t): return {'tag': t}
def PRICE(v): return {'price_le': v}
def ANY(*q): return {'any': list(q)}
def X(pat, grade=1, title=False):
    d = {'pat': pat, 'grade': grade}
    if title: d['title'] = True
    return d
def Q(kind, q, types, quals=(), place=None, related=(), exclude=(), filters=None, note=''):
    QS.append({'kind': kind, 'q': q, 'types': types, 'quals': list(quals), 'place': place,
               'related': list(related), 'exclude': list(exclude), 'filters': filters, 'note': note})

# reusable
VMC_T = [T('0101'), T('01', tpat='加工中心')]
VMC_R = [R('0109')]
LASER_T = [T('0104')]
LASER_X = [X('手持激光焊')]
INJ_T = [T('1201')]
INJ_X = [X('改造服务|伺服节能改造服务|注塑机伺服节能改造服务')]
INJ_R = [R('0201', pat='注塑'), R('1301', pat='注塑'), R('0807', pat='注塑机')]
AIR_T = [T('0704')]
AIR_R = [R(None, pat='空压机余热')]
ROBOT_T = [T('0201'), T('0202', tpat='机器人')]
SOCK_T = [T('0804')]
SOCK_X = [X('无缝内衣机')]
SOCK_R = [R('08', pat='横机'), R('1302', pat='袜机')]
PRESS_T = [T('0106')]
PRESS_X = [X('液压支架', 0), X('压力机|冲床', 1)]
PRESS_R = []
TRANS_T = [T('0703')]
TRANS_X = [X('空压机余热', 0)]
WELD_T = [T('0202')]
STONE_X = [X('桥式切石机')]
HYD_SUPPORT_T = [T(None, pat='液压支架')]
PERM = S('drive', 'in', ['永磁变频'], pat='永磁变频')
FIXED = S('drive', 'in', ['工频'], pat='工频')

# ================= exact_name =================
K = 'exact_name'
Q(K, '加工中心', VMC_T, related=VMC_R, note='canonical leaf name 0101')
Q(K, '数控车床', [T('0102')], note='0102')
Q(K, '激光切割机', LASER_T, exclude=LASER_X, note='0104; a hand-held laser welder filed under 0104 is only related')
Q(K, '数控折弯机', [T('0105')])
Q(K, '注塑机', INJ_T, exclude=INJ_X, related=INJ_R, note='retrofit service and sprue pickers are related only')
Q(K, '空压机', AIR_T, related=AIR_R)
Q(K, '工业机器人', ROBOT_T, related=[R('0202')], note='welding robots are industrial robots too; 焊接专机 only related')
Q(K, '电脑袜机', SOCK_T, exclude=SOCK_X, related=SOCK_R, note='seamless underwear machine filed as 袜机 is related only')
Q(K, '立体仓库', [T('0205')], related=[R('0204')])
Q(K, '三坐标测量机', [T('0901')])
Q(K, '环境试验箱', [T('0903')])
Q(K, '数控石材绳锯', [T('0107')], exclude=STONE_X, related=[R('1301', pat='石材')])
Q(K, '油压机', PRESS_T, exclude=PRESS_X, related=[R(None, pat='压力机')], note='mechanical/servo presses filed under 0106 are related; 液压支架 is not a press (0)')
Q(K, '高效电机', [T('0702')])
Q(K, '工业锅炉', [T('0701')], related=[R('1103', pat='锅炉')])
Q(K, '变压器', TRANS_T, exclude=TRANS_X)
Q(K, 'AGV', [T('0204')], related=[R('0205')])
Q(K, '焊接机器人', WELD_T, exclude=[X('专机', 1, title=True)], related=[R('0203')], note='non-robot welding special machines are related')
Q(K, 'MES', [T('1303')], quals=[P('MES|制造执行')], related=[R('1302')])
Q(K, '工业网关', [T('1302')], related=[R('1303')])
Q(K, '冷镦机', [T('0108')])
Q(K, '数控磨床', [T('0103')])
Q(K, '喷气织机', [T('0801')])

# ================= alias_synonym =================
K = 'alias_synonym'
Q(K, '立加', VMC_T, quals=[ANY(P('立式|立加|钻攻'), M(r'^(VMC|VM\d|VF|VU|VDL|TV|V\d|XH71|SGVMC)'))], related=VMC_R, note='立加 = 立式加工中心; horizontal/gantry are 2')
Q(K, 'CNC车床', [T('0102')])
Q(K, '空气压缩机', AIR_T, related=AIR_R)
Q(K, '机械臂', ROBOT_T, related=[R('0202')])
Q(K, '光纤激光切割机', LASER_T, exclude=LASER_X)
Q(K, '液压机', PRESS_T, exclude=PRESS_X, related=[R(None, pat='压力机')])
Q(K, '折弯机', [T('0105')])
Q(K, '螺丝打头机', [T('0108')])
Q(K, '自动导引车', [T('0204')], related=[R('0205')])
Q(K, '无人叉车', [T('0204')], quals=[P('叉车|托盘')], note='forklift-type AGVs 3, other AGVs 2')
Q(K, '堆垛机', [T('0205')], quals=[P('堆垛机')])
Q(K, 'CMM 坐标测量机', [T('0901')])
Q(K, '探伤仪', [T('0902')])
Q(K, '3D打印机', [T('0905')])
Q(K, '气体检测仪', [T('1001')], quals=[P('气体|GDS')])
Q(K, '巡检机器人', [T('1003')], related=[R('1002')])
Q(K, '布袋除尘器', [T('1101')], quals=[P('布袋|电袋')])
Q(K, 'RTO焚烧炉', [T('1104')], quals=[P('RTO')])
Q(K, '密炼机', [T('0501')])
Q(K, '化成分容柜', [T('0305')])
Q(K, '数码印花机', [T('0806')])
Q(K, '制造执行系统', [T('1303')], quals=[P('MES|制造执行')], related=[R('1302')])
Q(K, '边缘计算网关', [T('1302')], quals=[P('边缘')])
Q(K, '节能变压器', TRANS_T, quals=[EG('<=', 2)], exclude=TRANS_X, note='节能 = energy grade 1/2')

# ================= misspelling_variant =================
K = 'misspelling_variant'
Q(K, '加攻中心', VMC_T, related=VMC_R, note='typo of 加工中心')
Q(K, '數控機床', [T(['0101', '0102', '0103', '0104', '0105', '0109', '0110']), T('01', tpat='加工中心|压力机')], exclude=[X('液压支架', 0), X('手持激光焊', 1)], related=[R(['0106', '0107', '0108'])],
  note='繁體 数控机床; metal-cutting/forming CNC leaves 3; presses/saws/cold headers related (group 01 but not what 数控机床 usually means)')
Q(K, 'vmc 850', VMC_T, quals=[M(r'VMC0?850')], related=VMC_R, note='model family VMC850 incl. VMC-850, VMC850E, VMC0850B, SG-VMC850')
Q(K, 'VMC-1160', VMC_T, quals=[M(r'V(MC)?1160')], related=VMC_R, note='1160 class incl. 创世纪 V-1160')
Q(K, '激光切害机', LASER_T, exclude=LASER_X)
Q(K, '住塑机', INJ_T, exclude=INJ_X, related=INJ_R)
Q(K, 'kong ya ji', AIR_T, related=AIR_R, note='pinyin of 空压机')
Q(K, '數控車床', [T('0102')])
Q(K, '電腦襪機', SOCK_T, exclude=SOCK_X, related=SOCK_R)
Q(K, '电脑袜几', SOCK_T, exclude=SOCK_X, related=SOCK_R, note='机→几')
Q(K, '拆弯机', [T('0105')], note='near-shape 折→拆')
Q(K, '雷射切割機', LASER_T, exclude=LASER_X, note='Taiwan term')
Q(K, '油亚机', PRESS_T, exclude=PRESS_X, related=[R(None, pat='压力机')])
Q(K, '變壓器', TRANS_T, exclude=TRANS_X)
Q(K, '工業機器人', ROBOT_T, related=[R('0202')])
Q(K, '三座标测量仪', [T('0901')])
Q(K, 'vmc1160', VMC_T, quals=[M(r'V(MC)?1160')], related=VMC_R)
Q(K, 'G3015 HF', LASER_T, quals=[M('G3015HF')], exclude=LASER_X)
Q(K, 'MA1600 III', INJ_T, quals=[M('MA1600')], exclude=INJ_X, related=INJ_R)
Q(K, '永磁变频空庒机', AIR_T, quals=[PERM], related=AIR_R, note='庒 near-shape of 压')
Q(K, '電火花線切割', [T('0110')], quals=[P('线切割|走丝')])
Q(K, '埃斯頓機器人', ROBOT_T, quals=[B('埃斯顿')], related=[R('0202')])
Q(K, '螺杆空压积', AIR_T, quals=[P('螺杆')], related=AIR_R)
Q(K, 'agv小车', [T('0204')], related=[R('0205')])

# ================= brand_model =================
K = 'brand_model'
Q(K, '海天 MA1600III', INJ_T, quals=[B('海天'), M('MA1600')], exclude=INJ_X, related=INJ_R)
Q(K, '伊之密 UN160A5', INJ_T, quals=[M('UN160A5')], exclude=INJ_X, related=INJ_R)
Q(K, '大族 G3015HF 6kW', LASER_T, quals=[B('大族'), M('G3015HF'), S('power_w', '==', 6000)], exclude=LASER_X)
Q(K, '邦德激光 P3015', LASER_T, quals=[B('邦德'), M('P3015')], exclude=LASER_X)
Q(K, '开山 JN37', AIR_T, quals=[B('开山'), M('JN37')], related=AIR_R)
Q(K, '阿特拉斯 GA37VSD+', AIR_T, quals=[M('GA37VSD')], related=AIR_R)
Q(K, '沈阳机床 VMC850', VMC_T, quals=[B('沈阳机床'), M(r'VMC0?850')], related=VMC_R)
Q(K, '科德 KMC800U', VMC_T, quals=[M('KMC800U')], related=VMC_R)
Q(K, '北京精雕 JDGR200', VMC_T, quals=[M('JDGR200')], related=VMC_R)
Q(K, '台群 T-V856S', VMC_T, quals=[M('TV856S')], related=VMC_R)
Q(K, '埃斯顿 ER20-1780', ROBOT_T, quals=[M('ER201780')], related=[R('0202')])
Q(K, 'ABB IRB6700', ROBOT_T, quals=[M('IRB6700')], related=[R('0202')])
Q(K, '发那科 M-20iD', ROBOT_T, quals=[M('M20ID')], related=[R('0202')])
Q(K, '卧龙 YE4', [T('0702')], quals=[B('卧龙'), M('YE4')])
Q(K, '特变电工 SCB18', TRANS_T, quals=[M('SCB18')], exclude=TRANS_X)
Q(K, '亚威 PBH-110/3100', [T('0105')], quals=[M('PBH110')])
Q(K, '扬力 MB8', [T('0105')], quals=[M('MB8')])
Q(K, '秦川 QMK50A', [T('0103')], quals=[M('QMK50A')])
Q(K, '上海机床厂 MK1332', [T('0103')], quals=[M('MK1332')])
Q(K, '海克斯康 Global S', [T('0901')], quals=[M('GLOBALS')])
Q(K, '汇川 SCARA', ROBOT_T, quals=[B('汇川'), S('robot_type', 'in', ['SCARA'], pat='SCARA')])
Q(K, '长飞亚 VE1200', INJ_T, quals=[M('VE1200')], exclude=INJ_X, related=INJ_R)
Q(K, '力劲 DCC280', [T('1202')], quals=[M('DCC280')])
Q(K, '慈星 电脑袜机', SOCK_T, quals=[B('慈星')], exclude=SOCK_X, related=SOCK_R + [R(None, pat='慈星')])
Q(K, '宏华 VEGA', [T('0806')], quals=[M('VEGA')])

# ================= qualifier =================
K = 'qualifier'
AX5 = S('axes', '>=', 5, pat='五轴|5轴')
Q(K, '五轴加工中心', VMC_T, quals=[AX5], related=VMC_R)
Q(K, '四轴加工中心', VMC_T, quals=[S('axes', '==', 4)], related=VMC_R, note='optional 4th axis (axes=3 in specs) is 2')
Q(K, '龙门加工中心', VMC_T, quals=[P('龙门')], related=VMC_R)
Q(K, '卧式加工中心', VMC_T, quals=[P('卧式')], related=VMC_R)
Q(K, '永磁变频空压机', AIR_T, quals=[PERM], related=AIR_R)
Q(K, '工频螺杆空压机', AIR_T, quals=[FIXED], related=AIR_R)
Q(K, '伺服压力机', [T(None, tpat='压力机|冲床')], quals=[P('伺服')], related=[R('0106', pat='伺服')], exclude=[X('液压支架', 0), X('激光冲', 0)], note='servo hydraulic presses are related only')
Q(K, '6kW光纤激光切割机', LASER_T, quals=[S('power_w', '==', 6000), NP('切管|管材')], exclude=LASER_X, note='tube cutters at 6kW are 2')
Q(K, '12000W激光切割机', LASER_T, quals=[S('power_w', '==', 12000)], exclude=LASER_X)
Q(K, '激光切管机', LASER_T, quals=[P('切管|管材')], exclude=LASER_X)
Q(K, '双针筒电脑袜机', SOCK_T, quals=[P('双针筒')], exclude=SOCK_X, related=SOCK_R)
Q(K, '单针筒袜机 6路', SOCK_T, quals=[P('单针筒'), S('feeders', '==', 6)], exclude=SOCK_X, related=SOCK_R)
Q(K, '全电动注塑机', INJ_T, quals=[S('drive', 'in', ['全电动'], pat='全电动')], exclude=INJ_X, related=INJ_R)
Q(K, '伺服注塑机', INJ_T, quals=[S('drive', 'in', ['伺服', '全电动'], pat='伺服')], exclude=INJ_X, related=INJ_R)
Q(K, '协作机器人', ROBOT_T, quals=[S('robot_type', 'in', ['协作'], pat='协作')])
Q(K, '码垛机器人', ROBOT_T, quals=[S('robot_type', 'in', ['码垛'], pat='码垛')])
Q(K, 'IE4超高效电机', [T('0702')], quals=[S('ie_class', 'in', ['IE4', 'IE5'], pat='IE4|IE5|YE4')])
Q(K, '一级能效干式变压器', TRANS_T, quals=[P('干式|SCB'), EG('==', 1)], exclude=TRANS_X)
Q(K, '非晶合金变压器', TRANS_T, quals=[S('core_type', 'in', ['非晶'], pat='非晶')], exclude=TRANS_X)
Q(K, '低氮冷凝燃气锅炉', [T('0701')], quals=[P('冷凝'), S('fuel', 'in', ['天然气', '燃气'])])
Q(K, '生物质锅炉', [T('0701')], quals=[S('fuel', 'in', ['生物质'], pat='生物质')])
Q(K, '20kW以上超高功率激光切割机', LASER_T, quals=[S('power_w', '>=', 20000)], exclude=LASER_X)
Q(K, '防爆巡检机器人', [T('1003')], quals=[P('防爆'), S('explosion_proof', 'not_in', ['非防爆'])], related=[R('1002')])
Q(K, '电液伺服数控折弯机', [T('0105')], quals=[P('电液伺服|电液同步')])
Q(K, '伺服液压机 500吨以上', PRESS_T, quals=[S('drive_type', 'in', ['伺服'], pat='伺服'), S('tonnage_t', '>=', 500)], exclude=PRESS_X, related=[R(None, pat='压力机')])

# ================= place =================
K = 'place'
Q(K, '电脑袜机 海宁', SOCK_T, place='330481', exclude=SOCK_X, related=SOCK_R)
Q(K, '济宁 液压支架', HYD_SUPPORT_T, place='370800', note='液压支架 filed under 0106/01 by vendors; type by text')
Q(K, '加工中心 济宁', VMC_T, place='370800', related=VMC_R)
Q(K, '泉州 激光切割机', LASER_T, place='350500', exclude=LASER_X)
Q(K, '成都 空压机', AIR_T, place='510100', related=AIR_R)
Q(K, '嘉兴 注塑机', INJ_T, place='330400', exclude=INJ_X, related=INJ_R)
Q(K, '海盐 冷镦机', [T('0108')], place='330424')
Q(K, '南安 石材绳锯', [T('0107')], place='350583', exclude=STONE_X)
Q(K, '晋江 鞋底注塑机', [T('0807', pat='注塑')], place='350582', related=[R('0807'), R('0502', pat='鞋'), R('1201', pat='鞋')], note='a generic injection moulder that mentions shoe material is related only')
Q(K, '四川 五轴加工中心', VMC_T, quals=[AX5], place='510000', related=VMC_R)
Q(K, '济宁 变压器', TRANS_T, place='370800', exclude=TRANS_X)
Q(K, '成都 激光切割机', LASER_T, place='510100', exclude=LASER_X)
Q(K, '嘉兴 空压机', AIR_T, place='330400', related=AIR_R)
Q(K, '泉州 空压机', AIR_T, place='350500', related=AIR_R)
Q(K, '济宁 焊接机器人', WELD_T, place='370800', exclude=[X('专机', 1, title=True)], related=[R('0203')])
Q(K, '海宁 经编机', [T('0805')], place='330481')
Q(K, '石狮 印染设备', [T('0802')], place='350581', related=[R('1103', pat='定型机')])
Q(K, '济宁 化工 气体报警器', [T('1001')], quals=[P('气体|GDS')], place='370800')
Q(K, '成都 高低温试验箱', [T('0903')], quals=[P('高低温')], place='510100')
Q(K, '德阳 锅炉', [T('0701')], place='510600')
Q(K, '嘉兴 激光切割机', LASER_T, place='330400', exclude=LASER_X)
Q(K, '泉州 注塑机', INJ_T, place='350500', exclude=INJ_X, related=INJ_R)
Q(K, '济宁 数控折弯机', [T('0105')], place='370800')
Q(K, '宜宾 白酒酿造设备', [T('1401')], place='511500')

# ================= long_description =================
K = 'long_description'
Q(K, '我们是海宁一家袜厂，现有老式机械袜机40台，想换成电脑袜机，主要做男士商务袜，需要双针筒的，最好本地有售后，能以旧换新。',
  SOCK_T, quals=[P('双针筒')], place='330481', exclude=SOCK_X, related=SOCK_R, note='双针筒 + local (海宁) after-sales')
Q(K, '公司主要加工汽车铝合金壳体，需要采购3台立式加工中心，X行程不小于800mm，主轴转速12000转以上，发那科系统，预算每台40万以内。',
  VMC_T, quals=[S('x_travel_mm', '>=', 800), S('spindle_rpm', '>=', 12000), S('control_system', 'in', ['FANUC']), PRICE(400000)], related=VMC_R)
Q(K, '钣金车间现在用等离子切割，想换光纤激光切割机，主要切3-20mm碳钢，幅面3米×1.5米，希望有交换工作台，功率6千瓦左右，我们在济宁，希望本地能服务。',
  LASER_T, quals=[S('power_w', 'between', [5000, 8000]), S('table_length_mm', '>=', 3000), NP('切管|管材')], place='370800', exclude=LASER_X, note='交换工作台 is a wish (希望), not graded')
Q(K, '我们做家电外壳，现有十几台老式定量泵注塑机，耗电大，想换成伺服节能注塑机，锁模力250吨左右，最好能配机械手自动取件。',
  INJ_T, quals=[S('drive', 'in', ['伺服', '全电动'], pat='伺服'), S('clamping_force_kn', 'approx', 2500)], exclude=INJ_X, related=INJ_R)
Q(K, '车间现有3台37kW工频空压机，用气量波动大，想换成永磁变频的，一级能效，最好能申请节能补贴。我们在嘉兴海宁，希望就近服务。',
  AIR_T, quals=[PERM, EG('==', 1)], place='330481', related=AIR_R)
Q(K, '我们是济宁化工园区的一家精细化工企业，涉及硝化危险工艺，按安全改造要求需要上连续流微通道反应器替代釜式反应，同时配套SIS紧急停车系统和可燃有毒气体报警。',
  [T('0406'), T('1001', pat='SIS|紧急停车|GDS|气体')], place='370800', related=[R('0405'), R('1003', pat='防爆')], note='multi-need: micro reactors and SIS/GDS; the buyer states 济宁 -> place qualifier')
Q(K, '海盐紧固件厂，生产M8-M12汽车螺栓，想把老旧单工位打头机换成多工位冷镦成型机，要求五工位以上，速度每分钟150件以上。',
  [T('0108')], quals=[S('stations', '>=', 5), S('output_ppm', '>=', 150)], place='330424', related=[R('1203', pat='紧固件')], note='buyer located in 海盐 -> place qualifier')
Q(K, '机加工车间有12台数控车床，全靠人工上下料，想做机器人自动上下料，负载20公斤左右，重复定位精度0.05以内。',
  [T('0201')], quals=[S('payload_kg', 'between', [15, 30]), S('repeatability_mm', '<=', 0.05)], related=[R('1301', pat='上下料|机加'), R('0202')], note='welding robots only related')
Q(K, '食品厂需要一台4吨燃气蒸汽锅炉替换燃煤锅炉，要求低氮排放30mg以下，热效率尽量高。',
  [T('0701')], quals=[S('capacity_t_h', 'approx', 4), S('fuel', 'in', ['天然气']), S('nox_mg_m3', '<=', 30)])
Q(K, '工厂配电房有两台运行20多年的S9-800kVA变压器，想换成一级能效的节能变压器，油浸或干式都可以。',
  TRANS_T, quals=[EG('==', 1), S('capacity_kva', 'between', [630, 1250])], exclude=TRANS_X)
Q(K, '印染厂想把老式高浴比溢流染色机换成低浴比气流染色机，浴比1:4以下，节水节能，装载量500公斤左右。',
  [T('0802')], quals=[S('liquor_ratio', '<=', 4), S('capacity_kg', 'approx', 500)], exclude=[X('定型机')], note='a stenter (定型机) is only related')
Q(K, '泉州水头石材厂，要采购数控金刚石绳锯机用于花岗岩荒料整形和异形切割，主电机功率45kW以上。',
  [T('0107')], quals=[S('rated_power_kw', '>=', 45)], place='350500', exclude=STONE_X, related=[R('1301', pat='石材')], note='buyer located in 泉州 -> place qualifier')
Q(K, '仓库和车间之间托盘搬运现在用燃油叉车，想换成无人叉车或者AGV，载重1.5吨左右，不想改造地面贴磁条二维码。',
  [T('0204')], quals=[S('payload_kg', 'between', [1200, 2000]), S('navigation', 'not_in', ['磁条', '二维码'])], related=[R('0205')])
Q(K, '汽车电子零部件做温度循环试验，需要快速温变试验箱，温变速率10℃/min以上，温度范围至少-60~150℃。',
  [T('0903')], quals=[S('ramp_rate_cpm', '>=', 10), S('temp_min_c', '<=', -60), S('temp_max_c', '>=', 150), NP('冷热冲击')])
Q(K, '我们是一家中小型注塑厂，40台注塑机，想上MES系统实现设备联网、生产报工和质量追溯，希望SaaS部署、价格不要太高。',
  [T('1303')], quals=[P('MES'), S('deployment', 'in', ['SaaS'])], related=[R('1302')])
Q(K, '想给老厂区的冲压和机加设备做联网改造（设备治哑），需要5G工业网关，能采集PLC和数控系统数据，支持OPC UA协议。',
  [T('1302')], quals=[P('5G'), S('protocols', 'in', ['OPC UA'])], related=[R('1303')])
Q(K, '工程机械结构件焊接，工件大、焊缝长，目前全部人工焊，想上焊接机器人工作站，带变位机或龙门，MAG焊。',
  WELD_T, quals=[S('welding_process', 'in', ['MAG'])], exclude=[X('专机', 1, title=True)], related=[R('0203')])
Q(K, '水泵和风机上的老Y系列电机一批，功率从11kW到45kW，想更换为一级能效的超高效电机，IE4以上或者永磁同步都行。',
  [T('0702')], quals=[EG('==', 1), S('rated_power_kw', 'between', [11, 45])])
Q(K, '生产配电柜、机箱，需要一台数控折弯机，折弯长度3米以上，100吨以上，电液伺服，DELEM系统，预算40万以内。',
  [T('0105')], quals=[S('bend_length_mm', '>=', 3000), S('tonnage_t', '>=', 100), P('电液伺服|电液同步'), S('control_system', 'in', ['DELEM']), PRICE(400000)])
Q(K, '储能电池厂扩产，需要能量回馈式化成分容设备，通道数500以上，电压精度万分之二。',
  [T('0305')], quals=[S('channels', '>=', 500), S('voltage_accuracy_pct', '<=', 0.02)])
Q(K, '经编企业，想采购高速经编机，机号E28，转速2000转以上，替换老旧低速经编机。',
  [T('0805')], quals=[S('gauge_e', '==', 28), S('speed_rpm', '>=', 2000)])
Q(K, '激光切割车间烟尘大，想配一套除尘设备，风量一万多立方每小时，排放要达标。',
  [T('1101')], quals=[S('air_volume_m3_h', 'between', [10000, 19999])])
Q(K, '石英石台面加工厂，需要一台能切割、开孔、磨边一体的五轴石材加工中心，替代人工和普通桥切。',
  [T('0101', pat='石英石|岩板')], quals=[AX5], related=[R('0101'), R('0107'), R('1301', pat='石材')], note='metal VMCs are only related for stone')

# ================= colloquial =================
K = 'colloquial'
Q(K, '注塑件人工取件太慢 想上自动化', [T('0201'), T('1301', pat='注塑')], quals=[P('注塑|取件')], related=[R('1201')], note='sprue pickers / injection automation cells 3; other robots 2; injection machines 1')
Q(K, '车间空压机太费电', AIR_T, quals=[ANY(PERM, EG('==', 1))], related=AIR_R + [R('0702', pat='空压机')])
Q(K, '老机床精度不行了想换新的', [T(['0101', '0102', '0103', '0109', '0110']), T('01', tpat='加工中心')], quals=[NP('二手|再制造')], related=[R(['0104', '0105'])])
Q(K, '焊工招不到 焊接活太多干不完', WELD_T, related=[R('0203')])
Q(K, '厂里搬运全靠人拉叉车 想搞无人化', [T('0204')], related=[R('0205')])
Q(K, '锅炉烧煤被要求淘汰 换什么好', [T('0701')], quals=[S('fuel', 'not_in', ['燃煤'], npat='燃煤')], related=[R('1103')])
Q(K, '配电房变压器太老了 又耗电', TRANS_T, quals=[EG('<=', 2)], exclude=TRANS_X)
Q(K, '袜机太老了 想换电脑的', SOCK_T, exclude=SOCK_X, related=SOCK_R)
Q(K, '想测零件尺寸 精度要高一点的那种设备', [T('0901')])
Q(K, '喷漆工人受不了 车间VOCs还超标', [T('1204'), T('1104'), T('0201', pat='喷涂')], related=[R('1101')])
Q(K, '焊接烟尘太大 工人有意见', [T('1101')], quals=[P('焊接|烟尘|滤筒')], related=[R('1104')])
Q(K, '注塑机太费电 电费吓人', INJ_T, quals=[S('drive', 'in', ['伺服', '全电动'], pat='伺服|全电动')], related=INJ_R, note='the servo retrofit service is a direct answer (3)')
Q(K, '电机老是烧 想换好点的电机', [T('0702')], quals=[EG('<=', 2)])
Q(K, '化工厂要做危险工艺安全改造', [T('1001'), T('0406')], related=[R('1003', pat='防爆'), R('0405', pat='防爆|安全'), R('0402', pat='防爆')])
Q(K, '厂里设备数据都靠人抄 想联网', [T('1302'), T('1303')], related=[T(None, pat='工业互联网平台|iSESOL|联网')])
Q(K, '仓库太乱 找货难 想上自动化仓库', [T('0205')], related=[R('0204')])
Q(K, '切板子用等离子 切口太毛糙', LASER_T, quals=[NP('切管|管材')], exclude=LASER_X)
Q(K, '石材切割粉尘大又浪费料', [T('0107')], exclude=STONE_X, related=[R('1301', pat='石材'), R('0101', pat='石英石')])
Q(K, '螺丝打头机太吵太慢了', [T('0108')])
Q(K, '电费太高了 想换省电的设备', [T('07')], quals=[ANY(EG('==', 1), TAG('节能降碳推广目录'))], exclude=[X('燃煤', 1)], related=[R(None, pat='节能')], note='any energy-using equipment grade 1 or on the energy-saving catalogue')
Q(K, '做试验要模拟高温高湿环境', [T('0903')], quals=[P('湿')])
Q(K, '测试部的示波器太老了', [T('0904')], quals=[S('instrument_type', 'in', ['示波器'])])
Q(K, '做金属零件开模太贵 有没有直接打出来的', [T('0905')], quals=[NP('陶瓷')])

# ================= filters =================
K = 'filters'
Q(K, '空压机', AIR_T, related=AIR_R, filters={'energy_grade_max': 1})
Q(K, '激光切割机', LASER_T, exclude=LASER_X, filters={'region': '370800'})
Q(K, '加工中心', VMC_T, related=VMC_R, filters={'tags': ['国产替代']})
Q(K, '注塑机', INJ_T, exclude=INJ_X, related=INJ_R, filters={'price_max': 200000})
Q(K, '电脑袜机', SOCK_T, exclude=SOCK_X, related=SOCK_R, filters={'region': '330400'}, note='API region semantics: a listing serving only 330481 does not pass region=330400')
Q(K, '变压器', TRANS_T, exclude=TRANS_X, filters={'energy_grade_max': 2, 'region': '370000'})
Q(K, '工业机器人', ROBOT_T, related=[R('0202')], filters={'tags': ['四川造']})
Q(K, '锅炉', [T('0701')], related=[R('1103', pat='锅炉')], filters={'energy_grade_max': 1})
Q(K, '五轴加工中心', VMC_T, quals=[AX5], related=VMC_R, filters={'category': '0101', 'tags': ['首台套']})
Q(K, '永磁变频空压机', AIR_T, quals=[PERM], related=AIR_R, filters={'region': '350500'})
Q(K, '机器人', [T('0201'), T('02', pat='机器人')], filters={'category': '02'})
Q(K, '6kW 激光切割机', LASER_T, quals=[S('power_w', '==', 6000), NP('切管|管材')], exclude=LASER_X, filters={'price_max': 400000})
Q(K, '高效电机', [T('0702')], filters={'tags': ['好品山东']})
Q(K, '折弯机', [T('0105')], filters={'region': '510000'})
Q(K, '气体报警', [T('1001')], quals=[P('气体|GDS')], filters={'tags': ['先进安全应急装备目录']})
Q(K, '袜机', SOCK_T, exclude=SOCK_X, related=SOCK_R, filters={'price_max': 60000})
Q(K, '试验箱', [T('0903')], filters={'region': '510100'})
Q(K, 'MES', [T('1303')], quals=[P('MES|制造执行')], related=[R('1302')], filters={'price_max': 100000})
Q(K, '注塑机', INJ_T, exclude=INJ_X, related=INJ_R, filters={'tags': ['能效一级']})
Q(K, '冷镦机', [T('0108')], filters={'tags': ['浙江制造']})
Q(K, '空压机', AIR_T, related=AIR_R, filters={'region': '330481', 'energy_grade_max': 2})
Q(K, '焊接机器人', WELD_T, exclude=[X('专机', 1, title=True)], related=[R('0203')], filters={'region': '370800'})
Q(K, '数控车床', [T('0102')], filters={'price_max': 100000, 'tags': ['国产替代']})

# ---- additional queries ----
Q('exact_name', '数控铣床', [T('0109')], related=[R('0101')])
Q('exact_name', '电火花机床', [T('0110')])
Q('alias_synonym', '雕铣机', [T('0109')], quals=[P('雕铣')], related=[R('0101', pat='精雕')])
Q('alias_synonym', '慢走丝', [T('0110')], quals=[S('machining_type', 'in', ['慢走丝'])])
Q('brand_model', '华工激光 GF3015', LASER_T, quals=[B('华工'), M('GF3015')], exclude=LASER_X)
Q('brand_model', '思进 SJBP-19B6S', [T('0108')], quals=[M('SJBP19B6S')])
Q('qualifier', '全电伺服折弯机', [T('0105')], quals=[P('全电')])
Q('qualifier', '4寸双针筒袜机', SOCK_T, quals=[P('双针筒'), S('cylinder_diameter_in', '==', 4.0)], exclude=SOCK_X, related=SOCK_R)
Q('place', '邹城 加工中心', VMC_T, place='370883', related=VMC_R)
Q('colloquial', '人工码垛太累 招不到人', [T('0201')], related=[R('0202')], quals=[S('robot_type', 'in', ['码垛'], pat='码垛')])
Q('filters', '激光焊接机', [T('0203'), T('0104', pat='激光焊')], filters={'price_max': 40000})
Q('long_description', '成都龙泉驿汽车零部件厂，冲压件和焊接件较多，需要一台12千瓦左右的光纤激光切割机用于厚板下料，要求碳钢切割能力30mm以上，最好本地有服务团队。',
  LASER_T, quals=[S('power_w', 'between', [10000, 15000]), S('max_thickness_mm', '>=', 30)], place='510100', exclude=LASER_X)
