"""Original, fictional demo content for the space-industry news site.

All articles, names, companies and missions below are invented for
demonstration and testing purposes. Links point only at the home pages
of real organisations.
"""

SECTIONS = [
    {
        "name": "Rocket Science",
        "slug": "rocket-science",
        "description": "Engines, materials and the engineering ideas that get hardware off the ground.",
        "order": 1,
    },
    {
        "name": "Space Careers",
        "slug": "space-careers",
        "description": "Hiring, training, internships and the people who build the space economy.",
        "order": 2,
    },
    {
        "name": "Launch Industry",
        "slug": "launch-industry",
        "description": "Launch providers, spaceports, manifests and the business of reaching orbit.",
        "order": 3,
    },
    {
        "name": "Satellites",
        "slug": "satellites",
        "description": "Communications, navigation and Earth observation spacecraft and the firms that fly them.",
        "order": 4,
    },
    {
        "name": "Exploration",
        "slug": "exploration",
        "description": "Robotic and crewed missions to the Moon, Mars, asteroids and beyond.",
        "order": 5,
    },
    {
        "name": "Space Policy",
        "slug": "space-policy",
        "description": "Regulation, treaties, budgets and the politics shaping activity in orbit.",
        "order": 6,
    },
]

AUTHORS = [
    {
        "name": "Mara Okonkwo",
        "slug": "mara-okonkwo",
        "bio": "Mara Okonkwo covers propulsion and launch vehicles and spent six years as a test engineer before moving into journalism.",
    },
    {
        "name": "Tomas Lindqvist",
        "slug": "tomas-lindqvist",
        "bio": "Tomas Lindqvist reports on European space policy and regulation from Brussels.",
    },
    {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "bio": "Priya Raman writes about satellites, Earth observation and the commercial space sector from Bengaluru.",
    },
    {
        "name": "Daniel Ferreira",
        "slug": "daniel-ferreira",
        "bio": "Daniel Ferreira follows the space workforce, from university labs and job fairs to astronaut training centres.",
    },
    {
        "name": "Helene Marchand",
        "slug": "helene-marchand",
        "bio": "Helene Marchand covers planetary science and exploration missions and holds a doctorate in geophysics.",
    },
]

KEYWORDS = [
    {"name": "SPACEX", "slug": "spacex"},
    {"name": "ISS", "slug": "iss"},
    {"name": "MARS", "slug": "mars"},
    {"name": "ARTEMIS", "slug": "artemis"},
    {"name": "SATELLITE BROADBAND", "slug": "satellite-broadband"},
    {"name": "SPACE DEBRIS", "slug": "space-debris"},
    {"name": "TESLA MOTORS", "slug": "tesla-motors"},
    {"name": "ESA", "slug": "esa"},
    {"name": "NASA", "slug": "nasa"},
    {"name": "LUNAR LANDERS", "slug": "lunar-landers"},
    {"name": "REUSABLE ROCKETS", "slug": "reusable-rockets"},
    {"name": "CUBESATS", "slug": "cubesats"},
    {"name": "SPACE JOBS", "slug": "space-jobs"},
    {"name": "EARTH OBSERVATION", "slug": "earth-observation"},
    {"name": "ION PROPULSION", "slug": "ion-propulsion"},
    {"name": "SPACE TOURISM", "slug": "space-tourism"},
    {"name": "ASTEROIDS", "slug": "asteroids"},
    {"name": "SPACE LAW", "slug": "space-law"},
]

