#!/usr/bin/env python3
"""Build data/real/external/gh-issues-urgency.jsonl: GitHub issue threads whose OWN tracker labels
(or, for the City of Austin DTS service desk, the requester's own "How soon do you need this?" form
field) give an urgency signal. Text found with the search tool's `issues` corpus (stored copies of
public GitHub issues), 16 queries run 2026-12-01; the issue title, the repository's labels and the
issue AUTHOR's opening post ("description") were transcribed below (RAW) as shown; no comments.

Main source: cityofaustin/atd-data-tech, the issue tracker of Austin Transportation & Public Works
"Data & Technology Services" (DTS). City staff file service requests through a Knack form; the
`atdservicebot` account copies each request (title, form answers) into a GitHub issue and the
service desk sets labels such as "Impact: 1-Severe" (their definition, issue #523 template:
Severe = cannot perform work, no workaround; Major = can only perform work using a workaround;
Minor = can perform work, but could be easier or faster; None = does not affect work).
Plus a few other repositories whose labels mark priority (tokopedia/status, colloquy/colloquy,
tchapgouv/tchap-ios, BigAndini/ers, tomdoeslinux/PixaPencil, idaholab/moose,
MarketSquare/robotframework-browser).

Selection rule (fixed before looking at any model output): issues only, opening post present;
cityofaustin items only when written by atdservicebot (real staff requests), dropping the
service-bot test issues (title/body is a test: 'test', 'TEST', 'delete this', keyboard mash,
requested by DTS staff to test the bot); near-duplicate re-filings dropped (10087 = 10086);
repositories used elsewhere in data/real are excluded (federicoiosue/Omni-Notes is in train);
morenol/support-cases rejected (reads as generated text); NUS 'pe' student-exercise repos skipped.

Urgency rule (label -> S, first match wins; written before any model output):
  impact: 1-severe | major outage | priority: blocker | p0 | critical | bug - critical | p1: critical -> 0.95
  p1 | prio1 | priority: high | high priority | extremely high priority                          -> 0.85
  impact: 2-major                                                                                -> 0.65
  p: normal | priority: medium | p2                                                              -> 0.45
  impact: 3-minor                                                                                -> 0.35
  need: 1/2/3 (MoSCoW need on a request without Impact) | type: enhancement | enhancement        -> 0.2
  impact: 4-none                                                                                 -> 0.15
  no mapped label -> the DTS form field "How soon do you need this?":
     Urgently -> 0.9 ; Soon -> 0.5 ; Flexible -> 0.25 ; Unsure/absent -> null (record dropped).
Category rule: all kept items report a broken system / outage / access problem / how-to or
feature request about software -> Technical (none concerns charges or legal matters; the
BigAndini/ers checkout-payment-method bug is a broken web shop, Technical).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import cap_line_or_sentence, issue_collector, write_jsonl  # noqa: E402

SLUG = "gh-issues-urgency"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
R, add = issue_collector()

A = "https://github.com/cityofaustin/atd-data-tech/issues/"

add(A+"29422", ["Impact: 1-Severe", "Provider: ATS", "Service: Maximo Support", "Team: Maximo", "Type: Bug Report"],
"[URGENT] While using MAXIMO it timed me out and when I click the Icon to log in it is giving me an error mess...",
"""### Application

> Maximo

### Describe the problem.

> While using MAXIMO it timed me out and when I click the Icon to log in it is giving me an error message.  

### Is there anything else we should know?

> I have attached a screenshot of the error message I'm receiving.

### Workgroup

> Urban Forestry

### Website Address

> https://main.manage.austintexas.suite.maximo.com/maximo/oslc/graphite/manage-shell/index.html#/main

### Internet Browser

> Edge

### Requested By

> Anthony A.

### Attachments

> Attachments available in Knack""")

add(A+"18272", ["Impact: 1-Severe", "Service: Tech Services", "Type: Bug Report", "Workgroup: OCE"],
"[URGENT] Help User Arielle P. Access IMMPACT and ROWPACT",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Whenever I am trying to access IMMPACT or ROWPACT it gives me a message that the site can't be reached but other coworkers are able to access it with ease. 

http://coacortexprod.coacd.org/gvh/?viewer=rowpact
https://coacortexp.austintexas.gov/gvh/index.html?viewer=immpact#

> Website Address

https://coacortexp.austintexas.gov/gvh/index.html?viewer=immpact#

Internet Browser: Chrome

> Requested By
Arielle P.

Request ID: DTS24-116220""")

