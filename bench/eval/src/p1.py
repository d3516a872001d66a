from lib import add, NAT
# ---------- 加工中心 0101 ----------
add('smtcl','0101','沈阳机床','VMC850E','沈阳机床 VMC850E 立式加工中心 三轴 BT40 8000rpm',
 '沈阳机床经典款立式加工中心，X/Y/Z行程850/500/540mm，三轴线轨，BT40主轴8000rpm，配广州数控GSK 25iM或沈阳机床i5系统，24把斗笠/圆盘刀库。适用于箱体、盘类、模具零件的铣、钻、镗、攻丝加工，性价比高，全国联保。',
 268000,320000,None,['国产替代','以旧换新'],NAT,{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.008,'control_system':'GSK 25iM'},30)
add('smtcl','0101','沈阳机床','i5M4.5','i5M4.5智能立式加工中心（i5智能数控系统，可联网）',
 'i5智能系统加持，支持远程诊断、工艺支持与iSESOL云平台接入，实现设备联网和数据采集，适合数字化车间建设。X行程900mm，主轴12000rpm直联。',
 358000,420000,None,['智能制造','工业互联网','国产替代'],NAT,{'axes':3,'x_travel_mm':900,'spindle_rpm':12000,'positioning_accuracy_mm':0.006,'control_system':'i5'},45)
add('jn_cnc','0101','沈阳机床','VMC-850','【济宁现货】VMC-850立加 三轴硬轨 加工中心 济宁本地送货安装',
 '济宁本地代理沈阳机床VMC-850（硬轨版），三线硬轨重切削，主轴8000转，发那科0i-MF Plus系统可选。济宁市区及各县市区免费送货、安装调试、培训，老机床可折价回收。',
 255000,298000,None,['以旧换新','国产替代'],['370800'],{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.01,'control_system':'FANUC 0i-MF Plus'},7)
add('jn_cnc','0101','海天精工','VMC1160','海天精工VMC1160立式加工中心 济宁地区总代理',
 'X/Y/Z 1100/600/600mm，台面1200×600，BT40 10000rpm，24T机械手刀库，适合中大型零件加工。济宁、枣庄、菏泽地区销售与售后服务。',
 360000,430000,None,['以旧换新'],['370800','370400','371700'],{'axes':3,'x_travel_mm':1100,'spindle_rpm':10000,'positioning_accuracy_mm':0.008,'control_system':'FANUC 0i-MF'},15)
add('htjg','0101','海天精工','VU650-5ax','海天精工 VU650-5AX 五轴联动立式加工中心（摇篮式）',
 '摇篮式双转台五轴联动加工中心，A/C轴直驱力矩电机，主轴转速18000rpm，适用于叶轮、航空结构件、医疗器械等复杂曲面五轴加工。',
 1580000,2100000,None,['国产替代','智能制造','首台套'],NAT,{'axes':5,'x_travel_mm':650,'spindle_rpm':18000,'positioning_accuracy_mm':0.005,'control_system':'Heidenhain TNC640'},90)
add('htjg','0101','海天精工','HMC63','卧式加工中心 HMC63 双交换工作台 海天精工',
 '630×630双交换工作台，B轴0.001°分度，适合汽车箱体、阀体等多面加工，四轴联动。',
 1250000,1600000,None,['国产替代','智能制造'],NAT,{'axes':4,'x_travel_mm':1050,'spindle_rpm':8000,'positioning_accuracy_mm':0.006,'control_system':'FANUC 0i-MF'},75)