ARTICLES = [
    # ------------------------------------------------------------------ August
    {
        "title": "Methane Engine Completes Record 600-Second Burn on West Texas Test Stand",
        "slug": "methane-engine-completes-record-600-second-burn-on-west-texas-test-stand",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Midland TX",
        "published": "2026-08-03 09:15",
        "teaser": "Corvid Propulsion ran its Harrier methane engine for ten full minutes, roughly the burn an upper stage needs to reach orbit, and says the hardware came off the stand ready to fire again without refurbishment.",
        "body": """<p>Corvid Propulsion said on Monday that its Harrier methane engine ran for 600 seconds on a test stand in West Texas, the longest continuous burn the company has attempted and close to the duration an upper stage needs to push a payload into orbit.</p>
<p>The engine burns liquid methane and liquid oxygen in a gas-generator cycle, a deliberately conservative choice. Chief engineer Ruth Abernathy said the team cared less about peak efficiency than about an engine that could be inspected quickly and flown again.</p>
<blockquote>We pulled the borescope out after the run and the chamber wall looked like it did this morning. That is the result we were chasing, more than the number on the clock.</blockquote>
<p>Methane has become the fuel of choice for a new generation of <strong>reusable rockets</strong> because it burns cleaner than kerosene and leaves little soot in turbopumps and injectors. That matters when the same engine is expected to fly a dozen or more times.</p>
<p>Corvid plans a further series of restarts in September, cycling the engine on and off in vacuum-like conditions to mimic the multiple burns needed to circularise an orbit and then deorbit the stage. The company has not named a customer for the rocket the Harrier will power, but says a first orbital launch attempt is pencilled in for late next year.</p>""",
        "credit_line": "",
        "keywords": ["reusable-rockets"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Summer Internship Cohort Triples at Toulouse Satellite Builder",
        "slug": "summer-internship-cohort-triples-at-toulouse-satellite-builder",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "",
        "dateline_place": "Toulouse",
        "published": "2026-08-05 14:30",
        "teaser": "Aubrac Orbital took on 120 interns this summer, three times last year's intake, and says most of them worked on flight hardware rather than paperwork as the company races to fill a growing order book for small satellites.",
        "body": """<p>Aubrac Orbital, a Toulouse company that builds buses for small satellites, says it hosted 120 interns this summer, up from 40 a year ago. The firm credits a backlog of orders from constellation operators and a deliberate decision to recruit earlier in students' careers.</p>
<p>Head of talent Camille Rouvier said the programme was redesigned so that interns join an integration team on their first day. Several spent the summer wiring harnesses, writing test procedures or running thermal-vacuum campaigns on spacecraft that are due to launch next spring.</p>
<p>"The old model was shadowing," Rouvier said. "Now we give them a real subsystem with a real deadline, and a mentor who signs off on their work." She said roughly half of the previous cohort accepted permanent offers.</p>
<p>Students interviewed at the site described long days but unusual responsibility. One mechanical engineering student from Lyon said she had designed a bracket that is now bolted to a satellite headed for orbit, something she had not expected to do before graduating.</p>
<p>Aubrac plans to open applications for next summer in October and says it will also accept students from vocational programmes, not only engineering schools, as it struggles to hire enough technicians for its clean rooms.</p>""",
        "credit_line": "",
        "keywords": ["space-jobs"],
        "related_links": [
            {"title": "CNES", "url": "https://cnes.fr"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Broadband Operator Adds 48 Satellites to Constellation in Single Launch",
        "slug": "broadband-operator-adds-48-satellites-to-constellation-in-single-launch",
        "section": "satellites",
        "author": None,
        "agency": "SPX",
        "dateline_place": "Cape Canaveral FL",
        "published": "2026-08-07 11:00",
        "teaser": "Tessellate Networks put 48 more broadband satellites into low orbit aboard a Falcon 9, bringing its fleet to more than 400 spacecraft and edging the company closer to continuous coverage over northern latitudes.",
        "body": """<p>Tessellate Networks said 48 of its broadband satellites were deployed successfully on Friday after a Falcon 9 lifted off from Florida in the early hours. The company confirmed contact with every spacecraft within three hours of separation.</p>
<p>The launch brings Tessellate's fleet to 412 satellites. The operator says it needs about 540 in orbit before it can offer uninterrupted service across Canada, Scandinavia and northern Russia, the markets where it believes satellite broadband has the clearest advantage over fibre.</p>
<p>Each satellite weighs about 300 kilograms and carries a phased-array antenna that steers beams electronically toward user terminals. After deployment the spacecraft spend several weeks raising themselves to an operating altitude of 560 kilometres using small electric thrusters.</p>
<p>Tessellate has booked three more flights with SpaceX before the end of the year. Chief executive Idris Vaughan said the company was also in talks with European launch providers to avoid relying on a single supplier, though he declined to name them.</p>
<p>Astronomers have raised concerns about the brightness of large constellations. Tessellate says the latest batch uses a darker coating on the antenna panels and that it shares its orbital data with observatories to help them schedule around passes.</p>""",
        "credit_line": "spx/rvn",
        "keywords": ["spacex", "satellite-broadband"],
        "related_links": [
            {"title": "SpaceX", "url": "https://www.spacex.com"},
        ],
        "source_url": "https://www.spacex.com",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Rosetta Archive Reanalysis Hints at Buried Ice Layers on Comet 67P",
        "slug": "rosetta-archive-reanalysis-hints-at-buried-ice-layers-on-comet-67p",
        "section": "exploration",
        "author": "helene-marchand",
        "agency": "ESA",
        "dateline_place": "Darmstadt",
        "published": "2026-08-11 08:45",
        "teaser": "A fresh look at radar and thermal data gathered by the Rosetta mission a decade ago suggests comet 67P hides stratified ice beneath its dusty crust, a finding that could change how future probes sample comets.",
        "body": """<p>Scientists working through the public archive of the Rosetta mission say they have found evidence of layered water ice lying a few metres beneath the surface of comet 67P/Churyumov-Gerasimenko, according to a study presented at a planetary science meeting this week.</p>
<p>The team combined old radar soundings with thermal measurements taken as the comet swung closer to the Sun. By modelling how quickly heat penetrated different regions, they identified patches where the data fit best with alternating bands of ice and dust, rather than a uniform mix.</p>
<p>Lead author Jonas Brekke, of a university consortium in Norway, said the layers may record individual passes around the Sun, each leaving a new skin of dust over the ice below. "It is a bit like reading tree rings, except the tree is four kilometres wide and moving at tens of kilometres a second," he said.</p>
<p>The result, if confirmed, would matter for future missions that hope to drill into a comet or an ice-rich asteroid and return samples to Earth. A sampler that stops too shallow might collect only processed dust and miss the pristine material.</p>
<p>The team cautions that the signal is subtle and that other explanations remain possible. The original measurements were never designed with this question in mind, and no spacecraft is currently planned to revisit 67P.</p>""",
        "credit_line": "esa/hm",
        "keywords": ["esa", "asteroids"],
        "related_links": [
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "https://www.esa.int",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Kourou Pad Upgrade Clears Way for Faster Launch Turnaround",
        "slug": "kourou-pad-upgrade-clears-way-for-faster-launch-turnaround",
        "section": "launch-industry",
        "author": None,
        "agency": "AFP",
        "dateline_place": "Kourou",
        "published": "2026-08-14 16:20",
        "teaser": "Engineers in French Guiana have finished rebuilding a flame trench and propellant lines at the European spaceport, work officials say could cut the time between launches from the same pad from five weeks to under three.",
        "body": """<p>A months-long refurbishment of one of the launch pads at the Guiana Space Centre has been completed, the site's operators said on Friday, paving the way for a busier schedule from the European spaceport next year.</p>
<p>Crews replaced sections of the flame trench, which channels exhaust away from a rocket at lift-off, with a new heat-resistant concrete that officials say needs less repair between flights. Propellant lines were rerouted to shorten the time needed to load and drain a vehicle.</p>
<p>Site manager Olivier Deschamps said the aim was to launch from the pad every three weeks instead of every five. "The rocket is no longer the bottleneck," he said. "The ground is. So we fixed the ground."</p>
<p>Europe has faced pressure to increase its launch cadence after a period in which several of its institutional satellites launched on foreign rockets. Officials say a faster rhythm in Kourou is a precondition for winning back commercial customers.</p>
<p>The first launch from the upgraded pad is expected in October, carrying a pair of navigation satellites. Local officials also welcomed the roughly 200 contractor jobs the project created during construction, many of which went to residents of Kourou and nearby Sinnamary.</p>""",
        "credit_line": "oc/jbr",
        "keywords": ["esa"],
        "related_links": [
            {"title": "European Space Agency", "url": "https://www.esa.int"},
            {"title": "Arianespace", "url": "https://www.arianespace.com"},
        ],
        "source_url": "https://www.esa.int",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Debris Rules Tightened for Operators Flying in Low Earth Orbit",
        "slug": "debris-rules-tightened-for-operators-flying-in-low-earth-orbit",
        "section": "space-policy",
        "author": "tomas-lindqvist",
        "agency": "",
        "dateline_place": "Brussels",
        "published": "2026-08-14 19:05",
        "teaser": "A draft licensing framework circulated among regulators would require satellite operators to deorbit spacecraft within five years of retirement and to prove, before launch, that each vehicle can still manoeuvre at the end of its life.",
        "body": """<p>Regulators from several European countries are circulating a draft framework that would shorten the time a satellite may remain in low orbit after its mission ends, according to documents reviewed by this publication.</p>
<p>Under the proposal, operators would have to bring retired spacecraft down within five years, compared with the 25-year guideline that has long been the international norm. Applicants would also need to show that propulsion and attitude control will still work when the time comes to leave orbit.</p>
<p>The draft reflects growing alarm over <strong>space debris</strong>. Tens of thousands of fragments large enough to be tracked now circle the Earth, and operators of large constellations perform thousands of avoidance manoeuvres a year.</p>
<p>Industry groups have not opposed the principle but warn that the details matter. One trade association argued in a written response that a strict five-year limit could penalise small research satellites and CubeSats that have no propulsion at all but fly low enough to decay naturally.</p>
<p>Legal scholars note that national licensing is currently the main tool available, because the core United Nations treaties say little about debris. A consultation on the draft is expected to open before the end of the year, with final rules unlikely before 2028.</p>""",
        "credit_line": "",
        "keywords": ["space-debris", "space-law"],
        "related_links": [
            {"title": "UN Office for Outer Space Affairs", "url": "https://www.unoosa.org"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Why Ion Thrusters Are Winning the Race to Geostationary Orbit",
        "slug": "why-ion-thrusters-are-winning-the-race-to-geostationary-orbit",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Pasadena CA",
        "published": "2026-08-20 10:10",
        "teaser": "Electric propulsion used to be a niche for deep-space probes. Now most new communications satellites rely on it to climb to their final orbit, trading months of patience for tonnes of saved propellant.",
        "body": """<p>For decades, a communications satellite headed for geostationary orbit carried a large chemical engine and several tonnes of propellant to finish the climb after its rocket let it go. Today, a growing share of them make the trip on a thin blue plume of ionised gas.</p>
<h2>Small push, huge efficiency</h2>
<p>An ion thruster accelerates charged atoms of xenon or krypton through an electric field, reaching exhaust speeds ten times higher than a chemical engine. The thrust is tiny, about the weight of a sheet of paper, but it can run for months. Because each kilogram of propellant delivers so much more momentum, a satellite can launch far lighter.</p>
<p>That saving can be spent in two ways: a cheaper ride on a smaller rocket, or more transponders and batteries in the same mass. Operators increasingly choose the second.</p>
<h2>The cost is time</h2>
<p>The catch is that orbit raising with <em>ion propulsion</em> takes between four and seven months instead of a couple of weeks. During that time the satellite crosses the radiation belts repeatedly, so its solar panels and electronics need extra shielding.</p>
<p>Engineers say krypton, which is cheaper and more plentiful than xenon, is the next frontier. It performs slightly worse, but supply worries around xenon have pushed several manufacturers to qualify their thrusters on both gases.</p>""",
        "credit_line": "",
        "keywords": ["ion-propulsion"],
        "related_links": [
            {"title": "NASA Jet Propulsion Laboratory", "url": "https://www.jpl.nasa.gov"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Houston Job Fair Draws Thousands Seeking Work on Lunar Programs",
        "slug": "houston-job-fair-draws-thousands-seeking-work-on-lunar-programs",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "UPI",
        "dateline_place": "Houston TX",
        "published": "2026-08-27 13:40",
        "teaser": "More than 6,000 people queued at a two-day recruitment event near Johnson Space Center, where contractors supporting Artemis said they had more open positions than at any time in the past decade.",
        "body": """<p>Lines stretched around a convention hall in Clear Lake this week as more than 6,000 job seekers turned out for a recruitment fair organised by contractors working on NASA's Artemis lunar programme.</p>
<p>Exhibitors said they were looking for everything from avionics engineers and flight controllers to welders, crane operators and payroll clerks. One mid-sized contractor said it alone hoped to fill 300 positions before the end of the year.</p>
<blockquote>Five years ago we came to these fairs to keep our name out there. This time we brought offer letters.</blockquote>
<p>That comment, from a hiring manager at a company that builds ground support equipment, summed up the mood. Several recruiters said they were waiving degree requirements for technician roles and offering paid training instead.</p>
<p>Attendees ranged from recent graduates to mid-career workers from the oil and gas industry, many of whom said their skills with pressure systems and cryogenic fluids translated directly to rocket work. Veterans made up a large share of the crowd, helped by a separate hall dedicated to military transition programmes.</p>
<p>Organisers plan to repeat the event in February and are considering a smaller version in Huntsville, Alabama, where demand for propulsion and test engineers is also climbing.</p>""",
        "credit_line": "dfe/ups",
        "keywords": ["space-jobs", "artemis", "nasa"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
        ],
        "source_url": "https://www.nasa.gov",
        "is_lead": False,
        "correction": "",
    },
    # --------------------------------------------------------------- September
    {
        "title": "Reusable Booster Flies Its Twentieth Mission for Small Launch Startup",
        "slug": "reusable-booster-flies-its-twentieth-mission-for-small-launch-startup",
        "section": "launch-industry",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Wallops Island VA",
        "published": "2026-09-02 07:30",
        "teaser": "Halyard Space flew the same first stage for the twentieth time, landing it on a barge off the Virginia coast and claiming a milestone no small-launch company had reached before with a single booster.",
        "body": """<p>Halyard Space launched its Kite rocket from the Virginia coast on Tuesday morning and recovered the first stage on an ocean barge nine minutes later, completing the twentieth flight of that booster.</p>
<p>The company, founded six years ago, builds rockets that can carry about 1,200 kilograms to low orbit. It bet early that a small vehicle could be made reusable profitably, a view many competitors dismissed because the savings on a small booster are modest compared with the cost of recovery ships.</p>
<p>Chief operating officer Lena Osei said the economics had worked out better than expected. Refurbishment between flights now takes eleven days and mostly involves replacing heat shielding on the landing legs and inspecting the engines.</p>
<p>"Every flight teaches us where the wear really is," she said. "After twenty, we have a very short list of parts we actually need to touch."</p>
<p>Tuesday's mission carried six small satellites for customers in Europe and Asia into a sun-synchronous orbit. Halyard has launched 34 times in total and plans to retire the veteran booster after its twenty-fifth mission, when it will be taken apart for a detailed study of fatigue in its tanks.</p>""",
        "credit_line": "",
        "keywords": ["reusable-rockets"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "University CubeSats Begin Mapping Monsoon Soil Moisture Over Southern India",
        "slug": "university-cubesats-begin-mapping-monsoon-soil-moisture-over-southern-india",
        "section": "satellites",
        "author": "priya-raman",
        "agency": "SPX",
        "dateline_place": "Bengaluru",
        "published": "2026-09-04 12:00",
        "teaser": "A trio of shoebox-sized satellites built by engineering students has started returning soil moisture maps of Karnataka and Tamil Nadu, data that farm cooperatives hope will help them decide when to plant.",
        "body": """<p>Three CubeSats designed and assembled by students at a consortium of universities in Karnataka have begun sending back their first soil moisture maps, the project team said on Friday, two months after the satellites were launched as secondary payloads.</p>
<p>Each satellite is about the size of a shoebox and carries a small passive microwave radiometer. Flying in formation, the three spacecraft pass over southern India several times a day, building up a picture of how quickly the ground dries between monsoon showers.</p>
<p>Project lead Ananya Krishnan, a professor of electrical engineering, said the resolution is coarse compared with large government satellites, but the revisit rate is far better. "We trade sharpness for frequency," she said. "For a farmer deciding whether to sow this week or next, frequency wins."</p>
<p>The team has signed data-sharing agreements with two farm cooperatives and a district agriculture office. The maps are also being compared with ground sensors installed at 40 sites to calibrate the instruments.</p>
<p>More than 150 students have worked on the project since it began, and several have gone on to jobs at Indian space startups. The consortium hopes to launch a second batch of six satellites in 2028 with improved radiometers.</p>""",
        "credit_line": "spx/pr",
        "keywords": ["cubesats", "earth-observation"],
        "related_links": [
            {"title": "Indian Space Research Organisation", "url": "https://www.isro.gov.in"},
        ],
        "source_url": "https://www.isro.gov.in",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Aerospike Nozzle Demonstrator Survives Supersonic Flight Test",
        "slug": "aerospike-nozzle-demonstrator-survives-supersonic-flight-test",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Mojave CA",
        "published": "2026-09-09 15:45",
        "teaser": "A subscale rocket fitted with an aerospike nozzle reached nearly twice the speed of sound over the Mojave Desert, giving a long-promised but rarely flown engine design some much-needed flight data.",
        "body": """<p>A small team of engineers flew a rocket fitted with an annular aerospike nozzle to an altitude of 14 kilometres over the Mojave Desert this week, reaching a peak speed of about Mach 1.9 before the vehicle was recovered under parachute.</p>
<p>Conventional rocket nozzles are bell-shaped and work best at one particular altitude. An aerospike turns the design inside out: exhaust flows along the outside of a central spike, and the surrounding air forms the outer boundary. In principle, that lets the nozzle adjust itself as the rocket climbs and the air thins.</p>
<p>The idea dates back to the 1960s, but few aerospikes have ever flown, largely because the spike is hard to cool and adds weight. The demonstrator, built by a startup called Northwind Rocketworks, uses a regeneratively cooled spike printed from a copper alloy.</p>
<p>Engineer Marcus Tillman said the flight data showed the expected gain in efficiency at altitude and, crucially, no damage to the spike. "Everyone knows the theory," he said. "What people want is proof that the hardware survives."</p>
<p>Northwind plans a larger test next year and says its long-term goal is a single-stage vehicle for suborbital research, though it acknowledges that reaching orbit with one stage remains far beyond its current hardware.</p>""",
        "credit_line": "",
        "keywords": ["reusable-rockets"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Orbiter Camera Maps Cached Sample Tubes on Floor of Jezero Crater",
        "slug": "orbiter-camera-maps-cached-sample-tubes-on-floor-of-jezero-crater",
        "section": "exploration",
        "author": "helene-marchand",
        "agency": "",
        "dateline_place": "Pasadena CA",
        "published": "2026-09-11 09:00",
        "teaser": "New high-resolution images from Mars orbit show the sample tubes left on the crater floor are still where rover drivers placed them, easing concerns that dust storms might have buried or shifted the cache.",
        "body": """<p>A camera aboard a spacecraft orbiting Mars has captured fresh images of the sample tubes deposited on the floor of Jezero Crater, mission scientists said on Friday, confirming that the cache has not been buried by drifting dust.</p>
<p>The tubes, each about the size of a marker pen, hold cores of Martian rock and soil that scientists hope will one day be returned to Earth. Engineers had worried that a regional dust storm earlier this year might cover them or roll them out of position.</p>
<p>Image analyst Sofia Laurent said each tube shows up as a bright speck only a few pixels across, but that the team could match every one to the map made when the rover set them down. "They have not moved by more than a few centimetres," she said.</p>
<p>The question of how and when the samples will be brought home remains unresolved. Several competing architectures have been studied, and budget decisions in Washington will shape which, if any, goes ahead.</p>
<p>In the meantime, scientists say the cache is a kind of insurance. Even if the rover that collected the samples stops working, the tubes on the crater floor would remain accessible to a future lander, whether robotic or, eventually, crewed.</p>""",
        "credit_line": "",
        "keywords": ["mars", "nasa"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
            {"title": "NASA Jet Propulsion Laboratory", "url": "https://www.jpl.nasa.gov"},
        ],
        "source_url": "https://www.jpl.nasa.gov",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Lunar Resource Talks Resume in Vienna as Lander Missions Multiply",
        "slug": "lunar-resource-talks-resume-in-vienna-as-lander-missions-multiply",
        "section": "space-policy",
        "author": "tomas-lindqvist",
        "agency": "",
        "dateline_place": "Vienna",
        "published": "2026-09-16 17:30",
        "teaser": "Delegates meeting in Vienna are trying to agree on how nations and companies should coordinate activity near the lunar south pole before a wave of commercial landers makes the question urgent rather than theoretical.",
        "body": """<p>Diplomats and legal experts returned to Vienna this week for a new round of talks on how resources on the Moon should be used, as the number of planned commercial lunar landers continues to grow.</p>
<p>The discussions centre on the region around the lunar south pole, where permanently shadowed craters are thought to hold water ice. Several national agencies and at least five private companies have announced missions to the area before the end of the decade.</p>
<p>Delegates say the most pressing issue is not ownership but coordination. Landing a spacecraft kicks up dust and rock at high speed, and a careless touchdown could damage equipment left by another mission hundreds of metres away.</p>
<p>One proposal under discussion would create a shared registry in which operators announce landing sites, planned activities and "safety zones" around their hardware. Critics argue such zones could become a back door to territorial claims, which the Outer Space Treaty forbids.</p>
<p>A European delegate said progress had been slow but real. "A year ago we could not agree on vocabulary," she said. "Now we are arguing about numbers, which is a good sign." Talks are expected to continue in the spring, with a non-binding set of principles as the most likely outcome.</p>""",
        "credit_line": "",
        "keywords": ["space-law", "lunar-landers"],
        "related_links": [
            {"title": "UN Office for Outer Space Affairs", "url": "https://www.unoosa.org"},
        ],
        "source_url": "https://www.unoosa.org",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Montreal Job Fair Pitches Space Careers to Electric Vehicle Engineers",
        "slug": "montreal-job-fair-pitches-space-careers-to-electric-vehicle-engineers",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "",
        "dateline_place": "Montreal",
        "published": "2026-09-16 20:10",
        "teaser": "Satellite makers and rocket startups set up booths beside battery and motor specialists at a Montreal recruitment event, betting that engineers trained in the electric car industry can help power spacecraft.",
        "body": """<p>Space companies are increasingly looking to the electric vehicle industry for talent, and a recruitment fair in Montreal this week made the overlap explicit: rocket and satellite firms shared the floor with battery makers and motor suppliers.</p>
<p>Organisers said about 2,500 people attended, many of them engineers with backgrounds in battery management, power electronics and high-volume manufacturing. Several had previously worked at Tesla Motors or its suppliers and said they were curious about an industry that now talks about production lines rather than one-off spacecraft.</p>
<blockquote>A satellite today is a battery pack with a radio and a solar panel attached. The people who know how to build ten thousand battery packs a week are exactly the people we need.</blockquote>
<p>That pitch came from a recruiter at a satellite manufacturer with a plant south of the city. Québec has a long history in aerospace, and provincial officials attended to promote training grants for workers moving between the two sectors.</p>
<p>Not every transition is smooth. Candidates said space companies often pay less than car makers and move more slowly because of testing requirements. But several said the chance to see their work reach orbit was worth the trade-off.</p>
<p>The fair's organisers plan a second edition in Toronto in the spring.</p>""",
        "credit_line": "",
        "keywords": ["space-jobs", "tesla-motors"],
        "related_links": [
            {"title": "Canadian Space Agency", "url": "https://www.asc-csa.gc.ca"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Japanese Launcher Returns to Flight After Two-Year Stand-Down",
        "slug": "japanese-launcher-returns-to-flight-after-two-year-stand-down",
        "section": "launch-industry",
        "author": None,
        "agency": "AFP",
        "dateline_place": "Tokyo",
        "published": "2026-09-22 10:25",
        "teaser": "Kirin Aerospace's Kestrel-2 rocket placed an Earth observation satellite into orbit on its first flight since a second-stage failure two years ago, a result the private Japanese company called a new beginning.",
        "body": """<p>A privately developed Japanese rocket returned to flight on Tuesday, launching from a spaceport on the coast of Hokkaido and placing an Earth observation satellite into a polar orbit, its builder said.</p>
<p>The Kestrel-2, built by Tokyo-based Kirin Aerospace, had been grounded since its second stage shut down early during a flight two years ago, destroying a commercial payload. Investigators traced that failure to a cracked weld in a propellant line.</p>
<p>Company president Haruto Mizuno, speaking to reporters in Tokyo, bowed briefly before thanking employees and customers who had waited. "Today is not a recovery. It is a new beginning," he said.</p>
<p>The satellite, built for a regional government, carries an optical camera to monitor forests and coastal erosion. Ground controllers confirmed it had deployed its solar panels and was in good health.</p>
<p>Japan is trying to expand its launch capacity beyond the rockets operated by the national space agency, and Kirin is one of several startups competing for government contracts. Analysts said a clean flight was essential for the company to win back commercial customers, several of whom moved their satellites to foreign rockets during the stand-down. Kirin said it plans three more launches next year.</p>""",
        "credit_line": "hm/kn",
        "keywords": ["earth-observation"],
        "related_links": [
            {"title": "JAXA", "url": "https://global.jaxa.jp"},
        ],
        "source_url": "https://global.jaxa.jp",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Earth Observation Firm Spots Methane Plumes From 500 Kilometres Up",
        "slug": "earth-observation-firm-spots-methane-plumes-from-500-kilometres-up",
        "section": "satellites",
        "author": "priya-raman",
        "agency": "",
        "dateline_place": "Bengaluru",
        "published": "2026-09-29 14:00",
        "teaser": "Lumen Earth Analytics says its first hyperspectral satellite has pinpointed methane leaks at oil fields on three continents, and that operators fixed two of them within a week of being notified.",
        "body": """<p>Lumen Earth Analytics, a company with offices in Bengaluru and Rotterdam, released its first images of methane plumes on Tuesday, showing gas escaping from oil and gas facilities in Central Asia, North Africa and South America.</p>
<p>The company's satellite, launched in June, carries a hyperspectral imager that splits sunlight reflected from the ground into hundreds of narrow bands. Methane absorbs light at specific infrared wavelengths, so a leak shows up as a faint shadow in those bands.</p>
<p>Chief scientist Rahul Menon said the instrument could detect plumes from individual wells and compressors, not just regional clouds. "The point is attribution," he said. "We want to be able to say which valve, not which country."</p>
<p>Lumen said it notified the operators of the facilities before publishing the images, and that two had confirmed repairs within a week. The company declined to name them.</p>
<p>Methane is a powerful greenhouse gas, and several governments are considering rules that would rely on satellite monitoring to enforce limits on leaks. Lumen hopes to sell data to regulators, insurers and energy companies, and plans to launch two more satellites next year to improve how often it can revisit each site.</p>""",
        "credit_line": "",
        "keywords": ["earth-observation"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "An earlier version of this article misstated the satellite's launch month; it was launched in June, not July.",
    },
    # ----------------------------------------------------------------- October
    {
        "title": "Asteroid Sample Capsule Lands Safely in South Australian Outback",
        "slug": "asteroid-sample-capsule-lands-safely-in-south-australian-outback",
        "section": "exploration",
        "author": None,
        "agency": "AFP",
        "dateline_place": "Woomera",
        "published": "2026-10-01 08:00",
        "teaser": "A heat-shielded capsule carrying grains scooped from a small near-Earth asteroid parachuted into the desert before dawn, ending a six-year round trip for the international Tamarind mission and handing scientists their first samples from this type of asteroid.",
        "body": """<p>A capsule carrying material collected from a near-Earth asteroid landed in the South Australian desert early on Thursday, mission officials said, completing a six-year journey of more than four billion kilometres.</p>
<p>The capsule, roughly the size of a large cooking pot, entered the atmosphere at about 12 kilometres per second, glowing as a fireball visible across the region before its parachute opened. Recovery teams using helicopters and drones located it within two hours.</p>
<p>The Tamarind mission, a partnership between several space agencies and universities, visited an asteroid about 300 metres across and fired a small projectile into its surface to loosen material for collection. Scientists expect the capsule to hold at least a few grams of dust and pebbles.</p>
<p>Mission scientist Grace Whitfield said the sample would be transported to a clean laboratory under nitrogen to avoid contamination by Earth's air and moisture. "This rock has been untouched for four and a half billion years," she said. "We would like to keep it that way for a few more weeks."</p>
<p>Researchers hope the material will shed light on how water and organic molecules were distributed in the early solar system. The spacecraft that delivered the capsule is continuing on an extended mission to fly past a second asteroid in 2029.</p>""",
        "credit_line": "gw/mdl",
        "keywords": ["asteroids"],
        "related_links": [
            {"title": "JAXA", "url": "https://global.jaxa.jp"},
            {"title": "NASA", "url": "https://www.nasa.gov"},
        ],
        "source_url": "https://global.jaxa.jp",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "How Rotating Detonation Engines Could Shrink the Upper Stage",
        "slug": "how-rotating-detonation-engines-could-shrink-the-upper-stage",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Huntsville AL",
        "published": "2026-10-06 11:30",
        "teaser": "Instead of burning propellant steadily, a rotating detonation engine sends shock waves racing around a ring. Engineers say the approach could deliver more thrust from a smaller, lighter rocket engine.",
        "body": """<p>Most rocket engines burn their propellants in a steady flame, a process engineers call deflagration. A rotating detonation engine does something more violent: it sets off a detonation wave that races continuously around a ring-shaped chamber thousands of times per second.</p>
<h2>Why detonation helps</h2>
<p>A detonation compresses the propellant as it burns, so the engine gets a pressure boost without the heavy turbopumps a conventional design needs. In theory that means a shorter, lighter engine that produces the same thrust, which is especially attractive for upper stages, where every kilogram saved becomes extra payload in orbit.</p>
<p>Researchers in Alabama said this week that a test article running on hydrogen and oxygen sustained stable detonation for 40 seconds, long enough to show that the chamber wall could survive the heat. Earlier tests lasted only a few seconds.</p>
<h2>What still has to be solved</h2>
<p>The waves are hard to control. Several can form at once and travel in opposite directions, and the engine is loud and vibrates in ways that might damage a spacecraft. Engineers are also studying how to throttle it reliably.</p>
<p>Propulsion specialist Dr Amara Quinn said the technology was still years from flight. "We have gone from 'does it work' to 'can we build it'," she said. "That is real progress, but the second question usually takes longer."</p>""",
        "credit_line": "",
        "keywords": ["nasa"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Suborbital Tourism Flights Sell Out Through Next Spring",
        "slug": "suborbital-tourism-flights-sell-out-through-next-spring",
        "section": "launch-industry",
        "author": "priya-raman",
        "agency": "",
        "dateline_place": "Las Cruces NM",
        "published": "2026-10-08 13:15",
        "teaser": "Pelican Suborbital says every seat on its capsule is booked until May, despite ticket prices of more than 400,000 dollars, as demand for short trips to the edge of space outpaces the company's launch rate.",
        "body": """<p>Pelican Suborbital says every seat on its six-person capsule is sold through next May, a sign that demand for brief trips to the edge of space remains strong despite high prices and a limited flight rate.</p>
<p>The company launches its capsule on a small rocket from a desert site in New Mexico. Passengers spend about four minutes weightless above 100 kilometres before the capsule falls back under parachutes. It does not reach orbit, and the entire flight lasts about eleven minutes.</p>
<p>Chief executive Dana Whitlock said Pelican had flown 58 paying passengers since it began commercial service and that the backlog now exceeded 300 people. She said the company planned to increase its rate from two launches a month to four by next summer, once a second capsule is certified.</p>
<p>Tickets currently cost 425,000 dollars. Whitlock said prices would not fall until the launch rate rose substantially. "We would love to sell cheaper seats, and eventually we will," she said. "But the rocket has to fly more often first."</p>
<p>Space tourism remains a small part of the overall industry, but analysts say it has an outsized role in drawing public attention and, for some companies, in testing hardware that may later carry scientists and research payloads.</p>""",
        "credit_line": "",
        "keywords": ["space-tourism"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "New Astronaut Candidates Begin Training With Underwater Spacewalk Drills",
        "slug": "new-astronaut-candidates-begin-training-with-underwater-spacewalk-drills",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "ESA",
        "dateline_place": "Cologne",
        "published": "2026-10-13 09:50",
        "teaser": "Six astronaut candidates have started a year of basic training in Germany, beginning with weeks in a giant pool where they practise moving and working in bulky suits as they would outside the ISS.",
        "body": """<p>Six newly selected astronaut candidates began basic training in Cologne this month, starting with a series of underwater exercises designed to prepare them for work outside a spacecraft.</p>
<p>The candidates, chosen from several thousand applicants across Europe, will spend about a year learning spacecraft systems, robotics, Russian language, survival techniques and medical skills before they can be assigned to a mission. The first weeks focus on diving qualifications and moving in pressurised suits in a large training pool.</p>
<p>Instructor Katrin Vogel said the pool work quickly reveals how demanding spacewalks are. "Your hands get tired first," she said. "People arrive thinking it is about strength, and they leave understanding that it is about patience and planning every move."</p>
<p>The class includes a former airline pilot, two engineers, a geologist, a physician and a software developer. Several said they had applied more than once before being selected.</p>
<p>Training centre officials said graduates could fly to the ISS before it is retired, or to commercial stations and lunar missions later in the decade. The agency also plans to publish more of its training material online for students and teachers, as part of a wider effort to encourage young people to consider careers in spaceflight.</p>""",
        "credit_line": "esa/dfe",
        "keywords": ["esa", "iss"],
        "related_links": [
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "https://www.esa.int",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Tug Spacecraft Captures Defunct Weather Satellite in Debris Removal First",
        "slug": "tug-spacecraft-captures-defunct-weather-satellite-in-debris-removal-first",
        "section": "satellites",
        "author": "priya-raman",
        "agency": "",
        "dateline_place": "Harwell",
        "published": "2026-10-15 16:00",
        "teaser": "Sable Orbital Services says its servicing vehicle latched onto a tumbling, retired weather satellite and is now lowering it toward a controlled re-entry, the first commercial capture of a spacecraft never designed to be grabbed.",
        "body": """<p>A commercial servicing spacecraft has captured a defunct weather satellite that was slowly tumbling in low orbit, its operator Sable Orbital Services said on Thursday, in what the company described as the first commercial removal of a satellite that had no docking fixtures.</p>
<p>The servicing vehicle spent three weeks approaching the target, matching its rotation and then closing in using cameras and laser rangefinders. It grabbed the satellite by its launch adapter ring, a sturdy structure that most spacecraft carry because it once connected them to their rocket.</p>
<p>Mission director Tobias Hale said the hardest part was the final few metres. "The satellite was turning about once every two minutes. We had to spin up to match it, grab it, and then slowly stop both of us," he said.</p>
<p>The tug will now use its engine to lower the pair, bringing them down over the southern Pacific Ocean in about a month. Sable says the servicer itself will burn up on re-entry, making this a one-use mission.</p>
<p>Specialists in space debris said the demonstration was important even if a single removal changes little on its own. Thousands of dead satellites and spent rocket stages remain in orbit, and many experts argue that removing a few dozen of the largest would significantly reduce the risk of collisions.</p>""",
        "credit_line": "",
        "keywords": ["space-debris"],
        "related_links": [
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Station Partners Agree Timeline for Final Cargo Flights to the ISS",
        "slug": "station-partners-agree-timeline-for-final-cargo-flights-to-the-iss",
        "section": "space-policy",
        "author": None,
        "agency": "AFP",
        "dateline_place": "Moscow",
        "published": "2026-10-20 10:40",
        "teaser": "Agencies operating the International Space Station have outlined how cargo deliveries will be wound down ahead of retirement, with the last uncrewed supply ships expected to dock in the final months of the decade.",
        "body": """<p>The partner agencies running the International Space Station have agreed a framework for winding down cargo deliveries ahead of the laboratory's planned retirement, officials said after a meeting in Moscow this week.</p>
<p>Under the framework, each partner will schedule its final uncrewed supply missions so that the station has enough food, water and spare parts for its last crews without leaving surplus hardware aboard. Excess material will either be returned to Earth or loaded into the final vehicles that burn up on re-entry.</p>
<p>Officials said the framework also covers how scientific experiments will be concluded and which samples must be brought home. Some long-running studies on materials and biology are expected to be moved to commercial stations if those are ready in time.</p>
<p>A spokesperson for one of the agencies described the talks as technical and constructive. "The station was built together, and it will be retired together," the spokesperson said.</p>
<p>The ISS has been continuously crewed for more than a quarter of a century. Its end will be marked by a controlled descent into a remote area of the Pacific Ocean, using a dedicated vehicle to push the complex out of orbit. The exact date depends on the health of the station's ageing modules and on progress toward its commercial successors.</p>""",
        "credit_line": "ak/sbk",
        "keywords": ["iss"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "https://www.nasa.gov",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Lunar Lander Prototype Completes Tethered Hover Over Simulated Crater",
        "slug": "lunar-lander-prototype-completes-tethered-hover-over-simulated-crater",
        "section": "exploration",
        "author": "helene-marchand",
        "agency": "",
        "dateline_place": "Houston TX",
        "published": "2026-10-23 12:20",
        "teaser": "A full-scale test version of a cargo lander hovered for 90 seconds over a boulder-strewn field, using its own cameras to pick a safe landing spot without help from engineers on the ground.",
        "body": """<p>A prototype of a robotic cargo lander hovered for 90 seconds under a safety tether this week, scanning a test field scattered with boulders and craters before choosing a landing spot on its own, its builders said.</p>
<p>The lander, developed by a consortium of companies for missions supporting the Artemis programme, uses a combination of lidar and cameras to build a three-dimensional map of the surface below as it descends. Software then selects the flattest, clearest patch within reach.</p>
<p>Test director Nadia Perez said the hover showed that the system could make its choice quickly enough to be useful. "On the Moon there is no time to ask Houston," she said. "The lander has to see, decide and commit within a few seconds."</p>
<p>Hazard detection has become a priority after several recent robotic missions to the Moon tipped over or landed on slopes. The lunar south pole, where many future landers are headed, is particularly difficult because low sun angles cast long shadows that can hide rocks.</p>
<p>The consortium plans a series of free-flight tests without the tether next year. If those succeed, a flight version could carry scientific instruments and supplies to the lunar surface as early as 2028.</p>""",
        "credit_line": "",
        "keywords": ["lunar-landers", "artemis"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Cryogenic Fuel Transfer in Orbit: What Next Month's Demonstration Must Prove",
        "slug": "cryogenic-fuel-transfer-in-orbit-what-next-months-demonstration-must-prove",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Cleveland OH",
        "published": "2026-10-28 18:00",
        "teaser": "Moving super-cold propellant from one spacecraft to another is a prerequisite for deep-space missions. A test planned for November will try to show it can be done without boiling most of the fuel away.",
        "body": """<p>Refuelling in orbit sounds simple: connect a hose, open a valve, pump. With cryogenic propellants such as liquid oxygen and liquid hydrogen, almost nothing about it is simple.</p>
<h2>The boil-off problem</h2>
<p>Liquid hydrogen must be kept at about minus 253 degrees Celsius. In orbit, sunlight and warm spacecraft structures constantly heat the tanks, and the propellant slowly boils. On Earth, engineers simply vent the gas. In space, every kilogram lost is a kilogram that cannot be used to leave orbit.</p>
<p>Without gravity, there is a second problem. Liquid does not settle at the bottom of a tank, so a pump may suck in bubbles instead of fuel. Engineers use small thrusts, mesh screens and careful tank shapes to keep the liquid where they want it.</p>
<h2>What the test will measure</h2>
<p>The demonstration planned for November will pair two small spacecraft and transfer several hundred kilograms of liquid oxygen between them. Researchers will track how much propellant arrives, how much boils off, and how quickly the receiving tank can be chilled without wasting fuel.</p>
<p>NASA engineer Paul Okafor, who has worked on cryogenic storage for two decades, said the results would shape plans for missions to the Moon and Mars. "If we can move propellant efficiently, rockets no longer have to carry everything from the ground," he said.</p>""",
        "credit_line": "",
        "keywords": ["nasa"],
        "related_links": [
            {"title": "NASA Glenn Research Center", "url": "https://www.nasa.gov"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    # ---------------------------------------------------------------- November
    {
        "title": "Heavy-Lift Rocket Launched From Cape Canaveral on Debut Flight",
        "slug": "heavy-lift-rocket-launched-from-cape-canaveral-on-debut-flight",
        "section": "launch-industry",
        "author": "mara-okonkwo",
        "agency": "UPI",
        "dateline_place": "Cape Canaveral FL",
        "published": "2026-11-02 09:00",
        "teaser": "Meridian Launch Systems' new Sextant rocket reached orbit on its first attempt and landed its first stage on a drone ship downrange, giving satellite operators another heavy-lift option after nine years of development.",
        "body": """<p>Meridian Launch Systems launched its Sextant heavy-lift rocket for the first time on Monday, sending a mass simulator and two small test satellites into orbit from Cape Canaveral and recovering the first stage on a drone ship in the Atlantic.</p>
<p>The 80-metre rocket lifted off at 7:42 a.m. local time under clear skies. Its nine methane-fuelled engines produced about 1,600 tonnes of thrust, and the upper stage reached its planned orbit about ten minutes later. A second burn an hour afterwards, designed to test restart capability, also went as planned.</p>
<blockquote>Most first flights of a new rocket end badly. This one ended with a booster standing on a barge and a team that did not stop smiling for an hour.</blockquote>
<p>That was how launch director Carla Voss described the day to reporters. Meridian has spent nine years and an estimated 3.5 billion dollars developing the Sextant, which is designed to carry 22 tonnes to low orbit with a reusable first stage.</p>
<p>The company already has a backlog of 17 launches, including several large broadband satellites and a government weather satellite. Industry analysts said a successful debut would increase competition in a market dominated by a small number of providers and could help bring down launch prices.</p>
<p>Meridian plans its second launch, its first with a paying customer, in March.</p>""",
        "credit_line": "cv/ups",
        "keywords": ["reusable-rockets"],
        "related_links": [],
        "source_url": "",
        "is_lead": True,
        "correction": "",
    },
    {
        "title": "Space Agencies Warn of Shortage of Propulsion Technicians",
        "slug": "space-agencies-warn-of-shortage-of-propulsion-technicians",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "",
        "dateline_place": "Paris",
        "published": "2026-11-04 14:10",
        "teaser": "A joint workforce survey says launch providers on both sides of the Atlantic cannot hire technicians fast enough, with test stands and integration halls reporting vacancies that stay open for six months or more.",
        "body": """<p>Space agencies and industry groups in Europe and North America say the sector faces a growing shortage of skilled technicians, according to a workforce survey published on Wednesday.</p>
<p>The survey of more than 200 companies found that the hardest positions to fill were not engineering roles but hands-on jobs on test stands and in integration halls. On average, vacancies for propulsion technicians stayed open for about six months.</p>
<p>The roles most frequently reported as difficult to fill were:</p>
<ul>
<li>propulsion and test-stand technicians</li>
<li>certified welders for aerospace alloys</li>
<li>composite layup specialists</li>
<li>clean room integration technicians</li>
<li>cryogenic fluids and pressure system operators</li>
</ul>
<p>Authors of the report said the gap reflects the rapid expansion of launch companies, which need far more people to handle hardware when rockets fly every few weeks instead of a few times a year. They recommended more apprenticeships and shorter certification programmes. Officials at NASA and ESA said they were working with colleges to add rocket-specific modules to existing technical courses. Some companies have started their own academies, paying trainees while they learn.</p>
<p>"A rocket launched every week needs a lot of hands," said one of the report's authors. "We spent twenty years talking about engineers and forgot about the people who actually build things."</p>""",
        "credit_line": "",
        "keywords": ["space-jobs", "nasa", "esa"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Ion-Powered Relay Satellite Finishes Orbit Raising Ahead of Schedule",
        "slug": "ion-powered-relay-satellite-finishes-orbit-raising-ahead-of-schedule",
        "section": "satellites",
        "author": "priya-raman",
        "agency": "SPX",
        "dateline_place": "Tokyo",
        "published": "2026-11-06 10:30",
        "teaser": "An all-electric data relay satellite reached its geostationary slot three weeks early after a five-month climb powered only by krypton thrusters, giving its operator an early start on commercial service.",
        "body": """<p>A data relay satellite that relied entirely on electric thrusters to climb to geostationary orbit has reached its final position three weeks ahead of schedule, its Tokyo-based operator said on Friday.</p>
<p>The satellite was launched in June into a lower transfer orbit and then spent about five months spiralling outward using four Hall-effect thrusters running on krypton. It is among the first large commercial satellites to use krypton instead of the more expensive xenon for the entire climb.</p>
<p>Operations manager Kenji Sato said the thrusters had performed slightly better than predicted, which allowed the team to shorten the climb. "Each day saved is a day we can sell capacity," he said. "Small improvements in efficiency add up over five months."</p>
<p>The satellite will relay data from Earth observation spacecraft in low orbit to ground stations, allowing images to be downloaded within minutes instead of waiting for a satellite to pass over a ground station. Several operators of imaging constellations have already signed up as customers.</p>
<p>Engineers will spend the next month testing the payload before starting commercial service in December. The thrusters will continue to be used for station-keeping throughout the satellite's expected 15-year life.</p>""",
        "credit_line": "spx/ks",
        "keywords": ["ion-propulsion", "earth-observation"],
        "related_links": [
            {"title": "JAXA", "url": "https://global.jaxa.jp"},
        ],
        "source_url": "https://global.jaxa.jp",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Artemis Surface Suit Passes Vacuum Chamber Trials in Houston",
        "slug": "artemis-surface-suit-passes-vacuum-chamber-trials-in-houston",
        "section": "exploration",
        "author": "helene-marchand",
        "agency": "",
        "dateline_place": "Houston TX",
        "published": "2026-11-10 08:15",
        "teaser": "The spacesuit astronauts are expected to wear on the lunar surface completed a month of tests in a thermal vacuum chamber, clearing a major hurdle before crews can walk near the Moon's south pole.",
        "body": """<p>The spacesuit designed for astronauts walking on the Moon under the Artemis programme has completed a month of tests in a thermal vacuum chamber in Houston, NASA and its contractor said on Tuesday.</p>
<p>During the trials, test subjects wearing the suit spent up to eight hours at a time in conditions that mimic the lunar surface, with temperatures swinging from deep cold to intense heat. Engineers monitored how the suit's cooling system, seals and joints coped with the extremes.</p>
<p>Suit engineer Lauren Mbeki said the results were encouraging. "The gloves were the part we worried about most," she said. "They kept their flexibility in the cold, and that makes a big difference for an astronaut trying to pick up a rock."</p>
<p>The suit is more flexible than those used on the International Space Station, with improved hip and knee joints that allow astronauts to kneel and bend. It is also designed to resist lunar dust, which is sharp and clings to almost everything.</p>
<p>Further tests, including walking trials at a desert site, are planned for early next year. The suit must be certified before crews can attempt to land near the lunar south pole, where they are expected to study permanently shadowed craters.</p>""",
        "credit_line": "",
        "keywords": ["artemis", "nasa"],
        "related_links": [
            {"title": "NASA", "url": "https://www.nasa.gov"},
        ],
        "source_url": "https://www.nasa.gov",
        "is_lead": True,
        "correction": "",
    },
    {
        "title": "EU Space Law Proposal Would Require Collision Insurance for Satellite Operators",
        "slug": "eu-space-law-proposal-would-require-collision-insurance-for-satellite-operators",
        "section": "space-policy",
        "author": None,
        "agency": "AFP",
        "dateline_place": "Brussels",
        "published": "2026-11-10 17:45",
        "teaser": "Under a draft regulation, companies operating satellites in European markets would need insurance against damage caused by collisions in orbit, a measure officials say will reward operators that manage debris responsibly.",
        "body": """<p>Satellite operators selling services in Europe would have to carry insurance covering collisions in orbit under a draft regulation presented in Brussels on Tuesday.</p>
<p>The proposal would apply to companies launching satellites from European soil and to foreign operators offering services to European customers. Premiums would be linked to how well operators manage collision risk, including whether their satellites can manoeuvre and how quickly they are removed from orbit at the end of their lives.</p>
<blockquote>Orbit is a shared resource. Those who take more risks with it should pay more, and those who keep it clean should be rewarded.</blockquote>
<p>That principle, cited by an official involved in drafting the text, underpins the proposal. Supporters argue that insurance markets can price space debris risk more flexibly than fixed rules.</p>
<p>Industry groups gave a mixed reaction. Large operators said they already carry insurance and welcomed a common standard across the bloc. Smaller companies and research groups warned that premiums could be unaffordable for low-cost missions such as CubeSats.</p>
<p>The draft must still be approved by member states and the European Parliament, a process expected to take at least two years. Legal experts said it would be one of the most detailed attempts yet to regulate behaviour in orbit through national or regional space law.</p>""",
        "credit_line": "tl/jbr",
        "keywords": ["space-law", "space-debris"],
        "related_links": [
            {"title": "European Space Agency", "url": "https://www.esa.int"},
        ],
        "source_url": "https://www.esa.int",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "3D-Printed Injector Survives Fifty Restarts in Hot-Fire Campaign",
        "slug": "3d-printed-injector-survives-fifty-restarts-in-hot-fire-campaign",
        "section": "rocket-science",
        "author": "mara-okonkwo",
        "agency": "",
        "dateline_place": "Stennis MS",
        "published": "2026-11-13 11:00",
        "teaser": "An injector printed as a single piece of nickel alloy fired and shut down fifty times in a row without cracking, evidence that additive manufacturing can produce engine parts tough enough for reusable rockets.",
        "body": """<p>A rocket engine injector printed as a single piece of metal has survived 50 hot-fire starts and shutdowns without cracks or measurable erosion, engineers said after a test campaign in Mississippi.</p>
<p>The injector is the part of an engine that sprays fuel and oxidiser into the combustion chamber in a carefully controlled pattern. Traditionally it is machined from dozens of separate pieces and brazed together, which takes months and creates joints where cracks can start.</p>
<p>The new design, produced by a small supplier called Ferrule Additive, replaces those parts with one printed component containing more than 300 internal channels. Lead engineer Sanjay Iyer said the team deliberately ran the tests harder than a typical mission would require.</p>
<p>"Every start is a thermal shock," he said. "Going from room temperature to thousands of degrees and back fifty times is the kind of punishment a part sees over many flights of a reusable rocket."</p>
<p>After the campaign, the injector was cut open and examined under a microscope. Engineers found no sign of fatigue cracks along the internal channels, a common concern with printed metal parts. Ferrule says it is now in discussions with several engine makers and hopes to see its injectors launched on an orbital rocket within two years.</p>""",
        "credit_line": "",
        "keywords": ["reusable-rockets"],
        "related_links": [],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
    {
        "title": "Six-Rotor Mars Helicopter Successor Unveiled for Cliffside Scouting",
        "slug": "six-rotor-mars-helicopter-successor-unveiled-for-cliffside-scouting",
        "section": "exploration",
        "author": "helene-marchand",
        "agency": "",
        "dateline_place": "Pasadena CA",
        "published": "2026-11-17 07:50",
        "teaser": "Engineers have shown off a larger, six-rotor flying scout designed to carry small science instruments on Mars and explore the cliffs, canyons and other steep terrain that wheeled rovers have never been able to reach.",
        "body": """<p>Engineers in California have unveiled the design of a six-rotor helicopter intended to follow the small rotorcraft that proved powered flight was possible on Mars.</p>
<p>The new vehicle, informally called Skylark Scout, weighs about 30 kilograms and could carry up to two kilograms of science instruments. Its six rotors give it more lift in the thin Martian air and allow it to keep flying if one motor fails.</p>
<p>Project manager Elena Ruiz said the design was aimed at places rovers cannot go. "Some of the most interesting geology on Mars is on cliffs and inside canyons," she said. "A helicopter can reach layers of rock that have been out of reach for every mission so far."</p>
<p>The scout would carry a camera, a spectrometer and a small magnetometer. It could fly up to three kilometres per flight and recharge its batteries with solar panels between flights.</p>
<p>The design is still at an early stage and has not been approved for a mission. Engineers say a full-scale model will undergo tests in a chamber that reproduces the pressure and composition of the Martian atmosphere next year. If approved, the helicopter could launch to Mars in the early 2030s, either on its own lander or as a passenger on a larger mission.</p>""",
        "credit_line": "",
        "keywords": ["mars"],
        "related_links": [
            {"title": "NASA Jet Propulsion Laboratory", "url": "https://www.jpl.nasa.gov"},
        ],
        "source_url": "https://www.jpl.nasa.gov",
        "is_lead": True,
        "correction": "",
    },
    {
        "title": "Launch Apprenticeships Expand to Three New Spaceports",
        "slug": "launch-apprenticeships-expand-to-three-new-spaceports",
        "section": "space-careers",
        "author": "daniel-ferreira",
        "agency": "",
        "dateline_place": "Sutherland",
        "published": "2026-11-19 15:30",
        "teaser": "A paid apprenticeship programme that trains school leavers to work on launch pads is expanding from one site to four, including a new spaceport in northern Scotland that also hopes to host tourism flights.",
        "body": """<p>An apprenticeship programme that trains young people to prepare rockets for launch is expanding to three additional spaceports, its organisers said on Thursday, doubling the number of places available next year.</p>
<p>The two-year programme, first piloted at a single site, combines classroom study with hands-on work in fuel handling, ground systems and safety procedures. Apprentices are paid throughout and receive a recognised technical qualification when they finish.</p>
<p>Programme director Fiona MacLeod said the expansion was driven by demand from launch operators. "Every spaceport we spoke to had the same problem," she said. "They could find engineers, but not enough people who can safely fuel a rocket at three in the morning."</p>
<p>One of the new sites is a spaceport in northern Scotland that plans orbital launches of small satellites and, eventually, space tourism flights. Local officials said the programme would help keep young people in a region where good jobs are scarce.</p>
<p>Former apprentices say the experience changed their expectations. One, now a pad technician, said she had never imagined working in the space industry before joining. "I thought you needed a physics degree," she said. "It turns out you need to be careful, curious and willing to learn." Applications for next year's intake open in January.</p>""",
        "credit_line": "",
        "keywords": ["space-jobs", "space-tourism"],
        "related_links": [
            {"title": "UK Space Agency", "url": "https://www.gov.uk/government/organisations/uk-space-agency"},
        ],
        "source_url": "",
        "is_lead": False,
        "correction": "",
    },
]