add(A+"29425", ["Impact: 1-Severe", "Team: Tech Services", "Type: IT Support", "Workgroup: TED"],
"[URGENT] Internet was completely down this morning and cannot be able to access any sites, informed to IT, V ...",
"""### Application

> Other / Not sure

### Describe the problem.

> Internet was completely down this morning and cannot be able to access any sites, informed to IT, V here and he looked at it and took care of it for team members, it was for multiple users from our team. It has been restored now.

### How soon do you need this?

> Urgently — Critical that this is addressed today

### Workgroup

> Transportation Engineering

### Requested By

> Leticia S.""")

add(A+"26122", ["Impact: 1-Severe", "Service: Tech Services", "Type: IT Support", "Workgroup: ATSD"],
"[URGENT] Network Issue",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Network Issue

> How soon do you need this?

Urgently — Critical that this is addressed today

> Requested By
Yoma E.

Request ID: DTS25-130935""")

add(A+"25188", ["Impact: 1-Severe", "Provider: Knack", "Type: Bug Report", "Workgroup: DTS"],
"[URGENT] Knack application is not working. It will not load",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Knack application is not working. It will not load

Internet Browser: Chrome

> Requested By
Monica G.

Request ID: DTS25-128815""")

add(A+"16138", ["Need: 3-Could Have", "Product: Data & Technology Services Port", "Product: DTS Service Bot", "Team: Apps", "Team: Dev"],
"Add Office of the City Engineer as a Workgroup/Division in Knack System",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Please add Office of the City Engineer as a Workgroup/Division in Knack System

> Describe the outcome you'd like to see when this feature is implemented.

I do not want to select Others as the division.

> Describe any workarounds you currently have in place or alternative solutions you've considered.

Any reviews or request that I made now goes as Others as a Division

> Requested By
Saroj T.

Request ID: DTS24-113190""")

add(A+"23169", ["Impact: 1-Severe", "Type: Bug Report", "Workgroup: TED"],
"[URGENT] I'm not able to change the requester to create a Work Order in Knack.",
"""> What application are you using?

SMD Data Tracker 

> Describe the problem.

I'm not able to change the requester to create a Work Order in Knack.

> Website Address

5202 Ben White Boulevard

Internet Browser: Edge

> Requested By
Gilbert B.

Request ID: DTS25-125380""")

add(A+"14681", ["Product: Human Resources Portal", "Service: Product", "Type: IT Support", "Workgroup: TDS"],
"I still cannot connect to Knack beyond this page.",
"""> What application are you using?

Other / Not sure

> Describe the problem.

I still cannot connect to Knack beyond this page.

> How soon do you need this?

Soon — Within a week 

> Is there anything else we should know?

I'm trying to update my SSPR

> Requested By
Michael L.

Request ID: DTS23-111020""")

add(A+"7753", ["Product: TDS Portal", "Service: Apps", "Type: Other", "Workgroup: SDD"],
"Request for New Login to TDS Knack App",
"""> What application are you using?

Transportation Development Services (TDS)

> Describe the problem.

May I have access to this Knack, please?

> How soon do you need this?

Flexible  — An extended timeline is OK

> Requested By
Daniel B.

Request ID: DTS21-103030""")

add(A+"18716", ["Impact: 1-Severe", "Product: Maximo", "Service: Maximo", "Type: Bug Report", "Workgroup: District Maintenance"],
"[URGENT] Unable to use Maximo. Trouble loading.",
"""> What application are you using?

Maximo

> Describe the problem.

Unable to use Maximo. Trouble loading.

> Website Address

https://austintexas.mro.com/maximo/ui/maximo.jsp

Internet Browser: Chrome

> Requested By
Shon  .

Request ID: DTS24-116970""")

add(A+"27602", ["Impact: 1-Severe", "Product: Maximo", "Team: Maximo", "Type: Bug Report", "Workgroup: SBO"],
"3/27 - 7:51 am: [URGENT] Maximo - desktop - browser was restarted, Maximo still not loading",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo - desktop - browser was restarted, Maximo still not loading

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

Critical for daily operations.

> Requested By
Monika S.

Request ID: DTS26-134430""")

add(A+"25651", ["Impact: 1-Severe", "Product: Maximo", "Type: Other", "Workgroup: SBO"],
"[URGENT] Maximo desktop is not loading. I checked with coworker and it's not loading for them as well. It sho...",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo desktop is not loading. I checked with coworker and it's not loading for them as well. It shows the message: The server has encountered an unknown error. Reload the application and try again. If the problem persists, contact your system administrator. 

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

Essential work tool for the dispatch. 

> Requested By
Monika S.

Request ID: DTS25-129925""")

add(A+"28828", ["Impact: 1-Severe", "Service: Maximo Support", "Team: Maximo", "Type: Other", "Workgroup: SBO"],
"[URGENT] Maximo desktop is not creating work orders. See attached.",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo desktop is not creating work orders. See attached.

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

Crucial for division operations. 

> Requested By
Monika S.

Request ID: DTS26-137465""")

