from lib import add, NAT
# ---------- 化工 04 ----------
add('jn_chem','0401','金润德','JRD-MVR-10','MVR蒸发器 10吨/小时 机械蒸汽再压缩 高盐废水 济宁',
 'MVR机械蒸汽再压缩蒸发结晶系统，蒸发量10t/h，吨水电耗25~35kWh，比多效蒸发节能60%以上，适用于化工、制药、生物发酵高盐废水。',
 3200000,4500000,2,['节能降碳推广目录','好品山东'],NAT,{'evaporation_t_h':10,'power_consumption_kwh_t':30,'evaporator_type':'MVR'},90)
add('jn_chem','0401','金润德','JRD-3E-5','三效蒸发器 5t/h 降膜+强制循环',
 '三效降膜蒸发器，蒸发量5t/h，吨水耗汽0.4t，适合小规模浓缩。',
 900000,1300000,None,['好品山东'],['370000'],{'evaporation_t_h':5,'evaporator_type':'三效降膜'},60)
add('jx_chem','0401','国产','MVR-5','嘉兴港区 MVR蒸发结晶 化工废水 零排放',
 'MVR蒸发器，蒸发量5t/h，钛材换热管，适合嘉兴港区化工园区废水零排放项目。',
 1800000,2600000,None,['节能降碳推广目录'],['330400','330000'],{'evaporation_t_h':5,'power_consumption_kwh_t':32,'evaporator_type':'MVR'},90)
add('huada','0402','华大','LW450','华大 卧螺离心机 LW450 污泥脱水 三相分离',
 '卧式螺旋沉降离心机，转鼓直径450mm，转速3200rpm，分离因数2580G，适合污泥脱水、淀粉、化工固液分离。',
 280000,380000,None,['国产替代'],NAT,{'bowl_diameter_mm':450,'speed_rpm':3200,'separation_factor':2580,'material':'双相不锈钢2205'},45)
add('huada','0402','华大','PGZ1250','刮刀卸料离心机 PGZ1250 全自动 制药 化工',
 '卧式刮刀卸料离心机，全自动运行，氮气保护防爆，替代三足式离心机人工卸料。',
 420000,560000,None,['先进安全应急装备目录'],NAT,{'bowl_diameter_mm':1250,'speed_rpm':1200,'separation_factor':1000,'material':'316L'},60)
add('ydg','0403','一步干燥','LPG-500','喷雾干燥机 LPG-500 高速离心 一步干燥',
 '高速离心喷雾干燥机，水分蒸发量500kg/h，适合化工、食品、中药浸膏。',
 680000,950000,None,[],NAT,{'capacity_kg_h':500,'thermal_efficiency_pct':55,'heat_source':'天然气'},60)
add('ydg','0403','一步干燥','XSG-8','闪蒸干燥机 XSG-8 旋转闪蒸',
 '旋转闪蒸干燥机，适合膏状、滤饼物料，处理量800kg/h。',
 380000,520000,None,[],NAT,{'capacity_kg_h':800,'thermal_efficiency_pct':60,'heat_source':'蒸汽'},45)
add('cd_chem','0403','国产','热泵烘干机 40P','空气能热泵烘干机 40匹 农产品/花椒/中药材 四川',
 '空气源热泵烘干机，40P，比燃煤烘干节能60%以上，无排放，适用于花椒、茶叶、中药材、食品干燥。',
 98000,150000,2,['节能降碳推广目录','四川造'],['510000','500000'],{'capacity_kg_h':300,'thermal_efficiency_pct':85,'heat_source':'空气能热泵'},20)
add('jn_chem','0404','国产','CSEP-30','连续离子交换设备 连续离交系统 30柱 发酵液提取',
 '连续离子交换系统，30根树脂柱，适用于氨基酸、柠檬酸、糖液脱色脱盐，树脂用量省30%~50%。',
 1500000,2800000,None,['好品山东'],NAT,{'throughput_m3_h':20,'columns':30,'resin_volume_m3':6},90)
add('weihai','0405','威化','FYF-5000','威海化工机械 高压反应釜 5m³ 磁力搅拌',
 '磁力驱动高压反应釜，容积5m³，设计压力6.4MPa，设计温度300℃，零泄漏，适合加氢、聚合反应。',
 650000,950000,None,['先进安全应急装备目录','好品山东'],NAT,{'capacity_m3':5,'pressure_mpa':6.4,'design_temperature_c':300,'agitator_power_kw':22,'material':'316L'},90)
