from lib import add, NAT
# ---------- 工业机器人 0201 ----------
add('estun','0201','埃斯顿','ER20-1780','埃斯顿 ER20-1780 六轴工业机器人 20kg负载',
 '埃斯顿自主研发六轴通用机器人，负载20kg，臂展1780mm，重复定位精度±0.05mm，适用于上下料、搬运、打磨、装配，国产核心部件（控制器、伺服、电机）。',
 118000,145000,None,['国产替代','智能制造'],NAT,{'payload_kg':20,'reach_mm':1780,'repeatability_mm':0.05,'axes':6,'robot_type':'六轴'},30)
add('estun','0201','埃斯顿','ER180-3200-PL','埃斯顿 码垛机器人 ER180-3200-PL 四轴码垛',
 '四轴码垛机器人，负载180kg，臂展3200mm，码垛节拍可达1000次/h，适用于化工、粮食、饲料袋装码垛。',
 168000,210000,None,['国产替代'],NAT,{'payload_kg':180,'reach_mm':3200,'repeatability_mm':0.3,'axes':4,'robot_type':'码垛'},30)
add('efort','0201','埃夫特','ER50-C20','埃夫特 ER50 六轴机器人 50kg 机床上下料',
 '埃夫特ER50六轴机器人，负载50kg，臂展2100mm，适合机床上下料、冲压线搬运。',
 158000,190000,None,['国产替代'],NAT,{'payload_kg':50,'reach_mm':2100,'repeatability_mm':0.07,'axes':6,'robot_type':'六轴'},30)
add('efort','0201','埃夫特','GR630ST','埃夫特 喷涂机器人 GR630ST 防爆',
 '六轴防爆喷涂机器人，适合卫浴、家具、汽车零部件喷涂。',
 320000,420000,None,['国产替代'],NAT,{'payload_kg':10,'reach_mm':2800,'repeatability_mm':0.15,'axes':6,'robot_type':'喷涂'},45)
add('siasun','0201','新松','SR20C','新松 SR20C 六轴机器人 国产机器人',
 '沈阳新松工业机器人，20kg负载，重复精度±0.05mm，用于装配、搬运。',
 125000,150000,None,['国产替代','首台套'],NAT,{'payload_kg':20,'reach_mm':1722,'repeatability_mm':0.05,'axes':6,'robot_type':'六轴'},30)
add('siasun','0201','新松','GCR14','新松协作机器人 GCR14-1400 复合机器人',
 '协作机器人，负载14kg，臂展1400mm，力控安全，可人机协作，无需护栏。',
 138000,165000,None,['国产替代'],NAT,{'payload_kg':14,'reach_mm':1400,'repeatability_mm':0.03,'axes':6,'robot_type':'协作'},30)
add('inovance','0201','汇川','IRS111-6-60','汇川 SCARA 机器人 IRS111 6kg 600mm 3C装配',
 '汇川技术SCARA四轴机器人，负载6kg，臂长600mm，重复精度±0.01mm，适合3C电子、锂电装配与搬运。',
 42000,52000,None,['国产替代'],NAT,{'payload_kg':6,'reach_mm':600,'repeatability_mm':0.01,'axes':4,'robot_type':'SCARA'},20)
add('inovance','0201','汇川','IR-R7H-71','汇川 六轴小型机器人 IR-R7 7kg',
 '汇川小六轴机器人，7kg负载，臂展710mm，适用于精密装配和上下料。',
 68000,82000,None,['国产替代'],NAT,{'payload_kg':7,'reach_mm':710,'repeatability_mm':0.02,'axes':6,'robot_type':'六轴'},20)
add('abb','0201','ABB','IRB 6700-200/2.60','ABB IRB6700 大型工业机器人 200kg 点焊搬运',
 'ABB IRB 6700系列，200kg负载，工作半径2.6m，OmniCore控制器，适合汽车点焊、重载搬运。',
 480000,580000,None,[],NAT,{'payload_kg':200,'reach_mm':2600,'repeatability_mm':0.05,'axes':6,'robot_type':'六轴'},60)