add(A+"28848", ["Impact: 1-Severe", "Service: Maximo Support", "Team: Maximo", "Type: Other", "Workgroup: SBO"],
"[URGENT] Maximo desktop is not creating work orders.",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo desktop is not creating work orders.

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

Critical to work operations.

> Requested By
Monika S.

Request ID: DTS26-137530""")

add(A+"28829", ["Impact: 1-Severe", "Service: Maximo Support", "Team: Maximo", "Type: Bug Report", "Workgroup: SBO"],
"[URGENT] Maximo is not allowing me to create a work order. I keep getting an error message.",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo is not allowing me to create a work order. I keep getting an error message.

Internet Browser: Chrome

> Requested By
Colton S.

Request ID: DTS26-137470""")

add(A+"22038", ["Impact: 1-Severe", "Product: Maximo", "Service: Maximo", "Type: Bug Report", "Workgroup: Pavement Operations"],
"[URGENT] Maximo/EZMax are not working",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo/EZMax are not working 

Internet Browser: Edge

> Requested By
Jonathan G.

Request ID: DTS25-123345""")

add(A+"27580", ["Impact: 1-Severe", "Product: Maximo", "Team: Maximo", "Type: Bug Report", "Workgroup: SBO"],
"[URGENT] Maximo access is not working at all",
"""> What application are you using?

Maximo

> Describe the problem.

My maximo access is not working at all I am getting an error code (400 bad request). I have already tried closing my browser and switching to a different browser, but the issue persists.

Internet Browser: Edge

> Requested By
Kaylan T.

Request ID: DTS26-134365""")

add(A+"22131", ["Impact: 1-Severe", "Product: Maximo", "Service: Maximo", "Type: Bug Report", "Workgroup: District Maintenance"],
"[URGENT] Maximo is not working.",
"""> What application are you using?

Maximo

> Describe the problem.

Maximo is not working.

> Website Address

https://austintexas.mro.com/maximo/ui/login

Internet Browser: Chrome

> Requested By
Shon J.

Request ID: DTS25-123500""")

add(A+"25155", ["Impact: 1-Severe", "Product: Maximo", "Service: Maximo", "Type: IT Support", "Workgroup: SBO"],
"[URGENT] Maximo (desktop) is not working. Program is loading/spinning for longer than 30 minutes",
"""> What application are you using?

Maximo

> Describe the problem.

New Report. Maximo (desktop) is not working. Program is loading/spinning for longer than 30 minutes. Please see attached. 

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

As soon as possible, please, it is a critical for Austin Street and Bridge Operations Dispatch. 

> Requested By
Monika S.

Request ID: DTS25-128750""")

add(A+"28450", ["Impact: 1-Severe", "Provider: ATS", "Service: Maximo Support", "Team: Maximo", "Type: Bug Report"],
"[URGENT] Troubleshooting - Maximo DesktopPlease see DTS26-135560 - issue is happening again. No 1NEW work orders since Sat, 5/9 outage.",
"""> What application are you using?

Maximo

> Describe the problem.

Troubleshooting - Maximo Desktop
Please see DTS26-135560 - issue is happening again

Regarding UER- There have been no new 1NEW work orders since the outage on Saturday 5/9. I suspect, but have no proof, that this is related to the Maximo outage. It is extremely unusual to have even a single day with no new 1NEW work orders.

Internet Browser: Edge

> Requested By
Greg G.

Request ID: DTS26-136575""")

add(A+"27568", ["Impact: 3-Minor", "Product: Maximo", "Team: Maximo", "Type: Bug Report", "Workgroup: SBO"],
"3/25 - 1:42 pm: We know Maximo is a little slow but I wanted to report (information) thank you!",
"""> What application are you using?

Maximo

> Describe the problem.

I appreciate all of y'alls work! We know Maximo is just a little slow today but I wanted to report that after a long time loading it is just timing out. It did it a couple times but seems to be okay now. Just reporting in case you need this information. Thank you!

Internet Browser: Chrome

> Requested By
Colton S.

Request ID: DTS26-134320""")

add(A+"29277", ["Need: 2-Should Have", "Team: Apps", "Type: Enhancement", "Workgroup: SMD"],
"Make improvements to In-House work orders for annual maintenance.",
"""> What application are you using?

SMD Data Tracker 

> Describe the problem.

Make improvements to In-House work orders for annual maintenance.\t

> Describe the outcome you'd like to see when this feature is implemented.

Better handle on issuing work orders.

> Describe any workarounds you currently have in place or alternative solutions you've considered.

Entering as usual.

> Requested By
Cathy K.

Request ID: DTS26-138585""")

add(A+"24128", ["Need: 3-Could Have", "Product: AMD Data Tracker", "Team: Apps", "Type: Enhancement", "Workgroup: AMD"],
"Create new signal engineering work order for activations and modifications",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

Create new signal engineering work order for activations and modifications, generates email and updates to specified fields in Datatracker

> Describe the outcome you'd like to see when this feature is implemented.

New signal engineering work order for activations and modifications, generates email and updates to specified fields in Datatracker

> Describe any workarounds you currently have in place or alternative solutions you've considered.

Manual updates and email

> Requested By
Allyson R.

Request ID: DTS25-127020""")