add('zb_glass','0405','太极','K5000','搪玻璃反应釜 K5000 5000L 开式 GMP',
 '搪玻璃反应罐，容积5000L，耐腐蚀，适合制药、精细化工，淄博产。',
 85000,130000,None,['好品山东'],NAT,{'capacity_m3':5,'pressure_mpa':0.4,'design_temperature_c':200,'agitator_power_kw':11,'material':'搪玻璃'},45)
add('qz_chem','0405','国产','不锈钢反应釜 3m³','不锈钢反应釜 3立方 电加热/导热油 泉港 石化园区',
 '不锈钢反应釜，3m³，夹套加热，泉州泉港、惠安石化园区供货安装。',
 68000,120000,None,[],['350500'],{'capacity_m3':3,'pressure_mpa':0.6,'design_temperature_c':180,'agitator_power_kw':7.5,'material':'304'},30)
add('corning','0406','康宁','AFR G4','康宁 Advanced-Flow G4 微通道反应器 连续流 本质安全',
 '康宁AFR碳化硅微通道反应器，持液量小，本质安全，适合硝化、重氮化、氟化等危险工艺连续化改造，符合危险化工工艺安全要求。',
 3000000,6000000,None,['先进安全应急装备目录'],NAT,{'throughput_l_h':800,'pressure_mpa':1.8,'channel_material':'碳化硅'},120)
add('cd_chem','0406','国产','MCR-200','国产微反应器 连续流反应器 MCR-200 中试',
 '国产连续流微反应器，适用于实验室到中试放大，危险工艺安全改造。',
 380000,680000,None,['四川造','先进安全应急装备目录'],NAT,{'throughput_l_h':200,'pressure_mpa':2,'channel_material':'哈氏合金'},60)
add('lanshi','0408','兰石重装','BHE-500','兰石 板式换热器 全焊接板壳式 500m²',
 '全焊接板壳式换热器，换热面积500m²，传热系数高，适用于炼化、煤化工。',
 800000,1500000,None,['国产替代'],NAT,{'heat_transfer_area_m2':500,'pressure_mpa':4,'exchanger_type':'板壳式'},90)
add('jx_chem','0408','国产','BR0.5','板式换热器 BR0.5 可拆式 嘉兴 热回收',
 '可拆式板式换热器，换热面积50m²，适合印染废水余热回收、暖通。',
 28000,60000,None,[],['330400'],{'heat_transfer_area_m2':50,'pressure_mpa':1.6,'exchanger_type':'板式'},15)
add('dalian_pump','0409','大耐','CZ80-200','大耐 CZ化工流程泵 CZ80-200 API610',
 '标准化工流程泵，流量50m³/h，扬程50m，效率72%，机械密封。',
 18000,32000,None,['国产替代'],NAT,{'flow_m3_h':50,'head_m':50,'efficiency_pct':72,'rated_power_kw':15,'seal_type':'机械密封'},30)
add('dalian_pump','0409','大耐','CQB50-32-160','磁力泵 CQB 无泄漏 化工 危化品输送',
 '氟塑料磁力驱动泵，无轴封零泄漏，适合酸碱、危化品输送。',
 6500,12000,None,['先进安全应急装备目录'],NAT,{'flow_m3_h':12.5,'head_m':32,'efficiency_pct':45,'rated_power_kw':3,'seal_type':'磁力驱动'},15)
add('nanfang','0409','南方泵业','CDM/CDMF 32-4','南方泵业 CDM 立式多级离心泵 高效节能 IE3',
 '不锈钢立式多级离心泵，配IE3高效电机，水效一级，用于锅炉给水、工业循环水。',
 5800,9800,1,['能效一级','浙江制造'],NAT,{'flow_m3_h':32,'head_m':70,'efficiency_pct':76,'rated_power_kw':11,'seal_type':'机械密封'},10)