add('abb','0201','ABB','IRB 1200-7/0.7','ABB IRB1200 小型机器人',
 'ABB小型六轴机器人，7kg，700mm，适合机加工上下料、装配。',
 165000,198000,None,[],NAT,{'payload_kg':7,'reach_mm':700,'repeatability_mm':0.02,'axes':6,'robot_type':'六轴'},45)
add('abb','0201','ABB','GoFa CRB 15000','ABB GoFa 协作机器人 CRB15000 5kg',
 'ABB GoFa协作机器人，5kg负载，臂展950mm，内置力矩传感器。',
 198000,235000,None,[],NAT,{'payload_kg':5,'reach_mm':950,'repeatability_mm':0.05,'axes':6,'robot_type':'协作'},45)
add('fanuc','0201','发那科','M-20iD/25','FANUC 发那科 M-20iD/25 工业机器人',
 '发那科M-20iD系列，25kg负载，1831mm臂展，中空手腕便于走线，适用于搬运、上下料。',
 220000,268000,None,[],NAT,{'payload_kg':25,'reach_mm':1831,'repeatability_mm':0.02,'axes':6,'robot_type':'六轴'},45)
add('fanuc','0201','发那科','LR Mate 200iD/7L','发那科LR Mate 200iD/7L 小型机器人 机械手',
 'FANUC小型六轴机器人，7kg，911mm，适用于精密装配、机床上下料。',
 145000,175000,None,[],NAT,{'payload_kg':7,'reach_mm':911,'repeatability_mm':0.01,'axes':6,'robot_type':'六轴'},45)
add('aubo','0201','遨博','AUBO-i5','遨博 AUBO-i5 协作机器人 5kg',
 '国产协作机器人，负载5kg，工作半径886.5mm，拖拽示教，适用于上下料、检测、涂胶。',
 85000,110000,None,['国产替代','专精特新'],NAT,{'payload_kg':5,'reach_mm':886,'repeatability_mm':0.02,'axes':6,'robot_type':'协作'},20)
add('topstar','0201','拓斯达','TSD-S1000','注塑机取件机械手 横走式三轴伺服 拓斯达 TSD 系列',
 '拓斯达横走式三轴伺服机械手，适配160~650吨注塑机，自动取出产品和水口，替代人工取件，单台节省1-2名工人，可配合海天、伊之密等注塑机使用。',
 38000,58000,None,['国产替代','智能制造'],NAT,{'payload_kg':10,'reach_mm':1000,'repeatability_mm':0.1,'axes':3,'robot_type':'注塑取件机械手'},15)
add('topstar','0201','拓斯达','TSR-6A','拓斯达 六轴机器人 注塑周边自动化 镶件埋入',
 '六轴机器人用于注塑机嵌件放置、取件、后工序整合。',
 88000,108000,None,['国产替代'],NAT,{'payload_kg':6,'reach_mm':900,'repeatability_mm':0.02,'axes':6,'robot_type':'六轴'},20)
add('jx_robot','0201','埃斯顿','ER20-1780','嘉兴 机器人集成 上下料工作站 机床自动上下料 桁架+六轴',
 '嘉兴本地集成商，提供加工中心/数控车床机器人自动上下料工作站（埃斯顿六轴+料仓），一人看多台，南湖、秀洲、平湖上门方案设计。',
 180000,280000,None,['智能制造'],['330400'],{'payload_kg':20,'reach_mm':1780,'repeatability_mm':0.05,'axes':6,'robot_type':'上下料工作站'},30)
add('jx_robot','0201','国产','注塑取件机械手 单臂','注塑机机械手 斜臂式 单截 嘉兴海宁桐乡 现货',
 '小型注塑机配套斜臂机械手（气动/伺服可选），适配50~250吨注塑机，嘉兴全市现货，当天上门安装。',
 9800,26000,None,[],['330400'],{'payload_kg':3,'reach_mm':700,'repeatability_mm':0.5,'axes':3,'robot_type':'注塑取件机械手'},2)
