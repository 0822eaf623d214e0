"""The demo programme: the LGA's 2018 peer learning programme on children's and young people's
mental health and wellbeing.

Taken from the LGA's public 2018 invitation to apply and from the programme's final report. The
programme, its dates, the eight selected councils, their key questions (verbatim from the report),
the peer organisations and their approaches, the five cross-cutting themes, the six helpful
questions and the two learning days are as the report describes them. Each project's THRIVE
categories are our best reading of the report's Figure 1 and project descriptions.

Everything else is invented for the demo:

- every person named here is fictional, and every email address is at example.org;
- the text of each expression of interest (why the issue is critical, how it was identified, why
  each team member is key) is written for the demo in the council's voice, consistent with the
  report's account of the project, and is not the council's own words;
- nine of the seventeen applicants are fictional councils, each named with "(fictional)", as are
  their local partners and the demo applicant's council, Demoshire County Council (fictional).

Plain constants only: dates and times are naive ISO strings in Europe/London local time.
Organisation names match programmes/data/organisations.csv or ORGANISATIONS_FICTIONAL exactly.
"""

# The call, adapted from the 2018 invitation to apply.
PROGRAMME_2018 = {
    "title": "Improving children's and young people's mental health and wellbeing",
    "slug": "cyp-mental-health-2018",
    "summary": (
        "A peer learning programme for six to eight councils and their partners who face a "
        "challenging issue in children and young people's mental health: two learning days, "
        "bespoke support and a visit to a peer organisation, from February to July 2018."
    ),
    "description": (
        "About the programme\n\n"
        "The Local Government Association invites applications to a programme that will support a "
        "small number of local authorities and their partners who are facing challenging issues "
        "that are inhibiting their local area's provision of children and young people's mental "
        "health services.\n\n"
        "The programme is designed to enable local areas to address a challenging issue or theme "
        "that is not being resolved through the usual mechanisms, and which is inhibiting their "
        "area's provision of children and young people's mental health services or contributing "
        "to poor outcomes. This could be an issue previously identified through consultation with "
        "children and young people, or raised as a priority in the joint strategic needs "
        "assessment (JSNA) or in local transformation plans. Challenges or themes could be in "
        "areas such as:\n\n"
        "- ensuring children and young people can easily find advice and information\n"
        "- making sure they get timely access to help when they need it\n"
        "- making sure services are young people friendly\n"
        "- meeting the needs of particular groups, such as BAME young people\n\n"
        "The programme is available to six to eight local authorities and will run from February "
        "to July 2018. It comprises two learning days to reflect on the challenges and to "
        "identify solutions that move local authorities and their partners forward. Based on "
        "identified need, local authorities will be offered bespoke support in the form of "
        "consultancy from an independent team and/or a visit to a peer authority or "
        "organisation.\n\n"
        "Who should take part\n\n"
        "Participating local authorities are asked to identify three people from their local area "
        "who are in a position to address their critical issue. Ideally this would include:\n\n"
        "- an elected member with relevant responsibility (for example the lead member for "
        "children's services, the lead member for health, the chair of the Health and Wellbeing "
        "Board or the council's Mental Health Champion)\n"
        "- a local authority senior officer with relevant responsibility\n"
        "- a relevant partner in a senior position, from the statutory or voluntary sector "
        "depending on the challenge or theme you want to move forward on\n\n"
        "The THRIVE framework\n\n"
        "The programme will draw on the THRIVE framework, developed by the Anna Freud Centre and "
        "the Tavistock and Portman NHS Foundation Trust, as a whole-systems approach to "
        "conceptualising improved mental health support and services. THRIVE describes children's "
        "and young people's needs in five groups: thriving, getting advice, getting help, getting "
        "more help and getting risk support. You will be asked which of them your issue "
        "touches.\n\n"
        "How to apply\n\n"
        "Submit an expression of interest by close of play (5pm) on Friday 16 February 2018. Your "
        "written answers should be no longer than two sides of A4 (about 1,000 words in all) and "
        "set out:\n\n"
        "- the issue or theme you wish to address, as a key question, and why it is a critical "
        "issue for your local area\n"
        "- how you identified the issue, for example from consultation with children and young "
        "people, your local transformation plan, your JSNA or a recent CQC or Ofsted report; "
        "please attach any relevant documents as background information\n"
        "- which three people will take part in the programme, details of their roles and why "
        "they are the key people to address your issue or theme\n"
        "- whether you have the support of your Health and Wellbeing Board to take part in the "
        "programme, or whether the board is likely to support your application\n\n"
        "Sharing learning: the community of learning\n\n"
        "We know that this is a busy time of year for local authorities and, with small numbers "
        "on the programme, not everyone will be able to take part. We are therefore setting up an "
        "online community of learning to share updates from the programme through a discussion "
        "forum. Anyone with an interest can sign up to join it.\n\n"
        "Peer partners\n\n"
        "If you have an innovative and effective approach to improving children and young "
        "people's mental health and emotional wellbeing in your local area that you would be "
        "willing to share on the community of learning, or as a peer partner supporting councils "
        "on the programme that face a similar challenge, we would be delighted to hear from you. "
        "Please send a short summary of your approach by Friday 16 February 2018.\n\n"
        "Next steps\n\n"
        "Successful applicants will be notified by 23 February 2018.\n\n"
        "The learning days will take place on 12 March 2018 and 12 June 2018. Their locations "
        "will be confirmed in light of the geographical spread of participants.\n\n"
        "If you have any questions about the programme, email peerlearning@example.org."
    ),
    "opens_at": "2018-01-15T09:00",
    "closes_at": "2018-02-16T17:00",
    "decisions_due": "2018-02-23",
    "runs_from": "2018-02-26",
    "runs_until": "2018-07-31",
    "cohort_min": 6,
    "cohort_max": 8,
    "word_limit": 1000,
    "max_file_mb": 10,
    "max_application_mb": 30,
    "contact_email": "peerlearning@example.org",
    "challenge_areas": [
        "Finding advice and information",
        "Timely access to help",
        "Young-people-friendly services",
        "Needs of particular groups, such as BAME young people",
    ],
}

# Councils that do not exist: the nine fictional applicants and the demo applicant's council.
ORGANISATIONS_FICTIONAL = [
    {
        "name": "Northmoor Borough Council (fictional)",
        "kind": "unitary",
        "region": "north_east",
        "latitude": 54.847,
        "longitude": -1.833,
    },
    {
        "name": "London Borough of Thamesmere (fictional)",
        "kind": "london_borough",
        "region": "london",
        "latitude": 51.512,
        "longitude": 0.095,
    },
    {
        "name": "Torvale Council (fictional)",
        "kind": "unitary",
        "region": "south_west",
        "latitude": 50.583,
        "longitude": -3.917,
    },
    {
        "name": "Fenmarsh County Council (fictional)",
        "kind": "county",
        "region": "east_of_england",
        "latitude": 52.48,
        "longitude": 0.25,
    },
    {
        "name": "Ardenbury Metropolitan Borough Council (fictional)",
        "kind": "metropolitan_borough",
        "region": "west_midlands",
        "latitude": 52.555,
        "longitude": -1.925,
    },
    {
        "name": "Pennine Vale Borough Council (fictional)",
        "kind": "metropolitan_borough",
        "region": "north_west",
        "latitude": 53.64,
        "longitude": -2.18,
    },
    {
        "name": "Ridingsdale Council (fictional)",
        "kind": "unitary",
        "region": "yorkshire_humber",
        "latitude": 53.98,
        "longitude": -0.8,
    },
    {
        "name": "Trentshire County Council (fictional)",
        "kind": "county",
        "region": "east_midlands",
        "latitude": 53.08,
        "longitude": -0.95,
    },
    {
        "name": "Wealdbridge Council (fictional)",
        "kind": "unitary",
        "region": "south_east",
        "latitude": 51.08,
        "longitude": 0.18,
    },
    {
        "name": "Demoshire County Council (fictional)",
        "kind": "county",
        "region": "west_midlands",
        "latitude": 52.35,
        "longitude": -2.3,
        # .example is reserved (RFC 2606): sign up as anyone@demoshire.example to join at once.
        "domains": "demoshire.example",
    },
]