add('qz_chem','0410','国产','内浮顶储罐 5000m³','内浮顶储罐 5000m³ 设计制造安装 石化储运',
 '内浮顶储罐设计制造安装，铝制浮盘，降低VOCs挥发，泉港石化园区服务。',
 2000000,3500000,None,['先进安全应急装备目录'],['350000'],{'capacity_m3':5000,'pressure_mpa':0,'material':'Q345R','roof_type':'内浮顶'},120)
add('bluestar','0412','蓝星北化机','NBH-2.7','离子膜电解槽 NBH-2.7 高电流密度 蓝星',
 '自然循环复极式离子膜电解槽，电流密度6kA/m²，吨碱直流电耗≤2030kWh，氯碱节能改造。',
 15000000,30000000,None,['国产替代','节能降碳推广目录'],NAT,{'current_density_ka_m2':6,'dc_consumption_kwh_t':2030,'membrane':'科慕/东岳'},180)
add('cd_chem','0407','国产','精馏塔 DN1600','规整填料精馏塔 DN1600 溶剂回收 成都',
 '规整填料精馏塔，塔径1600mm，用于溶剂回收、化工分离。',
 600000,1200000,None,['四川造'],['510000'],{'diameter_mm':1600,'theoretical_plates':40,'internals':'规整填料'},90)
add('jn_chem','0411','国产','水煤浆气化炉 1500t/d','水煤浆气化炉 1500t/d 多喷嘴对置式 煤化工',
 '多喷嘴对置式水煤浆气化炉，日投煤1500吨，碳转化率98%，替代固定床间歇式气化炉。',
 60000000,90000000,None,['首台套'],NAT,{'coal_capacity_t_d':1500,'carbon_conversion_pct':98,'pressure_mpa':6.5},365)
# ---------- 橡胶 05 ----------
add('dxj','0501','大橡塑','XM-270','大连橡塑 XM-270 密炼机 啮合型',
 '啮合型密炼机，密炼室容积270L，转子转速60rpm，主电机1500kW，轮胎、橡胶制品。',
 6000000,8500000,None,['国产替代'],NAT,{'mixing_volume_l':270,'rotor_speed_rpm':60,'rated_power_kw':1500,'rotor_type':'啮合型'},180)
add('yiyang','0501','益阳橡机','GK400N','益阳橡机 GK400N 密炼机 剪切型',
 '剪切型密炼机，400L，适合子午胎胎面胶混炼。',
 7000000,9500000,None,['国产替代'],NAT,{'mixing_volume_l':400,'rotor_speed_rpm':50,'rated_power_kw':2200,'rotor_type':'剪切型'},180)
add('gl_rub','0502','桂林橡机','LLY-B1900','桂林 液压轮胎硫化机 B型 65寸',
 '液压式轮胎定型硫化机，适用于乘用车子午胎，温度压力闭环控制，氮气硫化节能。',
 3200000,4200000,None,['国产替代'],NAT,{'clamping_force_kn':4000,'tire_size_in':22,'curing_medium':'氮气'},150)
add('qz_shoe','0502','金石','JS-PV100','平板硫化机 橡胶鞋底 100吨 晋江',
 '橡胶鞋底平板硫化机，100t，四工位，晋江鞋材厂专用。',
 45000,68000,None,[],['350500'],{'clamping_force_kn':1000,'curing_medium':'电加热'},15)
# ---------- 建材 06 ----------
add('sinoma','0601','中材装备','TC-12102','第四代 高效篦冷机 TC-12102 中材',
 '第四代步进式篦冷机，熟料产能5000t/d，热回收效率≥75%，出料温度65℃+环境温度。',
 8000000,12000000,None,['节能降碳推广目录','国产替代'],NAT,{'capacity_t_d':5000,'thermal_efficiency_pct':75,'clinker_temp_c':100},180)
add('citic','0602','中信重工','RP180-140','中信重工 辊压机 RP180-140 水泥联合粉磨',
 '辊压机+球磨联合粉磨系统，水泥产量180t/h，系统电耗≤28kWh/t。',
 6000000,9000000,None,['节能降碳推广目录'],NAT,{'capacity_t_h':180,'power_consumption_kwh_t':28,'mill_type':'辊压机'},150)
add('sinoma','0602','中材装备','TRM53.4','立磨 生料立磨 TRM53.4',
 '生料立磨，产量450t/h，电耗16kWh/t，替代老旧管磨机。',
 12000000,18000000,None,['节能降碳推广目录','国产替代'],NAT,{'capacity_t_h':450,'power_consumption_kwh_t':16,'mill_type':'立磨'},180)
