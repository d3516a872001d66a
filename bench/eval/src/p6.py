from lib import add, NAT, SUP
SUP.update({
 'hn_cnc': ('海宁市长安镇精工机床销售有限公司', '330481'),
 'cd_cnc2': ('成都市郫都区川西机床设备有限公司', '510117'),
 'jn_cnc2': ('邹城市鑫达机械设备有限公司', '370883'),
 'qz_cnc2': ('南安市恒泰数控设备有限公司', '350583'),
 'jx_laser': ('嘉兴市南湖区光速激光设备有限公司', '330402'),
 'tx_inj': ('桐乡市联创塑机有限公司', '330483'),
 'jn_inj': ('济宁市兖州区宏达塑料机械有限公司', '370812'),
 'hn_air': ('海宁市许村镇联盛机电设备有限公司', '330481'),
 'my_motor': ('绵阳市富乐电机销售有限公司', '510700'),
 'dy_boiler': ('德阳市东汽锅炉配套有限公司', '510600'),
})
# terse / extra machining centres
add('hn_cnc','0101','海天精工','VMC850L','VMC850L',
 '立加，850行程，线轨，BT40 10000转，三菱M80系统，海宁现货。',
 258000,288000,None,[],['330481','330400'],{'axes':3,'x_travel_mm':850,'spindle_rpm':10000,'control_system':'三菱M80'},3)
add('hn_cnc','0101','台群','T-V856S','台群T-V856S 加工中心 海宁长安 现货两台',
 '台群高速立加，BT30，24000转，海宁长安镇展厅现货。',
 220000,245000,None,[],['330400'],{'axes':3,'x_travel_mm':800,'spindle_rpm':24000,'control_system':'FANUC 0i-MF'},3)
add('cd_cnc2','0101','科德数控','KMC600S U','科德 五轴 KMC600SU 成都代理 航空零件',
 '科德五轴立式加工中心成都代理，成都航空配套企业案例多，四川全省服务。',
 1900000,2400000,None,['国产替代','首台套'],['510000'],{'axes':5,'x_travel_mm':600,'spindle_rpm':20000,'positioning_accuracy_mm':0.005,'control_system':'GNC62'},60)
add('cd_cnc2','0101','沈阳机床','VMC-1160','成都 VMC-1160 加工中心 沈阳机床 郫都 现货',
 '沈阳机床VMC1160立式加工中心，成都现货，三轴，FANUC系统。',
 330000,368000,None,['国产替代'],['510100'],{'axes':3,'x_travel_mm':1100,'spindle_rpm':8000,'positioning_accuracy_mm':0.01,'control_system':'FANUC 0i-MF'},5)
add('jn_cnc2','0101','大连机床','VDL-850A','大连机床 VDL850A 立式加工中心 邹城',
 '大连机床VDL系列立加，邹城本地经销，煤机配件加工。',
 225000,258000,None,['国产替代'],['370800'],{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.012,'control_system':'FANUC 0i-MF'},10)
add('jn_cnc2','0101','国产','XH7132','XH7132 小型加工中心 经济型 教学/小件',
 '小型立式加工中心XH7132，三轴，斗笠刀库，经济型。',
 118000,138000,None,[],['370800'],{'axes':3,'x_travel_mm':600,'spindle_rpm':8000,'positioning_accuracy_mm':0.015,'control_system':'GSK'},7)
add('qz_cnc2','0101','海天精工','VMC1160','南安 海天精工 VMC1160 阀门 水暖 加工中心',
 '南安水暖阀门产业区，海天精工VMC1160，三轴，可选四轴转台。',
 358000,420000,None,[],['350500'],{'axes':3,'x_travel_mm':1100,'spindle_rpm':10000,'control_system':'FANUC 0i-MF'},7)
add('qz_cnc2','0101','创世纪','V-855 5AX','南安 五轴加工中心 VMC855 AC五轴 卫浴龙头',
 '五轴加工中心，适合卫浴龙头、阀体复杂曲面，一次装夹五面加工。',
 680000,820000,None,[],['350000'],{'axes':5,'x_travel_mm':800,'spindle_rpm':12000,'positioning_accuracy_mm':0.008,'control_system':'FANUC 0i-MF Plus'},30)