add('jn_robot','0201','埃夫特','码垛工作站','济宁 化肥/面粉 袋装码垛机器人工作站 全套方案',
 '济宁本地集成商，提供袋装码垛机器人工作站（机器人+输送+整形+缠膜），适用于化肥、面粉、饲料企业，济宁、菏泽、枣庄服务。',
 350000,560000,None,['智能制造','好品山东'],['370800','371700','370400'],{'payload_kg':180,'reach_mm':3200,'repeatability_mm':0.3,'axes':4,'robot_type':'码垛'},45)
add('qz_robot','0201','越疆','CR10A','协作机器人 越疆CR10A 泉州 鞋服自动化',
 '越疆CR系列协作机器人，10kg，适用于鞋材打磨、喷胶、上下料，泉州晋江石狮上门集成。',
 98000,128000,None,['国产替代'],['350500'],{'payload_kg':10,'reach_mm':1300,'repeatability_mm':0.03,'axes':6,'robot_type':'协作'},15)
add('cd_robot','0201','卡诺普','CRP-RH14-10','卡诺普 六轴机器人 CRP 成都造 四川造',
 '成都卡诺普自主研发机器人，负载10kg，适合焊接、搬运、打磨，四川造优质产品。',
 75000,98000,None,['四川造','国产替代','专精特新'],NAT,{'payload_kg':10,'reach_mm':1400,'repeatability_mm':0.05,'axes':6,'robot_type':'六轴'},20)
# ---------- 焊接机器人 0202 ----------
add('estun','0202','埃斯顿','ER6-1600W + CLOOS','埃斯顿 弧焊机器人工作站 双工位变位机 CMT/MIG',
 '埃斯顿ER6-1600弧焊机器人+Cloos/奥太焊接电源+双工位变位机，适用于工程机械、钢结构件焊接。',
 198000,320000,None,['国产替代','智能制造'],NAT,{'payload_kg':6,'reach_mm':1600,'repeatability_mm':0.05,'axes':8,'welding_process':'MIG/MAG'},30)
add('fanuc','0202','发那科','ARC Mate 100iD','发那科 弧焊机器人 ARC Mate 100iD 焊接机器人',
 'FANUC弧焊专用机器人，负载12kg，臂展1441mm，配林肯/福尼斯焊机。',
 198000,240000,None,[],NAT,{'payload_kg':12,'reach_mm':1441,'repeatability_mm':0.02,'axes':6,'welding_process':'MIG/MAG'},45)
add('kaierda','0202','凯尔达','KR-M1400','凯尔达 焊接机器人 KR-M1400 一体化焊接工作站',
 '杭州凯尔达焊机+机器人一体化，超低飞溅，适用于薄板、不锈钢焊接，浙江制造。',
 128000,168000,None,['浙江制造','国产替代','专精特新'],NAT,{'payload_kg':6,'reach_mm':1400,'repeatability_mm':0.05,'axes':6,'welding_process':'MIG/MAG'},30)
add('tkk','0202','唐山开元','KY-HF环缝焊','环缝自动焊接专机 开元 储罐 法兰 环缝焊',
 '环缝/直缝焊接专机，埋弧/MAG可选，用于压力容器、储罐、管道法兰焊接，非机器人形式的自动焊接机。',
 85000,160000,None,['国产替代'],NAT,{'welding_process':'埋弧焊','axes':5},45)
add('tkk','0202','唐山开元','KR-D 点焊','点焊机器人工作站 汽车零部件 开元',
 '点焊机器人工作站，配中频逆变点焊钳，适用于汽车白车身零件。',
 380000,520000,None,['国产替代'],NAT,{'payload_kg':165,'reach_mm':2650,'repeatability_mm':0.1,'axes':6,'welding_process':'点焊'},60)