add('keda','0603','科达','KD-RK3000','科达 宽体辊道窑 陶瓷砖 节能',
 '宽体双层辊道窑，窑长300m，综合能耗低，陶瓷砖烧成。',
 8000000,15000000,None,['节能降碳推广目录'],NAT,{'length_m':300,'max_temperature_c':1250,'energy_consumption_kgce_t':180,'fuel':'天然气'},180)
add('dh_kiln','0603','恒瓷','HC-DSG','电烧辊道窑 德化陶瓷 电窑 卫生陶瓷',
 '电烧辊道窑，零排放，适合德化日用瓷、工艺瓷、卫生陶瓷烧成，替代燃煤窑炉。',
 1200000,3000000,None,['节能降碳推广目录'],['350000'],{'length_m':60,'max_temperature_c':1320,'energy_consumption_kgce_t':220,'fuel':'电'},90)
add('dh_kiln','0603','恒瓷','HC-SK12','梭式窑 12m³ 天然气 德化',
 '天然气梭式窑，12立方米，适合陶瓷小批量烧成。',
 280000,420000,None,[],['350000'],{'length_m':6,'max_temperature_c':1350,'fuel':'天然气'},45)
add('keda','0604','科达','QM-80T','大吨位连续球磨机 80吨 陶瓷原料',
 '连续式球磨机，装料量80t，处理量20t/h，陶瓷原料制备，比间歇式节电30%。',
 2200000,3200000,None,['节能降碳推广目录'],NAT,{'capacity_t_h':20,'rated_power_kw':630,'liner':'氧化铝'},120)
# ---------- 工业锅炉 0701 ----------
add('fangkuai','0701','四通','WNS4-1.25-Q','WNS4-1.25-Q 燃气蒸汽锅炉 低氮冷凝 4吨',
 '卧式内燃三回程燃气蒸汽锅炉，4t/h，1.25MPa，低氮燃烧器NOx≤30mg/m³，冷凝回收热效率≥98%，替代燃煤锅炉。',
 380000,520000,1,['能效一级','节能降碳推广目录'],NAT,{'capacity_t_h':4,'thermal_efficiency_pct':98,'pressure_mpa':1.25,'nox_mg_m3':30,'fuel':'天然气'},30)
add('fangkuai','0701','四通','WNS2-1.0-Q','2吨燃气锅炉 WNS2 低氮',
 '2t/h燃气蒸汽锅炉，NOx≤30mg/m³，热效率95%。',
 220000,300000,2,['能效二级'],NAT,{'capacity_t_h':2,'thermal_efficiency_pct':95,'pressure_mpa':1.0,'nox_mg_m3':30,'fuel':'天然气'},30)
add('taishan','0701','泰山集团','SZL10-1.6-SCI','泰山锅炉 生物质锅炉 SZL10 10吨 链条炉排',
 '生物质成型燃料链条炉排蒸汽锅炉，10t/h，热效率88%，配布袋除尘，好品山东。',
 900000,1300000,2,['好品山东','能效二级'],NAT,{'capacity_t_h':10,'thermal_efficiency_pct':88,'pressure_mpa':1.6,'nox_mg_m3':150,'fuel':'生物质'},60)
add('sc_boiler','0701','川锅','SZS20-1.6-Q','川锅 SZS20 燃气锅炉 20吨 四川造',
 '双锅筒纵置式燃气蒸汽锅炉，20t/h，四川造，成都、德阳、绵阳安装维保。',
 1600000,2200000,2,['四川造','能效二级'],NAT,{'capacity_t_h':20,'thermal_efficiency_pct':94,'pressure_mpa':1.6,'nox_mg_m3':30,'fuel':'天然气'},90)
add('jn_boiler','0701','国产','电锅炉 1t/h','电蒸汽锅炉 1吨 电极锅炉 济宁 煤改电',
 '全自动电蒸汽锅炉，1t/h，零排放，适合济宁城区煤改电、食品厂。',
 98000,160000,None,[],['370800'],{'capacity_t_h':1,'thermal_efficiency_pct':98,'pressure_mpa':0.7,'fuel':'电'},20)
