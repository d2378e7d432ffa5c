"""The atlas's own English rendering of the sixteen measures of 国科发区〔2020〕336号.

An unofficial translation, made for the atlas from the Simplified text of the MOST notice
(2020-12-04) sentence by sentence, nothing left out and nothing added; the page labels it
"unofficial translation". Names of programmes, places and institutions follow the English the
atlas uses elsewhere (Xizang for 西藏, Yangling for 杨凌). scripts/build_policy.py writes them to
the `text_en` column of data/policy/measures.csv, in the order of the measures.
"""

from __future__ import annotations

TEXTS_EN = (
    # (一)
    "(1) Support the building of the Chengdu–Chongqing S&T innovation centre. Study and draw up a "
    "special plan for the integrated development of S&T innovation in Chengdu and Chongqing; give "
    "priority support to siting major S&T infrastructure such as the ultra-transient matter science "
    "experimental facility and the experimental system for simulating surface processes and the "
    "ecological environment of the Yangtze River basin; foster and build national technology "
    "innovation centres such as one for the Sichuan–Tibet Railway; speed up the building of the "
    "Chengdu National New-Generation Artificial Intelligence Innovation and Development Pilot Zone; "
    "and strive to build a comprehensive national science centre. Support the building of the "
    "Chengdu–Chongqing western science city, raise the level of building of the Chongqing Science "
    "City and the Chengdu Science City, and support the Mianyang Science City in exploring a "
    "scientific path to establishing a special zone for regional S&T innovation. Promote the "
    "building of the Chongqing and Chengdu independent innovation demonstration zones.",
    # (二)
    "(2) Support the building of Xi'an as an important national centre of scientific research, "
    "culture and education. Make use of the advantages in basic conditions for innovation that come "
    "from the integration of Xi'an and Xianyang, and give priority support to building an important "
    "national centre of scientific research, culture and education. Give priority to siting and "
    "building major S&T infrastructure such as an attosecond light source; foster and build national "
    "technology innovation centres such as one for rare metal materials; and, through national S&T "
    "programmes, increase support for tackling frontier core technologies in fields such as "
    "electronic information, high-end equipment, aerospace, energy and chemicals, and advanced "
    "materials, so as to support the solving of key bottlenecks in fields of national strategic "
    "importance and in industrial development.",
    # (三)
    "(3) Build regional innovation highlands, each with its own features. In line with the "
    "implementation of major national S&T strategies and the requirements of high-quality regional "
    "development, improve the system of indicators for building innovative provinces by category; "
    "guide the western region to carry out the building of innovative provinces across the board; "
    "support areas where conditions allow in creating a number of innovative cities and innovative "
    "counties (county-level cities); give play to the leading role of innovative cities such as "
    "Xining, Nanning, Kunming, Guiyang, Yinchuan, Hohhot and Lhasa; speed up raising the innovation "
    "capacity of prefecture-level cities with regional features such as Karamay and Deyang; explore "
    "differentiated paths of innovation and development; build regional innovation highlands, each "
    "with its own features; and create a power system in which innovation drives the shift from old "
    "to new growth drivers.",
    # (四)
    "(4) Step up the fostering of S&T-based enterprises. Focusing on the western region's need to "
    "enlarge the scale of its S&T-based enterprises and to raise the innovation capacity of "
    "enterprises, support the implementation of programmes for fostering high-tech enterprises, "
    "study further increasing tax incentives for high-tech enterprises, and guide greater support "
    "for the development of high-tech enterprises. Support enterprises in jointly establishing "
    "new-type R&D institutions with universities and research institutes; strengthen the building "
    "of public technology service platforms in Xi'an, Chengdu, Lanzhou and other areas, providing "
    "technology supply and R&D services in support of the innovation activities of small and "
    "medium-sized enterprises. Implement the “Growth Roadmap Programme 2.0 for S&T-based Small and "
    "Medium-sized Enterprises”, promote links between enterprises and investment institutions and "
    "financial institutions, and support high-quality western enterprises in raising funds by "
    "listing on the “New Third Board” and the STAR Market.",
    # (五)
    "(5) Vigorously promote the high-quality development of high-tech zones. Promote the full "
    "implementation in the western region of the State Council's “Several Opinions on Promoting the "
    "High-Quality Development of National High-tech Industrial Development Zones”; increase support "
    "for fostering and building high-tech zones in the western region; and advance in an orderly way "
    "the “building through upgrading” of provincial high-tech zones such as Baise, Yan'an, Zunyi and "
    "Yibin. Give play to the role of high-tech zones as the core areas that carry innovation and "
    "development: give priority support to Xinjiang, Qinghai, Xizang, Ningxia and other areas in "
    "speeding up the development of innovative industrial clusters in characteristic farming and "
    "animal husbandry, biomedicine and the like; support Chongqing, Shaanxi, Sichuan and other areas "
    "in speeding up the development of innovative industrial clusters in energy and chemicals, "
    "national defence and military industry, electronic information and the like; and support Inner "
    "Mongolia in speeding up the green development of the coal industry and the development of "
    "innovative industrial clusters in new materials. Support high-tech zones of the eastern region "
    "in building “enclaves” in the western region, and support eastern and western high-tech zones "
    "in “pairing up” to form innovation cooperation alliances, raising the capacity for "
    "collaborative innovation in industry and the competitiveness of whole industrial chains.",
    # (六)
    "(6) Carry out an action to upgrade “mass entrepreneurship and innovation” in the western "
    "region. Vigorously promote S&T-based innovation and entrepreneurship in the western region; "
    "encourage local governments to fund the setting-up of venture-capital guidance funds, or to "
    "apply to set up venture-capital sub-funds of the National Guidance Fund for the Transfer and "
    "Commercialisation of S&T Achievements; actively guide researchers to found S&T-based "
    "enterprises; speed up the commercialisation of S&T achievements; and lead the upgrading of "
    "“mass entrepreneurship and innovation”. Encourage leading enterprises in the western region to "
    "set up specialised maker spaces and to actively open the resources of their industrial and "
    "supply chains to start-up S&T-based enterprises, promoting the integrated development of large, "
    "medium-sized and small enterprises. Support the building of innovation and entrepreneurship "
    "clusters such as Chongqing's innovation ecosystem ringing the universities, Chengdu's "
    "knowledge-economy circle ringing the universities and Xi'an's Silk Road starting-point cultural "
    "innovation circle, and promote the specialised development of incubation carriers for "
    "innovation and entrepreneurship such as S&T business incubators and maker spaces.",
    # (七)
    "(7) Carry out an action for the transfer and commercialisation of S&T achievements in the "
    "western region. Speed up the improvement of the technology-transfer system of the western "
    "region; support the setting-up of a number of new national demonstration zones for the "
    "transfer and commercialisation of S&T achievements; increase support for building the National "
    "Technology Transfer Northwest Centre and the National Technology Transfer Southwest Centre; and "
    "speed up building a collaborative backbone network for the commercialisation of S&T "
    "achievements in the region. Support universities and research institutes in setting up "
    "specialised technology-transfer institutions, and foster a high-level corps of technology "
    "managers, so that the western region's science and education resources are commercialised "
    "locally. Encourage the setting-up of mechanisms that match the commercialisation of S&T "
    "achievements with universities and research institutes of developed regions; carry out the "
    "“researchers and S&T experts go west” and “S&T achievements through train” actions; and "
    "increase support for commercialising achievements urgently needed for the development of the "
    "western region, and of its border and ethnic-minority areas in particular.",
    # (八)
    "(8) Carry out an innovation action for rural revitalisation in the western region. Focusing "
    "on the rural revitalisation strategy and the major task of the battle against poverty, give "
    "priority support to Xizang, Qinghai and other areas in tackling key core technologies of "
    "farming and animal husbandry and of eco-tourism in high-cold areas, and in their demonstration "
    "and extension; support Sichuan, Guizhou, Guangxi and other areas in tackling technologies of "
    "efficient, characteristic mountain agriculture, and in their demonstration and extension; and "
    "support Gansu, Shaanxi, Ningxia, Inner Mongolia, Xinjiang and other areas in tackling "
    "technologies of arid and semi-arid agriculture, and in their demonstration and extension. "
    "Improve the layout of agricultural S&T parks in the western region, speed up the building of "
    "national agricultural S&T parks, and encourage stronger building of provincial agricultural S&T "
    "parks. Support areas where conditions allow in fostering and building national agricultural "
    "high-tech industry demonstration zones, and further raise the level of building of the Yangling "
    "Demonstration Zone.",
    # (九)
    "(9) Carry out an action of S&T for the benefit of the people in the western region. Focusing "
    "on major issues of people's livelihoods, support research on the patterns of onset and on the "
    "methods of diagnosis and treatment of the chronic and endemic diseases common in the western "
    "region, and the research, development, demonstration and extension of low-cost diagnostic "
    "instruments and special treatment equipment; and increase support for the extension and "
    "application of advanced technologies in the public health system of the western region. "
    "Support Yunnan, Guizhou, Xizang and other areas in research on the protection of the germplasm "
    "resources, the breeding and the cultivation of genuine regional Chinese medicinal materials, on "
    "ethnic-minority medicine, and on related subjects, promoting the development of the "
    "ethnic-minority medicine industry. Support the research, development and demonstration of key "
    "technologies for “smart border defence”, and strengthen the extension and application of "
    "technologies such as big data, remote sensing and BeiDou navigation. Support Dunhuang and other "
    "places in research on key technologies for the protection and restoration of cultural relics, "
    "and in their demonstration and application.",
    # (十)
    "(10) Carry out an action of S&T support for a beautiful west. Focusing on the tasks laid out "
    "for building an ecological civilisation, support stronger research on the integration of "
    "ecological-protection technologies, and their demonstration, in key areas such as the "
    "ecological barrier of the Qinghai–Tibet Plateau, the Loess Plateau–Sichuan–Yunnan ecological "
    "barrier, the northern sand-control belt and the southern hilly and mountainous belt; support "
    "related strong disciplines in fostering and building state key laboratories; and build a number "
    "of national field observation stations. Support the results of the Second Comprehensive "
    "Scientific Expedition to the Qinghai–Tibet Plateau in playing a supporting role in building an "
    "ecological civilisation in the western region. Implement special S&T projects for the "
    "comprehensive environmental management of the Yangtze and Yellow Rivers; support tackling "
    "technologies for the joint prevention and control of air pollution in the Chengdu–Chongqing "
    "area and the Fen–Wei Plain, and their demonstration and application; and support ecological "
    "protection and high-quality development in the Yangtze and Yellow River basins. Speed up the "
    "building of national innovation demonstration zones for the sustainable development agenda, "
    "and raise the level of building of national sustainable development experimental zones.",
    # (十一)
    "(11) Support east–west S&T cooperation. Further strengthen the key work of east–west S&T "
    "cooperation, such as S&T support for Ningxia, S&T into Yunnan, S&T to invigorate Inner "
    "Mongolia, S&T aid to Xinjiang, S&T aid to Xizang and S&T aid to Qinghai. Innovate the "
    "mechanisms of east–west cooperation; deepen the cooperation between Gansu and Shanghai "
    "Zhangjiang, the “four-party” cooperation of Xinjiang and the cooperation between Guizhou and "
    "Beijing Zhongguancun; support the western region in attracting talent, landing projects, "
    "building platforms and gathering resources; and raise the western region's capacity for "
    "innovation and development. Promote the establishment of S&T innovation cooperation mechanisms "
    "between the western region and regions of national strategy such as Beijing–Tianjin–Hebei, the "
    "Guangdong–Hong Kong–Macao Greater Bay Area and the Yangtze River Delta.",
    # (十二)
    "(12) Support participation in Belt and Road S&T cooperation. Make use of the western region's "
    "locational advantages, support building a network of Belt and Road international S&T "
    "cooperation platforms, and raise the capacity for open cooperation. Give priority support to "
    "Chengdu and Chongqing in jointly building a Belt and Road S&T innovation cooperation zone; "
    "support Yunnan in building an S&T innovation centre that radiates to South Asia and Southeast "
    "Asia; support Guangxi in building the China–ASEAN S&T cooperation centre; support Inner "
    "Mongolia in building the China–Mongolia technology transfer centre; push Xinjiang to speed up "
    "building the cultural, science and education centre (S&T centre) of the core area of the Silk "
    "Road Economic Belt; support Xizang in carrying out S&T cooperation along the overland corridor "
    "to South Asia; and actively advance the building of the China–Pakistan, China–Arab States and "
    "China–Hungary technology transfer centres.",
    # (十三)
    "(13) Deepen the reform of the S&T system. Support the western region in speeding up innovation "
    "in S&T systems and mechanisms; carry out in the western region pilot work that grants "
    "researchers ownership, or long-term rights of use, of S&T achievements made in the course of "
    "their duties; implement the policies that extend autonomy in the use of research funds; and "
    "extend the autonomy of universities and research institutes in the distribution of pay.",
    # (十四)
    "(14) Strengthen the guarantees for attracting talent and expertise. Support talent programmes "
    "of all kinds in leaning towards the western region, helping the west to attract, motivate and "
    "retain talent. Encourage the western region to explore annual salaries, negotiated salaries and "
    "project-based salaries for high-level talent and talent in short supply; push the western "
    "region to improve its standards for evaluating foreign talent by category; and provide a green "
    "channel for work permits for high-level foreign talent.",
    # (十五)
    "(15) Increase investment in innovation. Build a diversified investment mechanism, and encourage "
    "the western region to raise local government spending on S&T. Guide financial institutions to "
    "set up, in the western region, specialised units that serve S&T-based enterprises, such as S&T "
    "sub-branches or S&T finance divisions. Support S&T innovation in the western region through the "
    "central government's funds for guiding local S&T development. Include Guangxi, Chongqing, "
    "Sichuan, Xizang, Qinghai, Ningxia and others in the Regional Innovation and Development Joint "
    "Fund of the National Natural Science Foundation of China, and strengthen the training of, and "
    "support for, the western region's talent.",
    # (十六)
    "(16) Coordinate the implementation of the tasks. The Ministry of Science and Technology takes "
    "the lead in setting up a mechanism for coordinating the implementation of the tasks, sets up a "
    "regional joint-meeting mechanism, and deepens the mechanism of consultation between the "
    "ministry and the provinces. The provinces (autonomous regions, municipalities directly under "
    "the central government) of the western region are the implementing bodies: they are to break "
    "down each task, and set up project ledgers and lists of tasks to be implemented. Establish a "
    "monitoring and evaluation system for regional S&T innovation, and advance the implementation "
    "of every task of these implementing opinions.",
)