add('jn_robot','0202','卡诺普','钢结构焊接机器人','济宁 钢结构 H型钢 焊接机器人 龙门式 双机器人',
 '龙门式双机器人焊接系统，适用于H型钢、箱型梁、煤机结构件焊接，激光寻位+电弧跟踪。济宁、泰安、枣庄服务。',
 680000,950000,None,['智能制造'],['370000'],{'payload_kg':10,'reach_mm':2000,'repeatability_mm':0.08,'axes':9,'welding_process':'MAG'},60)
add('cd_robot','0202','卡诺普','CRP-RH14-10-W','卡诺普 焊接机器人 成都 弧焊工作站 四川造',
 '卡诺普弧焊机器人工作站，适合汽车座椅骨架、摩托车架焊接，成都龙泉驿汽配企业大量应用。',
 110000,150000,None,['四川造','国产替代'],NAT,{'payload_kg':10,'reach_mm':1440,'repeatability_mm':0.05,'axes':6,'welding_process':'MIG/MAG'},20)
add('qz_robot','0202','松下','TM-1400','松下焊接机器人 TM-1400 泉州 厦门 焊接工作站',
 '松下TM-1400弧焊机器人+松下全数字焊机，泉州代理，工程机械（晋工、泉工配套）焊接。',
 180000,230000,None,[],['350000'],{'payload_kg':6,'reach_mm':1437,'repeatability_mm':0.08,'axes':6,'welding_process':'MIG/MAG'},20)
add('jx_robot','0202','国产','焊接专机','嘉兴 自动焊接机 焊接专机 直缝环缝 非标定制',
 '非标自动焊接专机定制：直缝焊、环缝焊、氩弧自动焊，紧固件、五金件、汽车零部件，嘉兴本地厂家。',
 35000,150000,None,[],['330400','330000'],{'welding_process':'TIG'},30)
# ---------- 激光焊接机 0203 ----------
add('han','0203','大族激光','手持 2000W','大族激光 手持激光焊接机 2000W 四合一',
 '手持式光纤激光焊接机，2kW，焊接、切割、清洗、焊缝清洁四合一，焊接速度是氩弧焊的3-5倍。',
 38000,48000,None,['国产替代'],NAT,{'power_w':2000,'max_penetration_mm':4,'laser_type':'光纤'},7)
add('unitedwin','0203','联赢激光','UW-6000 振镜','联赢激光 振镜激光焊接机 动力电池 6kW',
 '振镜扫描激光焊接系统，用于动力电池模组、极柱、汇流排焊接，6kW光纤激光器。',
 680000,980000,None,['国产替代'],NAT,{'power_w':6000,'max_penetration_mm':6,'laser_type':'光纤'},60)
add('hg','0203','华工激光','手持3000W','华工 3000W手持激光焊机 厚板焊接',
 '3kW手持激光焊接机，厚板单面焊双面成型，适用于钢结构、不锈钢厨具。',
 52000,65000,None,['国产替代'],NAT,{'power_w':3000,'max_penetration_mm':6,'laser_type':'光纤'},7)
add('qz_laser','0203','鲁通','1500W手持','手持激光焊机1500W 泉州 不锈钢门窗 卫浴',
 '手持激光焊接机1.5kW，泉州本地现货，不锈钢门窗、卫浴五金焊接。',
 23000,30000,None,[],['350500'],{'power_w':1500,'max_penetration_mm':3,'laser_type':'光纤'},2)
# ---------- AGV 0204 ----------
add('hik','0204','海康机器人','Q3-600','海康机器人 潜伏顶升式AMR Q3-600 二维码/SLAM',
 '潜伏顶升式移动机器人，额定载重600kg，二维码+惯性导航/激光SLAM，RCS调度系统，适用于料架搬运、产线物流。',
 68000,88000,None,['国产替代','智能制造'],NAT,{'payload_kg':600,'speed_m_s':1.5,'positioning_accuracy_mm':10,'battery_life_h':8,'navigation':'二维码'},30)