add('jn_boiler','0701','泰山集团','DZL6-1.25-AII','燃煤锅炉 DZL6 6吨 (仅限政策允许地区)',
 '链条炉排燃煤蒸汽锅炉，6t/h，热效率82%。',
 350000,450000,4,[],['370000'],{'capacity_t_h':6,'thermal_efficiency_pct':82,'pressure_mpa':1.25,'nox_mg_m3':200,'fuel':'燃煤'},45)
add('qz_env','0701','国产','导热油炉 YQW-2400','燃气导热油炉 YQW-2400Q 泉州 印染定型机配套',
 '燃气导热油炉，热功率2400kW，为印染定型机、鞋材压机供热，泉州石狮晋江安装。',
 260000,380000,2,[],['350500'],{'thermal_efficiency_pct':92,'nox_mg_m3':50,'fuel':'天然气'},30)
# ---------- 高效电机 0702 ----------
add('wolong','0702','卧龙','YE4-160M-4','卧龙 YE4-160M-4 11kW 超高效三相异步电动机 IE4',
 'YE4系列超超高效率三相异步电动机，IE4能效，11kW，4极，效率92.6%，符合GB 18613-2020一级能效。',
 4800,6200,1,['能效一级','浙江制造','节能降碳推广目录'],NAT,{'rated_power_kw':11,'efficiency_pct':92.6,'speed_rpm':1470,'ie_class':'IE4','motor_type':'三相异步'},10)
add('wolong','0702','卧龙','YE3-160M-4','卧龙 YE3 系列 11kW 高效电机 IE3',
 'YE3高效率三相异步电动机，IE3能效，11kW，效率91.4%，二级能效。',
 3500,4300,2,['能效二级'],NAT,{'rated_power_kw':11,'efficiency_pct':91.4,'speed_rpm':1460,'ie_class':'IE3','motor_type':'三相异步'},7)
add('wolong','0702','卧龙','TYCX-280M-4 90kW','永磁同步电机 TYCX 90kW IE5 超高效 卧龙',
 '三相永磁同步电动机，90kW，IE5能效，效率96.5%，配变频器使用，适合风机、水泵、空压机节能改造。',
 42000,56000,1,['能效一级','节能降碳推广目录'],NAT,{'rated_power_kw':90,'efficiency_pct':96.5,'speed_rpm':1500,'ie_class':'IE5','motor_type':'永磁同步'},20)
add('wannan','0702','皖南电机','YE4-225M-4','皖南电机 YE4-225M-4 45kW 一级能效电机',
 'YE4超高效电机，45kW，IE4，一级能效。',
 14000,17500,1,['能效一级'],NAT,{'rated_power_kw':45,'efficiency_pct':94.2,'speed_rpm':1480,'ie_class':'IE4','motor_type':'三相异步'},10)
add('wannan','0702','皖南电机','YE3-225M-4','皖南 YE3 45kW 电机 IE3',
 'YE3高效三相异步电动机，45kW，IE3。',
 10500,12800,2,['能效二级'],NAT,{'rated_power_kw':45,'efficiency_pct':93.6,'speed_rpm':1480,'ie_class':'IE3','motor_type':'三相异步'},7)
add('oruian','0702','欧瑞安','SRM-160-15','开关磁阻电机 欧瑞安 15kW 调速系统 济宁高新区',
 '开关磁阻调速电机系统，15kW，启动转矩大、调速范围宽，适用于矿用刮板机、皮带机、抽油机，济宁高新区专精特新企业。',
 18000,26000,1,['专精特新','好品山东','节能降碳推广目录'],NAT,{'rated_power_kw':15,'efficiency_pct':93,'speed_rpm':1500,'ie_class':'IE4','motor_type':'开关磁阻'},20)
add('huali','0702','华力','YE4-200L-4','华力电机 YE4 30kW IE4 超高效',
 '山东华力YE4系列超高效电机，30kW，好品山东。',
 9800,12000,1,['能效一级','好品山东'],NAT,{'rated_power_kw':30,'efficiency_pct':93.6,'speed_rpm':1475,'ie_class':'IE4','motor_type':'三相异步'},10)