add('jx_cnc','0101','嘉兴精锐','JR-V1270','加攻中心 JR-V1270 立式 嘉兴工厂直销（立式加工中心）',
 '嘉兴本地组装立式加工中心，1200×700，BT40，价格实惠，嘉兴各县市区上门。',
 238000,268000,None,['浙江制造'],['330400'],{'axes':3,'x_travel_mm':1200,'spindle_rpm':8000,'positioning_accuracy_mm':0.012,'control_system':'KND'},15)
add('htjg','0101','海天精工','VMC850 超高速','海天精工 VMC850 高速立加 主轴 65000rpm（电主轴选配）',
 '选配超高速电主轴（标称65000rpm），用于石墨、微细铣削。',
 480000,560000,None,[],NAT,{'axes':3,'x_travel_mm':850,'spindle_rpm':65000,'positioning_accuracy_mm':0.004,'control_system':'Heidenhain'},45)
add('smtcl','0101','沈阳机床','GMC2060u 五轴龙门','沈阳机床 五轴龙门加工中心 GMC2060u 龙门五轴 大型',
 '龙门五轴加工中心，AC双摆头，用于大型模具、航空框梁零件。',
 4200000,5200000,None,['国产替代'],NAT,{'axes':5,'x_travel_mm':6000,'spindle_rpm':24000,'positioning_accuracy_mm':0.012,'control_system':'Siemens 840D sl'},150)
# lathes more
add('hn_cnc','0102','沈阳机床','CAK4085','CAK4085 数控车床 海宁 嘉兴 小型',
 '小型数控车床，适合五金小件，海宁现货。',
 68000,78000,None,[],['330400'],{'max_turning_diameter_mm':400,'max_turning_length_mm':850,'spindle_rpm':2500,'control_system':'GSK 980TDi'},3)
add('jn_cnc2','0102','济南一机','CK6163','济南一机 CK6163 大孔径 数控车床 石油管',
 '大孔径数控车床，适合石油管、煤机油缸加工，邹城经销。',
 158000,190000,None,['好品山东'],['370800'],{'max_turning_diameter_mm':630,'max_turning_length_mm':3000,'spindle_rpm':1200,'control_system':'FANUC 0i-TF'},15)
add('qz_cnc2','0102','国产','CK46 排刀机','排刀式数控车床 CK46 精密小件 泉州 水暖',
 '排刀机，适合水暖铜件、精密小件。',
 45000,58000,None,[],['350500'],{'max_turning_diameter_mm':360,'max_turning_length_mm':200,'spindle_rpm':5000,'control_system':'KND'},5)