add('hik','0204','海康机器人','CDD14','海康 无人叉车 CDD14 激光SLAM 堆高式',
 '堆高式无人叉车，载重1.4t，举升3m，激光SLAM自然导航，替代人工叉车。',
 185000,240000,None,['国产替代','智能制造'],NAT,{'payload_kg':1400,'speed_m_s':1.5,'positioning_accuracy_mm':10,'battery_life_h':8,'navigation':'激光SLAM'},45)
add('geek','0204','极智嘉','P800','极智嘉 Geek+ P800 货到人拣选机器人',
 '货架到人拣选机器人，载重800kg，适用于电商仓储、工厂线边仓。',
 72000,95000,None,['智能制造'],NAT,{'payload_kg':800,'speed_m_s':1.8,'positioning_accuracy_mm':10,'battery_life_h':8,'navigation':'二维码'},30)
add('visionnav','0204','未来机器人','VNP15','视觉导航无人叉车 VNP15 托盘搬运 未来机器人',
 '视觉导航无人托盘车，1.5t，适用于车间到仓库的托盘搬运，无需改造地面。',
 160000,210000,None,['国产替代'],NAT,{'payload_kg':1500,'speed_m_s':1.5,'positioning_accuracy_mm':10,'battery_life_h':10,'navigation':'视觉SLAM'},45)
add('siasun','0204','新松','重载AGV 30t','新松 重载AGV 30吨 全向移动 总装线',
 '全向麦克纳姆轮重载AGV，载重30t，用于工程机械、风电大部件转运。',
 850000,1300000,None,['国产替代'],NAT,{'payload_kg':30000,'speed_m_s':0.5,'positioning_accuracy_mm':5,'battery_life_h':6,'navigation':'激光+惯导'},90)
add('jn_robot','0204','国产','磁导航AGV 1t','济宁 磁导航AGV 牵引式 1吨 工厂物流小车',
 '磁条导航牵引式AGV，1t牵引，适合济宁机械加工厂内物料配送，价格实惠。',
 38000,52000,None,[],['370800'],{'payload_kg':1000,'speed_m_s':1,'positioning_accuracy_mm':20,'battery_life_h':8,'navigation':'磁条'},20)
add('cd_robot','0204','国产','AMR-500','成都 AMR 自主移动机器人 500kg 激光导航',
 '激光SLAM自主移动机器人，成都本地生产，适合电子厂、药厂物流。',
 55000,75000,None,['四川造'],['510000'],{'payload_kg':500,'speed_m_s':1.2,'positioning_accuracy_mm':10,'battery_life_h':8,'navigation':'激光SLAM'},30)
# ---------- 立体仓库 0205 ----------
add('lanjian','0205','兰剑','LJ-ASRS','兰剑 自动化立体仓库 堆垛机 WMS/WCS 整体方案',
 '山东兰剑托盘式自动化立体库，巷道堆垛机+输送+WMS/WCS，库高24m，货位5000+，适用于烟草、医药、制造企业。',
 3000000,12000000,None,['好品山东','智能制造','专精特新'],NAT,{'storage_positions':5000,'max_height_m':24,'stacker_speed_mpm':240,'unit_load_kg':1000,'wms':'兰剑WMS'},120)
add('kunchuan','0205','昆船','KSEC-ASRS','昆船智能 立体仓库 烟草 白酒 成品库',
 '昆船自动化立体仓库，适用于烟草、白酒、食品行业成品库与原料库。',
 5000000,20000000,None,['国产替代'],NAT,{'storage_positions':10000,'max_height_m':30,'stacker_speed_mpm':200,'unit_load_kg':1500,'wms':'昆船WMS'},150)
add('jx_robot','0205','国产','四向穿梭车立库','四向穿梭车 密集存储立体库 嘉兴 海宁 袜厂/经编厂 成品仓',
 '四向穿梭车密集仓储系统，适合纺织、袜业、电商成品仓，嘉兴本地实施。',
 1200000,3500000,None,['智能制造'],['330400','330000'],{'storage_positions':3000,'max_height_m':12,'stacker_speed_mpm':120,'unit_load_kg':500,'wms':'自研WMS'},90)