add('jx_motor','0702','卧龙','YE3/YE4 全系列','嘉兴 电机经销 YE3 YE4 全功率段现货 旧电机回收',
 '嘉兴地区卧龙、皖南电机经销，0.75kW~315kW YE3/YE4现货，老旧Y系列电机折价回收以旧换新。',
 800,60000,None,['以旧换新'],['330400'],{'ie_class':'IE3/IE4','motor_type':'三相异步'},1)
add('huali','0702','华力','YBX4-250M-4','隔爆型三相异步电动机 YBX4 55kW 防爆 二级能效',
 'YBX4高效隔爆电机，ExdIIBT4，化工、石化防爆场所。',
 19000,24000,2,['能效二级','好品山东'],NAT,{'rated_power_kw':55,'efficiency_pct':94,'speed_rpm':1480,'ie_class':'IE3','motor_type':'隔爆异步'},15)
# ---------- 变压器 0703 ----------
add('tbea','0703','特变电工','SCB18-1000/10','特变电工 SCB18-1000/10 干式变压器 一级能效',
 '环氧树脂浇注干式变压器，1000kVA，10kV，空载损耗1.2kW，符合GB 20052-2020一级能效。',
 128000,155000,1,['能效一级','节能降碳推广目录'],NAT,{'capacity_kva':1000,'no_load_loss_w':1200,'load_loss_w':7800,'voltage_kv':10,'core_type':'硅钢片'},30)
add('tbea','0703','特变电工','S22-M-630/10','S22 油浸式变压器 630kVA 一级能效 特变',
 'S22-M型全密封油浸式配电变压器，630kVA，一级能效。',
 78000,96000,1,['能效一级'],NAT,{'capacity_kva':630,'no_load_loss_w':480,'load_loss_w':5400,'voltage_kv':10,'core_type':'硅钢片'},30)
add('jinpan','0703','金盘科技','SCB14-2000/10','金盘 SCB14 2000kVA 干式变压器 二级能效',
 '金盘科技环氧浇注干式变压器，2000kVA，二级能效。',
 220000,260000,2,['能效二级'],NAT,{'capacity_kva':2000,'no_load_loss_w':2440,'load_loss_w':14800,'voltage_kv':10,'core_type':'硅钢片'},30)
add('chint','0703','正泰','SBH25-M-800/10','正泰 SBH25 非晶合金变压器 800kVA',
 '非晶合金铁芯油浸式变压器，空载损耗比S13降低70%，一级能效。',
 98000,125000,1,['能效一级','节能降碳推广目录'],NAT,{'capacity_kva':800,'no_load_loss_w':240,'load_loss_w':7500,'voltage_kv':10,'core_type':'非晶合金'},30)
add('jn_trans','0703','亿能','S20-M-1250/10','济宁 S20 变压器 1250kVA 以旧换新 替换S9/S11',
 'S20型油浸变压器，二级能效，济宁本地厂家，支持S9、S11高耗能变压器以旧换新，济宁全市上门施工。',
 95000,118000,2,['能效二级','以旧换新','好品山东'],['370800'],{'capacity_kva':1250,'no_load_loss_w':1200,'load_loss_w':11500,'voltage_kv':10,'core_type':'硅钢片'},15)
add('cd_trans','0703','双星','SCB13-800/10','成都 干式变压器 SCB13 800kVA',
 '干式变压器，800kVA，三级能效（SCB13），价格实惠。',
 62000,75000,3,['四川造'],['510000'],{'capacity_kva':800,'no_load_loss_w':1410,'load_loss_w':7300,'voltage_kv':10,'core_type':'硅钢片'},15)
add('qz_trans','0703','闽能','S22-M-400/10','泉州 节能变压器 S22 400kVA 一级能效',
 '一级能效油浸变压器，400kVA，泉州全市配电增容改造。',
 52000,64000,1,['能效一级'],['350500'],{'capacity_kva':400,'no_load_loss_w':340,'load_loss_w':4100,'voltage_kv':10,'core_type':'硅钢片'},15)
