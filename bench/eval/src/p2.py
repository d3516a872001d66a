from lib import add, NAT
# ---------- 激光切割机 0104 ----------
for kw,p0,p1,th in [(3,268000,320000,20),(6,420000,498000,25),(12,780000,920000,40),(20,1350000,1600000,50)]:
    add('han','0104','大族激光','G3015HF-%dkW'%kw,'大族激光 G3015HF %d000W 光纤激光切割机 交换平台 全包围'%kw,
     '大族激光G系列单台面/交换台光纤激光切割机，3000×1500工作幅面，%dkW锐科/创鑫光纤激光器，大族HypCut切割系统，碳钢切割厚度%dmm，全包围防护，适用于钣金、机箱机柜、电梯、厨具加工。'%(kw,th),
     p0,p1,None,['国产替代','智能制造'],NAT,{'power_w':kw*1000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':th,'positioning_accuracy_mm':0.03,'laser_source':'锐科'},30)
add('han','0104','大族激光','P2060A','大族激光 P2060A 激光切管机 全自动上料 圆管方管',
 '专业激光切管机，可切圆管、方管、矩形管、角钢、槽钢，管长6m，管径20-200mm，三卡盘零尾料，自动上下料，适用于健身器材、家具、钢结构行业。',
 560000,720000,None,['国产替代','智能制造'],NAT,{'power_w':3000,'table_length_mm':6000,'table_width_mm':200,'max_thickness_mm':12,'positioning_accuracy_mm':0.05,'laser_source':'IPG'},40)
for kw,p0,p1 in [(1.5,158000,185000),(3,228000,268000),(6,368000,420000),(12,688000,760000)]:
    add('bodor','0104','邦德激光','P3015-%gkW'%kw,'邦德激光 P3015 %gkW 光纤激光切割机（交换工作台）'%kw,
     '邦德P系列交换台光纤激光切割机，%g千瓦激光器，BodorThinker智能切割系统，可远程运维，全球销往160多个国家。'%kw,
     p0,p1,None,['国产替代','工业互联网','好品山东'],NAT,{'power_w':int(kw*1000),'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':int(kw*4+6 if kw<6 else kw*3+7),'positioning_accuracy_mm':0.03,'laser_source':'锐科'},20)
add('bodor','0104','邦德激光','K3','邦德 K3 激光切管机 管材激光切割机 全自动',
 '邦德K系列管材专用激光切管机，三卡盘，适合圆管、方管、异形管切割，自动上料。',
 420000,520000,None,['国产替代','好品山东'],NAT,{'power_w':3000,'table_length_mm':6500,'table_width_mm':230,'max_thickness_mm':10,'positioning_accuracy_mm':0.05,'laser_source':'锐科'},30)
add('hg','0104','华工激光','GF-3015 6kW','华工激光 GF3015 六千瓦 光纤激光切割机',
 '华工科技激光切割机，6000W，自主研发数控系统，适合中厚板高速切割。',
 398000,458000,None,['国产替代'],NAT,{'power_w':6000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':25,'positioning_accuracy_mm':0.03,'laser_source':'华工'},30)
add('hg','0104','华工激光','Marvel 30kW','华工激光 超高功率 30kW 激光切割机 4025 大幅面',
 '三万瓦超高功率光纤激光切割机，4000×2500幅面，碳钢可切70mm，适合工程机械、船舶厚板下料，替代等离子/火焰切割。',
 2100000,2600000,None,['国产替代','首台套'],NAT,{'power_w':30000,'table_length_mm':4000,'table_width_mm':2500,'max_thickness_mm':70,'positioning_accuracy_mm':0.05,'laser_source':'华工'},60)
add('penta','0104','奔腾激光','FLC3015 Pro','奔腾激光 FLC3015 Pro 光纤激光切割机 3000W',
 '奔腾（Penta Laser）钣金激光切割机，3kW，意大利设计，适合不锈钢、碳钢薄板切割。',
 238000,285000,None,['国产替代'],NAT,{'power_w':3000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':16,'positioning_accuracy_mm':0.03,'laser_source':'IPG'},30)
add('penta','0104','奔腾激光','FLT-6020','奔腾 激光切管机 FLT6020 重型管材',
 '重型管材激光切管机，可切6m长、直径20-220mm管材，适合钢结构、农机行业。',
 650000,780000,None,['国产替代'],NAT,{'power_w':6000,'table_length_mm':6000,'table_width_mm':220,'max_thickness_mm':20,'positioning_accuracy_mm':0.05,'laser_source':'IPG'},40)
add('hs','0104','宏山激光','HS-G3015C','宏山激光 HS-G3015C 12kw激光切割机',
 '宏山激光高功率切割机，12000W，碳钢40mm，全包围+交换台，济南生产，好品山东。',
 720000,820000,None,['好品山东','国产替代'],NAT,{'power_w':12000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':40,'positioning_accuracy_mm':0.03,'laser_source':'锐科'},30)
add('jn_laser','0104','大族激光','G3015HF','济宁大族激光切割机代理 6kW 现货 任城区展厅',
 '大族激光济宁授权代理，6kW光纤激光切割机现货，济宁各县市区免费送货安装、操作培训，支持老等离子切割机折价换新。',
 410000,480000,None,['以旧换新','国产替代'],['370800'],{'power_w':6000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':25,'laser_source':'锐科'},5)
add('jn_laser','0104','鲁通','LT-3015 3000W','3000W 光纤激光切割机 济宁鲁通 经济型 开放式单台面',
 '济宁本地生产开放式单台面激光切割机，3kW，价格实惠，适合农机配件、钣金小厂。',
 128000,158000,None,['好品山东'],['370000'],{'power_w':3000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':14,'positioning_accuracy_mm':0.05,'laser_source':'创鑫'},10)
add('qz_laser','0104','邦德激光','P3015 6kW','泉州 南安 邦德6000瓦激光切割机 经销商 现货',
 '邦德激光泉州经销，6kW交换台，南安、晋江、石狮、惠安上门安装，卫浴五金、石材机械钣金件加工。',
 368000,420000,None,['以旧换新'],['350500'],{'power_w':6000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':25,'laser_source':'锐科'},7)
add('qz_laser','0104','宏山激光','HS-T6020','泉州 激光切管机 HS-T6020 3kW',
 '宏山激光切管机泉州地区代理，适用于不锈钢管、家具管、卫浴管件。',
 380000,450000,None,[],['350000'],{'power_w':3000,'table_length_mm':6000,'table_width_mm':200,'max_thickness_mm':10,'laser_source':'锐科'},15)
add('cd_laser','0104','华工激光','GF3015 12kW','成都 华工12000W激光切割机 龙泉驿汽配 钣金',
 '华工激光成都服务中心，12kW激光切割机，适合龙泉驿汽车零部件厚板下料，四川重庆贵州云南上门服务。',
 690000,780000,None,[],['510000','500000','520000','530000'],{'power_w':12000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':40,'laser_source':'华工'},15)
add('cd_laser','0104','锦程','JC-1530','激光下料机 1530 1500W 成都锦程 小功率 入门',
 '1.5kW入门款激光切割机，开放式，适合广告字、薄板。',
 88000,110000,None,['四川造'],['510000'],{'power_w':1500,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':10,'positioning_accuracy_mm':0.05,'laser_source':'创鑫'},7)
add('han','0104','大族激光','LaserCut 激光冲剪复合机','激光冲剪机 激光冲孔复合机 大族 LCP-1250',
 '激光+数控转塔冲复合加工，一次完成冲孔、成型、激光切割，适合输变电柜体、电气箱、钣金件加工，替代老旧数控冲床。',
 1850000,2300000,None,['国产替代','智能制造'],NAT,{'power_w':3000,'table_length_mm':2500,'table_width_mm':1250,'max_thickness_mm':6,'positioning_accuracy_mm':0.1,'laser_source':'IPG'},90)
# 激光焊 listed under laser cutting (odd)
add('jn_laser','0104','鲁通','手持激光焊接机1500W','手持激光焊接机 1500W 焊接切割清洗三合一',
 '手持式光纤激光焊接机，焊接、切割、除锈清洗三合一，不锈钢、碳钢、铝焊接，替代氩弧焊。',
 26000,36000,None,[],['370000'],{'power_w':1500,'laser_source':'锐科'},3)
# ---------- 数控折弯机 0105 ----------
add('yawei','0105','亚威','PBH-110/3100','亚威 PBH-110/3100 电液伺服数控折弯机 6+1轴',
 '亚威PBH系列电液伺服同步数控折弯机，公称压力1100kN，折弯长度3100mm，DELEM DA66T图形化系统，6+1轴（Y1/Y2/X/R/Z1/Z2+V补偿），重复定位精度±0.01mm。',
 320000,420000,None,['国产替代','智能制造'],NAT,{'tonnage_t':110,'bend_length_mm':3100,'axes':7,'repeatability_mm':0.01,'control_system':'DELEM DA66T'},45)
add('yawei','0105','亚威','PBB-40/1250','全电伺服折弯机 PBB-40/1250 亚威 精密小件',
 '全电伺服数控折弯机，无液压油，节能70%，适合精密钣金小件，机箱、电子产品外壳。',
 268000,320000,None,['国产替代','节能降碳推广目录'],NAT,{'tonnage_t':40,'bend_length_mm':1250,'axes':4,'repeatability_mm':0.005,'control_system':'亚威自研'},45)
add('yangli','0105','扬力','MB8-100×3200','扬力 MB8 100吨 3.2米 电液伺服折弯机 4+1轴',
 '扬力集团MB8系列电液同步数控折弯机，100t×3200mm，4+1轴，ESA 630系统。',
 198000,245000,None,['国产替代'],NAT,{'tonnage_t':100,'bend_length_mm':3200,'axes':5,'repeatability_mm':0.01,'control_system':'ESA S630'},30)
add('yangli','0105','扬力','MB7-160x4000','扬力MB7-160×4000 数控折弯机 E21系统 扭轴同步',
 '扭轴同步数控折弯机（E21经济型系统），160t，4米，适合一般钣金折弯。',
 98000,128000,None,[],NAT,{'tonnage_t':160,'bend_length_mm':4000,'axes':2,'repeatability_mm':0.05,'control_system':'E21'},20)
add('jfy','0105','金方圆','PBA-110/3100','金方圆 PBA-110/3100 数控折弯机',
 '金方圆（通快中国子公司）电液伺服折弯机，110t，3.1m，DELEM DA53T。',
 235000,290000,None,[],NAT,{'tonnage_t':110,'bend_length_mm':3100,'axes':4,'repeatability_mm':0.01,'control_system':'DELEM DA53T'},30)
add('jfy','0105','通快','TruBend 5130','TRUMPF TruBend 5130 折弯机 进口',
 '通快TruBend 5000系列，130t，3230mm折弯长度，ACB角度自动测量，适合高端钣金精密折弯。',
 1350000,1700000,None,[],NAT,{'tonnage_t':130,'bend_length_mm':3230,'axes':6,'repeatability_mm':0.005,'control_system':'TASC 6000'},120)
add('jn_press','0105','鲁兴','WC67K-100T/3200','WC67K-100/3200 数控折弯机 济宁兖州 E21',
 '济宁兖州本地生产数控折弯机，E21系统，适合农机、煤机钣金件，济宁送货上门。',
 62000,78000,None,['好品山东'],['370800','370000'],{'tonnage_t':100,'bend_length_mm':3200,'axes':2,'repeatability_mm':0.05,'control_system':'E21'},10)
add('qz_laser','0105','亚威','PBH-160/4100','泉州 亚威电液伺服折弯机160吨 4米',
 '亚威折弯机泉州代理，160t×4100，适合输变电柜体、钢结构，泉州全市上门调试。',
 420000,480000,None,[],['350500'],{'tonnage_t':160,'bend_length_mm':4100,'axes':6,'repeatability_mm':0.01,'control_system':'DELEM DA66T'},20)
add('cd_laser','0105','亚威','PBH-110/3100','亚威 PBH110 折弯机 成都代理 川渝服务',
 '亚威电液伺服数控折弯机成都代理，现货，川渝云贵售后。',
 330000,410000,None,[],['510000','500000'],{'tonnage_t':110,'bend_length_mm':3100,'axes':7,'repeatability_mm':0.01,'control_system':'DELEM DA66T'},10)
# ---------- 油压机 0106 & presses (some odd) ----------
add('tianduan','0106','天锻','YH32-315','天锻 YH32-315 四柱液压机 315吨',
 '四柱三梁式液压机，公称力3150kN，工作台1260×1200，适合拉伸、冲裁、成型，可选伺服驱动节能40%以上。',
 168000,235000,None,['国产替代'],NAT,{'tonnage_t':315,'bed_size_mm':1260,'stroke_mm':800,'rated_power_kw':22,'drive_type':'普通液压'},45)
add('tianduan','0106','天锻','THP-800伺服','伺服液压机 800吨 框架式 天锻 汽车覆盖件',
 '框架式伺服液压机，伺服电机+定量泵，待机零能耗，节能40~60%，适合汽车覆盖件拉延。',
 1600000,2100000,None,['节能降碳推广目录','国产替代'],NAT,{'tonnage_t':800,'bed_size_mm':3500,'stroke_mm':1200,'rated_power_kw':90,'drive_type':'伺服'},90)
add('heduan','0106','合锻智能','YRJ27-630','合锻 630吨伺服液压机 快速薄板拉伸',
 '合肥合锻快速薄板拉伸伺服液压机，630t，适合家电、汽车零件。',
 980000,1300000,None,['国产替代'],NAT,{'tonnage_t':630,'bed_size_mm':2500,'stroke_mm':1000,'rated_power_kw':75,'drive_type':'伺服'},90)
add('jn_press','0106','鲁兴','Y32-200T','Y32-200吨 四柱油压机 济宁兖州厂家直销',
 '四柱液压机，200吨，济宁兖州厂家直销，适合煤机配件压装、校直。',
 68000,85000,None,['好品山东'],['370000'],{'tonnage_t':200,'bed_size_mm':1000,'stroke_mm':700,'rated_power_kw':15,'drive_type':'普通液压'},15)
add('qz_cnc','0106','合锻智能','YH32-500','泉州 500吨四柱液压机 石材/卫浴压制',
 '500吨四柱液压机，泉州经销，可选伺服节能系统。',
 260000,320000,None,[],['350500'],{'tonnage_t':500,'bed_size_mm':1500,'stroke_mm':900,'rated_power_kw':37,'drive_type':'普通液压'},20)
add('yangli','0106','扬力','JH21-160','扬力 JH21-160 开式固定台压力机 冲床 160吨',
 '开式固定台压力机（气动离合），160t，适合冲裁、浅拉伸。注：机械冲床。',
 135000,168000,None,[],NAT,{'tonnage_t':160,'bed_size_mm':1120,'stroke_mm':160,'rated_power_kw':15,'drive_type':'机械'},20)
add('yawei','0106','亚威','SCP-250 伺服压力机','亚威 伺服压力机 SCP-250 闭式单点 伺服冲床',
 '闭式单点伺服压力机，250t，伺服直驱，滑块运动曲线可编程，节能降噪，适合汽车零部件精密冲压。',
 780000,980000,None,['国产替代','节能降碳推广目录'],NAT,{'tonnage_t':250,'bed_size_mm':1500,'stroke_mm':250,'rated_power_kw':55,'drive_type':'伺服'},60)
add('yangli','01','扬力','HSPS2-400','扬力 HSPS2-400 闭式双点伺服压力机 400吨',
 '闭式双点伺服压力机，400t，适合汽车结构件连续模冲压。',
 1500000,1900000,None,['国产替代'],NAT,{'tonnage_t':400,'drive_type':'伺服'},90)
add('jn_mining','0106','鲁能矿装','ZY10000/25/50D','ZY10000/25/50D 两柱掩护式液压支架 济宁煤矿综采',
 '两柱掩护式液压支架，工作阻力10000kN，支护高度2.5~5.0m，配电液控制系统，适用于济宁、兖州矿区综采工作面，支持老旧支架再制造。',
 480000,560000,None,['好品山东','再制造'],['370000','140000','150000'],{'tonnage_t':1000,'stroke_mm':2500,'drive_type':'液压'},60)
add('jn_mining','01','鲁能矿装','ZF8000/20/32','放顶煤液压支架 ZF8000/20/32 济宁矿山装备',
 '四柱支撑掩护式放顶煤液压支架，工作阻力8000kN，适用于厚煤层综放工作面。',
 420000,500000,None,['好品山东'],['370000'],{},60)
add('zmj','0106','郑煤机','ZY12000/28/63D','郑煤机 液压支架 大采高 ZY12000/28/63D 电液控制',
 '大采高两柱掩护式液压支架，配SAC电液控制系统，智能化综采工作面。',
 650000,780000,None,['首台套','智能制造'],NAT,{'tonnage_t':1200,'stroke_mm':3500,'drive_type':'液压'},90)
# ---------- 数控石材绳锯 0107 ----------
add('wanlong','0107','万龙','WL-SJ3000','万龙 数控金刚石绳锯机 WL-SJ3000 荒料整形 异形切割',
 '福建万龙数控绳锯机，主电机55kW，绳速≤40m/s，最大切割长度3200mm、高度2200mm，适合大理石、花岗岩荒料开板、异形切割，出材率高，节能环保（无泥浆、水循环）。',
 280000,360000,None,['专精特新','国产替代'],NAT,{'rated_power_kw':55,'wire_speed_m_s':40,'max_cut_length_mm':3200,'max_cut_height_mm':2200,'control_system':'PLC触摸屏'},30)
add('wanlong','0107','万龙','WL-SJ-MX','多绳锯 万龙 数控多绳金刚石绳锯 花岗岩大板',
 '多绳数控绳锯（60根绳），一次开板多片，替代传统砂锯，效率提升3倍以上。',
 2200000,2800000,None,['专精特新','首台套'],NAT,{'rated_power_kw':160,'wire_speed_m_s':35,'max_cut_length_mm':3500,'max_cut_height_mm':2200,'control_system':'PLC+工业平板'},90)
add('hualong','0107','华隆','HLSJ-2200','华隆机械 HLSJ-2200 数控石材绳锯 南安水头',
 '泉州华隆数控仿形绳锯，可切圆柱、异形罗马柱，37kW，南安水头石材产区服务。',
 168000,210000,None,[],['350000'],{'rated_power_kw':37,'wire_speed_m_s':30,'max_cut_length_mm':2200,'max_cut_height_mm':1800,'control_system':'PLC'},20)
add('qz_stone','0107','盛达','SD-XJ','石材绳锯机 盛达 数控绳锯 异形仿形切割 石井',
 '数控仿形绳锯，CAD导入自动切割，适用于墓碑、石雕、异形石材加工，泉州南安石井上门。',
 128000,158000,None,[],['350500'],{'rated_power_kw':30,'wire_speed_m_s':28,'max_cut_length_mm':2000,'max_cut_height_mm':1500,'control_system':'PLC'},15)
add('qz_stone','0107','盛达','SD-QS','桥式切石机 红外线 桥切机（石材） 盛达',
 '红外线桥式切石机，锯片直径350-600mm，用于石材板材切割，不是绳锯。',
 58000,78000,None,[],['350500'],{'rated_power_kw':15},10)
# ---------- 冷镦机 0108 ----------
add('sijin','0108','思进','SJBP-19B6S','思进 SJBP-19B6S 六工位冷镦机 高速多工位零件成型机',
 '宁波思进多工位冷镦成形机，6工位，最大下料直径23mm，下料长度190mm，生产速度100~140件/分，用于汽车紧固件、异形件成型。',
 1800000,2300000,None,['浙江制造','国产替代'],NAT,{'stations':6,'max_blank_diameter_mm':23,'max_blank_length_mm':190,'output_ppm':140,'forming_force_kn':1500},90)
add('sijin','0108','思进','SJBF-13B4S','螺丝打头机 四工位冷镦机 SJBF-13B4S',
 '四工位冷镦成型机，最大下料直径13mm，适合M6-M10螺栓。',
 680000,850000,None,['浙江制造'],NAT,{'stations':4,'max_blank_diameter_mm':13,'max_blank_length_mm':100,'output_ppm':200,'forming_force_kn':600},60)
add('chunyu','0108','春日','CBP-135L','春日 CBP-135L 五工位冷镦机 嘉兴厂',
 '台湾春日机械嘉兴工厂，五工位冷镦成型机，海盐、嘉善紧固件企业大量使用。',
 1100000,1400000,None,[],NAT,{'stations':5,'max_blank_diameter_mm':16,'max_blank_length_mm':135,'output_ppm':180,'forming_force_kn':900},60)
add('hy_fast','0108','通达','TD-8B','海盐 二模四冲 冷镦机 螺丝打头机 TD-8B',
 '二模四冲螺丝打头机，适合M4-M8自攻螺丝、机牙螺丝，海盐县上门安装，旧机回收。',
 98000,128000,None,['以旧换新'],['330424','330400'],{'stations':2,'max_blank_diameter_mm':8,'max_blank_length_mm':60,'output_ppm':200,'forming_force_kn':200},10)
add('hy_fast','0108','通达','TD-SC6','紧固件成型机 六工位 海盐 高速',
 '高速六工位零件成型机，适合螺母、异形件，海盐本地厂。',
 880000,1050000,None,['浙江制造'],['330000'],{'stations':6,'max_blank_diameter_mm':14,'max_blank_length_mm':110,'output_ppm':250,'forming_force_kn':800},45)