# ---------- 新能源电池与光伏 03 ----------
add('lead','0301','先导智能','LEAD-TB1300','先导 双层双面挤压涂布机 锂电池极片',
 '双层双面挤压涂布机，涂布宽度1300mm，速度100m/min，面密度公差±1%。',
 12000000,18000000,None,['国产替代'],NAT,{'coating_width_mm':1300,'coating_speed_mpm':100,'thickness_tolerance_um':1.5,'coating_type':'挤压'},180)
add('yinghe','0301','赢合科技','YH-CB1000','赢合 挤压涂布机 1000mm 锂电',
 '锂电挤压涂布机，涂布宽度1000mm，80m/min。',
 8000000,11000000,None,['国产替代'],NAT,{'coating_width_mm':1000,'coating_speed_mpm':80,'thickness_tolerance_um':2,'coating_type':'挤压'},150)
add('hymson','0302','海目星','HMX-LDC','海目星 激光模切机 极片激光制片',
 '锂电极片激光模切分切一体机，模切效率120m/min，毛刺≤8μm。',
 1800000,2600000,None,['国产替代'],NAT,{'output_ppm':600,'cutting_accuracy_mm':0.05,'cutting_type':'激光'},120)
add('lead','0303','先导智能','LEAD-JR','先导 方形电芯 全自动卷绕机 卷绕一体机',
 '方形动力电芯高速卷绕机，对齐度±0.3mm，优率99.5%。',
 3000000,4500000,None,['国产替代'],NAT,{'output_ppm':12,'alignment_accuracy_mm':0.3,'yield_pct':99.5,'cell_type':'方形'},150)
add('yinghe','0304','赢合科技','YH-ZY','赢合 真空注液机 方形/软包 电池注液',
 '全自动真空注液机，注液精度±0.5%，效率24ppm。',
 1200000,1800000,None,['国产替代'],NAT,{'output_ppm':24,'injection_accuracy_pct':0.5,'cell_type':'方形'},120)
add('hangke','0305','杭可科技','HK-HC512','杭可 能量回馈式化成分容柜 512通道',
 '能量回馈式化成分容设备，512通道，电压精度±0.02%，能量回馈效率85%，浙江制造。',
 1500000,2400000,None,['浙江制造','国产替代','节能降碳推广目录'],NAT,{'channels':512,'max_current_a':100,'voltage_accuracy_pct':0.02,'energy_recovery_pct':85},90)
add('autowell','0306','奥特维','AUTOWELL-0BB','奥特维 0BB无主栅串焊机 高速',
 '0BB无主栅串焊机，产能7200片/h，碎片率≤0.1%，适配TOPCon/HJT。',
 2200000,3000000,None,['国产替代'],NAT,{'output_pcs_h':7200,'busbars':20,'breakage_rate_pct':0.1},90)
add('sc_solar','0307','捷佳伟创','PECVD-TOPCon','捷佳伟创 管式PECVD TOPCon 镀膜设备',
 '管式PECVD，单台产能8000片/h，稼动率98%。',
 6000000,9000000,None,['国产替代'],NAT,{'output_pcs_h':8000,'uptime_pct':98,'process':'PECVD'},150)
add('jingsheng','0308','晶盛机电','SC-1200','晶盛 大热场单晶炉 36英寸 全自动',
 '全自动直拉单晶炉，36英寸热场，晶棒直径≥300mm，单位电耗<20kWh/kg，浙江制造。',
 2800000,3600000,None,['浙江制造','国产替代','首台套'],NAT,{'hot_zone_in':36,'ingot_diameter_mm':300,'power_consumption_kwh_kg':19},120)
add('cd_pv','0308','晶盛机电','二手单晶炉改造','旧单晶炉 热场升级改造 28寸→36寸 成都双流 乐山',
 '老旧单晶炉热场升级服务，28英寸升级至32/36英寸，降低电耗，服务成都、乐山、宜宾光伏企业。',
 380000,650000,None,['再制造'],['510000'],{'hot_zone_in':32,'power_consumption_kwh_kg':22},60)