# ---------- 空压机 0704 ----------
add('kaishan','0704','开山','JN37-8','开山 JN37 永磁变频螺杆空压机 37kW 一级能效',
 '开山JN系列永磁变频螺杆空气压缩机，37kW，排气量6.8m³/min@0.8MPa，比功率6.3，一级能效，比工频机节能30%以上，开山SKY主机。',
 68000,82000,1,['能效一级','节能降碳推广目录','浙江制造'],NAT,{'flow_m3pm':6.8,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':6.3,'drive':'永磁变频'},10)
add('kaishan','0704','开山','LG-6.2/8G','开山 LGCY 工频螺杆空压机 37kW 皮带传动',
 '工频定速螺杆空压机，37kW，排气量6.2m³/min，二级能效，经济实用。',
 42000,52000,2,['能效二级'],NAT,{'flow_m3pm':6.2,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':7.2,'drive':'工频'},7)
add('kaishan','0704','开山','JN132-8 两级','开山 两级压缩永磁变频空压机 132kW',
 '两级压缩永磁变频螺杆机，132kW，排气量29m³/min，比功率5.6，一级能效。',
 280000,350000,1,['能效一级','节能降碳推广目录'],NAT,{'flow_m3pm':29,'pressure_mpa':0.8,'rated_power_kw':132,'specific_power_kw_min_m3':5.6,'drive':'永磁变频'},20)
add('baosi','0704','鲍斯','BLT-50A PMVF','鲍斯 BLT-50A 永磁变频空压机 37kW',
 '宁波鲍斯永磁变频螺杆空压机，37kW，IP55永磁电机，一级能效。',
 62000,75000,1,['能效一级','浙江制造'],NAT,{'flow_m3pm':6.5,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':6.4,'drive':'永磁变频'},10)
add('baosi','0704','鲍斯','BLT-30A','鲍斯 BLT-30A 工频螺杆机 22kW',
 '工频定速螺杆空压机，22kW，排气量3.6m³/min，三级能效。',
 26000,32000,3,[],NAT,{'flow_m3pm':3.6,'pressure_mpa':0.8,'rated_power_kw':22,'specific_power_kw_min_m3':7.9,'drive':'工频'},7)
add('atlas','0704','阿特拉斯','GA37VSD+','阿特拉斯·科普柯 GA37VSD+ 变频螺杆空压机',
 'Atlas Copco GA VSD+系列，立式设计，iPM永磁电机，变频调速，平均节能50%，Elektronikon触摸屏控制器，SMARTLINK远程监控。',
 138000,168000,1,['能效一级'],NAT,{'flow_m3pm':7.0,'pressure_mpa':0.75,'rated_power_kw':37,'specific_power_kw_min_m3':5.9,'drive':'永磁变频'},30)
add('atlas','0704','阿特拉斯','GA37+','阿特拉斯 GA37+ 定速螺杆空压机',
 'Atlas Copco GA+系列定速喷油螺杆空压机，37kW。',
 98000,120000,2,['能效二级'],NAT,{'flow_m3pm':6.6,'pressure_mpa':0.75,'rated_power_kw':37,'specific_power_kw_min_m3':6.8,'drive':'工频'},30)
add('atlas','0704','阿特拉斯','ZT 55 VSD','阿特拉斯 ZT55VSD 无油螺杆空压机 0级无油',
 '无油螺杆空压机，ISO 8573-1 Class 0认证，适合医药、食品、电子行业。',
 480000,580000,2,['能效二级'],NAT,{'flow_m3pm':9.5,'pressure_mpa':0.75,'rated_power_kw':55,'specific_power_kw_min_m3':6.8,'drive':'变频'},45)
add('fusheng','0704','复盛','SA-37A','复盛 SA-37A 螺杆式空压机（工频）',
 '复盛SA系列喷油螺杆机，37kW，工频。',
 45000,55000,2,[],NAT,{'flow_m3pm':6.3,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':7.0,'drive':'工频'},10)
add('fusheng','0704','复盛','SAV-37W','复盛 SAV 永磁变频空压机 37KW 一级能效',
 '复盛永磁变频螺杆机，37kW，一级能效，节能30%。',
 70000,85000,1,['能效一级'],NAT,{'flow_m3pm':6.9,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':6.2,'drive':'永磁变频'},10)
add('jx_air','0704','开山','JN22/JN37/JN55','海宁 嘉兴 空压机 永磁变频 以旧换新 空压站节能改造',
 '海宁本地开山空压机经销服务，永磁变频空压机22~160kW现货，老空压机折价回收，免费空压站能耗评估，袜厂、经编厂、皮革厂节能改造案例多。',
 38000,320000,1,['能效一级','以旧换新'],['330400'],{'rated_power_kw':37,'specific_power_kw_min_m3':6.3,'drive':'永磁变频'},3)
add('jn_air','0704','鑫源','XY-37PM','济宁 永磁变频螺杆空压机 37kW 厂家 节能30%',
 '济宁本地空压机厂家，永磁变频，37kW，二级能效，济宁各县市区送货。',
 45000,55000,2,['能效二级','好品山东'],['370800'],{'flow_m3pm':6.5,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':6.9,'drive':'永磁变频'},5)
add('jn_air','0704','鑫源','XY-22G','济宁 工频螺杆空压机 22kW 皮带机',
 '工频皮带传动螺杆机，22kW，三级能效，价格低。',
 18000,23000,3,[],['370800'],{'flow_m3pm':3.6,'pressure_mpa':0.8,'rated_power_kw':22,'specific_power_kw_min_m3':8.2,'drive':'工频'},3)
add('qz_air','0704','鲍斯','BLT-75A PMVF','泉州 晋江 永磁变频空压机 55kW 鞋厂 纺织厂',
 '鲍斯永磁变频55kW，泉州晋江石狮南安地区销售安装，配冷干机、储气罐整套。',
 88000,110000,1,['能效一级'],['350500'],{'flow_m3pm':10.5,'pressure_mpa':0.8,'rated_power_kw':55,'specific_power_kw_min_m3':6.2,'drive':'永磁变频'},5)
add('cd_air','0704','开山','LG-13/8G','成都 开山 75kW 工频螺杆空压机',
 '开山工频螺杆机，75kW，成都龙泉驿、新都、青白江上门服务。',
 78000,92000,2,[],['510100'],{'flow_m3pm':13.2,'pressure_mpa':0.8,'rated_power_kw':75,'specific_power_kw_min_m3':7.0,'drive':'工频'},7)
add('cd_air','0704','开山','JN75-8','成都 永磁变频空压机 75kW 开山JN 四川',
 '开山永磁变频75kW，一级能效，四川全省服务。',
 128000,150000,1,['能效一级'],['510000'],{'flow_m3pm':14,'pressure_mpa':0.8,'rated_power_kw':75,'specific_power_kw_min_m3':6.1,'drive':'永磁变频'},7)
add('atlas','0704','阿特拉斯','ZH 350+','离心式空压机 ZH350+ 无油 大流量',
 '阿特拉斯ZH+系列离心空压机，无油，排气量60m³/min，适合大型空压站。',
 2200000,2800000,1,['能效一级'],NAT,{'flow_m3pm':60,'pressure_mpa':0.8,'rated_power_kw':350,'specific_power_kw_min_m3':5.7,'drive':'离心'},90)
add('jx_air','0703','开山','空压机余热回收','空压机余热回收装置 热水 海宁',
 '螺杆空压机余热回收机，利用压缩热制取60℃热水，用于员工洗浴、工艺用水。',
 12000,35000,None,[],['330400'],{},7)
# ---------- 风机 0705 ----------
add('cigu','0705','磁谷','CG150','磁悬浮离心鼓风机 150kW 磁谷 污水曝气',
 '磁悬浮高速离心鼓风机，无油无摩擦，效率较罗茨风机节能30%~40%，适用于污水处理曝气。',
 420000,520000,1,['能效一级','节能降碳推广目录','专精特新'],NAT,{'flow_m3_h':6000,'pressure_pa':80000,'efficiency_pct':85,'rated_power_kw':150},60)
add('jtl','0705','金通灵','G4-73-11No.16D','金通灵 高效离心风机 锅炉引风机',
 '高效离心风机，用于锅炉引风、送风，效率≥86%。',
 160000,240000,2,['能效二级'],NAT,{'flow_m3_h':120000,'pressure_pa':4500,'efficiency_pct':86,'rated_power_kw':200},45)
add('jx_env','0705','国产','罗茨风机 RSR-150','罗茨鼓风机 RSR150 嘉兴 污水站',
 '三叶罗茨鼓风机，22kW，嘉兴污水站供货。',
 18000,28000,3,[],['330400'],{'flow_m3_h':1800,'pressure_pa':49000,'efficiency_pct':65,'rated_power_kw':22},10)