# lasers more
add('jx_laser','0104','邦德激光','i5 3015','嘉兴 邦德 i5 激光切割机 1.5kW/3kW 入门 现货',
 '邦德i5系列经济型激光切割机，嘉兴本地展厅现货，1.5kW~3kW可选。',
 118000,168000,None,[],['330400','330000'],{'power_w':3000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':14,'laser_source':'锐科'},3)
add('jx_laser','0104','大族激光','G6025H 12kW','嘉兴 大族 12000W 大幅面激光切割机 6025',
 '大族G6025H，12kW，6m×2.5m幅面，嘉兴平湖机械装备企业厚板下料。',
 920000,1080000,None,[],['330400'],{'power_w':12000,'table_length_mm':6000,'table_width_mm':2500,'max_thickness_mm':40,'laser_source':'锐科'},15)
add('jx_laser','0104','大族激光','P3080','激光切管机 嘉兴 大族 P3080 8米管',
 '大族重载激光切管机，8m管长，嘉兴钢结构、健身器材。',
 780000,880000,None,[],['330400'],{'power_w':6000,'table_length_mm':8000,'table_width_mm':300,'max_thickness_mm':20,'laser_source':'IPG'},20)
add('han','0104','大族激光','G3015HF-60kW','大族 60000W 超高功率激光切割机（实验机型）',
 '大族超高功率激光切割机，标称激光功率60kW，碳钢可切100mm。',
 4500000,5500000,None,['首台套'],NAT,{'power_w':60000,'table_length_mm':12000,'table_width_mm':3000,'max_thickness_mm':100,'laser_source':'锐科'},120)
add('cd_laser','0104','邦德激光','P3015-6kW','成都 邦德 6kW 激光切割机 交换台 四川现货',
 '邦德P系列6kW成都仓现货，四川重庆上门。',
 372000,430000,None,[],['510000','500000'],{'power_w':6000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':25,'laser_source':'锐科'},3)
add('jn_laser','0104','奔腾激光','FLC3015','济宁 3kW 激光切割机 奔腾 汶上 嘉祥',
 '奔腾3kW激光切割机济宁地区销售，汶上、嘉祥、梁山上门。',
 235000,278000,None,[],['370800'],{'power_w':3000,'table_length_mm':3000,'table_width_mm':1500,'max_thickness_mm':16,'laser_source':'IPG'},7)
# injection more
add('tx_inj','1201','伊之密','UN120A5','桐乡 伊之密注塑机 120吨 A5 伺服',
 '伊之密A5伺服注塑机，嘉兴桐乡代理，化纤配件、塑料件。',
 140000,162000,2,[],['330400'],{'clamping_force_kn':1200,'shot_weight_g':180,'drive':'伺服液压'},5)
add('tx_inj','1201','长飞亚','VE2-1500','长飞亚全电动注塑机 VE II 150吨 嘉兴 医疗 精密',
 '全电动注塑机，150吨，适合医疗耗材、精密连接器，嘉兴代理。',
 380000,420000,1,['能效一级'],['330400','330000'],{'clamping_force_kn':1500,'shot_weight_g':200,'energy_consumption_kwh_kg':0.27,'drive':'全电动'},15)
add('jn_inj','1201','海天','MA2500III','济宁 海天注塑机 250吨 兖州',
 '海天天隆250吨伺服注塑机，济宁代理，兖州仓库。',
 268000,305000,2,['以旧换新'],['370800'],{'clamping_force_kn':2500,'shot_weight_g':700,'drive':'伺服液压'},5)
add('jn_inj','1201','国产','HD-530','济宁 530吨 注塑机 定量泵 改 伺服节能改造',
 '老注塑机伺服节能改造服务（更换伺服电机+油泵+驱动器），节电30%~60%，济宁上门。',
 18000,45000,None,['节能降碳推广目录'],['370800'],{'clamping_force_kn':5300,'drive':'伺服改造'},5)
add('yizumi','1201','伊之密','UN90A5','伊之密 UN90A5 90吨 小型伺服注塑机',
 '伊之密A5系列小型注塑机，900kN。',
 108000,126000,2,['国产替代'],NAT,{'clamping_force_kn':900,'shot_weight_g':120,'energy_consumption_kwh_kg':0.5,'drive':'伺服液压'},15)
add('haitian','1201','海天','MA3600III 双色','海天 双色注塑机 MA3600III/2000-2C',
 '双色注塑机，360吨，双色/双物料，适合手柄、按键、汽车内饰件。',
 560000,680000,2,['国产替代'],NAT,{'clamping_force_kn':3600,'shot_weight_g':1300,'drive':'伺服液压'},45)
# compressors more
add('hn_air','0704','捷豹','EVA-37PM','海宁 捷豹永磁变频空压机 37kW 袜厂 节电',
 '永磁变频螺杆空压机，37kW，一级能效，海宁许村、长安袜厂、经编厂空压站改造，旧机回收。',
 56000,66000,1,['能效一级','以旧换新'],['330481','330400'],{'flow_m3pm':6.8,'pressure_mpa':0.8,'rated_power_kw':37,'specific_power_kw_min_m3':6.3,'drive':'永磁变频'},3)
add('hn_air','0704','捷豹','EVA-22','海宁 22kW 工频螺杆空压机 皮带 便宜',
 '工频螺杆机，22kW，适合小型袜厂。',
 19000,24000,3,[],['330481'],{'flow_m3pm':3.6,'pressure_mpa':0.8,'rated_power_kw':22,'specific_power_kw_min_m3':8.0,'drive':'工频'},2)
add('kaishan','0704','开山','JN7.5','开山 7.5kW 永磁变频 小型空压机 一体机（带冷干机储气罐）',
 '小型永磁变频螺杆空压机一体机，7.5kW，集成冷干机、储气罐、过滤器，适合小作坊、激光切割机配套。',
 13000,16500,2,['能效二级'],NAT,{'flow_m3pm':1.1,'pressure_mpa':0.8,'rated_power_kw':7.5,'specific_power_kw_min_m3':7.8,'drive':'永磁变频'},5)
add('baosi','0704','鲍斯','BLT-16A 高压','激光切割专用 16公斤 高压空压机 鲍斯 四合一',
 '激光切割机专用高压螺杆空压机，1.6MPa，15kW，四合一（冷干+过滤+储气罐）。',
 26000,32000,2,[],NAT,{'flow_m3pm':1.2,'pressure_mpa':1.6,'rated_power_kw':15,'specific_power_kw_min_m3':11,'drive':'永磁变频'},5)
# motors/boiler/transformer more in sichuan etc
add('my_motor','0702','卧龙','YE4-132M-4','绵阳 卧龙 YE4 7.5kW 电机 四川经销',
 'YE4超高效电机7.5kW，绵阳、德阳、成都经销。',
 3200,3900,1,['能效一级'],['510000'],{'rated_power_kw':7.5,'efficiency_pct':91.4,'speed_rpm':1460,'ie_class':'IE4','motor_type':'三相异步'},3)
add('my_motor','0702','国产','永磁电机 55kW','永磁同步电机 55kW 水泵专用 四川',
 '稀土永磁同步电机，55kW，IE5，配变频器。',
 26000,32000,1,['能效一级'],['510000'],{'rated_power_kw':55,'efficiency_pct':96,'speed_rpm':1500,'ie_class':'IE5','motor_type':'永磁同步'},10)
add('dy_boiler','0701','东方','WNS6-1.25-Y.Q','德阳 6吨燃气锅炉 低氮 冷凝 一级能效',
 '6t/h燃油燃气蒸汽锅炉，低氮冷凝，一级能效，德阳、成都、绵阳安装。',
 480000,620000,1,['能效一级','四川造'],['510000'],{'capacity_t_h':6,'thermal_efficiency_pct':98,'pressure_mpa':1.25,'nox_mg_m3':30,'fuel':'天然气'},30)
add('dy_boiler','0701','国产','生物质锅炉 4t','四川 生物质蒸汽锅炉 4吨 替代燃煤',
 '生物质颗粒燃料锅炉，4t/h，替代燃煤锅炉，适合食品、酿酒企业。',
 320000,420000,2,['四川造'],['510000'],{'capacity_t_h':4,'thermal_efficiency_pct':86,'pressure_mpa':1.25,'nox_mg_m3':150,'fuel':'生物质'},30)
# socks more (海宁 & elsewhere)
add('hn_sock2','0804','力恒','LH-6F-200','海宁 单针筒袜机 4寸 200针 6路 细针 丝袜/薄袜',
 '单针筒电脑袜机，4寸200针，适合细针薄袜、丝光棉袜，海宁马桥厂家直销。',
 56000,64000,None,['浙江制造'],['330000'],{'needles':200,'cylinder_diameter_in':4.0,'speed_rpm':340,'feeders':6,'control_system':'自研电控'},10)
add('hn_sock','0804','新锐','XR-DZ-4','电脑袜机 双针筒 4寸 海宁许村（提花男袜）',
 '双针筒电脑袜机，4寸，可提花，海宁许村。',
 99000,115000,None,[],['330400'],{'needles':120,'cylinder_diameter_in':4.0,'speed_rpm':250,'feeders':2,'control_system':'自研电控'},7)
add('qz_sock','0804','鸿飞','HF-S4','袜机 单针筒 4路 3.5寸 石狮 便宜',
 '经济型单针筒袜机，4路。',
 28000,33000,None,[],['350500'],{'needles':144,'cylinder_diameter_in':3.5,'speed_rpm':300,'feeders':4,'control_system':'自研电控'},5)
add('jx_soft','1302','数智','袜机联网采集盒','袜机联网采集盒 电脑袜机数据采集 海宁',
 '袜机联网采集终端，兼容主流袜机电控，采集转速、产量、停机，设备治哑。',
 600,1200,None,['工业互联网'],['330400'],{'data_points':20,'protocols':'RS485, MQTT'},3)
# 机器人 取件/注塑 more
add('tx_inj','0201','拓斯达','TSD 横走机械手','桐乡 注塑机械手 拓斯达 横走式 伺服 取件',
 '注塑机取件机械手，横走式五轴伺服，嘉兴桐乡注塑厂上门安装，适配120~480吨注塑机。',
 36000,52000,None,[],['330400'],{'payload_kg':8,'reach_mm':1000,'repeatability_mm':0.1,'axes':5,'robot_type':'注塑取件机械手'},5)
add('cd_inj','0201','国产','注塑取件机械手','成都 注塑机机械手 三轴伺服 取件 新都',
 '三轴伺服注塑取件机械手，成都本地安装。',
 28000,40000,None,[],['510100'],{'payload_kg':5,'reach_mm':900,'repeatability_mm':0.1,'axes':3,'robot_type':'注塑取件机械手'},5)
# safety more
add('cd_safe','1001','中控','GDS+SIS','四川 化工 SIS 紧急停车 GDS 气体报警 联锁改造 一站式',
 '危险化工工艺自动化改造：SIS紧急停车系统、GDS气体检测报警、自动化联锁，四川化工园区（自贡、泸州、眉山）。',
 300000,2000000,None,['先进安全应急装备目录'],['510000'],{'monitoring_points':300,'response_time_s':2,'explosion_proof':'Ex d IIC T6'},60)
add('qz_chem','1001','汉威','GDS','泉港 石化园区 可燃有毒气体报警系统 GDS 安装',
 '泉港、泉惠石化园区气体检测报警系统设计安装。',
 80000,500000,None,['先进安全应急装备目录'],['350500'],{'monitoring_points':100,'response_time_s':20,'explosion_proof':'Ex d IIC T6'},30)
# test chambers Jining/Quanzhou
add('jn_safe','0903','重庆银河','GDW-225','济宁 高低温试验箱 225L 汽配 电子',
 '高低温试验箱，225L，-40~150℃，济宁代理。',
 38000,48000,None,[],['370800'],{'volume_l':225,'temp_min_c':-40,'temp_max_c':150,'ramp_rate_cpm':1},7)
# 复合: 5G + AGV
add('jn_robot','0204','海康机器人','5G AMR','5G 智能物流 AMR 潜伏顶升 济宁工厂物流改造',
 '海康潜伏顶升AMR+5G网络，济宁本地集成实施。',
 80000,100000,None,['智能制造','工业互联网'],['370800'],{'payload_kg':1000,'speed_m_s':1.5,'positioning_accuracy_mm':10,'battery_life_h':8,'navigation':'二维码+SLAM'},30)
# 冷镦 more / 海盐
add('hy_fast','0108','思进','SJBP-14B5S','海盐 多工位冷镦机 五工位 思进 经销 紧固件',
 '思进五工位冷镦机海盐经销，适合M8~M12螺栓、螺母成型。',
 920000,1150000,None,['浙江制造'],['330400'],{'stations':5,'max_blank_diameter_mm':14,'max_blank_length_mm':130,'output_ppm':160,'forming_force_kn':1000},45)
# 折弯 more
add('jx_laser','0105','金方圆','PBA-100/3100','嘉兴 金方圆 电液伺服数控折弯机 100吨 平湖',
 '金方圆折弯机嘉兴平湖代理，4+1轴。',
 228000,275000,None,[],['330400'],{'tonnage_t':100,'bend_length_mm':3100,'axes':5,'repeatability_mm':0.01,'control_system':'DELEM DA53T'},7)