# Seventeen expressions of interest: the eight selected councils (real councils, key questions
# verbatim from the report, fictional people) and nine fictional councils (two waitlisted,
# seven not selected). Essex and Ridingsdale (fictional) name a team that is not one elected
# member, one senior officer and one partner, as the composition check should warn.
APPLICATIONS_2018 = [
    {
        "organisation": "Barnsley Metropolitan Borough Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How can we improve children and young people's access, and navigating around, "
            "services to receive timely support which includes all services?"
        ),
        "why_critical": (
            "Barnsley has a wide range of emotional health and wellbeing support for children and "
            "young people, but too many of them cannot find it, or do not use it when they could "
            "benefit from it. Schools and colleges offer a great deal, and we have locally "
            "commissioned Thrive services for lower-level needs, yet what happens to a young "
            "person depends on where they first ask for help. A young person who talks to a "
            "member of staff at school may be signposted to a Thrive service, while someone "
            "presenting at their GP surgery with a similar worry can find themselves on a long "
            "waiting list for the local CAMHS provider. Young people have told us clearly that it "
            "is hard to find out what is available and who to ask, and parents and professionals "
            "say the same. The result is that children wait longer than they should, their needs "
            "escalate, and specialist services are asked to see young people who could have been "
            "helped sooner and closer to home. We want a system that feels like one offer to a "
            "young person, whichever door they knock on, and that includes all services, not only "
            "the NHS."
        ),
        "identification_sources": ["consultation", "ltp"],
        "identification_description": (
            "The issue came first from young people themselves. Feedback gathered by Chilypep, a "
            "young people's participation charity, and through school and college surveys "
            "repeatedly described how difficult it was to find out what help was available. The "
            "refresh of our Future in Mind local transformation plan identified access and "
            "pathways as a priority, and referral and waiting time data from CAMHS and the Thrive "
            "services show very different routes and waits depending on where a referral starts. "
            "We attach the young people's feedback summary and the relevant section of the "
            "transformation plan."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Lorraine Hepworth",
                "job_title": "Cabinet Spokesperson for People (Safeguarding)",
                "organisation": "Barnsley Metropolitan Borough Council",
                "email": "lorraine.hepworth@example.org",
                "why_key": (
                    "Lorraine leads for children's safeguarding on the cabinet and sits on the "
                    "Health and Wellbeing Board. She has championed young people's voice in the "
                    "borough and can keep access to emotional health support on the agenda of "
                    "cabinet, the board and our partners."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Imran Qureshi",
                "job_title": "Public Health Principal and Mental Health Lead",
                "organisation": "Barnsley Metropolitan Borough Council",
                "email": "imran.qureshi@example.org",
                "why_key": (
                    "Imran is the mental health lead in the council's public health team and "
                    "commissions our Thrive services for lower-level needs. He coordinates the "
                    "Future in Mind work with the CCG and is best placed to map the current "
                    "routes into help and convene commissioners and providers."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Siân Pritchard",
                "job_title": "Head of Extended Services",
                "organisation": "Wellspring Academy Trust",
                "email": "sian.pritchard@example.org",
                "why_key": (
                    "Siân leads extended services across the trust's 15 academies in the area, "
                    "where many young people first ask for help. She brings the perspective of "
                    "schools, works closely with Chilypep, and can test new routes into support "
                    "with young people and staff."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The chair of the Health and Wellbeing Board has confirmed the board's support, and "
            "the Future in Mind Steering Group, which reports to the board, has agreed to oversee "
            "the project."
        ),
        "thrive": ["getting_advice", "getting_help"],
        "challenge_areas": [
            "Finding advice and information",
            "Timely access to help",
            "Young-people-friendly services",
        ],
        "submitted_at": "2018-02-14T11:20",
        "refined_key_question": (
            "How can we give children and young people one clear and simple route into emotional "
            "health and wellbeing support, wherever they first ask for help, so that they get "
            "timely support without adding pressure on CAMHS?"
        ),
    },
    {
        "organisation": "Durham County Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How do we engage system leaders; wider workforce; children and families in the "
            "vision for early intervention in emotional health and wellbeing in County Durham and "
            "then access their support in making it a meaningful and measurable reality?"
        ),
        "why_critical": (
            "Through our local transformation plan we are developing a universal and early help "
            "offer for children, young people and families in County Durham, working in close "
            "partnership with locally based voluntary and community sector organisations as well "
            "as the public sector. The vision is agreed on paper, but it will only become real if "
            "the people who see children every day share it and act on it. At the moment schools "
            "and GPs are too likely to make a CAMHS referral in circumstances where the young "
            "person might be better supported by professionals already working with them, which "
            "would be quicker and more tailored to their needs. Staff tell us they lack the "
            "skills and confidence to respond, and some worry that they might make things worse. "
            "Referrals rise, waits lengthen and children's needs can escalate while they wait. We "
            "want mental health to be seen as everyone's business across the children and "
            "families workforce, and we want children, young people and families themselves to "
            "shape what early intervention looks like. We also need to show that it is making a "
            "difference, so we need measures that system leaders will own."
        ),
        "identification_sources": ["ltp", "jsna", "consultation"],
        "identification_description": (
            "The local transformation plan and its annual refresh set out the ambition for a "
            "universal and early help offer and identify workforce confidence as a barrier. Our "
            "JSNA shows rising demand for emotional health support among children and young "
            "people, and referral data show that a high proportion of referrals to specialist "
            "CAMHS from schools and GPs do not meet the threshold for treatment. Engagement with "
            "young people and parents during the transformation plan refresh told us they would "
            "prefer help from people they already know and trust."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Olivia Charlton",
                "job_title": "Cabinet Portfolio Holder for Children and Young People's Services",
                "organisation": "Durham County Council",
                "email": "olivia.charlton@example.org",
                "why_key": (
                    "Olivia holds the cabinet portfolio for children and young people's services "
                    "and is a member of the Health and Wellbeing Board. She can champion the "
                    "early intervention vision with school governors, members and partners, and "
                    "help hold the system to account for making it happen."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Kieran Walsh",
                "job_title": "Consultant in Public Health (Children and Young People)",
                "organisation": "Durham County Council",
                "email": "kieran.walsh@example.org",
                "why_key": (
                    "Kieran leads the public health contribution to the local transformation plan "
                    "and chairs its early intervention work stream. He works across schools, the "
                    "NHS and the voluntary sector, and will lead the project with the council's "
                    "Head of Education."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Mei Ling Chan",
                "job_title": "Commissioning Manager, Children and Young People's Mental Health",
                "organisation": "NHS North Durham CCG",
                "email": "mei.ling.chan@example.org",
                "why_key": (
                    "Mei Ling commissions children and young people's mental health services on "
                    "behalf of both County Durham CCGs and manages the specialist CAMHS contract. "
                    "She can align NHS investment in early intervention with the council's "
                    "universal and early help offer."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The Health and Wellbeing Board endorsed the local transformation plan refresh, "
            "including the early intervention vision, and its chair has confirmed support for "
            "this application."
        ),
        "thrive": ["thriving", "getting_advice"],
        "challenge_areas": ["Finding advice and information", "Timely access to help"],
        "submitted_at": "2018-02-16T14:05",
        "refined_key_question": (
            "How can we give schools the skills, confidence and specialist support to respond to "
            "pupils' emotional health and wellbeing needs without referring on, as the first step "
            "in making mental health everyone's business across the children's workforce in "
            "County Durham?"
        ),
    },
    {
        "organisation": "Essex County Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "Is there a way to deliver a flexible approach to transitions from CAMHS to adult "
            "mental health services?"
        ),
        "why_critical": (
            "Young people in Essex tell us that turning 18 can feel like falling off a cliff. Our "
            "children's emotional wellbeing and mental health service works with young people up "
            "to their 18th birthday, while adult mental health services have different "
            "thresholds, different ways of working and, often, a different building and a "
            "different worker. Some young people who were receiving help from CAMHS do not meet "
            "the threshold for adult services; others are referred at seventeen and a half and "
            "then wait. Care leavers and young people with special educational needs or "
            "neurodevelopmental conditions are particularly affected. Transition is also hard to "
            "fix because of the complexity of the commissioning landscape: any change involves "
            "the county council, the two unitary councils of Southend and Thurrock, seven "
            "clinical commissioning groups and two NHS provider trusts. Each has good intentions, "
            "but no one organisation owns the whole journey. We want to find a flexible, "
            "needs-led approach to transition, built around the young person rather than their "
            "date of birth, that all partners across the county can sign up to."
        ),
        "identification_sources": ["ltp", "stp", "consultation"],
        "identification_description": (
            "Transition is a priority in the Southend, Essex and Thurrock local transformation "
            "plan and in the mental health work of our sustainability and transformation "
            "partnerships. Feedback from the children's service participation group and from our "
            "Children in Care Council describes the move to adult services as abrupt and "
            "confusing. An audit of young people leaving the children's service in 2017 found "
            "that a significant proportion were discharged without a planned onward route."
        ),
        "team": [
            {
                "role": "senior_officer",
                "name": "José Fernandes",
                "job_title": (
                    "Head of Commissioning, Children's Emotional Wellbeing and Mental Health"
                ),
                "organisation": "Essex County Council",
                "email": "jose.fernandes@example.org",
                "why_key": (
                    "José leads the joint commissioning of the children's emotional wellbeing and "
                    "mental health service on behalf of the council, Southend, Thurrock and the "
                    "seven CCGs. He manages the contract and chairs the partnership group that "
                    "would need to agree any new approach to transition."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Kirsty Bramwell",
                "job_title": "Head of Mental Health, Adult Social Care",
                "organisation": "Essex County Council",
                "email": "kirsty.bramwell@example.org",
                "why_key": (
                    "Kirsty leads the council's adult mental health social work and "
                    "commissioning. She brings the adult services perspective, understands the "
                    "thresholds young people meet at 18, and can commit adult social care to a "
                    "joint approach to transition."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Oluwaseun Adebayo",
                "job_title": (
                    "Clinical Director, Children's Emotional Wellbeing and Mental Health Service"
                ),
                "organisation": "North East London NHS Foundation Trust",
                "email": "oluwaseun.adebayo@example.org",
                "why_key": (
                    "Oluwaseun is the clinical lead for the children's service and already works "
                    "with colleagues in Essex Partnership University NHS Foundation Trust on "
                    "adult pathways. He can lead clinicians from both trusts in designing a "
                    "transition model that is safe and flexible."
                ),
            },
        ],
        "hwb_support": "likely",
        "hwb_detail": (
            "The proposal is on the agenda for the next Health and Wellbeing Board. The chair has "
            "indicated support in principle and we will confirm it before the programme starts."
        ),
        "thrive": ["getting_help", "getting_more_help"],
        "challenge_areas": [
            "Timely access to help",
            "Young-people-friendly services",
            "Needs of particular groups, such as BAME young people",
        ],
        "submitted_at": "2018-02-16T16:48",
        "refined_key_question": (
            "How can partners across Southend, Essex and Thurrock agree a flexible, needs-led "
            "transition from children's to adult mental health services, starting with young "
            "people leaving care?"
        ),
    },
    {
        "organisation": "Kirklees Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How can we use a co-production approach with children, young people, parents and "
            "carers to gain insight from them and reduce waiting times?"
        ),
        "why_critical": (
            "Kirklees has worked hard to design a multi-agency, high-quality single point of "
            "access for children's emotional health and wellbeing. Our triage and assessment "
            "service is based in a voluntary sector organisation, Northorpe Hall Child and Family "
            "Trust, with nursing and NHS CAMHS staff co-located. Anyone can make a referral by "
            "telephone, most referrals come directly from young people and their families, and an "
            "assessment is normally made within ten working days. The front door works well. What "
            "happens next is harder. Funding and capacity constraints in the local CAMHS provider "
            "mean that young people can wait many months for treatment after assessment, and we "
            "have to be honest that long waits are likely to continue for some time. Families "
            "tell us that waiting feels like being forgotten: they do not know what is happening "
            "or what they can do in the meantime, and some young people's difficulties get worse. "
            "We want to work with children, young people, parents and carers to understand how it "
            "feels to be on a waiting list, how waiting could become a more positive experience "
            "and what support and advice would help families cope, and to use that insight to "
            "reduce waiting times where we can."
        ),
        "identification_sources": ["consultation", "ltp", "other"],
        "identification_description": (
            "Waiting times are the most frequent subject of complaints and enquiries to the "
            "single point of access and to local councillors. The refresh of the local "
            "transformation plan names waiting times as a key challenge, and the provider's data "
            "show the number of young people waiting more than 18 weeks for treatment rising over "
            "the last year. Northorpe Hall's feedback groups for parents and young people have "
            "described the experience of waiting in detail, and our parent carer forum has raised "
            "the same concerns."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Rukhsana Mirza",
                "job_title": "Cabinet Member for Children",
                "organisation": "Kirklees Council",
                "email": "rukhsana.mirza@example.org",
                "why_key": (
                    "Rukhsana is the cabinet member for children and a member of the Health and "
                    "Wellbeing Board. She hears from families about waiting times in her casework "
                    "and can make sure that what young people and parents tell us is heard by "
                    "decision makers."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Daniel Kowalski",
                "job_title": "Head of Commissioning, Children's Emotional Health and Wellbeing",
                "organisation": "Kirklees Council",
                "email": "daniel.kowalski@example.org",
                "why_key": (
                    "Daniel commissions the single point of access and leads joint children's "
                    "mental health commissioning with the two CCGs. He can bring providers and "
                    "commissioners together to act on what families tell us, and to test changes "
                    "to the way the waiting list is managed."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Claire Dyson",
                "job_title": "Head of Emotional Health Services",
                "organisation": "Northorpe Hall Child and Family Trust",
                "email": "claire.dyson@example.org",
                "why_key": (
                    "Claire manages the triage and assessment service and its team of call "
                    "handlers and practitioners. She is in direct contact with families while "
                    "they wait and has experience of participation work, so she can lead the "
                    "co-production with young people, parents and carers."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The chair of the Health and Wellbeing Board has confirmed support. Waiting times for "
            "children's mental health services are already a standing item in the board's "
            "performance report."
        ),
        "thrive": ["getting_advice", "getting_help"],
        "challenge_areas": ["Timely access to help", "Young-people-friendly services"],
        "submitted_at": "2018-02-09T10:31",
        "refined_key_question": (
            "How can we co-design with children, young people, parents and carers the advice and "
            "support offered while they wait for CAMHS, so that waiting becomes a more positive "
            "experience?"
        ),
    },
    {
        "organisation": "London Borough of Lewisham",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How can we work more effectively with schools to address the social, emotional and "
            "mental health needs of pupils at risk of exclusion, in a way that prevents further "
            "escalation?"
        ),
        "why_critical": (
            "Exclusions from Lewisham schools have been rising, most often for persistent "
            "disruptive behaviour or for verbal or physical assault. When we look at the children "
            "behind these figures we see many who, we believe, have unmet social, emotional and "
            "mental health (SEMH) needs but who have not been able to access any specialist "
            "support from health or social care. Their difficulties first surface in the "
            "classroom, so they are described in the language of behaviour and special "
            "educational needs rather than of health and wellbeing, and they are managed through "
            "behaviour policies that can be read as prioritising zero tolerance. By the time a "
            "child is excluded their needs have often escalated, and exclusion itself is "
            "associated with poorer mental health, lower attainment and a higher risk of "
            "exploitation. Nationally, some groups, including Black Caribbean pupils and pupils "
            "with special educational needs, are over-represented among excluded children, and we "
            "want to understand whether the same is true here. We want education, social care and "
            "CAMHS to develop alternative approaches together, so that schools are supported to "
            "respond to the needs behind the behaviour before a child reaches the point of "
            "exclusion."
        ),
        "identification_sources": ["jsna", "other"],
        "identification_description": (
            "Our annual exclusions data show permanent and fixed-period exclusions rising over "
            "the last three years. The children and young people's section of our JSNA identifies "
            "SEMH as the fastest-growing primary need among pupils receiving SEN support or with "
            "an education, health and care plan. Head teachers raised the issue through the "
            "schools forum, and a review of the files of recently excluded pupils found that few "
            "had received any assessment or support from CAMHS before their exclusion."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Adaeze Nwachukwu",
                "job_title": "Cabinet Member for Children and Young People",
                "organisation": "London Borough of Lewisham",
                "email": "adaeze.nwachukwu@example.org",
                "why_key": (
                    "Adaeze is the cabinet member for children and young people and a school "
                    "governor. She has made reducing exclusions a personal priority and can use "
                    "her links with head teachers and governing bodies to build support for a "
                    "different approach."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Fiona MacLeod",
                "job_title": "Head of Inclusion and SEND",
                "organisation": "London Borough of Lewisham",
                "email": "fiona.macleod@example.org",
                "why_key": (
                    "Fiona is responsible for the council's inclusion, exclusions and SEND "
                    "services, including the pupil referral unit and alternative provision. She "
                    "sees every permanent exclusion and can change how the council and schools "
                    "respond to pupils at risk."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Tomasz Nowak",
                "job_title": "Consultant Clinical Psychologist and Service Lead, Lewisham CAMHS",
                "organisation": "South London and Maudsley NHS Foundation Trust",
                "email": "tomasz.nowak@example.org",
                "why_key": (
                    "Tomasz leads the CAMHS teams that work with schools and with children in the "
                    "care and youth justice systems. He brings the mental health perspective on "
                    "behaviour and can shape how CAMHS supports schools with pupils at risk of "
                    "exclusion."
                ),
            },
        ],
        "hwb_support": "likely",
        "hwb_detail": (
            "We have shared the application with the chair of the Health and Wellbeing Board, who "
            "has indicated support; formal endorsement will be sought at the board's March "
            "meeting."
        ),
        "thrive": ["getting_help"],
        "challenge_areas": [
            "Timely access to help",
            "Needs of particular groups, such as BAME young people",
        ],
        "submitted_at": "2018-02-15T17:55",
        "refined_key_question": (
            "How can education, social care and CAMHS build a shared picture of the social, "
            "emotional and mental health needs of pupils at risk of exclusion, starting with a "
            "deep dive into our local data, and use it to agree alternatives to exclusion?"
        ),
    },
    {
        "organisation": "Lincolnshire County Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How can we create a shared multi-agency understanding of high need young people and "
            "jointly manage risk to achieve better outcomes?"
        ),
        "why_critical": (
            "A small group of young people in Lincolnshire have very high needs that cross the "
            "domains of mental health, social care and special educational needs. Many have "
            "experienced trauma, some show risk-taking behaviour such as going missing or "
            "self-harm, and several have education, health and care plans. Each agency sees part "
            "of the picture and assesses them against its own thresholds, and too often they fall "
            "between services: not unwell enough for a mental health bed, too complex for a local "
            "placement, and with behaviour that schools cannot manage. When things break down, "
            "the response is frequently a placement out of county, far from family and from the "
            "professionals who know them, at high cost and often with poor outcomes. Lincolnshire "
            "is a large rural county and local specialist provision is limited, which makes such "
            "placements more likely. Although the numbers are small, these young people account "
            "for a disproportionate share of spending and professional time across the "
            "partnership. We want to create a shared multi-agency understanding of who these "
            "young people are and what they need, and a way of jointly holding risk, so that we "
            "can support more of them safely closer to home."
        ),
        "identification_sources": ["jsna", "ltp", "other"],
        "identification_description": (
            "The issue was identified through our multi-agency panels for complex cases, which "
            "repeatedly see the same young people, and through an analysis of out-of-county "
            "placements for children in care and for young people with education, health and care "
            "plans. Our local transformation plan identifies young people with complex needs as a "
            "gap in provision, and the JSNA highlights rising numbers of young people with "
            "social, emotional and mental health needs. Recent case reviews raised the same "
            "issues of thresholds and shared risk."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Susan Fenwick",
                "job_title": "Executive Councillor for Children's Services",
                "organisation": "Lincolnshire County Council",
                "email": "susan.fenwick@example.org",
                "why_key": (
                    "Susan is the executive councillor for children's services and chairs the "
                    "corporate parenting panel. She knows many of these young people's stories "
                    "and can secure political support for joint funding and for taking shared "
                    "risks."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Aisha Rahman",
                "job_title": "Head of Service, Children's Strategic Commissioning",
                "organisation": "Lincolnshire County Council",
                "email": "aisha.rahman@example.org",
                "why_key": (
                    "Aisha commissions placements, specialist education and children's mental "
                    "health services on behalf of the council and the CCGs. She holds the data on "
                    "out-of-county placements and can design a joint service response."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Neil Goddard",
                "job_title": "Associate Director, Specialist Children's Services",
                "organisation": "Lincolnshire Partnership NHS Foundation Trust",
                "email": "neil.goddard@example.org",
                "why_key": (
                    "Neil manages the county's specialist CAMHS, including its crisis and "
                    "intensive home treatment teams. He can commit clinical time to joint "
                    "assessment and risk management and represent the trust in shared decisions."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The chair of the Health and Wellbeing Board has written to confirm the board's "
            "support, noting that young people with complex needs are a priority in the joint "
            "health and wellbeing strategy."
        ),
        "thrive": ["getting_more_help", "getting_risk_support"],
        "challenge_areas": [
            "Needs of particular groups, such as BAME young people",
            "Timely access to help",
        ],
        "submitted_at": "2018-02-12T09:47",
        "refined_key_question": (
            "Creating a shared multi-agency understanding of high need young people and jointly "
            "managing risk to achieve better outcomes"
        ),
    },
    {
        "organisation": "Surrey County Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "What do we need/want to do to re-shape our system in Surrey to meet the emotional "
            "wellbeing and mental health needs of children and young people, including linking in "
            "with schools?"
        ),
        "why_critical": (
            "Demand for emotional wellbeing and mental health support in Surrey has grown faster "
            "than our services can respond. When one of our provider organisations became "
            "overwhelmed by the number of referrals, we convened a whole-system summit to work on "
            "immediate solutions. That summit showed us that the problem is not only capacity in "
            "specialist services. Too many young people arrive at CAMHS as the first place they "
            "have been offered help, when their needs could have been met earlier and closer to "
            "their everyday lives. Schools are where most children and young people spend their "
            "days and where concerns are often first noticed, yet schools tell us they do not "
            "know what is available, feel unsupported and have little influence over how services "
            "are designed. We are about to re-shape and re-commission emotional wellbeing and "
            "mental health services for children and young people, and we want to use this moment "
            "to design a system in which schools are genuine partners: helping young people to "
            "look after their own wellbeing, responding early, and knowing who to turn to for "
            "advice when they are worried about a pupil."
        ),
        "identification_sources": ["ltp", "stp", "consultation"],
        "identification_description": (
            "The issue emerged from the summit we held when referrals overwhelmed our provider, "
            "and from our review of the local transformation plan ahead of re-commissioning. "
            "Surveys of head teachers and school staff, and consultation with young people "
            "through our youth participation groups, told us that schools want a clearer role and "
            "that young people want help in places they already go. The mental health work of our "
            "sustainability and transformation partnerships has made children's emotional "
            "wellbeing a priority."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Helena Marchetti",
                "job_title": "Cabinet Member for Children, Young People and Families",
                "organisation": "Surrey County Council",
                "email": "helena.marchetti@example.org",
                "why_key": (
                    "Helena holds the cabinet portfolio for children and families and sits on the "
                    "Health and Wellbeing Board. She chaired the whole-system summit and can keep "
                    "re-shaping services, and the role of schools, high on the council's agenda."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Richard Osei",
                "job_title": (
                    "Head of Commissioning, Children's Emotional Wellbeing and Mental Health"
                ),
                "organisation": "Surrey County Council",
                "email": "richard.osei@example.org",
                "why_key": (
                    "Richard leads the council's side of the joint commissioning of children's "
                    "emotional wellbeing and mental health services and is responsible for the "
                    "re-commissioning. He can build what we learn into the new service model."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Priya Venkatesh",
                "job_title": "Associate Director, Children and Young People's Commissioning",
                "organisation": "NHS Guildford and Waverley CCG",
                "email": "priya.venkatesh@example.org",
                "why_key": (
                    "Priya leads children's mental health commissioning on behalf of the Surrey "
                    "CCGs. She controls NHS investment in the new model and can broker new "
                    "partnerships between the CCGs, schools and providers."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The Health and Wellbeing Board has made children's emotional wellbeing a priority "
            "and its chair has confirmed support for this application."
        ),
        "thrive": ["thriving", "getting_advice"],
        "challenge_areas": ["Finding advice and information", "Timely access to help"],
        "submitted_at": "2018-02-13T15:12",
        "refined_key_question": (
            "How can we work with the CCGs and schools to embed a whole-school approach to "
            "emotional wellbeing, so that more young people get support in school when they need "
            "it, as part of re-shaping our system?"
        ),
    },
    {
        "organisation": "Warwickshire County Council",
        "fictional": False,
        "outcome_2018": "selected",
        "key_question": (
            "How can we provide enhanced support to children and young people in crisis or with "
            "intensive support needs in the community to reduce occupied bed days in tier-four "
            "settings?"
        ),
        "why_critical": (
            "When a young person in Warwickshire reaches a mental health crisis, too often the "
            "only safe option available is admission to a tier-four inpatient bed, and frequently "
            "that bed is many miles away. Admissions can last for months, separate young people "
            "from family, friends and school, and make returning home harder. Families tell us "
            "that the weeks before an admission were the hardest: they did not know who to call "
            "out of hours, and accident and emergency was the only place to go. Professionals in "
            "schools, social care and the community feel unable to hold the risk, so cases "
            "escalate. Occupied bed days for Warwickshire young people in tier-four settings are "
            "high, and the cost falls across the NHS and the council, including when young people "
            "cannot be discharged because there is nowhere suitable for them to go. We are "
            "developing a community intensive support service and want it to provide an "
            "integrated offer for children in crisis, combining out-of-hours help, intensive "
            "support at home, education and short-term respite, so that more young people can be "
            "supported safely at home and admissions, when they are needed, are shorter."
        ),
        "identification_sources": ["ltp", "stp", "other"],
        "identification_description": (
            "The issue was identified through our local transformation plan, which commits to "
            "developing community intensive support, and through NHS England specialised "
            "commissioning data on tier-four admissions and occupied bed days for young people "
            "from Warwickshire. Crisis presentations at accident and emergency are monitored "
            "through the mental health programme of our sustainability and transformation "
            "partnership. Reviews of recent admissions with families and professionals identified "
            "gaps in out-of-hours and step-down support."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Philippa Ashdown",
                "job_title": "Portfolio Holder for Children's Services",
                "organisation": "Warwickshire County Council",
                "email": "philippa.ashdown@example.org",
                "why_key": (
                    "Philippa is the portfolio holder for children's services and a member of the "
                    "Health and Wellbeing Board. She has heard from families whose children were "
                    "placed far from home and can champion joint investment in community "
                    "alternatives."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Kwame Mensah",
                "job_title": "Strategic Commissioner, Children and Young People's Mental Health",
                "organisation": "Warwickshire County Council",
                "email": "kwame.mensah@example.org",
                "why_key": (
                    "Kwame leads the joint commissioning of children's mental health services for "
                    "the council and the Warwickshire CCGs, including the new community intensive "
                    "support service. He can turn what we learn into a service specification."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Rhiannon Evans",
                "job_title": (
                    "Associate Director, Children and Young People's Mental Health Services"
                ),
                "organisation": "Coventry and Warwickshire Partnership NHS Trust",
                "email": "rhiannon.evans@example.org",
                "why_key": (
                    "Rhiannon manages the local CAMHS crisis and intensive support teams and "
                    "works with NHS England on tier-four admissions and discharges. She can shape "
                    "the clinical model and commit the trust to joint working."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The Health and Wellbeing Board approved the local transformation plan refresh, "
            "including community intensive support, and its chair has confirmed support for the "
            "application."
        ),
        "thrive": ["getting_more_help", "getting_risk_support"],
        "challenge_areas": ["Timely access to help", "Young-people-friendly services"],
        "submitted_at": "2018-02-16T12:30",
        "refined_key_question": (
            "How can we develop an integrated community intensive support offer for young people "
            "in crisis, combining out-of-hours help, education and short-stay respite, so that "
            "fewer are admitted to tier-four beds and admissions are shorter?"
        ),
    },
    {
        "organisation": "Northmoor Borough Council (fictional)",
        "fictional": True,
        "outcome_2018": "waitlisted",
        "key_question": (
            "How can schools, GPs and A&E respond together to the rise in self-harm among girls "
            "aged 12 to 16, so that every young person who self-harms gets a compassionate "
            "response and follow-up?"
        ),
        "why_critical": (
            "Hospital admissions for self-harm among young people in Northmoor are among the "
            "highest in the region, and the rise is concentrated among girls aged 12 to 16. "
            "Nationally, self-harm among girls of this age increased by 68 per cent between 2011 "
            "and 2014, and our local figures follow the same pattern. Young people who attend A&E "
            "after self-harming are assessed, but many are discharged without any follow-up if "
            "they do not meet the threshold for CAMHS. Schools report that they are seeing more "
            "disclosures and that staff are anxious about saying the wrong thing, and some pupils "
            "tell us they were met with panic or judgement when they first asked for help. We "
            "have pockets of good practice, including a peer support scheme in two secondary "
            "schools, but no shared approach. We want to agree a consistent, compassionate "
            "response across schools, GPs, A&E and community services, with clear follow-up, so "
            "that young people who self-harm are helped early and the risk of repetition is "
            "reduced."
        ),
        "identification_sources": ["jsna", "consultation", "other"],
        "identification_description": (
            "Public health analysis of hospital admissions for self-harm, reported in our JSNA, "
            "shows Northmoor well above the England average for 10 to 24 year olds. Our school "
            "health survey of year 8 and year 10 pupils found that one in five girls in year 10 "
            "said they had hurt themselves on purpose. Focus groups run by the youth council with "
            "young people who had self-harmed described their experience of services, and we "
            "attach a summary."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Bernadette O'Brien",
                "job_title": "Cabinet Member for Children and Young People",
                "organisation": "Northmoor Borough Council (fictional)",
                "email": "bernadette.obrien@example.org",
                "why_key": (
                    "Bernadette leads for children and young people on the cabinet and is the "
                    "council's Mental Health Champion. She has spoken publicly about self-harm "
                    "and can bring schools, governors and the local NHS to the table."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Zoë Hartley",
                "job_title": "Director of Public Health",
                "organisation": "Northmoor Borough Council (fictional)",
                "email": "zoe.hartley@example.org",
                "why_key": (
                    "Zoë commissions school nursing and the school health survey and leads our "
                    "self-harm and suicide prevention partnership. She owns the data on "
                    "admissions and can lead a shared approach across schools, primary care and "
                    "the hospital."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Farhan Siddiqui",
                "job_title": "Consultant Psychiatrist, Liaison Mental Health",
                "organisation": "Northmoor Hospitals NHS Foundation Trust (fictional)",
                "email": "farhan.siddiqui@example.org",
                "why_key": (
                    "Farhan leads the liaison mental health team that assesses young people who "
                    "attend A&E after self-harming. He can change how young people are followed "
                    "up after discharge and offer training to schools and GPs."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "Self-harm among young people is a priority in our joint health and wellbeing "
            "strategy, and the board's chair has confirmed support."
        ),
        "thrive": ["getting_help", "getting_risk_support"],
        "challenge_areas": [
            "Timely access to help",
            "Needs of particular groups, such as BAME young people",
        ],
        "submitted_at": "2018-02-07T13:18",
        "refined_key_question": "",
    },
    {
        "organisation": "London Borough of Thamesmere (fictional)",
        "fictional": True,
        "outcome_2018": "waitlisted",
        "key_question": (
            "Why are Black, Asian and minority ethnic young people under-represented in early "
            "help for their mental health but over-represented in crisis care, and what would "
            "make our services feel as if they are for them?"
        ),
        "why_critical": (
            "Almost two thirds of Thamesmere's children and young people are from Black, Asian "
            "and minority ethnic backgrounds, but they make up fewer than four in ten of the "
            "young people referred to our early help emotional wellbeing service. At the other "
            "end of the system the picture is reversed: young Black men are over-represented "
            "among young people detained under the Mental Health Act, and among those who first "
            "come into contact with services through the police or A&E. Young people and "
            "community leaders tell us that stigma, mistrust of statutory services and a "
            "workforce that does not reflect the community all play a part, and that families "
            "often turn first to faith leaders, youth clubs and community organisations that are "
            "not connected to mental health services. We want to understand these barriers "
            "properly, with young people and communities, and redesign routes into help so that "
            "BAME young people in Thamesmere get support earlier, in places they trust, from "
            "people who understand them."
        ),
        "identification_sources": ["consultation", "jsna", "ltp"],
        "identification_description": (
            "Our JSNA and the CCG's analysis of referrals by ethnicity show the gap at the early "
            "help end and the over-representation in crisis care. The local transformation plan "
            "commits us to reducing inequalities in access. A listening exercise with 120 young "
            "people, led by the youth council and two community organisations, and a roundtable "
            "with faith leaders gave us the picture behind the numbers."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Adebola Ogunleye",
                "job_title": "Cabinet Member for Health and Wellbeing and Mental Health Champion",
                "organisation": "London Borough of Thamesmere (fictional)",
                "email": "adebola.ogunleye@example.org",
                "why_key": (
                    "Adebola chairs the Health and Wellbeing Board and is the council's Mental "
                    "Health Champion. She has strong links with faith and community groups across "
                    "the borough and can open doors that services have struggled to open."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Hannah Greenberg",
                "job_title": "Head of Early Help and Prevention",
                "organisation": "London Borough of Thamesmere (fictional)",
                "email": "hannah.greenberg@example.org",
                "why_key": (
                    "Hannah leads the early help service, including the emotional wellbeing "
                    "service and youth provision. She can change where and how early help is "
                    "offered and how it works with community organisations."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Marcus Campbell",
                "job_title": "Chief Executive",
                "organisation": "Thamesmere Youth Voices (fictional)",
                "email": "marcus.campbell@example.org",
                "why_key": (
                    "Marcus runs a youth charity that works with 1,500 young people a year, most "
                    "of them from BAME communities. The charity co-led our listening exercise and "
                    "is trusted by young people who would not approach statutory services."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The board discussed inequalities in children's mental health in January and agreed "
            "to support this application."
        ),
        "thrive": ["getting_advice", "getting_help"],
        "challenge_areas": [
            "Needs of particular groups, such as BAME young people",
            "Young-people-friendly services",
            "Finding advice and information",
        ],
        "submitted_at": "2018-02-16T16:12",
        "refined_key_question": "",
    },
    {
        "organisation": "Torvale Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can young people in our rural and coastal communities get timely help for their "
            "emotional wellbeing when the nearest service may be an hour's bus ride away?"
        ),
        "why_critical": (
            "Torvale is a large, sparsely populated area of moorland, farming villages and small "
            "coastal towns. Our CAMHS and counselling services are based in the two main towns, "
            "and a young person from one of our outlying villages can face a round trip of two or "
            "three hours on infrequent buses to attend a fifty-minute appointment, often missing "
            "school to do so. Missed appointments are common among rural young people, and "
            "services sometimes discharge them as a result. Young people in farming families and "
            "in seasonal coastal economies also tell us about isolation, money worries and a "
            "culture of not talking about feelings. Broadband and mobile coverage is patchy, so "
            "online support is not a simple answer either. We want to find ways of bringing help "
            "closer to young people, through schools, GP surgeries, libraries, youth clubs and "
            "outreach, and to use digital support where it works, so that where you live does not "
            "decide whether you get help."
        ),
        "identification_sources": ["jsna", "consultation", "other"],
        "identification_description": (
            "Rural proofing of our JSNA mapped travel times to services and found that a fifth of "
            "11 to 18 year olds live more than 45 minutes by public transport from the nearest "
            "CAMHS clinic. Provider data show missed-appointment rates nearly twice as high for "
            "young people from rural postcodes. Young people's views came from a survey of "
            "secondary school pupils and from members of the youth parliament."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Thomas Penhaligon",
                "job_title": "Cabinet Member for Children's Services and Education",
                "organisation": "Torvale Council (fictional)",
                "email": "thomas.penhaligon@example.org",
                "why_key": (
                    "Thomas represents a moorland division and has seen the problem at first hand "
                    "through his casework. As cabinet member he can bring schools, parish "
                    "councils and transport colleagues into the conversation."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Rachel Sandford",
                "job_title": "Assistant Director, Early Help and Prevention",
                "organisation": "Torvale Council (fictional)",
                "email": "rachel.sandford@example.org",
                "why_key": (
                    "Rachel manages youth services, family hubs and the early help offer, "
                    "including buildings in market towns that could host outreach. She can "
                    "redeploy staff and spaces to bring support closer to young people."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Anil Mehta",
                "job_title": "GP and Clinical Lead for Children and Young People",
                "organisation": "NHS Torvale CCG (fictional)",
                "email": "anil.mehta@example.org",
                "why_key": (
                    "Anil is a practising GP in a rural practice and the CCG's clinical lead for "
                    "children. He can engage GP surgeries as places where young people get help "
                    "and influence how CAMHS provides outreach."
                ),
            },
        ],
        "hwb_support": "not_sought",
        "hwb_detail": (
            "The Health and Wellbeing Board does not meet again until March, so we have not yet "
            "been able to seek its support; the chair has been briefed."
        ),
        "thrive": ["getting_advice", "getting_help"],
        "challenge_areas": ["Timely access to help", "Finding advice and information"],
        "submitted_at": "2018-02-02T10:05",
        "refined_key_question": "",
    },
    {
        "organisation": "Fenmarsh County Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we reduce waiting times for young people with eating disorders and make sure "
            "that those with emerging difficulties get help before they need hospital care?"
        ),
        "why_critical": (
            "Referrals to our community eating disorder service for children and young people "
            "have nearly doubled in three years, and the service can no longer meet the national "
            "waiting time standard for routine cases. Young people with emerging eating "
            "difficulties who do not yet meet the threshold for the specialist service are often "
            "told to come back if things get worse, and some do, much more unwell. Nationally, "
            "hospital admissions of girls for anorexia almost doubled between 2010 and 2017, and "
            "we are seeing more admissions to paediatric wards for refeeding, including of boys "
            "and younger children. Parents tell us they feel alone while they wait, and school "
            "staff and GPs tell us they are not confident in recognising the early warning signs. "
            "We want to work across the county council, schools, primary care and the specialist "
            "service to create an earlier response, with support for families while they wait and "
            "clearer routes into specialist care, so that fewer young people reach the point of "
            "needing hospital treatment."
        ),
        "identification_sources": ["ltp", "consultation", "other"],
        "identification_description": (
            "Our local transformation plan tracks performance against the eating disorder access "
            "and waiting time standard and shows the service falling behind. Admission data from "
            "our two acute hospitals show the increase in paediatric admissions for refeeding. A "
            "parents' support group, run with a national eating disorders charity, gave us "
            "detailed feedback about the experience of waiting and what would have helped."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Geoffrey Ashworth",
                "job_title": "Chair of the Health and Wellbeing Board",
                "organisation": "Fenmarsh County Council (fictional)",
                "email": "geoffrey.ashworth@example.org",
                "why_key": (
                    "Geoffrey chairs the Health and Wellbeing Board and has pressed the NHS on "
                    "eating disorder waiting times. He can keep the issue in front of the board "
                    "and help secure joint investment in an earlier response."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Niamh Gallagher",
                "job_title": "Assistant Director, Children's Commissioning",
                "organisation": "Fenmarsh County Council (fictional)",
                "email": "niamh.gallagher@example.org",
                "why_key": (
                    "Niamh leads children's commissioning for the council, including school "
                    "nursing and early help. She can commission early support for young people "
                    "and families and link it to the specialist service."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Ingrid Larsen",
                "job_title": (
                    "Consultant Child and Adolescent Psychiatrist, Community Eating Disorder "
                    "Service"
                ),
                "organisation": "Fenmarsh Community Health NHS Trust (fictional)",
                "email": "ingrid.larsen@example.org",
                "why_key": (
                    "Ingrid is the clinical lead of the community eating disorder service. She "
                    "knows where the bottlenecks are and can design training and consultation for "
                    "schools and GPs, and support for families on the waiting list."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The board asked for a plan to tackle eating disorder waiting times at its December "
            "meeting and has confirmed support for this application."
        ),
        "thrive": ["getting_help", "getting_more_help"],
        "challenge_areas": ["Timely access to help"],
        "submitted_at": "2018-02-16T09:40",
        "refined_key_question": "",
    },
    {
        "organisation": "Ardenbury Metropolitan Borough Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we join up the SEND and mental health systems so that children whose social, "
            "emotional and mental health needs are identified at school get the right help "
            "without waiting for an education, health and care plan?"
        ),
        "why_critical": (
            "Social, emotional and mental health (SEMH) is now the most common primary need among "
            "Ardenbury pupils receiving SEN support, and requests for education, health and care "
            "needs assessments citing SEMH have risen by more than a third in two years. Many of "
            "these children are known to schools long before they are known to health services. "
            "Parents tell us that an education, health and care plan has become the only way to "
            "unlock support, so they push for an assessment, and schools say the same. Meanwhile "
            "CAMHS may decline a referral because the difficulty is described as behavioural or "
            "educational, and the SEND team may not have the clinical advice it needs to write "
            "meaningful health outcomes. Children wait, and our special school and alternative "
            "provision places for SEMH are full. We want to develop a joint approach across SEND, "
            "early help and CAMHS, including shared triage and clinical input into schools, so "
            "that children get help based on their needs rather than on which system they happen "
            "to enter."
        ),
        "identification_sources": ["ofsted", "cqc", "jsna", "consultation"],
        "identification_description": (
            "The joint Ofsted and CQC inspection of our local area's effectiveness in meeting the "
            "needs of children with special educational needs and disabilities, in 2017, found "
            "weaknesses in joint commissioning and in access to emotional and mental health "
            "support, and required a written statement of action. Our JSNA shows SEMH rising as a "
            "primary need. Surveys by the parent carer forum told the same story from families' "
            "point of view."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Harjit Sandhu",
                "job_title": "Cabinet Member for Children, Education and Skills",
                "organisation": "Ardenbury Metropolitan Borough Council (fictional)",
                "email": "harjit.sandhu@example.org",
                "why_key": (
                    "Harjit is the cabinet member responsible for SEND and chairs the board "
                    "overseeing our written statement of action. He can make sure that improving "
                    "SEMH support is at the heart of our SEND improvement plan."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Louise Whitcombe",
                "job_title": "Head of SEND and Inclusion",
                "organisation": "Ardenbury Metropolitan Borough Council (fictional)",
                "email": "louise.whitcombe@example.org",
                "why_key": (
                    "Louise leads the SEND assessment and inclusion teams and commissions "
                    "alternative provision. She can change how needs assessments draw on clinical "
                    "advice and how schools are supported before an assessment is requested."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Emeka Obi",
                "job_title": "Head of Children's Mental Health Services",
                "organisation": "Ardenbury Community Healthcare NHS Trust (fictional)",
                "email": "emeka.obi@example.org",
                "why_key": (
                    "Emeka manages CAMHS and the children's learning disability team. He can "
                    "offer clinical input into SEND triage and schools, and review the referral "
                    "criteria that currently screen out children whose needs are described as "
                    "behavioural."
                ),
            },
        ],
        "hwb_support": "likely",
        "hwb_detail": (
            "The board receives regular reports on the written statement of action and we expect "
            "it to support this application at its next meeting."
        ),
        "thrive": ["getting_help", "getting_more_help"],
        "challenge_areas": [
            "Timely access to help",
            "Needs of particular groups, such as BAME young people",
        ],
        "submitted_at": "2018-02-16T16:57",
        "refined_key_question": "",
    },
    {
        "organisation": "Pennine Vale Borough Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we make sure that young people leaving care keep getting the emotional and "
            "mental health support they need after they turn 18?"
        ),
        "why_critical": (
            "Pennine Vale has around 300 children in care and 220 care leavers aged 18 to 25. Our "
            "care leavers tell us that mental health is the thing they most need help with and "
            "the thing they find hardest to get. Many have experienced trauma and loss, and some "
            "have been supported by our looked-after children's therapeutic team since they were "
            "young. At 18 that support stops. Adult mental health services have higher thresholds "
            "and long waits, and young people who have moved to semi-independent accommodation, "
            "college or another town often fall out of contact. Personal advisers do their best "
            "but are not mental health professionals, and they tell us they feel out of their "
            "depth, particularly with young people who self-harm or misuse substances. Rates of "
            "homelessness, unemployment and contact with the criminal justice system among our "
            "care leavers are all higher when mental health needs are not met. As corporate "
            "parents, we want to find a model that provides continuity of emotional support from "
            "16 to 25."
        ),
        "identification_sources": ["ofsted", "consultation", "other"],
        "identification_description": (
            "Our 2017 Ofsted inspection of services for children in care and care leavers asked "
            "us to improve access to emotional and mental health support for care leavers. A "
            "survey by our Care Leavers' Forum, completed by 85 young people, put mental health "
            "at the top of their concerns. Strengths and difficulties questionnaire scores for "
            "our children in care show a high proportion in the 'concern' range at 16 and 17."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Jack Ormerod",
                "job_title": (
                    "Lead Member for Children's Services and Chair of the Corporate Parenting Board"
                ),
                "organisation": "Pennine Vale Borough Council (fictional)",
                "email": "jack.ormerod@example.org",
                "why_key": (
                    "Jack chairs the corporate parenting board and meets the Care Leavers' Forum "
                    "every quarter, so he hears directly what care leavers need. He can hold the "
                    "council and its partners to their promises as corporate parents."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Nadia Begum",
                "job_title": "Head of Service, Children in Care and Care Leavers",
                "organisation": "Pennine Vale Borough Council (fictional)",
                "email": "nadia.begum@example.org",
                "why_key": (
                    "Nadia manages the leaving care service and its personal advisers as well as "
                    "the looked-after children's therapeutic team. She can change how support "
                    "continues past 18 and how personal advisers are trained and supervised."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Gemma Whitfield",
                "job_title": "Service Manager, Community Mental Health Services",
                "organisation": "Pennine Vale Mental Health NHS Foundation Trust (fictional)",
                "email": "gemma.whitfield@example.org",
                "why_key": (
                    "Gemma manages the adult community mental health teams and the early "
                    "intervention in psychosis service. She can agree how adult services work "
                    "with care leavers before and after they turn 18, and offer consultation to "
                    "personal advisers."
                ),
            },
        ],
        "hwb_support": "likely",
        "hwb_detail": (
            "Care leavers' health is on the board's forward plan for April; the vice-chair has "
            "indicated that the board is likely to support the application."
        ),
        "thrive": ["getting_help", "getting_more_help"],
        "challenge_areas": [
            "Needs of particular groups, such as BAME young people",
            "Timely access to help",
        ],
        "submitted_at": "2018-01-31T14:22",
        "refined_key_question": "",
    },
    {
        "organisation": "Ridingsdale Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we improve the emotional wellbeing of LGBT+ young people in Ridingsdale, and "
            "make sure that schools and services are places where they feel safe to ask for help?"
        ),
        "why_critical": (
            "National surveys consistently find that LGBT+ young people are more likely than "
            "their peers to experience poor mental health, bullying and self-harm, and that trans "
            "young people face particular barriers. Our own school survey suggests the same is "
            "true in Ridingsdale: pupils who identified as LGBT+ were twice as likely as other "
            "pupils to report low wellbeing, and more than half had heard homophobic language at "
            "school in the last month. Ridingsdale is a largely rural area with one small LGBT+ "
            "youth group, which meets fortnightly in the main town and has a waiting list. Young "
            "people tell us that staff in schools and services sometimes lack the confidence to "
            "talk about sexuality and gender identity, and that they worry about being outed. We "
            "want to work with young people, schools, youth services and health partners to build "
            "a whole-area approach: confident staff, inclusive schools, and accessible peer "
            "support for LGBT+ young people, including in our villages."
        ),
        "identification_sources": ["consultation", "jsna"],
        "identification_description": (
            "The issue was identified through our biennial health and wellbeing survey of "
            "secondary pupils, which asked about sexual orientation and gender identity for the "
            "first time in 2017, and through consultation with members of the LGBT+ youth group. "
            "The section of our JSNA on children's emotional health recommends further work with "
            "groups at higher risk of poor mental health, including LGBT+ young people."
        ),
        "team": [
            {
                "role": "senior_officer",
                "name": "Alex Thornton",
                "job_title": "Head of Youth Services and Participation",
                "organisation": "Ridingsdale Council (fictional)",
                "email": "alex.thornton@example.org",
                "why_key": (
                    "Alex manages youth work, the youth council and the council's participation "
                    "work, and commissions the LGBT+ youth group. Alex can lead the project and "
                    "make sure young people shape it from the start."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Rosa Delgado",
                "job_title": "Director",
                "organisation": "Ridingsdale Pride Youth (fictional)",
                "email": "rosa.delgado@example.org",
                "why_key": (
                    "Rosa runs the area's only LGBT+ youth group and provides training for "
                    "schools. She knows what young people face and can extend peer support into "
                    "rural areas with the right backing."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Chloe Whitaker",
                "job_title": "Lead Nurse for Children's Emotional Health",
                "organisation": "Ridingsdale Community Health NHS Trust (fictional)",
                "email": "chloe.whitaker@example.org",
                "why_key": (
                    "Chloe leads the school nursing team's emotional health work and its drop-ins "
                    "in every secondary school. She can make school nurses a safe first point of "
                    "contact for LGBT+ young people."
                ),
            },
        ],
        "hwb_support": "not_sought",
        "hwb_detail": (
            "We have not yet sought the board's support; we intend to take a report to its next "
            "meeting if the application is successful."
        ),
        "thrive": ["thriving", "getting_advice"],
        "challenge_areas": [
            "Needs of particular groups, such as BAME young people",
            "Young-people-friendly services",
        ],
        "submitted_at": "2018-02-05T16:40",
        "refined_key_question": "",
    },
    {
        "organisation": "Trentshire County Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we reshape our school nursing service so that it becomes an accessible first "
            "point of contact for young people's emotional health and wellbeing?"
        ),
        "why_critical": (
            "Emotional health is now the most common reason that secondary pupils in Trentshire "
            "seek out a school nurse, yet our school nursing service was designed around "
            "immunisations, health checks and safeguarding. With one school nurse for every six "
            "secondary schools, drop-in sessions are infrequent and many young people do not know "
            "the service exists. Our text messaging service for 11 to 19 year olds receives more "
            "messages about anxiety, low mood and self-harm than about any other topic, and "
            "nurses tell us they lack the time, training and clear onward routes to respond well. "
            "We are re-commissioning our 0 to 19 public health nursing service in 2019, which "
            "gives us a real opportunity to change the model. We want to understand from young "
            "people what would make school nurses their first port of call, how nurses could work "
            "with school pastoral staff, counsellors and CAMHS, and what skills and supervision "
            "they would need, so that young people in every part of the county can get advice and "
            "early help."
        ),
        "identification_sources": ["consultation", "jsna", "other"],
        "identification_description": (
            "Activity data from our public health nursing service and monthly reports from the "
            "text messaging service show emotional health as the leading reason for contact. The "
            "JSNA chapter on school-age children recommended a review of the school nursing "
            "model. A survey of 1,400 secondary pupils by our youth council found that only a "
            "third knew how to contact a school nurse."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Patricia Okoro",
                "job_title": "Cabinet Member for Adult Social Care and Public Health",
                "organisation": "Trentshire County Council (fictional)",
                "email": "patricia.okoro@example.org",
                "why_key": (
                    "Patricia holds the public health portfolio and is a member of the Health and "
                    "Wellbeing Board. She will take the re-commissioning decision to cabinet and "
                    "can make sure young people's views shape it."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Rhys Llewellyn",
                "job_title": "Consultant in Public Health, Children and Young People",
                "organisation": "Trentshire County Council (fictional)",
                "email": "rhys.llewellyn@example.org",
                "why_key": (
                    "Rhys commissions the 0 to 19 public health nursing service and is leading "
                    "its re-commissioning. He can build a new emotional health role for school "
                    "nurses into the service specification."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Joanne Beckett",
                "job_title": "Head of Public Health Nursing (0 to 19)",
                "organisation": "Trentshire Healthcare NHS Trust (fictional)",
                "email": "joanne.beckett@example.org",
                "why_key": (
                    "Joanne manages the county's school nurses and the text messaging service. "
                    "She can pilot new ways of working in a group of schools and arrange the "
                    "training and supervision nurses need."
                ),
            },
        ],
        "hwb_support": "confirmed",
        "hwb_detail": (
            "The board has agreed that children's emotional health will be a focus of its 2018 "
            "work programme and its chair has confirmed support."
        ),
        "thrive": ["thriving", "getting_advice"],
        "challenge_areas": ["Finding advice and information", "Young-people-friendly services"],
        "submitted_at": "2018-02-16T11:03",
        "refined_key_question": "",
    },
    {
        "organisation": "Wealdbridge Council (fictional)",
        "fictional": True,
        "outcome_2018": "not_selected",
        "key_question": (
            "How can we support children's emotional wellbeing through the move from primary to "
            "secondary school, so that worries are picked up early and do not escalate?"
        ),
        "why_critical": (
            "Schools in Wealdbridge tell us that year 7 is the point at which many children's "
            "emotional wellbeing difficulties first become visible, and referrals to our early "
            "help emotional wellbeing service rise sharply in the autumn term of year 7. "
            "Information about children's needs is passed from primary to secondary schools "
            "inconsistently, and concerns that primary staff have held for years can be lost. "
            "Children themselves say that they worry about friendships, bigger buildings and "
            "harder work, and that they did not know who to talk to in their new school. We know "
            "from our own schools that a small number of children who appear to be doing well "
            "academically are nevertheless very anxious about the move, and that they are hard to "
            "spot. We want to agree a consistent transition approach across our 48 primary and 11 "
            "secondary schools that combines information sharing, children's own views of their "
            "worries and targeted support, so that emotional difficulties are picked up and "
            "responded to early."
        ),
        "identification_sources": ["consultation", "other"],
        "identification_description": (
            "The issue was raised by secondary head teachers through the schools forum and "
            "confirmed by referral data from our early help emotional wellbeing service, which "
            "show a peak in year 7. A survey of 600 year 6 pupils by the educational psychology "
            "service asked about their hopes and worries about secondary school, and we attach "
            "its findings. Parents raised the same concerns at our SEND and inclusion reference "
            "group."
        ),
        "team": [
            {
                "role": "elected_member",
                "name": "Oliver Brandt",
                "job_title": "Lead Member for Education and Skills",
                "organisation": "Wealdbridge Council (fictional)",
                "email": "oliver.brandt@example.org",
                "why_key": (
                    "Oliver is the lead member for education and a former primary school "
                    "governor. He has good relationships with head teachers across the phases and "
                    "can encourage schools to sign up to a shared approach."
                ),
            },
            {
                "role": "senior_officer",
                "name": "Yasmin Haddad",
                "job_title": "Principal Educational Psychologist",
                "organisation": "Wealdbridge Council (fictional)",
                "email": "yasmin.haddad@example.org",
                "why_key": (
                    "Yasmin leads the educational psychology service, which ran the year 6 survey "
                    "and supports every school in the area. She can design the transition "
                    "approach with schools and train the staff who will deliver it."
                ),
            },
            {
                "role": "senior_partner",
                "name": "Martin Greaves",
                "job_title": "Headteacher",
                "organisation": "Wealdbridge Academy (fictional)",
                "email": "martin.greaves@example.org",
                "why_key": (
                    "Martin leads the largest secondary school in the area and chairs the "
                    "secondary heads' group. He can test the approach in his own school and "
                    "persuade other secondary heads to adopt it."
                ),
            },
        ],
        "hwb_support": "likely",
        "hwb_detail": (
            "The board's children and young people's sub-group has welcomed the proposal, and we "
            "expect the full board to support it."
        ),
        "thrive": ["thriving", "getting_advice"],
        "challenge_areas": ["Finding advice and information", "Young-people-friendly services"],
        "submitted_at": "2018-01-24T12:15",
        "refined_key_question": "",
    },
]

# The demo applicant's half-finished draft: only two team members, and no Health and Wellbeing
# Board support, THRIVE categories or challenge areas yet.
DEMO_DRAFT_APPLICATION = {
    "organisation": "Demoshire County Council (fictional)",
    "fictional": True,
    "key_question": (
        "How can we identify young carers earlier and support their emotional wellbeing before "
        "their caring responsibilities affect their mental health?"
    ),
    "why_critical": (
        "Around 2,500 young carers are known to schools and services in Demoshire, and we "
        "estimate that at least as many again are hidden. Young carers tell us that worry about "
        "the person they care for, tiredness and isolation affect their mood, their sleep and "
        "their schoolwork, and that they rarely tell anyone. Many only come to our attention when "
        "they reach crisis point or stop attending school. Our young carers' service is valued "
        "but can offer only a small number of places, and schools, GPs and adult services do not "
        "consistently identify children in a caring role. We want to work with partners to spot "
        "young carers earlier, particularly when adult health and social care services are "
        "working with their parents, and to offer emotional wellbeing support that fits around "
        "their caring responsibilities."
    ),
    "identification_sources": ["consultation", "jsna"],
    "identification_description": (
        "Our JSNA estimates the number of young carers in the county from census data and "
        "compares it with the number known to services. A consultation with 60 young carers at "
        "our annual young carers' festival told us what support they would value, and when and "
        "where they could use it. Schools have also told us they find young carers hard to "
        "identify."
    ),
    "team": [
        {
            "role": "elected_member",
            "name": "Ruth Abernethy",
            "job_title": "Cabinet Member for Children and Families",
            "organisation": "Demoshire County Council (fictional)",
            "email": "ruth.abernethy@example.org",
            "why_key": (
                "Ruth is the cabinet member for children and families and has championed young "
                "carers on the council for several years. She can bring adult social care and "
                "health colleagues into the conversation."
            ),
        },
        {
            "role": "senior_officer",
            "name": "Tariq Aziz",
            "job_title": "Head of Early Help",
            "organisation": "Demoshire County Council (fictional)",
            "email": "tariq.aziz@example.org",
            "why_key": (
                "Tariq manages the early help service, which includes the young carers' service "
                "and its school link workers. He can change how young carers are identified and "
                "supported across early help, schools and adult services."
            ),
        },
    ],
    "hwb_support": "",
    "hwb_detail": "",
    "thrive": [],
    "challenge_areas": [],
}

# People who signed up to the online community of learning (organisation is free text).
COMMUNITY_SIGNUPS = [
    {
        "name": "Hollie Marsden",
        "email": "hollie.marsden@example.org",
        "organisation": "Sefton Council",
        "job_title": "Emotional Health and Wellbeing Lead",
        "consent_to_contact": True,
    },
    {
        "name": "Gurpreet Kaur Dhillon",
        "email": "gurpreet.kaur.dhillon@example.org",
        "organisation": "Leicester City Council",
        "job_title": "Public Health Registrar",
        "consent_to_contact": True,
    },
    {
        "name": "Owain Price",
        "email": "owain.price@example.org",
        "organisation": "Herefordshire Council",
        "job_title": "Children's Commissioning Manager",
        "consent_to_contact": True,
    },
    {
        "name": "Lucía Romero",
        "email": "lucia.romero@example.org",
        "organisation": "Norfolk County Council",
        "job_title": "Youth Participation Officer",
        "consent_to_contact": True,
    },
    {
        "name": "Ewan Fraser",
        "email": "ewan.fraser@example.org",
        "organisation": "Oakhill Academy (fictional)",
        "job_title": "Assistant Headteacher and Senior Mental Health Lead",
        "consent_to_contact": True,
    },
    {
        "name": "Grace Adjei",
        "email": "grace.adjei@example.org",
        "organisation": "NHS Birmingham and Solihull CCG",
        "job_title": "Programme Manager, Children and Young People's Mental Health",
        "consent_to_contact": True,
    },
    {
        "name": "Stephen Lowe",
        "email": "stephen.lowe@example.org",
        "organisation": "Cumbria County Council",
        "job_title": "Councillor and Mental Health Champion",
        "consent_to_contact": True,
    },
    {
        "name": "Zainab Mahmood",
        "email": "zainab.mahmood@example.org",
        "organisation": "Bristol City Council",
        "job_title": "Policy Officer, Children and Young People",
        "consent_to_contact": True,
    },
]

# Peer organisations and approaches from the report, entered as peer partner offers. The
# contacts are fictional people.
PEER_PARTNER_OFFERS = [
    {
        "organisation": "Forward Thinking Birmingham",
        "approach_title": "A 0-25 mental health service with the Pause open-access drop-in",
        "summary": (
            "Forward Thinking Birmingham is a 0-25 mental health service, jointly commissioned by "
            "the Birmingham CCGs and delivered by a consortium of Birmingham Women's and "
            "Children's Hospital, the Priory Group, Beacon UK and The Children's Society. It grew "
            "out of frustration with two previous providers of separate 0-16 and 18+ services, "
            "which had struggled for ten years to agree arrangements for 16 and 17 year olds. The "
            "service combines Pause, a drop-in run by The Children's Society that offers advice "
            "and support to children, young people, friends and families seven days a week "
            "without a referral; a telephone access centre that signposts referrals across the "
            "service; and NHS mental health services in community hubs and the hospital. Since "
            "Pause opened in April 2016 it has seen 25 per cent of the total service volume for "
            "less than 3 per cent of the budget."
        ),
        "thrive": ["getting_advice", "getting_help", "getting_more_help"],
        "themes": [
            "0-25 service",
            "open access",
            "single point of access",
            "pathways and navigation",
            "integrated commissioning",
            "transitions",
        ],
        "contact_name": "Callum Reid",
        "contact_email": "callum.reid@example.org",
        "contact_job_title": "Service Manager, Pause and Access Centre",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 2,
    },
    {
        "organisation": "Birmingham Education Partnership",
        "approach_title": (
            "NewStart: whole-school approaches to emotional wellbeing and mental health"
        ),
        "summary": (
            "NewStart is run by Birmingham Education Partnership, a membership organisation for "
            "head teachers and their schools that focuses on school improvement and holistic "
            "education. Funded by the CCGs and working with CAMHS, it takes whole-school "
            "approaches to emotional wellbeing and mental health across 40 secondary schools. "
            "Each school identifies a senior lead and a member of pastoral staff, who are "
            "supported to carry out an audit, identify actions and join a community of practice "
            "for professional development and peer support. Pupils are trained as mental health "
            "champions by the city's open-access drop-in centre for young people. At Saltley "
            "Academy, screening of new year 7 pupils combines primary school data and SDQ scores "
            "with each pupil's 'letter to self', so that anxious children who would otherwise be "
            "missed get support."
        ),
        "thrive": ["thriving", "getting_advice"],
        "themes": [
            "whole-school approach",
            "schools and CCG partnership",
            "peer mental health champions",
            "community of practice",
            "transition to secondary school",
            "young people's voice",
        ],
        "contact_name": "Bernard Asante",
        "contact_email": "bernard.asante@example.org",
        "contact_job_title": "NewStart Programme Lead",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 3,
    },
    {
        "organisation": "Cheshire East Council",
        "approach_title": "Emotionally Healthy Schools",
        "summary": (
            "Cheshire East piloted and then spread an Emotionally Healthy Schools programme that "
            "brings together public health, schools and a voluntary sector delivery partner to "
            "increase the consistency of mental health support in schools. It is commissioned by "
            "public health, and an assistant head teacher coordinates the programme part-time and "
            "liaises with all schools. Link teams from local CAMHS provide supervision and "
            "reflection to schools twice each half term, when staff talk about the children they "
            "are concerned about, how to support them, and the progress made since the previous "
            "meeting. The voluntary sector provides a universal offer so that children and young "
            "people can also get support outside school. Specialist support of this kind gives "
            "school staff the confidence to support young people who turn to them for advice and "
            "help."
        ),
        "thrive": ["thriving", "getting_advice", "getting_help"],
        "themes": [
            "whole-school approach",
            "CAMHS link teams",
            "wider workforce confidence",
            "public health commissioning",
            "voluntary sector universal offer",
        ],
        "contact_name": "Lydia Brennan",
        "contact_email": "lydia.brennan@example.org",
        "contact_job_title": "Public Health Programme Manager, Emotionally Healthy Schools",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 2,
    },
    {
        "organisation": "North Tyneside Council",
        "approach_title": (
            "MH:2K: young people as citizen researchers (with Involve and Leaders Unlocked)"
        ),
        "summary": (
            "North Tyneside has taken part in MH:2K, a participatory programme delivered by "
            "Involve and Leaders Unlocked that empowers young people to become 'citizen "
            "researchers'. A multi-agency board oversees the process. Young people are recruited "
            "and, through 'design days', learn about young people's mental health, choose the "
            "five themes the project will focus on and gain the confidence and skills to engage "
            "their peers. Their roadshow, which in North Tyneside reached over 500 young people, "
            "gathers other young people's experiences and ideas. On 'results day' the citizen "
            "researchers work with local decision makers to develop practical recommendations, "
            "which they present to local leaders at a 'big showcase'. The young people who take "
            "part build lasting skills and confidence, which also help them to manage their own "
            "mental health."
        ),
        "thrive": ["thriving", "getting_advice"],
        "themes": [
            "youth participation",
            "co-production",
            "citizen researchers",
            "peer engagement",
            "service design",
        ],
        "contact_name": "Aaron Dodds",
        "contact_email": "aaron.dodds@example.org",
        "contact_job_title": "Participation and Engagement Manager",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 2,
    },
    {
        "organisation": "Surrey County Council",
        "approach_title": (
            "Hope and Extended Hope: an integrated response for young people in crisis"
        ),
        "summary": (
            "Joint commissioning by Surrey County Council, the county's CCGs and the local NHS "
            "partnership trust has created complementary services for young people with "
            "significant needs or in crisis. CYP Havens offer advice and out-of-hours support "
            "without a referral. A targeted intervention service works with looked-after children "
            "and care leavers. The Hope Day Service is alternative provision with additional "
            "health and social care funding: a multi-agency team offers a daily timetable of "
            "education, activities and therapeutic work for six months to a year. Extended Hope "
            "is an out-of-hours and weekend crisis service offering assessments, consultations "
            "and home visits, with a two-bed residential unit where young people can stay for up "
            "to ten days while attending Hope. Together they prevent inpatient admissions and "
            "moves out of area."
        ),
        "thrive": ["getting_more_help", "getting_risk_support"],
        "themes": [
            "crisis support",
            "alternative provision",
            "respite",
            "joint commissioning",
            "continuity of relationship",
            "sharing risk",
        ],
        "contact_name": "Joanna Pryce",
        "contact_email": "joanna.pryce@example.org",
        "contact_job_title": "Service Manager, Hope and Extended Hope",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 2,
    },
    {
        "organisation": "Brighton and Hove City Council",
        "approach_title": (
            "Challenging behaviour: reconciling guidance on behaviour, SEND and mental health"
        ),
        "summary": (
            "Brighton & Hove's work highlights how different professional guidance requires "
            "different responses to children who display challenging behaviour. Guidance on "
            "mental health, and on support for special educational needs and disabilities, "
            "advises that challenging behaviour is often linked to emotional and mental health, "
            "but guidance on behaviour could be interpreted as prioritising zero tolerance and "
            "punishment. Setting these perspectives side by side shows why professionals are "
            "likely to approach the same child from different standpoints depending on their "
            "context. The work helps schools and partners agree a shared response that looks at "
            "the needs behind a child's behaviour, and it offers councils tackling rising "
            "exclusions a starting point for conversations between education, social care and "
            "CAMHS."
        ),
        "thrive": ["getting_help"],
        "themes": [
            "school exclusions",
            "challenging behaviour",
            "SEND and SEMH",
            "different professional perspectives",
            "holistic view of the child",
        ],
        "contact_name": "Shona Mackenzie",
        "contact_email": "shona.mackenzie@example.org",
        "contact_job_title": "Inclusion Support Manager",
        "can_host_visit": False,
        "can_take_call": True,
        "visit_capacity": 1,
    },
    {
        "organisation": "London Borough of Haringey",
        "approach_title": (
            "Anchor: supporting schools to handle challenging behaviour and reduce exclusions"
        ),
        "summary": (
            "Haringey's Anchor project provides support and training for schools on how to handle "
            "challenging behaviour and reduce exclusions. It uses a whole-school approach to "
            "wellbeing and provides training and support for senior school leaders on exclusion, "
            "mental health, behaviour and wellbeing. This equips schools to see the whole picture "
            "for each child and aims to prevent escalation. Anchor addresses the different "
            "perspectives of education and mental health directly: it helps school leaders "
            "recognise the social, emotional and mental health needs that can sit behind "
            "persistent disruptive behaviour, and to respond to them before a pupil reaches the "
            "point of exclusion."
        ),
        "thrive": ["getting_advice", "getting_help"],
        "themes": [
            "school exclusions",
            "whole-school approach",
            "training for school leaders",
            "challenging behaviour",
            "SEMH",
        ],
        "contact_name": "Delroy Francis",
        "contact_email": "delroy.francis@example.org",
        "contact_job_title": "Anchor Project Lead",
        "can_host_visit": True,
        "can_take_call": True,
        "visit_capacity": 1,
    },
]

# The five cross-cutting themes from the report.
THEMES_2018 = [
    {
        "title": "Taking a holistic view of children and young people",
        "description": (
            "Seeing the whole child from different professional perspectives, so that young "
            "people with overlapping needs do not fall between service thresholds."
        ),
    },
    {
        "title": "Hearing young people's voices and co-designing services",
        "description": (
            "Listening to children, young people and their parents, combining quantitative and "
            "qualitative evidence, and designing services with them."
        ),
    },
    {
        "title": "Confidence and capability in the wider children's workforce",
        "description": (
            "Building confidence about mental health among schools, primary care and other "
            "professionals, to reduce fear and risk-averse behaviour."
        ),
    },
    {
        "title": "Councillors as champions",
        "description": (
            "Local councillors championing children's emotional health and wellbeing, helping to "
            "keep it on the agenda and commanding attention."
        ),
    },
    {
        "title": "Delivering in times of change and resource pressure",
        "description": (
            "Finding ways for people in different parts of a complex, pressured system to work "
            "together, including where crisis prompts radical change."
        ),
    },
]

# The six helpful questions from the report, verbatim.
HELPFUL_QUESTIONS_2018 = [
    "How can we better understand the cohort we are working with?",
    (
        "Whose perspective are we taking on the issue? Are we missing important perspectives? Can "
        "we take a more holistic view?"
    ),
    (
        "Whose expectations and cultural norms do we need to understand and address to achieve "
        "change? Children, parents, professionals?"
    ),
    "Who are the champions for our work? Can we think more widely about other potential allies?",
    "How can we share risk appropriately across the partners? What will help and hinder this?",
    (
        "What is our role in influencing others in our system, and what do we need to do "
        "ourselves? Are we using scale and complexity to mask our own opportunity and "
        "responsibility to take action?"
    ),
]

# The two learning days. Dates are from the call and the report; the start and end times are
# assumed for the demo, and the venues were never published.
LEARNING_DAYS_2018 = [
    {
        "title": "Learning day 1",
        "date": "2018-03-12",
        "start_time": "10:00",
        "end_time": "16:00",
        "description": (
            "Each council and its partners review and refine the key question they will work on "
            "as their project, and plan their next steps, using action learning discussions."
        ),
        "attended_by": [
            "Barnsley Metropolitan Borough Council",
            "Durham County Council",
            "Essex County Council",
            "Kirklees Council",
            "London Borough of Lewisham",
            "Lincolnshire County Council",
            "Surrey County Council",
            "Warwickshire County Council",
        ],
        "note": "All eight councils took part.",
    },
    {
        "title": "Learning day 2",
        "date": "2018-06-12",
        "start_time": "10:00",
        "end_time": "16:00",
        "description": (
            "The councils review the progress made on their projects and the learning from peer "
            "visits and conversations, and reflect on the questions that proved most helpful."
        ),
        "attended_by": [
            "Barnsley Metropolitan Borough Council",
            "Durham County Council",
            "Kirklees Council",
            "London Borough of Lewisham",
            "Lincolnshire County Council",
            "Surrey County Council",
            "Warwickshire County Council",
        ],
        "note": "Essex County Council participated in the first learning day only.",
    },
]

# How the demo's reviewers score applications. The 2018 programme's real criteria were not
# published; these follow what the call asked for.
SCORING_CRITERIA = [
    {
        "title": "A clear issue that matters locally",
        "description": "The key question is specific, and the application shows why it is "
        "critical for children and young people in the area.",
        "weight": 3,
        "strong": "A sharp question, with a compelling local case for addressing it now.",
        "satisfactory": "A recognisable issue, but the question or the case is broad.",
        "poor": "No clear issue or question.",
    },
    {
        "title": "Evidence of need",
        "description": "How the issue was identified: young people's voices, the JSNA, the "
        "local transformation plan, inspection reports.",
        "weight": 2,
        "strong": "Several sources, including what young people said.",
        "satisfactory": "One source, described briefly.",
        "poor": "No evidence.",
    },
    {
        "title": "The right team",
        "description": "An elected member, a senior officer and a senior partner who can act "
        "on the issue.",
        "weight": 2,
        "strong": "All three roles, each clearly able to move the issue on.",
        "satisfactory": "A credible team with one role missing or unclear.",
        "poor": "The team could not act on the issue.",
    },
    {
        "title": "Health and Wellbeing Board support",
        "description": "Whether the board supports, or is likely to support, taking part.",
        "weight": 1,
        "strong": "Support confirmed.",
        "satisfactory": "Support likely.",
        "poor": "Not yet sought.",
    },
    {
        "title": "Potential to learn from peers",
        "description": "Whether a peer visit or conversation is likely to help, and whether "
        "the learning would help other councils.",
        "weight": 2,
        "strong": "Clear peers to learn from, and learning others could use.",
        "satisfactory": "Some potential.",
        "poor": "Little to learn from others.",
    },
]

DEMO_REVIEWERS = [
    {"email": "reviewer@example.org", "name": "Robin Reviewer"},
    {"email": "reviewer2@example.org", "name": "Sam Assessor"},
]