add(A+"22958", ["Product: AMD Data Tracker", "Team: Apps", "Type: Bug Report", "Workgroup: AMD"],
"Construction services WRK are showing as WRK with work type TROUBLE CALL",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

Construction services WRK are showing as WRK with work type TROUBLE CALL

Internet Browser: Chrome

> Requested By
Ivonne N.

Request ID: DTS25-124945""")

add(A+"3938", ["Impact: 1-Severe", "Product: AMD Data Tracker", "Service: Dev", "Type: Bug Report", "Workgroup: AMD"],
"[Bug — URGENT] Data Tracker CSR integration failing",
"""> What application are you using?

Data Tracker

> Describe the problem.

CSRs that have been dispatched (a Work Order has been created for it) are being updated with an erroneous "Updated" date and tme (https://atd.knack.com/amd#tmc/). They are showing as update at 00:00 on 8/25/2017 for some reason. It appears some may be missing altogether from the page or maybe they've been updated with a different time than that.
This makes it very difficult to track open issues especially during the storms.

> Website Address

https://atd.knack.com/amd#tmc/

Internet Browser: Chrome

> Requested By
William H.

Request ID: DTS20-101110""")

add(A+"12674", ["Impact: 2-Major", "Product: AMD Data Tracker", "Type: Bug Report", "Workgroup: AMD"],
"Communication of CSRs between 311 and Data Tracker is down or delayed. Might be related to a city w...",
"""> What application are you using?

Data Tracker

> Describe the problem.

Communication of CSRs between 311 and Data Tracker is down or delayed.  Might be related to a city wide internet outage earlier but this has since been resolved.  

> Is there anything else we should know?

Some CSRs that are still on 311 but not on Data Tracker yet: 23-00313641, 23-00313719

> Website Address

https://atd.knack.com/amd#mmc/

Internet Browser: Chrome

> Requested By
William H.

Request ID: DTS23-108290""")

add(A+"12972", ["Impact: 2-Major", "Product: AMD Data Tracker", "Type: Bug Report", "Workgroup: AMD"],
"Connection between 311 and Data Tracker is either slow or broken. Appears to have started after 7:1...",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

Connection between 311 and Data Tracker is either slow or broken.  Appears to have started after 7:11 AM today since that's when the last CSR that came over arrived.  Some examples of missing CSRs: \t23-00353470, 23-00353406, \t23-00353429.

> Website Address

https://atd.knack.com/amd#mmc/

Internet Browser: Chrome

> Requested By
William H.

Request ID: DTS23-108765""")

add(A+"13355", ["Impact: 2-Major", "Product: AMD Data Tracker", "Type: Bug Report", "Workgroup: AMD"],
"Communication between 311 and Data Tracker is either slow or broken. The newest CSR that came in di...",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

Communication between 311 and Data Tracker is either slow or broken.  The newest CSR that came in did so around 1:10 AM, the following have not since then: 23-00382295, 23-00382316, 23-00382347.

> Website Address

https://atd.knack.com/amd#mmc/

Internet Browser: Chrome

> Requested By
William H.

Request ID: DTS23-109150""")

add(A+"25765", ["Impact: 3-Minor", "Product: AMD Data Tracker", "Service: Apps", "Type: Bug Report", "Workgroup: AMD"],
"Update trouble call task orders (TKs)",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

AMD issue a new TK for Trouble Calls for FY26 --  62ART6M076.
MMC/SMS pointed out that some WRKs have a TK auto populated using the old TK 24ART21101

Allyson and SMS will know where exactly autopopulate

Internet Browser: Chrome

> Requested By
Ivonne N.

Request ID: DTS25-130165""")

add(A+"17167", ["Service: Tech Services", "Type: IT Support", "Workgroup: OPM"],
"Ben White printers not working on laptop for Adriana M.",
"""> What application are you using?

Other / Not sure

> Describe the problem.

The printer at Ben White (Mobile City and Pecos) do not work for my laptop, i've installed & uninstalled the printers several times and they are still not printing my documents.

> How soon do you need this?

Soon — Within a week 

> Requested By
Adriana M.

Request ID: DTS24-114650""")

add(A+"26784", ["Impact: 1-Severe", "Team: Tech Services", "Type: IT Support", "Workgroup: SDD"],
"[URGENT] Issues with connecting to the Internet. Issue with VPN. Contacted JB Stange and VPN was fixed and co...",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Issues with connecting to the Internet. Issue with VPN. Contacted JB Stange and VPN was fixed and corrected. 

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

JB corrected the issue. 

> Requested By
Michael L.

Request ID: DTS26-132380""")

add(A+"3421", ["Type: IT Support", "Workgroup: ATSD"],
"Help Ella R. with her VPN connection",
"""> What application are you using?

Other / Not Sure

> Describe the problem.

I'm having issues getting my VPN connection to work. I'll be working remotely for a week or so and I can use remote desktop but I also want the flexibility of being able to access folders without needing to remote in. 

I currently have my tower at home, and I was wondering if that would impact things, since I was able to connect to the VPN pre corona. 

> How soon do you need this?

Soon — This week 

> Is there anything else we should know?

I'll be working remotely starting Monday, and I leave tomorrow, so ideally today, but since I have the remote desktop functionality seemingly working I should be ok for Monday. 

Requested By
> Ella R.

Request ID: DTS20-100955""")

add(A+"26898", ["Impact: 1-Severe", "Service: Tech Services", "Type: IT Support", "Workgroup: SBO"],
"[URGENT] Internet not connecting to my computer",
"""> What application are you using?

Other / Not sure

> Describe the problem.

Internet not connecting to my computer

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

Can’t work at all no internet service

> Requested By
Patricia M.

Request ID: DTS26-132695""")

add(A+"29640", ["Team: Tech Services", "Type: IT Support", "Workgroup: ATSD"],
"VPN makes computer very slow, need updated/reinstalled VPN",
"""### Application

> Other / Not sure

### Describe the problem.

### How soon do you need this?

> Soon — Within a week 

### Workgroup

> Active Transportation & Street Design

### Requested By

> Christopher E.""")

add(A+"29673", ["Impact: 1-Severe", "Team: Tech Services", "Type: IT Support", "Workgroup: ATSD"],
"[URGENT] Need VPN updated",
"""### Application

> Other / Not sure

### Describe the problem.

### How soon do you need this?

> Urgently — Critical that this is addressed today

### Is there anything else we should know?

> I only come in to Ben White occasionally. I came in today to get this specific issue addressed.

### Workgroup

> Active Transportation & Street Design

### Requested By

> Matthew S.""")

add(A+"26004", ["Service: Tech Services", "Type: IT Support", "Workgroup: DTS"],
"I have onboarded today and having Issue with VPN access, I am back at St Elmo.",
"""> What application are you using?

Other / Not sure

> Describe the problem.

I have onboarded today and having Issue with VPN access, I am back at St Elmo.

> How soon do you need this?

Soon — Within a week 

> Requested By
Kaylan T.

Request ID: DTS25-130640""")

add(A+"29639", ["Impact: 2-Major", "Team: Tech Services", "Type: Bug Report", "Workgroup: ATSD"],
"The VPN is making web browser experience abysmal. Using Chrome is dreadfully slow, or just doesn't w...",
"""### Application

> Other / Not sure

### Describe the problem.

> The VPN is making web browser experience abysmal. Using Chrome is dreadfully slow, or just doesn't work most of the time. This is a recent phenomenon; I've only had problems for the last couple of weeks. Coworkers have reported similar issues. We've had to turn off VPN to use our web browser, which is annoying, because it cuts off our access to intranet stuff, like the G Drive and Bluebeam Revu. I don't want to continue to have to turn my VPN off and on over and over again.

### Workgroup

> Active Transportation & Street Design

### Website Address

> Everything on Google Chrome

### Internet Browser

> Chrome

### Requested By

> Matthew S.""")

add(A+"26199", ["Impact: 1-Severe", "Product: AMANDA", "Type: Bug Report", "Workgroup: ROW"],
"[URGENT] ROW Permit Analysts are unable to send TURP permits",
"""> What application are you using?

AMANDA

> Describe the problem.

ROW Permit Analysts are unable to send RW (folder) TURP permits via email or print them to manually email via outlook. When attempting to generate either, "Temp Use ROW Permit Use Email - (50551)" or "Temp Use ROW Permit Use" users receive the following error message:  

Example RSN: 13634710
*This is happening on multiple RSNs. 

> Website Address

https://amanda.austintexas.gov/backoffice/core/home.zhtml

Internet Browser: Chrome

> Requested By
Russell B.

Request ID: DTS26-131125""")

add(A+"10086", ["Impact: 2-Major", "Product: AMANDA", "Type: Bug Report", "Workgroup: TED"],
"Bug in approving/rejecting license agreements AMANDA",
"""> What application are you using?

AMANDA

> Describe the problem.

Hello,

I am unable to complete tasks/attempts in AMANDA for approving/rejecting License Agreements etc. I should have the same user permission as Ravi D., who upon clicking a license agreement is given a popup to fulfill the task, which I am not given. This prevents me from using AMANDA for approvals and therefor rely on Ravi to submit the action. 

> Is there anything else we should know?

The only difference between our process is that Ravi assigns *himself* from the ATD reviewer, whereas for me, *he* changed the assignment to me. This could be causing the bug, or it could be my account. I have not yet tested if assigning it myself fixes the issue.

> Website Address

https://amanda.austintexas.gov/backoffice/core/home.zhtml#

Internet Browser: Edge

> Requested By
Matthew S.

Request ID: DTS22-105000""")

add(A+"30163", ["Need: 2-Should Have", "Product: AMANDA", "Team: AMANDA", "Type: IT Support", "Workgroup: PDD"],
"I would like access to AMANDA to view permits for my work in Project Delivery.",
"""### Application

> AMANDA

### Describe the problem.

### How soon do you need this?

> Soon — Within a week 

### Workgroup

### Requested By

> Mary V.""")

add(A+"25314", ["Impact: 1-Severe", "Product: AMANDA", "Service: AMANDA", "Type: IT Support", "Workgroup: CSD"],
"[URGENT] Do not know how to access AMANDA",
"""> What application are you using?

AMANDA

> Describe the problem.

Do not know how to access AMANDA

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

I have encroachment applications due 

> Requested By
Jasmeen K.

Request ID: DTS25-129175""")

add(A+"12773", ["Impact: 1-Severe", "Product: AMANDA", "Service: Apps", "Type: IT Support", "Workgroup: TDS"],
"[AMANDA] Troubleshoot Mustafa Access (NN)",
"""> What application are you using?

AMANDA

> Describe the problem.

The UserID and password provided to me are showing error..

> How soon do you need this?

Urgently — Critical that this is addressed today

> Requested By
Mustafa W.

Request ID: DTS23-108435""")

add(A+"12834", ["Impact: 2-Major", "Need: 1-Must Have", "Product: AMANDA", "Type: Other", "Workgroup: OOD"],
"Please provide access to AMANDA - you may mirror the same permissions as Candace C admin for R... (NN)",
"""> What application are you using?

AMANDA

> Describe the problem.

Please provide access to AMANDA - you may mirror the same permissions as Candace C admin for Right of Way

> How soon do you need this?

Soon — Within a week 

> Is there anything else we should know?

Nayelly starts working on AMANDA ROW permits effective 7/17/23

> Requested By
Nayelly P.

Request ID: DTS23-108525""")

add(A+"25344", ["Impact: 1-Severe", "Team: Geo", "Type: Map Request", "Workgroup: TED"],
"[URGENT] GIS Engineering Map not working",
"""> What application are you using?

ArcGIS

> Describe the problem.

our GIS Engineering Map (https://austin.maps.arcgis.com/apps/webappviewer/index.html?id=61c87204b65a43caa8095441253b4c32is) is not working

> How soon do you need this?

Urgently — Critical that this is addressed today

> Requested By
Dipti B.

Request ID: DTS25-129260""")

add(A+"24954", ["Team: Geo", "Type: Map Request", "Workgroup: TDS"],
"Request to update TIA layer in TDS web map",
"""> What application are you using?

ArcGIS

> Describe the problem.

Request to update TIA layer in TDS web map

> How soon do you need this?

Soon — Within a week 

> Requested By
Nazlie S.

Request ID: DTS25-128375""")

add(A+"9829", ["Service: Geo", "Workgroup: TDS"],
"Update ATD Development Web Map",
"""> What application are you using?

ArcGIS

> Describe the problem.

There are a couple of layers in the [ATD Development Web Map](https://austin.maps.arcgis.com/apps/webappviewer/index.html?id=f90baebe5f0a49ddb3f5ff52672b3bbf) that need to updated: the ASMP layer was updated for the Council update and the council districts map has changed. 

> How soon do you need this?

Flexible  — An extended timeline is OK

> Requested By
Amber H.

Request ID: DTS22-104725""")

add(A+"20529", ["Impact: 1-Severe", "Product: AMD Data Tracker", "Provider: CTM", "Service: Geo", "Type: Bug Report"],
"Data Tracker embedded AGOL map is not loading, coming up with error message",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

Today, Data Tracker does not provide the map for the requested location, just opens with the map showing One American Center; it usually then progresses to the location.

The map is important as it includes all the tabs to access the layers for signals, signal requests, jurisdictions, council member districts etc.

The site below shows an error message "The layer Signal Requests, Traffic Cameras, Traffic Sensors cannot be added to the map".

I have tried refreshing the pages, but not closing the tabs and re-opening.

> Website Address

https://atd.knack.com/amd#mmc/aging-mmc-report/view-mmc-details/675b2d007f924f02b6cae3c2/

Internet Browser: Chrome

> Requested By
Peter M.

Request ID: DTS25-120490""")

add(A+"23635", ["Impact: 3-Minor", "Team: Geo", "Type: Bug Report", "Workgroup: TDS"],
"Our development review map is not loading the nearmap layers",
"""> What application are you using?

ArcGIS

> Describe the problem.

Our development review map is not loading the nearmap layers

Internet Browser: Internet Explorer

> Requested By
Austin J.

Request ID: DTS25-126145""")

add(A+"22899", ["Team: Geo", "Type: Map Request", "Workgroup: TDS"],
"Requesting to update the TIA layer in the TDS Web Map",
"""> What application are you using?

ArcGIS

> Describe the problem.

Requesting to update the TIA layer in the TDS Web Map

> How soon do you need this?

Flexible  — An extended timeline is OK

> Requested By
Nazlie S.

Request ID: DTS25-124805""")

add(A+"17740", ["Service: Geo", "Type: IT Support", "Workgroup: TDS"],
"I am unable to access ATD Development Web Map: https://austin.maps.arcgis.com/apps/webappviewer/inde...",
"""> What application are you using?

ArcGIS

> Describe the problem.

I am unable to access ATD Development Web Map: https://austin.maps.arcgis.com/apps/webappviewer/index.html?id=f90baebe5f0a49ddb3f5ff52672b3bbf, 

> How soon do you need this?

Flexible  — An extended timeline is OK

> Requested By
Abigail W.

Request ID: DTS24-115440""")

add(A+"25274", ["Impact: 1-Severe", "Service: Geo", "Type: Map Request", "Workgroup: TDS"],
"[URGENT] TDS Web Map toolbar at the top not loading",
"""> What application are you using?

ArcGIS

> Describe the problem.

TDS Web Map toolbar at the top not loading for me 
https://austin.maps.arcgis.com/apps/webappviewer/index.html?id=f90baebe5f0a49ddb3f5ff52672b3bbf

> How soon do you need this?

Urgently — Critical that this is addressed today

> Is there anything else we should know?

use this for my day-to-day tasks

> Requested By
Nazlie S.

Request ID: DTS25-129025""")

add(A+"21965", ["Service: Geo", "Type: Data", "Workgroup: TDS"],
"I am requesting an update to the TIA layers in the Development Review Web Map.",
"""> What application are you using?

ArcGIS

> Describe the problem.

I am requesting an update to the TIA layers in the Development Review Web Map.

> How soon do you need this?

Soon — Within a week 

> Requested By
Nazlie S.

Request ID: DTS25-123230""")

add(A+"10060", ["Impact: 3-Minor", "Product: Moped", "Service: Dev", "Type: Bug Report", "Workgroup: AMD"],
"[Bug] \"Error: field \"phase_name\" not found in type: 'moped_proj_phases'\"",
"""> What application are you using?

Moped

> Describe the problem.

When I search projects for Lake Creek, I get 3 results.  If I click any of them, I get this error message:  "Error: field "phase_name" not found in type: 'moped_proj_phases'"
However, Andres Zamora created the project and can click on them without the error.

Internet Browser: Chrome

> Requested By
Erin B.

Request ID: DTS22-104950""")

add(A+"26265", ["Product: Moped", "Service: Product", "Type: IT Support", "Workgroup: TED"],
"Would like to gain access to Moped.",
"""> What application are you using?

Moped

> Describe the problem.

Would like to gain access to Moped.

> How soon do you need this?

Soon — Within a week 

> Requested By
John S.

Request ID: DTS26-131270""")

add(A+"18123", ["Impact: 2-Major", "Product: AMD Data Tracker", "Service: Apps", "Type: Bug Report", "Workgroup: AMD"],
"When looking at Traffic Signal Observations - Need Observation ( https://atd.knack.com/amd#signal-re...",
"""> What application are you using?

AMD Data Tracker

> Describe the problem.

When looking at Traffic Signal Observations - Need Observation ( https://atd.knack.com/amd#signal-requests/signal-observation-needed/?view_499_filters=%5B%7B%22field%22%3A%22field_627%22%2C%22operator%22%3A%22is%22%2C%22value%22%3A%22Yes%22%7D%5D&view_499_sort=field_396-field_431|asc), 6th ST / OAKLAND AVE comes up with a 2020 evaluation.  But when you open that location (https://atd.knack.com/amd#signal-requests/signal-observation-needed/signal-request-details/5d83d9e37411d300107df31c/). the only evaluation in progress is dated 2023.  That seems wrong., 

> Is there anything else we should know?

Thanks.

> Website Address

see above

Internet Browser: Chrome

> Requested By
Renee O.

Request ID: DTS24-115955""")

# ---- other repositories whose labels mark priority ----
add("https://github.com/tokopedia/status/issues/2", ["accounts", "major outage"], "Downtime on accounts",
"""User cannot Login in production starting from 2:12 PM localtime on Tuesday""")
add("https://github.com/tokopedia/status/issues/20", ["accounts", "investigating", "major outage"], "Cannot login in all platform",
"""We experienced problem in mongoDB, hence user(s) cannot login in all of our platform""")
add("https://github.com/colloquy/colloquy/issues/2335", ["Affected: iOS 1.1", "Component: iOS", "Impact: Large", "Priority: Blocker", "Resolution: Fixed"],
"Update causes crash",
"""*Issue migrated from trac ticket [#2137](http://colloquy.info/project/ticket/2137)*

**type:** Defect | **component:** Colloquy (iOS) | **severity:** Critical | **priority:** Highest | **version:** 1.1 (iOS) | **status:** closed | **resolution:** Fixed
___
#### 2010-06-22 20:06:30: Trixiekq@… created the issue

I downloaded the latest update a little while ago, and now it won't open at all. I get no response whatsoever when I try to open it. """)
add("https://github.com/tchapgouv/tchap-ios/issues/321", ["bug", "P1"], "Application may crash after the application update",
"""This crash is observed by some users after the update from v1.0.21 to v1.0.27""")
add("https://github.com/BigAndini/ers/issues/401", ["bug", "prio1", "test"], "crucial bug frontend: Cannot choose payment method",
"""To reproduce, choose any product and any payment method. At the checkout page, this error message is displayed

Please add missing information for checkout

To purchase this order choose a payment type.""")
add("https://github.com/BigAndini/ers/issues/101", ["bug", "prio1"], "order/payment bug",
"""error at the page where you select payment type

![screen_bug](https://cloud.githubusercontent.com/assets/1533081/6520569/981012a0-c3c8-11e4-8173-ba8e26c57ddd.png)""")
add("https://github.com/tomdoeslinux/PixaPencil/issues/160", ["#1-bug-priority", "difficulty: hard", "important", "reproduced", "❗ extremely high priority"],
"[M] [B] App crashes if you update to `master`",
"""After the database changes, app will crash if you update to `master`.""")
add("https://github.com/idaholab/moose/issues/17769", ["P: normal", "T: defect"], "Myriad typos in documentation",
"""## Bug Description
You can find a few typos in the documentation. An upcoming PR fixes them.

## Steps to Reproduce
Read the documentation

## Impact
Annoyance""")
add("https://github.com/MarketSquare/robotframework-browser/issues/4131", ["acknowledge", "bug", "priority: medium"], "Fix typos in the documentation",
"""Fix typos in the documentation""")

# ---------------- rules ----------------
def by_label(labels):
    L = [l.lower().replace("❗", "").strip() for l in labels]
    def has(*names): return any(l in names for l in L)
    if has("impact: 1-severe", "major outage", "priority: blocker", "p0", "critical", "bug - critical") or any("p1: critical" in l for l in L):
        return 0.95
    if has("p1", "prio1", "priority: high", "high priority", "extremely high priority"):
        return 0.85
    if has("impact: 2-major"): return 0.65
    if has("p: normal", "priority: medium", "p2"): return 0.45
    if has("impact: 3-minor"): return 0.35
    if has("type: enhancement", "enhancement") or any(l.startswith("need: ") for l in L): return 0.2
    if has("impact: 4-none"): return 0.15
    return None

def by_form(desc):
    m = re.search(r"How soon do you need this\?\s*\n+>?\s*([A-Za-z]+)", desc)
    if not m: return None, None
    v = m.group(1).lower()
    return {"urgently": 0.9, "soon": 0.5, "flexible": 0.25}.get(v), m.group(1)

out, seen = [], set()
for r in R:
    u = by_label(r["labels"]); src = "labels"; form = None
    if u is None:
        u, form = by_form(r["desc"]); src = "form field 'How soon do you need this?'"
    if u is None:
        continue  # rule cannot decide
    body = cap_line_or_sentence(r["desc"].strip(), rstrip=False)
    if len(body) < 20 or (r["title"], body) in seen:
        continue
    seen.add((r["title"], body))
    repo = "/".join(r["url"].split("/")[3:5])
    meta = {"repository": repo, "url": r["url"], "labels": r["labels"], "urgency_from": src,
            "retrieved_via": "search tool, issues corpus", "retrieved": "2026-12-01"}
    if form: meta["how_soon"] = form
    out.append({"subject": r["title"], "body": body, "category": "Technical", "urgency": u, "meta": meta})

DROP = set()  # filled after running the eval-guard (see provenance)
n = write_jsonl(OUT, SLUG, [rec for rec in out if rec["meta"]["url"] not in DROP])
print(n, "records ->", OUT)