add('htjg','0101','海天精工','GMC2060','GMC2060 龙门加工中心 动梁式 海天精工',
 '工作台2000×6000mm，龙门宽度2200mm，主轴6000rpm大扭矩齿轮头，适合大型模具、机床床身、工程机械结构件加工。',
 2300000,2900000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':6000,'spindle_rpm':6000,'positioning_accuracy_mm':0.015,'control_system':'Siemens 828D'},120)
add('gdkd','0101','科德数控','KMC800 U','科德 KMC800U 五轴立式加工中心 全国产数控系统GNC62',
 '大连光洋科德自主研发五轴立式加工中心，采用自研GNC62数控系统、力矩电机、电主轴和光栅尺，核心部件全国产化。适用于航空航天叶盘、叶片等复杂零件加工，列入首台套目录。',
 2600000,3200000,None,['首台套','国产替代','专精特新'],NAT,{'axes':5,'x_travel_mm':800,'spindle_rpm':18000,'positioning_accuracy_mm':0.005,'control_system':'GNC62'},120)
add('gdkd','0101','光洋科德','GMC1230u','龙门五轴 GMC1230u 大连光洋科德',
 '龙门式五轴联动加工中心，摆头+转台结构，X轴1200mm，适用于大型航空结构件和模具五轴高速加工。',
 4500000,5600000,None,['首台套','国产替代'],NAT,{'axes':5,'x_travel_mm':1200,'spindle_rpm':24000,'positioning_accuracy_mm':0.006,'control_system':'GNC62'},150)
add('jdjd','0101','北京精雕','JDGR200','精雕 JDGR200 五轴高速加工中心 0.1μm进给 1μm切削',
 '北京精雕五轴高速加工中心，精雕JD50数控系统，在机测量与补偿，适合小型精密零件、医疗器械、精密模具五轴加工，"0.1μm进给、1μm切削、纳米级表面效果"。',
 980000,1200000,None,['国产替代','专精特新','智能制造'],NAT,{'axes':5,'x_travel_mm':200,'spindle_rpm':28000,'positioning_accuracy_mm':0.003,'control_system':'精雕JD50'},60)
add('jdjd','0101','北京精雕','JDHGT600T','JDHGT600T 精雕高速钻攻中心（三轴+第四轴可选）',
 '精雕三轴高速加工机，主轴36000rpm，可选四轴转台，适合3C精密零件、石墨电极加工。',
 520000,680000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':600,'spindle_rpm':36000,'positioning_accuracy_mm':0.003,'control_system':'精雕JD50'},45)
add('csj','0101','台群','T-V856S','台群 T-V856S 高速立式加工中心',
 '台群精机T-V856S，X/Y/Z 800/600/330mm，BT30主轴24000rpm，21T夹臂刀库，快移48m/min，3C行业、汽车零部件高效加工，年销量过万台。',
 218000,260000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':800,'spindle_rpm':24000,'positioning_accuracy_mm':0.005,'control_system':'FANUC 0i-MF'},20)
add('csj','0101','台群','T-700','T-700钻攻中心 创世纪台群 BT30 高速钻铣攻牙',
 '小型钻攻中心，X行程700mm，主轴20000rpm，换刀1.2秒，适合铝合金壳体、小五金件钻孔攻牙。',
 168000,198000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':700,'spindle_rpm':20000,'positioning_accuracy_mm':0.005,'control_system':'三菱M80'},15)
add('csj','0101','创世纪','V-1160','创世纪V1160立式加工中心（标配三轴，可选配第四轴数控转台）',
 'X/Y/Z 1100/600/600mm，BT40 12000rpm直联主轴，24T刀臂式刀库。选配Φ250数控第四轴转台实现四轴加工。',
 328000,395000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':1100,'spindle_rpm':12000,'positioning_accuracy_mm':0.006,'control_system':'FANUC 0i-MF'},25)
add('csj','0101','创世纪','V-855 四轴','VMC855 四轴加工中心 配250数控转台 四轴联动',
 '出厂即配250mm数控转台，四轴联动，适合阀体、凸轮轴、多面零件一次装夹加工。',
 345000,385000,None,['国产替代'],NAT,{'axes':4,'x_travel_mm':800,'spindle_rpm':12000,'positioning_accuracy_mm':0.006,'control_system':'FANUC 0i-MF'},25)
add('jx_cnc','0101','纽威数控','VM850L','纽威 VM850L 立式加工中心 嘉兴平湖海盐现货',
 '纽威数控VM850L线轨立加，X850，主轴10000rpm，嘉兴本地仓库现货，南湖、平湖、海盐、嘉善上门安装，配套以旧换新回收老旧铣床。',
 275000,310000,None,['以旧换新'],['330400'],{'axes':3,'x_travel_mm':850,'spindle_rpm':10000,'positioning_accuracy_mm':0.008,'control_system':'Siemens 828D'},10)
add('jx_cnc','0101','海天精工','VF850','海天精工 VF850 立式加工中心（三轴）嘉兴代理',
 'VF850高刚性立式加工中心，三轴线轨，BT40，适合紧固件模具、汽配零件加工。嘉兴地区代理，含3年保修。',
 298000,340000,None,[],['330400','330100'],{'axes':3,'x_travel_mm':850,'spindle_rpm':10000,'positioning_accuracy_mm':0.008,'control_system':'FANUC 0i-MF'},20)
add('qz_cnc','0101','友佳','VMC-1160','友佳 FEELER VMC-1160 立加 泉州晋江 石材/鞋模加工',
 '台湾友佳立式加工中心，晋江仓现货，鞋模、石材机械配件、阀门加工客户众多，泉州全市上门服务。',
 345000,390000,None,[],['350500'],{'axes':3,'x_travel_mm':1100,'spindle_rpm':10000,'positioning_accuracy_mm':0.008,'control_system':'FANUC 0i-MF'},10)
add('qz_cnc','0101','宝鸡机床','VMC850B','宝鸡VMC850B加工中心（泉州经销）',
 '宝鸡机床VMC850B立式加工中心，凯恩帝K1000MC系统，经济型。泉州、漳州、莆田地区经销。',
 205000,238000,None,['国产替代'],['350500','350600','350300'],{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.012,'control_system':'KND K1000MC'},10)
add('qz_cnc','0101','定制','SJ-QS3020','石英石加工中心 SJ-QS3020 五轴桥切一体 泉州',
 '用于石英石、岩板台面开孔、磨边、异形加工的五轴石材加工中心，桥式结构，配切割锯片和铣刀库，泉州水头石材产区大量应用。',
 420000,560000,None,['智能制造'],['350000'],{'axes':5,'x_travel_mm':3200,'spindle_rpm':12000,'positioning_accuracy_mm':0.05,'control_system':'意大利ESA'},45)
add('njjc','0101','普什宁江','NJ-5HMC40','普什宁江 NJ-5HMC40 精密五轴卧式加工中心',
 '四川普什宁江五轴联动卧式加工中心，工作台400×400，适合发动机叶片、精密壳体等零件加工，四川造优质产品。',
 2200000,2800000,None,['四川造','国产替代','首台套'],NAT,{'axes':5,'x_travel_mm':560,'spindle_rpm':15000,'positioning_accuracy_mm':0.004,'control_system':'Siemens 840D sl'},120)
add('njjc','0101','宁江','THM6350','宁江 THM6350 精密卧式加工中心 四轴',
 '精密卧式加工中心，B轴分度，四轴，适用于汽车、军工零件，四川成都都江堰生产。',
 980000,1250000,None,['四川造','国产替代'],NAT,{'axes':4,'x_travel_mm':630,'spindle_rpm':8000,'positioning_accuracy_mm':0.005,'control_system':'FANUC 31i'},90)
add('cd_cnc','0101','蜀工','SG-VMC850','成都本地 VMC850 立式加工中心 三轴 四川造',
 '成都本地机床厂生产VMC850立加，三轴，台湾银泰线轨，BT40主轴8000rpm，川渝地区24小时上门服务。',
 215000,245000,None,['四川造'],['510000','500000'],{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.01,'control_system':'华中数控HNC-818B'},20)
add('cd_cnc','0101','蜀工','SG-VMC1160-5X','五轴加工中心 SG-VMC1160-5X 华中9型 国产五轴',
 '基于VMC1160平台的AC摇篮五轴，华中数控HNC-848D/华中9型智能数控系统，国产五轴入门机型。',
 880000,1050000,None,['四川造','国产替代'],['510000','500000','530000','520000'],{'axes':5,'x_travel_mm':1100,'spindle_rpm':12000,'positioning_accuracy_mm':0.008,'control_system':'华中9型'},60)
add('dy_cnc','0101','大连机床','DL-VMC1580','德阳 大连机床VMC1580大型立加（二手再制造）',
 '大连机床VMC1580再制造机，更换主轴、丝杆、导轨，控制系统升级为FANUC 0i-MF，精度按新机标准检验，价格为新机一半。',
 260000,320000,None,['再制造','以旧换新'],['510000'],{'axes':3,'x_travel_mm':1500,'spindle_rpm':8000,'positioning_accuracy_mm':0.012,'control_system':'FANUC 0i-MF'},30)
add('jn_cnc','0101','海天精工','GR2025','海天龙门GR2025 济宁代理 龙门加工中心',
 '龙门加工中心，台面2000×2500，适合工程机械、煤机结构件，济宁地区送货安装。',
 1180000,1400000,None,[],['370800'],{'axes':3,'x_travel_mm':2500,'spindle_rpm':6000,'positioning_accuracy_mm':0.015,'control_system':'FANUC 0i-MF'},60)
# odd category: vendor chose parent 01
add('jx_cnc','01','德玛吉','DMU 50','DMG MORI DMU 50 第三代 五轴万能铣削加工中心',
 '德玛吉森精机 DMU 50 3rd Generation，五轴联动，旋转摆动工作台，CELOS + Siemens 840D，适合高精密五轴零件加工。进口品牌，嘉兴上海地区服务。',
 3200000,3900000,None,[],['330000','310000'],{'axes':5,'x_travel_mm':650,'spindle_rpm':15000,'positioning_accuracy_mm':0.004,'control_system':'Siemens 840D sl'},150)
add('smtcl','0101','沈阳机床','VMC0850B','VMC0850B 立加 经济型 沈阳机床',
 '经济型立式加工中心，三轴，适用于一般机械零件加工，采用广数系统。',
 198000,226000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':850,'spindle_rpm':8000,'positioning_accuracy_mm':0.012,'control_system':'GSK 25iM'},30)
# ---------- 数控车床 0102 ----------
add('smtcl','0102','沈阳机床','CAK6150','沈阳机床 CAK6150 数控车床 平床身',
 'CAK61/63系列数控卧式车床，最大回转直径500mm，加工长度1000/1500mm，四工位电动刀架，适合轴类、盘类零件。',
 98000,135000,None,['国产替代','以旧换新'],NAT,{'max_turning_diameter_mm':500,'max_turning_length_mm':1000,'spindle_rpm':2000,'positioning_accuracy_mm':0.02,'control_system':'FANUC 0i-TF'},20)
add('smtcl','0102','沈阳机床','i5T3','i5T3.3 智能数控车床（斜床身）',
 '45°斜床身，i5智能系统，可接入工业互联网平台，远程运维。',
 158000,188000,None,['智能制造','工业互联网','国产替代'],NAT,{'max_turning_diameter_mm':400,'max_turning_length_mm':320,'spindle_rpm':4500,'positioning_accuracy_mm':0.008,'control_system':'i5'},25)
add('jn1','0102','济南一机','CK6150e','济南第一机床 CK6150e 数控车床',
 '济南一机经典数控车床，床身宽400mm，最大回转直径500mm，适合煤机、汽配轴类零件加工，好品山东产品。',
 88000,118000,None,['好品山东','国产替代'],NAT,{'max_turning_diameter_mm':500,'max_turning_length_mm':1000,'spindle_rpm':1800,'positioning_accuracy_mm':0.02,'control_system':'GSK 980TDi'},20)
add('jn_cnc','0102','宝鸡机床','CK7530','宝鸡 CK7530 斜床身数控车床 济宁现货',
 '斜床身数控车床，液压刀塔，液压卡盘，济宁本地现货，包安装培训。',
 135000,158000,None,['以旧换新'],['370800'],{'max_turning_diameter_mm':500,'max_turning_length_mm':300,'spindle_rpm':4000,'positioning_accuracy_mm':0.008,'control_system':'FANUC 0i-TF Plus'},5)
add('qz_cnc','0102','台湾程泰','GTX-52','车铣复合 车削中心 GTX-52 带Y轴动力刀塔 泉州',
 '车削中心，动力刀塔+Y轴，可车铣钻攻一次完成，适合阀门、卫浴五金件加工，泉州地区安装。',
 480000,560000,None,[],['350500'],{'max_turning_diameter_mm':520,'max_turning_length_mm':500,'spindle_rpm':4500,'positioning_accuracy_mm':0.005,'control_system':'FANUC 0i-TF Plus'},30)
add('cd_cnc','0102','云南CY','CY-K510','CY-K510 数控车床 成都经销',
 '云南机床CY-K510数控车床，平床身，西门子808D系统，四川地区经销。',
 92000,110000,None,['国产替代'],['510000'],{'max_turning_diameter_mm':510,'max_turning_length_mm':1000,'spindle_rpm':2000,'positioning_accuracy_mm':0.02,'control_system':'Siemens 808D'},15)
add('jx_cnc','0102','海德曼','HTC-400','海德曼 HTC-400 高端数控车床 嘉兴',
 '浙江玉环海德曼高端数控车床，45度一体铸造斜床身，伺服刀塔，浙江制造认证。',
 215000,260000,None,['浙江制造','国产替代'],['330000'],{'max_turning_diameter_mm':400,'max_turning_length_mm':400,'spindle_rpm':4500,'positioning_accuracy_mm':0.005,'control_system':'FANUC 0i-TF Plus'},20)
add('dy_cnc','0102','齐重数控','CK5240','CK5240 数控单柱立式车床 大型盘类零件',
 '齐重数控立式车床，最大车削直径4000mm，适合风电法兰、大型阀体等加工，德阳重装配套。',
 1350000,1650000,None,['国产替代'],['510000'],{'max_turning_diameter_mm':4000,'max_turning_length_mm':2000,'spindle_rpm':200,'positioning_accuracy_mm':0.03,'control_system':'Siemens 828D'},90)
# ---------- 数控磨床 0103 ----------
add('shmt','0103','上海机床厂','MK1332','上海机床厂 MK1332 数控外圆磨床',
 '数控万能外圆磨床，最大磨削直径320mm，磨削长度1000mm，砂轮线速度45m/s，圆度0.8μm，适合轴类精密零件。',
 380000,460000,None,['国产替代'],NAT,{'max_grinding_diameter_mm':320,'max_grinding_length_mm':1000,'wheel_speed_m_s':45,'roundness_um':0.8,'control_system':'FANUC 0i-TF'},60)
add('shmt','0103','上海机床厂','H193','H193 数控高速曲轴磨床（CBN砂轮）',
 '上海机床厂H193数控随动曲轴磨床，CBN砂轮线速度120m/s，用于汽车发动机曲轴连杆颈磨削，替代进口。',
 2800000,3500000,None,['国产替代','首台套'],NAT,{'max_grinding_diameter_mm':320,'max_grinding_length_mm':1000,'wheel_speed_m_s':120,'roundness_um':1.5,'control_system':'Siemens 840D sl'},180)
add('qinchuan','0103','秦川','QMK50A','秦川机床 QMK50A 数控蜗杆砂轮磨齿机',
 '秦川机床工具集团数控蜗杆砂轮磨齿机，最大工件直径500mm，用于汽车、减速机齿轮精密磨削，精度可达GB/T 10095 4级。',
 2600000,3200000,None,['国产替代','首台套'],NAT,{'max_grinding_diameter_mm':500,'max_grinding_length_mm':400,'wheel_speed_m_s':63,'roundness_um':2,'control_system':'Siemens 840D sl'},180)
add('qinchuan','0103','秦川','MKS1632','秦川 MKS1632 数控高速外圆磨床',
 '高速数控外圆磨床，砂轮线速度80m/s，圆度0.5μm。',
 520000,620000,None,['国产替代'],NAT,{'max_grinding_diameter_mm':320,'max_grinding_length_mm':1000,'wheel_speed_m_s':80,'roundness_um':0.5,'control_system':'FANUC 0i-TF'},60)
add('hzmt','0103','杭州机床','MK7132','杭州机床 MK7132 数控平面磨床 杭机',
 '卧轴矩台数控平面磨床，工作台1000×320，适合模具、平板类零件精密磨削，浙江制造。',
 168000,215000,None,['浙江制造','国产替代'],NAT,{'max_grinding_diameter_mm':320,'max_grinding_length_mm':1000,'wheel_speed_m_s':35,'control_system':'GSK 218MC'},30)
add('jn_cnc','0103','无锡机床','MK2110','数控内圆磨床 MK2110 济宁轴承行业',
 '无锡机床数控内圆磨床，适合轴承套圈内孔磨削，济宁（兖州、邹城轴承企业）上门服务。',
 260000,320000,None,['国产替代'],['370800'],{'max_grinding_diameter_mm':100,'max_grinding_length_mm':125,'wheel_speed_m_s':60,'roundness_um':1,'control_system':'FANUC 0i-TF'},45)
add('cd_cnc','0103','普什宁江','NJ-MK1320','成都 数控磨床 MK1320 外圆磨',
 '普通精度数控外圆磨床，成都地区销售服务。',
 145000,175000,None,['四川造'],['510100'],{'max_grinding_diameter_mm':200,'max_grinding_length_mm':500,'wheel_speed_m_s':35,'roundness_um':1.5,'control_system':'GSK'},30)
# ---------- 数控铣床 0109 / 电火花 0110 ----------
add('jdjd','0109','北京精雕','Carver600','精雕 Carver600 雕铣机 CNC精密雕铣',
 '北京精雕雕铣机，适合小模具、电极、精密零件雕铣，主轴24000rpm。',
 280000,350000,None,['国产替代'],NAT,{'axes':3,'x_travel_mm':600,'spindle_rpm':24000,'positioning_accuracy_mm':0.005,'control_system':'精雕JD50'},30)
add('qz_cnc','0109','佳铁','XK7136','XK7136 数控铣床 泉州经济型',
 '数控立式铣床，经济型，适合小批量铣削，替代老式摇臂铣床。',
 78000,95000,None,[],['350500'],{'axes':3,'x_travel_mm':800,'spindle_rpm':6000,'positioning_accuracy_mm':0.02,'control_system':'KND'},7)
add('gf','0110','GF加工方案','CUT P 550','GF阿奇夏米尔 CUT P 550 慢走丝线切割',
 '精密慢走丝线切割，Ra0.1μm，适合精密冲压模、注塑模零件。',
 980000,1250000,None,[],NAT,{'x_travel_mm':550,'max_workpiece_kg':400,'surface_roughness_um':0.1,'positioning_accuracy_mm':0.002,'machining_type':'慢走丝'},60)
add('edm_sg','0110','三光','DK7740','苏州三光 DK7740 中走丝线切割机床',
 '中走丝线切割，多次切割Ra≤1.0μm，性价比高，适合一般模具加工。',
 42000,58000,None,['国产替代'],NAT,{'x_travel_mm':400,'max_workpiece_kg':400,'surface_roughness_um':1.0,'positioning_accuracy_mm':0.01,'machining_type':'中走丝'},10)
add('edm_sg','0110','三光','DE7145','电火花成型机 数控EDM 苏州三光 DE7145',
 '数控电火花成型机，适合型腔模具精加工，镜面放电。',
 88000,120000,None,['国产替代'],NAT,{'x_travel_mm':450,'max_workpiece_kg':1000,'surface_roughness_um':0.2,'positioning_accuracy_mm':0.005,'machining_type':'电火花成型'},20)
