#!/usr/bin/env python3
"""GitHub issue threads about legal matters (privacy / data-subject requests, licence and copyright
violations, trademark and package-name disputes, cease-and-desist letters, terms-of-service
complaints, law-enforcement / court-order requests), written by many people in many repositories.

Retrieved 2026-12-01 through the search tool's `issues` corpus (public GitHub issue text). The
search tool is not reachable from a script, so the opening posts were copied verbatim from the
tool's answers into RECORDS below (the opening post only, not the replies; the tool's excerpts can
be cut at ~1,500 characters; long quoted statute/licence text was shortened in a few records, with
the first sentences kept). This script writes data/real/external/gh-issues-legal.jsonl.

Label rule (written before collecting): a thread found by a legal-topic query is kept as Legal
when (1) it is an issue, not a pull request; (2) its title, its tracker labels or its opening post
contain a legal term (LEGAL_RE); (3) the opening post is shown by the search tool (threads whose
excerpt starts with a reply are dropped); (4) the opening post is not a developer's task to build
or debug a privacy feature (e.g. "implement right to erasure", a GDPR-tool bug, a 403 from a
data-protection API): those are Technical by the brief, so the rule cannot decide them and they
are dropped. pypi/support is excluded here (it is the separate train source pypi-pep541).
Urgency: no usable tracker signal for legal issues -> null.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import guard_flags, write_jsonl  # noqa: E402

# Records that the shared eval-guard flags (text reserved for an independent evaluation) are dropped,
# with the guard's own rule (common.guard_flags: 12-word shingles, salted hashes in reserved.txt,
# flag at >= 30 or >= 20 %).
OUT = "/work/main/data/real/external/gh-issues-legal.jsonl"
SLUG = "gh-issues-legal"
LEGAL_RE = re.compile(r"gdpr|gdrp|ccpa|privacy|personal (data|information|email)|private email|erasure|data protection|"
                      r"licen[cs]|gpl|copyright|attribution|trade ?mark|dmca|infring|violat|legal|lawsuit|sue[ds]? |"
                      r"cease and desist|c&d|terms of service|\btos\b|court|police|law enforcement|subpoena|"
                      r"name (change|clash|dispute|transfer)|rename|package name|squat|unlawful|without permission|stole",
                      re.I)

RECORDS = [{'url': 'https://github.com/anomalyco/opencode/issues/29101',
  'title': 'Formal GDPR Article 17 Request – Account Deletion',
  'labels': [],
  'state': 'closed',
  'date': '2026-05-24',
  'q': 'gdpr-delete',
  'body': '### Question\n'
          '\n'
          'This is my final request. I am hereby formally requesting the erasure of my personal '
          'data associated with my OpenCode Zen account, as is my right under Article 17 of the '
          'GDPR (Right to Erasure / "Right to be Forgotten").\n'
          '\n'
          'You have 30 days to respond to this request, starting from today. Please confirm the '
          'deletion of my data. If I do not receive a satisfactory response, my next step will be '
          'to file a complaint with the CNIL (French Data Protection Authority).'},
 {'url': 'https://github.com/codetriage/CodeTriage/issues/1767',
  'title': 'GDPR deletion request',
  'labels': [],
  'state': 'closed',
  'date': '2023-02-07',
  'q': 'gdpr-delete',
  'body': 'As the issue I previously created (#1593) has been ignored, meaning that I still cannot '
          'login to delete my account and am still being sent unwanted emails frequently, I am '
          'hereby requesting immediate erasure of personal data concerning me according to Article '
          '17 of the GDPR.\n'
          '\n'
          'My account on CodeTriage is still using my old GitHub username: @jooles. Please delete '
          'the entire account and all associated data\n'
          '\n'
          'I am of the opinion that the requirements set forth in Article 17(1) GDPR are '
          'fulfilled. You cannot claim an exception based on Article 17(3) GDPR either, '
          'particularly as I am not a public figure.\n'
          '\n'
          'If I have given consent to the processing of my personal data (e.g. according to '
          'Article 6(1) or Article 9(2) GDPR), I am hereby withdrawing said consent for the entire '
          'process.\n'
          'In addition, I am objecting to the processing of personal data concerning me (which '
          'includes profiling), according to Article 21 GDPR. I request that you restrict the '
          'processing of the data concerning me pending the verification whether your legitimate '
          'grounds override mine, pursuant to Art. 18(1)(d) GDPR.'},
 {'url': 'https://github.com/sushiibot/sushii-2/issues/69',
  'title': 'request of immediate erasure of data concerning me according to Article 17 GDPR',
  'labels': [],
  'state': 'closed',
  'date': '2023-10-07',
  'q': 'gdpr-delete',
  'body': 'To Whom It May Concern:\n'
          '\n'
          'I am hereby requesting immediate erasure of data concerning me according to Article 17 '
          'GDPR.\n'
          '\n'
          'Please erase all data concerning me as defined by Article 4(1) GDPR.\n'
          '\n'
          'Please delete the following personal data concerning me:\n'
          '\n'
          'Any data that has been collected in reference and including to the following discord '
          'user snowflake: `224617799434108928`\n'
          '\n'
          'I am of the opinion that the requirements set forth in Article 17(1) GDPR are '
          'fulfilled. You cannot claim an exception based on Article 17(3) GDPR either, '
          'particularly as I am not a public figure.\n'
          '\n'
          'If I have given consent to the processing of my personal data, I am hereby withdrawing '
          'said consent for the entire process.\n'
          '\n'
          'In addition, I am objecting to the processing of data concerning me (which includes '
          'profiling), according to Article 21(1) GDPR. I request that you restrict the processing '
          'of the data concerning me pending the verification whether your legitimate grounds '
          'override mine, pursuant to Art. 18(1)(d) GDPR.'},
 {'url': 'https://github.com/LiosK/UUID.js/issues/9',
  'title': 'License violation spotted - another organization stole your project',
  'labels': [],
  'state': 'closed',
  'date': '2018-07-07',
  'q': 'licence-violation',
  'body': 'The project, https://github.com/benchlab/KeplerUUID, copied your project without '
          'attribution and violated your license by claiming the author.\n'
          '\n'
          "I've done a diff between the projects which could be found "
          '[here](https://pastebin.com/vJ4r97Nf), if you want to take a look at.\n'
          '\n'
          "I'd suggest you talk to the project directly or report it to GitHub to takedown the "
          'violating repository.'},
 {'url': 'https://github.com/ZeroNetX/ZeroNet/issues/183',
  'title': 'this repository violates GPL',
  'labels': [],
  'state': 'closed',
  'date': '2022-09-15',
  'q': 'licence-violation',
  'body': 'the author of this project has been made aware of this inside the 0net a long time ago '
          ", so i'm putting this out mostly for information of those who find this project\n"
          '\n'
          'https://github.com/ZeroNetX/ZeroNet/commit/ac70f83879ae649460be08119b5decaf4b26a09e '
          '(fixing important security vulnerability reported by @imachug) was copypasted from '
          'https://github.com/zeronet-conservancy/zeronet-conservancy/commit/855b23a84bec65c3dc56954bd69a46e90da805c4 '
          'without attribution or reference to where the code is copied from . this is a clear '
          'case of GPL violation , which is easy to fix yet the maintainer does nothing to do so'},
 {'url': 'https://github.com/derekjohnevans/Geep-Jeez/issues/1',
  'title': 'Potential licensing and attribution violation by third-party repo',
  'labels': [],
  'state': 'open',
  'date': '2024-04-25',
  'q': 'licence-violation',
  'body': 'Just for your information, the [VisualCodeBase '
          'repository](https://github.com/VisualCodeBase/CodeBase/) includes the source code and '
          'the binary of this IDE into their distribution, but omits the Geep-Jeez license file '
          'and, from what I can tell, any attribution (even though the code contains a rather '
          'extensive `Credits.txt`).\n'
          '\n'
          "I don' think this is done in bad faith and the point of raising an issue here is more "
          'of a head-up for you to the fact your code is living its own life in some way.\n'
          '\n'
          '* Details on the linked project: https://forum.cockos.com/showthread.php?t=245285\n'
          '* Relevant issue: https://github.com/VisualCodeBase/CodeBase/issues/21'},
 {'url': 'https://github.com/jniebuhr/adxl345-probe/issues/12',
  'title': 'License violation by the Cartographer project',
  'labels': [],
  'state': 'closed',
  'date': '2024-12-09',
  'q': 'licence-violation',
  'body': 'Just as a heads up, the carto project is using your code without giving '
          'attribution(which is required with cc), dont know if you want to do anything about it, '
          'just letting you know\n'
          'https://github.com/Cartographer3D/cartographer-klipper/blob/master/scanner.py#L1496\n'
          'https://github.com/Cartographer3D/cartographer-klipper/blob/master/scanner.py#L2394\n'
          'https://github.com/Cartographer3D/cartographer-klipper/blob/master/scanner.py#L2535'},
 {'url': 'https://github.com/barry-ran/QtScrcpy/issues/1274',
  'title': 'Alert: Your project is cloned and shared without proper Apache-2.0 attribution by '
           'snackboycoder',
  'labels': [],
  'state': 'open',
  'date': '2026-06-30',
  'q': 'licence-violation',
  'body': 'Hi @barry-ran,\n'
          '\n'
          'I wanted to alert you that your project "QtScrcpy" has been completely cloned and '
          'rebranded under a new name without proper license compliance here: \n'
          'https://github.com/snackboycoder/mphone\n'
          '\n'
          'While they did keep the Apache-2.0 license file, they have completely stripped away '
          'your name, copyright headers, and all original attribution notices to make it look like '
          'their own project. Furthermore, this user is actively sharing and promoting this '
          'version within our local community, misleading people into thinking it is their '
          'original work.\n'
          '\n'
          'Some community members opened an issue on their repository to politely request proper '
          'attribution to the original project, but the owner deliberately deleted the issue to '
          'cover it up and evade compliance.\n'
          '\n'
          'As this is a direct violation of Section 4 (Redistribution) of the Apache License 2.0, '
          'you have the full legal right to get GitHub to take this infringing repository down by '
          'submitting a formal DMCA Takedown Request here: \n'
          'https://support.github.com/contact/dmca-takedown\n'
          '\n'
          'Thank you for your amazing work on QtScrcpy, and I hope this helps protect your '
          'intellectual property!'},
 {'url': 'https://github.com/litecoin-project/litecoin/issues/680',
  'title': 'License violation spotted - another project stole your code',
  'labels': [],
  'state': 'closed',
  'date': '2020-12-07',
  'q': 'licence-violation',
  'body': 'The project, https://github.com/platincoin-project/platincoin , copied your code and '
          'removed your copyright notice. Please report this to GitHub to takedown the violating '
          'repository.\n'
          '\n'
          'Let me know if you need any proof. I can point you to some code lines that will show '
          'the origin. The code was copied somewhere in 2017 - early 2018.\n'
          '\n'
          'The reason why I believe this takedown is important is that this project is harming the '
          'open-source community. In some countries, they are as famous as BitConnect and they '
          'might take the same ending including some media reports that might contain the origin '
          'of this project. It would be awesome if you could make a statement from your side just '
          'to make it clear what the open-source community stands for. I would bet the media will '
          'love to quote you.\n'
          '\n'
          'If my understanding of a license violation is incorrect I would also love to learn more '
          'about it. So you can help me one way or the other :D'},
 {'url': 'https://github.com/nu-isance/icecube_tools/issues/41',
  'title': 'Violation of GPL license',
  'labels': [],
  'state': 'closed',
  'date': '2023-07-29',
  'q': 'licence-violation',
  'body': 'Recently it came to my attention that part of popsynth was copied without my knowledge '
          'into this software:\n'
          'https://github.com/cescalara/icecube_tools/blob/master/icecube_tools/utils/bpl_sampling.py\n'
          '\n'
          'While it is odd given that I was not asked and it was related to a private conversation '
          'on how to more efficiently sample effective areas (which will be handled in a separate '
          'issue), it still violates the GPL license under which popsynth resides as it attempts '
          'to relicense the code with an MIT license. I have not given permission for the '
          'relicense and there are rather strict rules for the redistribution of  GPL code under a '
          'new license. \n'
          '\n'
          'I would appreciate ceasing to distribute this code under the MIT license and either '
          'relicense it under GPL by following the appropriate documenting, archiving, and '
          'separation procedures or whatever is required to be compliant.\n'
          '\n'
          'I think in the future it is better to discuss, especially with collaborators, before '
          'simply lifting their code from their repositories since this defeats the spirit of open '
          'source code.'},
 {'url': 'https://github.com/gonetz/GLideN64/issues/421',
  'title': 'GPL violation?',
  'labels': [],
  'state': 'closed',
  'date': '2015-04-20',
  'q': 'licence-violation',
  'body': 'The plugin is in the violation of the GPL, as described here:\n'
          'https://nocluez.wordpress.com/2015/04/19/a-word-on-gliden64/\n'
          '\n'
          'Please send me a copy of the source code, or make it available, per the GPL license.'},
 {'url': 'https://github.com/gnunn1/tilix/issues/815',
  'title': 'Project name change required due to trademark infringement',
  'labels': [],
  'state': 'closed',
  'date': '2017-03-04',
  'q': 'trademark',
  'body': "Looks like I'm going to have to change the name of the project as I received a letter "
          'from the Terminix corporation with regards to trademark infringement. While I could '
          "fight it, I don't think it's worth the time or effort.\n"
          '\n'
          'I think when I ran the naming poll last year the preferred alternative was Mosaic so '
          "I'll probably end up going with that."},
 {'url': 'https://github.com/patrickdappollonio/mcp-netutils/issues/52',
  'title': "Rename project as it conflicts with DomainTools LLC's branding",
  'labels': [],
  'state': 'open',
  'date': '2026-01-04',
  'q': 'trademark',
  'body': 'I got a request via LinkedIn from [Ellen '
          'Bierman](https://www.linkedin.com/in/ellen-bierman/), Patent Attorney at Lowe Graham '
          "Jones PLLC, in behalf of DomainTools LLC requesting the rename of this project as it's "
          'considered too close to their trademarked name.\n'
          '\n'
          'To comply in good faith, this project was always meant to be something more than just '
          'domains (some of the most recent features show as much) so it also makes sense to '
          'rename it. A good friend of mine suggested `mcp-netutils` similar to GNU netutils '
          "packages, which I think it's more fitting. \n"
          '\n'
          'A copy of their Trademark request is attached to this GitHub Issue. I do thank '
          'DomainTools LLC for not simply submitting a copyright infringement and allowing the '
          'opportunity to change the name of the project. There are however some remarks in the '
          "document I'm unable to change as, for example, `mcpmarket.com` isn't owned by me but it "
          'is an MCP Server Aggregator (like many others out there). With the repository renamed, '
          'hopefully, these aggregators will pick up the details correctly.\n'
          '\n'
          "Lastly, I'm not sure where they got the information from their letter, but I'm not "
          'related to `Pixel.com LLC`, `Bazoka Ronbo` or `mcpmarket.com`.'},
 {'url': 'https://github.com/Rafe/papercut/issues/10',
  'title': 'Please change the project name',
  'labels': [],
  'state': 'closed',
  'date': '2014-06-26',
  'q': 'trademark',
  'body': 'Awesome project!\n'
          '\n'
          'Please can you change name as "PaperCut" is a registered trade mark of '
          '@papercutsoftware\n'
          '\n'
          'Many thanks'},
 {'url': 'https://github.com/LibreShift/OpenShift/issues/1',
  'title': 'Project name clash',
  'labels': [],
  'state': 'closed',
  'date': '2017-06-28',
  'q': 'trademark',
  'body': 'When you create a new project, if you want to have visibility and avoid trademark '
          "issues, then you'd better check if the name is already used.\n"
          '\n'
          'Please see https://en.wikipedia.org/wiki/OpenShift'},
 {'url': 'https://github.com/pymoca/pymoca/issues/88',
  'title': 'Trademark Issue',
  'labels': [],
  'state': 'closed',
  'date': '2018-03-08',
  'q': 'trademark',
  'body': 'I suspect you may want to rename this project.  I grant you that the name is clever and '
          'I wish you nothing but the best of luck.  But the fact that Dymola is trademarked by a '
          'large company with very deep pockets would make me hesitant to give a project, which is '
          'very much in a related area, a name that is only one letter difference.\n'
          '\n'
          'The thing is, the nature of trademark law is such that they have almost no choice but '
          'to step in (if they find out about this project) because they can lose their trademark '
          "if they don't take steps to defend it.  So if they do [come "
          'knocking](https://en.wikipedia.org/wiki/Kik_Messenger#Open-source_module_name), just be '
          "aware that it isn't (necessarily) that they are trying to be difficult."},
 {'url': 'https://github.com/aakatev/bbb-infra/issues/5',
  'title': 'trademark',
  'labels': [],
  'state': 'closed',
  'date': '2021-03-26',
  'q': 'trademark',
  'body': '... instead of archiving the projects which violate the bigbluebutton trademark, I '
          'suggest instead just rename them and, especially, consider renaming your website name '
          'and changing the logo.\n'
          'The trademark faq is quite clear on how you can use the bigbluebutton name and what is '
          'not okay.\n'
          'I\'d suggest you to just rename your projects to bbb-js and bbb-infra, as "bbb" is not '
          'part of the trademark registration as far as I know.'},
 {'url': 'https://github.com/netPhotoGraphics/netPhotoGraphics/issues/62',
  'title': 'Name change',
  'labels': [],
  'state': 'closed',
  'date': '2014-07-07',
  'q': 'trademark',
  'body': 'The ZenPhoto20 and ZenPhot020 names infringe on the trademarks of the Zenphoto project. '
          'They are too similar and cause significant user confusion. The name needs to be changed '
          'to something distinct that cannot be confused with the Zenphoto trademark or any of our '
          'other trademarks.\n'
          '\n'
          'I think it would be in the best interests of both projects to have unique and '
          'recognizable names. Thank you and continued best of luck with this project!'},
 {'url': 'https://github.com/tectonic-typesetting/tectonic/issues/43',
  'title': "Consider renaming project to a name that isn't trademarked commercial software",
  'labels': [],
  'state': 'closed',
  'date': '2017-05-31',
  'q': 'trademark',
  'body': '[Tectonic](https://coreos.com/tectonic) is the name of a trademarked commercial product '
          'from CoreOS.\n'
          '\n'
          '```\n'
          '    Word Mark\tTECTONIC\n'
          '    Goods and Services\tIC 009. US 021 023 026 036 038. G & S: Computer software, '
          'namely, software for developing, managing, updating, and maintaining online server '
          'instances and clusters hosted by third parties; computer operating system software; '
          'computer operating system software for distributed systems. FIRST USE: 20150406. FIRST '
          'USE IN COMMERCE: 20150406\n'
          '    Standard Characters Claimed\t\n'
          '    Mark Drawing Code\t(4) STANDARD CHARACTER MARK\n'
          '    Serial Number\t86560796\n'
          '    Filing Date\tMarch 11, 2015\n'
          '    Registration Number\t5013800\n'
          '    Registration Date\tAugust 2, 2016\n'
          '    Owner\t(REGISTRANT) CoreOS, Inc. CORPORATION DELAWARE 3043 Mission Stret San '
          'Francisco CALIFORNIA 94110\n'
          '    Attorney of Record\tBrian R. Coleman\n'
          '    Type of Mark\tTRADEMARK. SERVICE MARK\n'
          '```'},
 {'url': 'https://github.com/JakeLin/SwiftLanguageWeather/issues/65',
  'title': 'Open source project using a registered trademark',
  'labels': [],
  'state': 'open',
  'date': '2017-11-10',
  'q': 'trademark',
  'body': 'I received an email from [Swift Weather Company](www.swiftweather.com). They said they '
          'are the owner of  U.S. Trademark Registration No. 4175355 for the mark SWIFT WEATHER. '
          'And the open source project is in direct conflict with their federal trademark rights. '
          'They requested me to change the name of this application and refrain from further use '
          'of their mark for any purpose thereafter.\n'
          '\n'
          "I don't earn any money from this project (even one cent😅). I am seeking advice to "
          'handle this issue. I have some potential ideas as below:\n'
          '\n'
          '1. Modify the '
          '[README.md](https://github.com/JakeLin/SwiftWeather/blob/master/README.md) file to add '
          'some description of `Swift Weather Company`. Some of the open source projects have '
          'sponsors in their README.md. We can do something similar but without charging `Swift '
          'Weather Company`. That can help `Swift Weather Company` attract more user to use their '
          'services. \n'
          '2. Rename the project. Because there are some external links to the current project '
          'from other GitHub projects, blog posts etc. It may cause some problem with the '
          'redirection. If we need to rename the project, there some options:\n'
          '    * `SwiftWeatherApp`: I am not sure is it same as the current project name '
          '`SwiftWeather` because it still has `SwiftWeather` within the name.\n'
          '    * `SwiftiOSWeather`: It is a little bit weird for me by adding `iOS` in between.'},
 {'url': 'https://github.com/digibyte/digibyte/issues/176',
  'title': 'Bitcoin copyright notice',
  'labels': [],
  'state': 'closed',
  'date': '2019-02-13',
  'q': 'copyright-notice',
  'body': 'commit e97f9575d305be3bae99eb731045ebf411582f49 on 15 Feb 2018 by DigiByte Team wrongly '
          'replaced Bitcoin copyright notice by DigiByte. On the commit they actually performed a '
          'FIND and REPLACE on everything Bitcoin by Digibyte, including the copyright notice, '
          'which is ilegal.\n'
          '\n'
          'Please adjust. Has been wrong for quite some time.\n'
          '\n'
          'See the link below for more info in the commit:\n'
          'https://github.com/digibyte/digibyte/commit/e97f9575d305be3bae99eb731045ebf411582f49#diff-7116ef0705885343c9e1b2171a06be0e'},
 {'url': 'https://github.com/Anil-matcha/awesome-generative-ai-apps/issues/346',
  'title': 'Licensing terms error',
  'labels': [],
  'state': 'closed',
  'date': '2026-06-20',
  'q': 'copyright-notice',
  'body': 'The readme confidently claims:\n'
          '\n'
          '> You own it entirely. MIT licensed — no royalties, no revenue share, **no attribution '
          'required.**\n'
          '\n'
          'However, according to the MIT license:\n'
          '\n'
          '> The above copyright notice and this permission notice shall be included in all copies '
          'or substantial portions of the Software.\n'
          '\n'
          'The MIT license requires including the full copyright notice, including the author '
          'name.\n'
          '\n'
          "Therefore, it is wrong to claim that the software doesn't require attribution. MIT is "
          'not a public domain dedication or BSD0.\n'
          '\n'
          'In fact, in almost any commercial software, you will see an "open source licenses" '
          'section, which credits all, including the MIT licensed, software and libraries.'},
 {'url': 'https://github.com/oxc-project/oxc-css-parser/issues/92',
  'title': "Please don't remove original copyright notice from license and readme",
  'labels': [],
  'state': 'closed',
  'date': '2026-07-04',
  'q': 'copyright-notice',
  'body': 'Original copyright notice was removed in this commit: '
          'https://github.com/oxc-project/oxc-css-parser/commit/6517b49fe96412b76cb49c0c482b3b942001694c '
          ', but this project is forked from [g-plane/raffia](https://github.com/g-plane/raffia) '
          'which is licensed under MIT. Removing original copyright notice violates the '
          'requirements of MIT license, and please add it back.'},
 {'url': 'https://github.com/danklammer/bytesize-icons/issues/7',
  'title': 'Clarify whether attribution is required',
  'labels': [],
  'state': 'closed',
  'date': '2016-08-24',
  'q': 'copyright-notice',
  'body': 'As I see it, the most confusing part of the MIT license as it applies to this project, '
          'is this line:  \n'
          '>The above copyright notice and this permission notice shall be included in all copies '
          'or substantial portions of the Software.\n'
          '\n'
          'So what counts as copies or substantial portions? Suppose you take a few icons and add '
          'them to a webpage. It appears, then, that attribution is required. But what kind of '
          'attribution? On the page, or in the code? Is the software just the code, or also the '
          'rendered icons?\n'
          '\n'
          "I think it's for this reason that most open fonts use the [SIL Open Font "
          'License](http://scripts.sil.org/cms/scripts/page.php?site_id=nrsi&id=OFL), including '
          'Font Awesome, though Font Awesome no longer requires attribution.\n'
          '\n'
          'I believe the MIT license could hold some people back from using the icons, even in '
          'ways that the author would deem acceptable, simply due to ambiguity of the license. '
          "Personally, I would favor an attribution-not-required license, simply because it's not "
          'nice to have to make sure you have attribution if you just copy an icon or two into a '
          "page (attribution in the source code is a different matter; I don't really have an "
          'opinion).\n'
          '\n'
          'Very nice icons by the way. I really love being able to copy a couple lines instead of '
          'adding a dependency.'},
 {'url': 'https://github.com/rust-lang/rust/issues/105621',
  'title': 'Consider adding a copyright notice',
  'labels': ['A-licensing', 'A-meta', 'T-core'],
  'state': 'closed',
  'date': '2022-12-12',
  'q': 'copyright-notice',
  'body': 'In #43498, the copyright notice reading "Copyright (c) 2015 The Rust Project\n'
          'Developers" was stripped from the MIT license. This was done because there is no legal '
          'entity named "The Rust Project Developers" holding the copyright. However, this implies '
          "that groups who aren't legal entities don't deserve attribution, which I don't think is "
          'true. Also, this might be a license violation, since most rust developers never agreed '
          "to the removal. Therefore, I'd like to propose adding the following copyright notice:\n"
          '\n'
          'Copyright \\<year\\> various Rust Project\n'
          'Developers\n'
          '\n'
          "This could also be interpreted as a violation of the license of pre-2015 code, as it's "
          'not exactly the copyright notice required, but that would also mean that changing the '
          'year is a license violation, yet most projects keep the year up-to-date.'},
 {'url': 'https://github.com/sshnet/SSH.NET/issues/1059',
  'title': 'Copyright',
  'labels': [],
  'state': 'closed',
  'date': '2022-12-09',
  'q': 'copyright-notice',
  'body': 'Hi,\n'
          '\n'
          'according to license requirements for MIT we are obliged to supply the license and '
          'copyright notice for any project. \n'
          'But the notice was remove in this commit: '
          'https://github.com/sshnet/SSH.NET/commit/45ab50572d8cc6d150f4507eb2cbc3abaff1da8d\n'
          '\n'
          'Why?\n'
          'What is the current copyright notice for this project?'},
 {'url': 'https://github.com/fguillen/MDMagick/issues/1',
  'title': 'Clarify CC attribution requirements',
  'labels': [],
  'state': 'closed',
  'date': '2012-08-22',
  'q': 'copyright-notice',
  'body': 'Nice work on MDMagick!\n'
          '\n'
          "I'd like to fork this project and potentially send you some pull requests, but could "
          'you clarify the attribution requirements a little more.\n'
          '\n'
          "If all that's required is a note in the comments, that would be totally fine. But if "
          "your license requires attribution that's visible to our users... I'll have to look for "
          'a different tool or write my own :('},
 {'url': 'https://github.com/cncf/gitdm.archive/issues/1076',
  'title': 'Request to remove my private email address',
  'labels': [],
  'state': 'closed',
  'date': '2022-06-07',
  'q': 'personal-info-removal',
  'body': 'For some reason my private email address is exposed in this repository, and I would '
          'like it removed:\n'
          'https://github.com/cncf/gitdm/blob/master/src/other_repos/gitlab_2018-07-01_2019-07-01.csv#L576\n'
          '\n'
          "If there is some reason that having a contact email is beneficial, I'm happy to provide "
          'one.'},
 {'url': 'https://github.com/repology/repology-updater/issues/1515',
  'title': 'I had a issue with privacy on Repology.',
  'labels': [],
  'state': 'open',
  'date': '2025-07-04',
  'q': 'personal-info-removal',
  'body': 'So no vulnerability of some kind but just that my personal email was on you site '
          'publicly. Please remove it as now I have transferred the ownership of all my '
          'repositories to another email. If you can make it a feature to remove pages that are '
          'not displaying any repos.\n'
          '\n'
          'Also, for further detail I have sent a mail to \n'
          'amdmi3@amdmi3.ru (mentioned in the organization page)\n'
          'explaining the problem.\n'
          '\n'
          'Thank you.'},
 {'url': 'https://github.com/mrayhanulmasud/analyzing_github_popularity/issues/2',
  'title': 'Request for removal',
  'labels': [],
  'state': 'open',
  'date': '2023-07-30',
  'q': 'personal-info-removal',
  'body': 'Hi @mrayhanulmasud ,\n\nPlease remove my personal information from this repository'},
 {'url': 'https://github.com/pypi-data/pypi-json-data/issues/10',
  'title': 'Request to remove personal information',
  'labels': [],
  'state': 'closed',
  'date': '2023-06-28',
  'q': 'personal-info-removal',
  'body': 'Hi, Could you remove this repogitory?\n'
          'url: '
          'https://github.com/pypi-data/pypi-json-data/blob/4b9a3600d42258708f7453349f9d24b8867e077c/release_data/s/k/skkwiaaisi.json\n'
          "It's against my company's policy to release them.\n"
          "Personal information (email) of our company's employees, DB access information is "
          'included. \n'
          'Please remove it..!'},
 {'url': 'https://github.com/harishvc/githubanalytics/issues/78',
  'title': 'Personal email address',
  'labels': [],
  'state': 'closed',
  'date': '2016-11-18',
  'q': 'personal-info-removal',
  'body': "Can you please remove my personal email address from the dataset? I've since removed "
          'that from my repository.\n'
          '\n'
          'Thanks,\n'
          '\n'
          'Robbert'},
 {'url': 'https://github.com/Milxnor/Universal-Walking-Simulator/issues/2',
  'title': 'CEASE AND DESIST LETTER',
  'labels': [],
  'state': 'closed',
  'date': '2022-08-15',
  'q': 'cease-and-desist',
  'body': 'CEASE AND DESIST LETTER\n'
          '\n'
          '8/15/2022\n'
          '\n'
          'Dear Grayson/Milxnor:\n'
          '\n'
          'This CEASE AND DESIST ORDER is to inform you that your copyright infringement and '
          'intimidating actions against me has become unbearable. Such anti-social behavior is '
          'completely unacceptable and will not be tolerated in any way, shape or form. This '
          'letter is to demand that your harassment and intimidation must CEASE AND DESIST '
          'immediately. Should you continue to pursue these activities in violation of this CEASE '
          'AND DESIST ORDER, we will not hesitate to pursue further legal action against you, '
          'including, but not limited to, civil action and/or criminal complaints.\n'
          'Please note that I have a right to remain free from your intimidating tactics, and we '
          'will take the responsibility upon ourselves to protect that right. Note that a copy of '
          'this letter and a record of its delivery will be stored. Note too that it is admissible '
          'as evidence in a court of law and will be used as such if need be in the future.'},
 {'url': 'https://github.com/glixzzy/blooket-hack/issues/1404',
  'title': 'Reported to the police',
  'labels': [],
  'state': 'closed',
  'date': '2022-02-22',
  'q': 'cease-and-desist',
  'body': 'Cease and desist definition: denoting a legally enforceable order from a court or '
          'government agency directing someone to stop engaging in a particular activity.\n'
          '\n'
          'Broken: Yes\n'
          '\n'
          'a written notice demanding that the recipient immediately stop an illegal or allegedly '
          'illegal activity\n'
          '\n'
          'Broken: yes\n'
          '\n'
          'Reported: Yes'},
 {'url': 'https://github.com/cactus-compute/cactus/issues/70',
  'title': 'Cease and Desist -- issued to cactus-compute',
  'labels': [],
  'state': 'open',
  'date': '2025-06-22',
  'q': 'cease-and-desist',
  'body': 'https://github.com/cactus-compute/cactus/issues/63\n'
          'https://github.com/cactus-compute/cactus/issues/60\n'
          '\n'
          'See the above issues (including the original text, prior to modification by the '
          'repository owners) for evidence of harassment by Cactus Computer managers.\n'
          '\n'
          'Note -- This issue also serves as an issuance of Cease and Desist, where official '
          'changing of this text shall be construed as further harassment. \n'
          '\n'
          'Cease and Desist Order\n'
          'To: Cactus Compute\n'
          'Date: June 22, 2025\n'
          '\n'
          'You are hereby ordered to immediately cease and desist from all further infringing '
          'activities, including but not limited to harassment and defamatory statements by '
          'changing of the text of this issue. \n'
          '\n'
          'We have become aware that you are engaging in harassment and deformation. This conduct '
          'has caused and continues to cause irreparable harm. It has also been noted that since '
          'receiving the references issues above, the representatives have taken other evasive '
          'action including the de-listing of their official domain and removal of any public '
          'profiles for their representatives.\n'
          '\n'
          'Your continued engagement in these activities will result in severe legal consequences, '
          'including, but not limited to, the initiation of a lawsuit seeking monetary damages, '
          'injunctive relief, and all other available legal remedies under US law.'},
 {'url': 'https://github.com/mdn/mdn/issues/95',
  'title': 'Cease and desist',
  'labels': [],
  'state': 'closed',
  'date': '2020-07-08',
  'q': 'cease-and-desist',
  'body': 'No changes are authorized this is my information cease and distist'},
 {'url': 'https://github.com/cawolfkreo/Cease-and-Desist-History-Big-N/issues/64',
  'title': 'I have my own C&D story to share',
  'labels': [],
  'state': 'open',
  'date': '2022-11-25',
  'q': 'cease-and-desist',
  'body': 'So basically a mod of Project M called Super Smash Bros Legacy was taken down by its '
          "creators with no reasons cited. I made an unofficial archive and Nintendo C&D'd me, "
          'going through a law firm by the name of Perkins Coie LLP. I have the documents to prove '
          'it.'},
 {'url': 'https://github.com/tailscale/tailscale/issues/13492',
  'title': 'Stop Tracking Users Without Explicit Consent And Ability To Withdraw Consent',
  'labels': ['bug', 'needs-triage'],
  'state': 'open',
  'date': '2024-09-17',
  'q': 'privacy-violation',
  'body': '### What is the issue?\n'
          '\n'
          'DISCLAIMER: I am choosing this tone and approach, because the upstream was apparently '
          'already notified multiple times by other people and failed to make positive progress on '
          'this issue. I like the idea behind tailscale and am considering deploying it on my '
          "infrastructure, but i can't in good faith expose my users to the unwanted data "
          'collection, thus motivation to file this issue. \n'
          '\n'
          "I am saddened that this issue wasn't act up upon in the past to be able to choose "
          'friendlier approach.\n'
          '\n'
          '---\n'
          '\n'
          'Based on provided information listed in F-Droid report<sup>1</sup> Tailscale collects '
          'an unknown amount of personal data.\n'
          '\n'
          'Following investigation suggests that the application on first startup shows the '
          'following screen:\n'
          '\n'
          '![image](https://github.com/user-attachments/assets/7ff910e1-4af7-4f43-83b5-88b7dfb71778)\n'
          '\n'
          "that appears to put the user in a situation where it won't let them use the application "
          'unless they consent to the data collection of their:\n'
          '* a. E-mail Address\n'
          '* b. Name\n'
          '* c. Device Name\n'
          '* d. OS version\n'
          '* e. IP address\n'
          '\n'
          'which appears to be a [dark pattern](https://en.wikipedia.org/wiki/Dark_pattern) '
          'violating the GDPR as it can be reasonably claimed that the user cannot freely give an '
          'informed and unambiguous consent required by \n'
          '\n'
          '> EU Regulation 2016/679 of 27th April 2016'},
 {'url': 'https://github.com/progmaticltd/homebox/issues/363',
  'title': 'GDPR Privacy violation - IP addresses collected without consent',
  'labels': [],
  'state': 'closed',
  'date': '2021-09-13',
  'q': 'privacy-violation',
  'body': "This piece of code collects users' IP address which is qualified as personal data under "
          'EU GDPR:\n'
          '\n'
          'https://github.com/progmaticltd/homebox/blob/66f41d48a0fc6049f648dd57089fdf9cd278e06e/install/roles/remote-access/tasks/ufw-public-access.yml#L25\n'
          '\n'
          'Users must **explicitly give consent** for collection of this personal data and the '
          'data processor shall be able to demonstrate that the data subject has consented to '
          'processing of his or her personal data.\n'
          '\n'
          'Please note that the maximum penalty for GDPR violation can be up to 20 million euros:\n'
          '\n'
          'https://gdpr-info.eu/issues/fines-penalties/'},
 {'url': 'https://github.com/shinigami-eyes/shinigami-eyes/issues/18',
  'title': 'Still a GDPR Violation',
  'labels': [],
  'state': 'open',
  'date': '2019-05-23',
  'q': 'privacy-violation',
  'body': 'The GDPR creates rights for people based in Europe to control data about themselves. '
          'This must be opt-in. This plugin therefore is in violation of the law whenever anyone '
          'creates data about any European person. Because this app calls home, that makes the '
          'developer (and potentially any forker) a data controller and thus liable.\n'
          '\n'
          'There are significant fines for those who break this law.\n'
          '\n'
          'This is related to issue #1 and #3 (which was closed because of a personal flamewar and '
          'this issue will also be closed if that flame war relocates)'},
 {'url': 'https://github.com/0xStarLabs/StarLabs-Somnia/issues/511',
  'title': 'Privacy law violations',
  'labels': [],
  'state': 'open',
  'date': '2025-09-09',
  'q': 'privacy-violation',
  'body': 'Massive unauthorized data harvesting collecting personal information from social media '
          'and public records without consent. GDPR violations.'},
 {'url': 'https://github.com/signalapp/Signal-Android/issues/9828',
  'title': 'export personal data without user explicit consent is a breach againts GDRP',
  'labels': [],
  'state': 'open',
  'date': '2020-07-07',
  'q': 'privacy-violation',
  'body': "Let's begin with a checklist: Replace the empty checkboxes [ ] below with checked ones "
          '[x] accordingly. -->\n'
          '\n'
          '- [x ] I have searched open and closed issues for duplicates\n'
          '- [x] I am submitting a bug report for existing functionality that does not work as '
          'intended\n'
          '- [x ] I have read '
          'https://github.com/signalapp/Signal-Android/wiki/Submitting-useful-bug-reports\n'
          "- [x] This isn't a feature request or a discussion topic\n"
          '\n'
          '----------------------------------------\n'
          '\n'
          '### Bug description\n'
          'GDRP prohibits collection of personal data without the full, explicit and informed '
          'consent of users.\n'
          '\n'
          '> If informed consent is used as the lawful basis for processing, consent must have '
          'been explicit for data collected and each purpose data is used for (Article 7; defined '
          'in Article 4). Consent must be a specific, freely-given, plainly-worded, and '
          'unambiguous affirmation given by the data subject; an online form which has consent '
          'options structured as an opt-out selected by default is a violation of the GDPR, as the '
          'consent is not unambiguously affirmed by the user.'},
 {'url': 'https://github.com/gorilla-devs/GDLauncher-Carbon/issues/390',
  'title': 'Ads Personalisation & Data does not follow EU regulations.',
  'labels': [],
  'state': 'open',
  'date': '2025-01-02',
  'q': 'privacy-violation',
  'body': 'Under EU law you may not collect personalized data from individuals unless consent is '
          'given. It is not enough to simply opt out, **you have to opt in**. A clear action of '
          'agreeing is required. And It does not matter whether the data is processed outside of '
          'the EU either. \n'
          '\n'
          'When I checked the "Ads Personalization & Data" page, all of the boxes were checked. I '
          'believe this to be illegal under EU law.\n'
          '\n'
          'Please refer to the [Official EU '
          'Website](https://europa.eu/youreurope/citizens/consumers/internet-telecoms/data-protection-online-privacy/index_en.htm) '
          'and check the "No consent, no data processing" section for more information.'},
 {'url': 'https://github.com/sticks-stuff/highlight-RMS-supporters/issues/34',
  'title': 'This repository violates the GDPR in Europe',
  'labels': [],
  'state': 'closed',
  'date': '2021-03-29',
  'q': 'privacy-violation',
  'body': 'Article 4(11) of the General Data Protection Regulation (EU) 2016/679 (GDPR) requires '
          'consent to be opt-in:\n'
          '\n'
          '"Any freely given, specific, informed and unambiguous indication of his or her wishes '
          'by which the data subject, either by a statement or by a clear affirmative action, '
          'signifies agreement to personal data relating to them being processed; [...] Silence, '
          'pre-ticked boxes or inactivity should therefore not constitute consent."\n'
          '\n'
          'If the repository will not comply with the above mentioned law I will have to take '
          'legal action.'},
 {'url': 'https://github.com/vicinaehq/vicinae/issues/1218',
  'title': 'Telemetry legal compliance issue',
  'labels': [],
  'state': 'open',
  'date': '2026-03-15',
  'q': 'privacy-violation',
  'body': 'Using opt-out collection methods combined with unique identifiers may violate GDPR:\n'
          '\n'
          '> 1Consent should be given by a clear affirmative act establishing a freely given, '
          'specific, informed and unambiguous indication of the data subject’s agreement to the '
          'processing of personal data relating to him or her, such as by a written statement, '
          'including by electronic means, or an oral statement. 3Silence, pre-ticked boxes or '
          'inactivity should not therefore constitute consent.\n'
          '\n'
          'https://gdpr-info.eu/recitals/no-32/'},
 {'url': 'https://github.com/glasklart/hd/issues/4290',
  'title': 'Unauthorized use of artwork',
  'labels': [],
  'state': 'closed',
  'date': '2014-07-31',
  'q': 'copyright-artwork',
  'body': 'It looks like you are unlawfully using artwork created by my team in your library.\n'
          '\n'
          'https://github.com/glasklart/hd/issues/4284\n'
          '\n'
          'I request you remove this and any other artwork created by my team you might be using '
          'without my contempt.\n'
          '\n'
          'PS. It looks like your ripping off other app icons on the App Store as well. Stop '
          'stealing other peoples work, if you want to use anything all you have to do is ask.'},
 {'url': 'https://github.com/danbooru/danbooru/issues/2529',
  'title': 'i am the owner of some art, legal action will be taken',
  'labels': [],
  'state': 'closed',
  'date': '2015-10-04',
  'q': 'copyright-artwork',
  'body': 'i am the god damn owner. I have the right to have my ART removed when I want it REMOVED '
          'not in a fucking week. so that i can FUCKING flag it for removal. I will take legal '
          'action. \n'
          'ID: 11836265'},
 {'url': 'https://github.com/Darkkal44/qylock/issues/39',
  'title': 'Issue with the artist of the Pixel · Emerald background',
  'labels': [],
  'state': 'closed',
  'date': '2026-04-14',
  'q': 'copyright-artwork',
  'body': 'Hi, I just wanted to point out that the artist of the background did not give '
          'permission to MoeWalls to put their work available online.\n'
          'You seem to be enjoying their work seeing as you use it as your profile pic on ko-fi, '
          'so it would be nice if you could get in touch and work something out.\n'
          '\n'
          'https://ko-fi.com/itzah\n'
          '\n'
          "Just helping them out as they're not used to Github.\n"
          '\n'
          'Cheers'},
 {'url': 'https://github.com/soonaverse/soonaverse-dao/issues/801',
  'title': 'IP / DMCA Request:',
  'labels': [],
  'state': 'closed',
  'date': '2022-06-24',
  'q': 'copyright-artwork',
  'body': 'SoonLabs responds to notices alleging copyright infringement that comply with the '
          'United States Digital Millennium Copyright Act (the “DMCA”).  If you wish to make a '
          'DMCA claim, you must provide the following information in writing in your DMCA '
          'notice: \n'
          '\n'
          'The attached collection is selling pictures of IF members without the explicit '
          'permission\n'
          'https://soonaverse.com/collection/0xb2939ae7aa75c61e691aad9abfc6fd5aef7bd81d\n'
          '\n'
          '- identify the copyrighted work that you claim has been infringed;\n'
          '  - Pictures of IF members without permission to use\n'
          '\n'
          '- identify the material claimed to be infringing and where it is located;\n'
          '  - As Above \n'
          '- provide a statement that you have a good faith belief that use of the material in the '
          'manner complained of is not authorized by the copyright owner, its agent or law;\n'
          '  - Was contacted by members of the IF that had concerns that this was not authorized\n'
          '- provide a statement, made under penalty of perjury, that the above information is '
          'accurate and that you are the copyright owner or are authorized to act on behalf of the '
          'owner\n'
          '  - the above information is correct and accurate to the best of my knowledge'},
 {'url': 'https://github.com/Skateside/pocket-grimoire/issues/58',
  'title': 'Replace Organ Grinder Artwork',
  'labels': ['critical'],
  'state': 'closed',
  'date': '2023-04-19',
  'q': 'copyright-artwork',
  'body': "TPI has pointed out that this is their copyrighted artwork rather than artwork that's "
          'otherwise available. As a result, it has to be removed.'},
 {'url': 'https://github.com/DougDougGithub/Babagaboosh/issues/50',
  'title': 'Remove Pajama Sam image to avoid DMCA Copyright Takedown',
  'labels': [],
  'state': 'closed',
  'date': '2024-01-15',
  'q': 'copyright-artwork',
  'body': "On the Humongous Entertainment's [Terms and "
          'Conditions](https://www.humongous.com/terms-and-conditions), quote:\n'
          '> Images are either the property of, or used with permission by, Humongous '
          'Entertainment. The use of these images by you, or anyone else authorized by you, is '
          'prohibited unless specifically permitted by these Terms and Conditions. **Any '
          'unauthorized use of the images may violate copyright laws**, trademark laws, the laws '
          'of privacy and publicity, and communications regulations and statutes.\n'
          '\n'
          "Through GitHub's [DMCA Takedown "
          'Policy](https://docs.github.com/en/site-policy/content-removal-policies/dmca-takedown-policy), '
          'they can file a report due to the repo using an image of Pajama Sam.\n'
          "GitHub won't disable the entire repo when they attempt this, as it is only a single "
          'file. However, they only give [1 business day for the repo '
          'owner](https://docs.github.com/en/site-policy/content-removal-policies/dmca-takedown-policy#what-is-the-dmca'},
 {'url': 'https://github.com/erengy/taiga-moe/issues/2',
  'title': 'Copyright infringement',
  'labels': [],
  'state': 'open',
  'date': '2017-04-10',
  'q': 'copyright-artwork',
  'body': 'Today I received copyright infringement notices regarding the same two '
          'screenshots<sup>[[1]](https://imgur.com/4GAkBXs)[[2]](https://imgur.com/7T7dW2J)</sup> '
          'as before in erengy/taiga#267, but from Imgur this time:\n'
          '\n'
          '```\n'
          'Hi erengy,\n'
          '\n'
          'We have received a DMCA (Digital Millennium Copyright Act) takedown notice\n'
          'claiming that the content you posted at (...) constitutes copyright\n'
          'infringement. A thumbnail of the image is attached.\n'
          '\n'
          'At this time, we have removed your post in response to the takedown notice.\n'
          '\n'
          "Don't worry. Just because we receive a takedown notice claiming infringement\n"
          "doesn't necessarily mean that the material actually infringes. Even a notice\n"
          'sent in good faith may be wrong. Some takedown notices, for example, are sent\n'
          'regarding material that constitutes "fair use" or without first applying for a\n'
          'copyright registration.\n'
          '\n'
          'If you believe your content does not infringe, you may send us a counter-notice,\n'
          'in which case we may restore your post and notify the person who sent the\n'
          'original takedown.\n'
          '\n'
          'Please note that we have to keep records of takedown requests and continued\n'
          'infringement may result in your account being tagged as a "repeat infringer."\n'
          '```'},
 {'url': 'https://github.com/erengy/taiga/issues/267',
  'title': 'Copyright infringement',
  'labels': ['needs help'],
  'state': 'closed',
  'date': '2016-05-26',
  'q': 'copyright-artwork',
  'body': 'I have just received two copyright infringement notices from [Japan Creative Contents '
          'Alliance](http://www.japancreativecontentsalliance.com) and [Aniplex '
          'USA](http://www.aniplexusa.com) regarding the '
          'screenshots<sup>[[1]](http://taiga.moe/img/screenshot/2015-04-30_seasons.png)[[2]](http://taiga.moe/img/screenshot/2015-04-30_now-playing.png)</sup> '
          "on Taiga's website:\n"
          '\n'
          '```\n'
          'ELECTRONIC NOTICE OF COPYRIGHT INFRINGEMENT\n'
          '\n'
          'I, the undersigned, CERTIFY UNDER PENALTY OF PERJURY that I am an agent\n'
          'authorized to act on behalf of http://www.japancreativecontentsalliance.com/\n'
          'whose exclusive copyrights are being infringed. The information in this notice\n'
          'is accurate.\n'
          '\n'
          'Original Works & Copyright Holder(s):\n'
          'Japan Creative Contents Alliance LLC\n'
          '\n'
          'The work in question is CCopyright Japanese Anime, Title(s):\n'
          'Gintama\n'
          '\n'
          'I have a good faith belief that the items or materials listed below are not\n'
          'authorized by the above owners, their agents or the law and therefore infringe\n'
          "the owner's rights. Please act expeditiously to remove or disable access to the\n"
          'infringing material or items listed as follows - the images, videos and/or\n'
          'download links at the following URL(s):\n'
          '\n'
          'http://taiga.moe/img/screenshot/2015-04-30_seasons.png\n'
          '\n'
          'Truthfully,\n'
          '/S/: Eric Green\n'
          '```'},
 {'url': 'https://github.com/CrankBoyHQ/crankboy-app/issues/74',
  'title': 'Used artwork without permission',
  'labels': [],
  'state': 'closed',
  'date': '2026-05-27',
  'q': 'copyright-artwork',
  'body': 'It seems that the https://crankboy.app/ website uses artwork from '
          "https://www.gamekid.fun/ without permission. I know the website isn't part of this repo "
          "but I'm not sure where else to surface this issue.\n"
          '\n'
          'The project needs to either remove the artwork, or contact '
          'https://bsky.app/profile/mierau.me to ask for permission to use the artwork.'},
 {'url': 'https://github.com/cydonia999/Tiny_Faces_in_Tensorflow/issues/24',
  'title': 'Remove Copyrighted Image',
  'labels': [],
  'state': 'open',
  'date': '2020-03-27',
  'q': 'copyright-artwork',
  'body': '**Please my remove my artwork CV Dazzle (F) from your reference images:**\n'
          '\n'
          '![](https://raw.githubusercontent.com/cydonia999/Tiny_Faces_in_Tensorflow/master/images/fig1.png)'},
 {'url': 'https://github.com/diffgram/diffgram/issues/273',
  'title': 'Unsolicited Marketing Emails (+ GDPR Request)',
  'labels': [],
  'state': 'closed',
  'date': '2021-09-07',
  'q': 'gdpr-access',
  'body': 'I have received an unsolicited marketing email for this product using my github email '
          'address and username. I would like to know where you obtained this information. I am '
          'requesting access according to Article 15 GDPR. Please confirm whether or not you are '
          'processing personal data (as defined by Article 4(1) and (2) GDPR) concerning me.\n'
          '\n'
          'In case you are, please, in accordance with Art. 15(3) GDPR, provide me with a copy of '
          'all personal data concerning me that you are processing, including any potential '
          'pseudonymised data on me as per Article 4(5) GDPR. I am further requesting access to '
          'the following information pursuant to Article 15(1) GDPR:\n'
          '\n'
          '1. the purposes of the processing;\n'
          '2. the categories of personal data concerned;\n'
          '3. the recipients or categories of recipient to whom the personal data have been or '
          'will be disclosed;\n'
          '4. where possible, the envisaged period for which the personal data will be stored, or, '
          'if not possible, the criteria used to determine that period;\n'
          '5. where the personal data are not collected from the data subject, any available '
          'information as to their source;\n'
          '6. the existence of automated decision-making, including profiling, referred to in '
          'Article 22(1) and (4) GDPR and, at least in those cases, meaningful information about '
          'the logic involved, as well as the significance and the envisaged consequences of such '
          'processing'},
 {'url': 'https://github.com/sticks-stuff/highlight-RMS-supporters/issues/13',
  'title': 'Data Request as per GDPR',
  'labels': [],
  'state': 'closed',
  'date': '2021-03-28',
  'q': 'gdpr-access',
  'body': 'To Whom It May Concern:\n'
          'I am requesting you, as the data controller of the dataset `styles.css` contained in '
          'your repository, to confirm whether it is processing any personal data about me, a '
          'German citizen.\n'
          'If so, please provide me with all the required information stipulated in Article 15 of '
          'the EU General Data Protection Regulation (GDPR), including:\n'
          'a copy of\n'
          '\n'
          '-  my personal data;\n'
          '- the purposes of the processing;\n'
          '- the categories of personal data concerned;\n'
          '- the recipients you disclose my personal data to and the safeguards you provide;\n'
          '- the retention period for storing my personal data or the criteria used for '
          'determining this period;\n'
          '- information about the source of my personal data; and;\n'
          '- the existence of automated decision-making (including profiling), and if so:\n'
          '  - the logic involved in the decision-making process;\n'
          '  - the significance and the envisaged consequences for me;\n'
          '  - the steps you have taken to prevent errors, bias and discrimination; and\n'
          '  - explain how I can express my point of view and challenge a decision.\n'
          '\n'
          'This request relates to any processing of my personal data by you, including any '
          'processors processing personal data on behalf of you. I look forward to receiving a '
          'response within one month of the receipt of my request.\n'
          'Sincerely, GitGangGuy'},
 {'url': 'https://github.com/pbesedm/QHeatMap/issues/5',
  'title': 'Inquiry about license',
  'labels': ['question'],
  'state': 'closed',
  'date': '2017-07-05',
  'q': 'licence-question',
  'body': 'I would like to ask about the license for this library.\n'
          'Is there a commercial version, a closed source one?'},
 {'url': 'https://github.com/Toemsel/Network/issues/85',
  'title': 'license usage within closed source commercial game',
  'labels': [],
  'state': 'closed',
  'date': '2022-03-20',
  'q': 'licence-question',
  'body': 'can this library be used within a closed source game, which would then be sold, if the '
          'library is used as is, without modification?'},
 {'url': 'https://github.com/dCache/nfs4j/issues/58',
  'title': 'Can I use this library in my commercial, closed source, project?',
  'labels': ['question'],
  'state': 'closed',
  'date': '2018-07-14',
  'q': 'licence-question',
  'body': "Hi! It's not clear from the text of the license if I can use your library in a "
          'commercial project with is not distributed as an open source app?\n'
          '\n'
          'Thank you!'},
 {'url': 'https://github.com/CANopenNode/CANopenNode/issues/7',
  'title': 'Section in Readme.md describing commercial use',
  'labels': [],
  'state': 'closed',
  'date': '2016-03-01',
  'q': 'licence-question',
  'body': 'It would be useful to just have a section in the Readme.md file which states that the '
          'library can be used in commercial projects. I read the License description but was '
          'still unsure if it really allows to use it in a commercial project. But fortunately I '
          'found the discussion in the forum '
          '(https://sourceforge.net/p/canopennode/discussion/387151/thread/b7910450/) which '
          'discusses the issue.\n'
          'So to make this more obvious to anybody a extra section would be helpful.'},
 {'url': 'https://github.com/yuasatakayuki/CCSDSLibrary/issues/6',
  'title': 'License',
  'labels': [],
  'state': 'open',
  'date': '2016-08-03',
  'q': 'licence-question',
  'body': 'Hello,\n'
          "I can't find any clear reference to an open-source license, under which license "
          'CCSDSLibrary is ? Can I use it for a commercial software ?'},
 {'url': 'https://github.com/miltonneal54/GerberVS/issues/5',
  'title': 'About Commercial Use',
  'labels': [],
  'state': 'closed',
  'date': '2021-12-10',
  'q': 'licence-question',
  'body': 'Hi,\n'
          'I am a new programmer from Taiwan.\n'
          "I'm preparing a program for our company.\n"
          'you\n'
          'Can I refer to or use your code and.dll\n'
          'And for commercial use?\n'
          '\n'
          'I apologize in advance if this question offends you.'},
 {'url': 'https://github.com/codaxy/xlio/issues/2',
  'title': 'Licencing to allow closed source commercial use',
  'labels': [],
  'state': 'closed',
  'date': '2013-09-15',
  'q': 'licence-question',
  'body': "Hi, I'm working on commercial software and your library looks useful to me, but it "
          'comes under GPL license, which does not permit linking with proprietary software.\n'
          '\n'
          'Can you change your license to something like LGPL or Apache to allow wider range of '
          'developers to use this library?'},
 {'url': 'https://github.com/riverdi/riverdi-eve-arduino/issues/1',
  'title': 'Licensing Issue',
  'labels': [],
  'state': 'closed',
  'date': '2019-03-01',
  'q': 'licence-question',
  'body': 'What is the licensing for this library? Can it be used for commercial use?'},
 {'url': 'https://github.com/DmitryGaravsky/AutoClosingMessageBox/issues/9',
  'title': 'License?',
  'labels': [],
  'state': 'closed',
  'date': '2021-05-21',
  'q': 'licence-question',
  'body': 'Hi Dimitry,\n'
          '\n'
          'i want to use your library in one oy my commercially used project.\n'
          'So i ask for permission to do so.\n'
          "At best you'd add a (non-GPL.x) license to your project so more people can use it.\n"
          '\n'
          'With best regards!'},
 {'url': 'https://github.com/govorox/SSLClient/issues/117',
  'title': 'Question about commercial use / alternative license',
  'labels': ['lacking information'],
  'state': 'open',
  'date': '2025-10-23',
  'q': 'licence-question',
  'body': '**Description**\n'
          'This is not a bug report. It’s a license clarification request regarding commercial '
          'use.\n'
          '\n'
          '**Steps to Reproduce**\n'
          'N/A — no reproducible steps. This is a policy question.\n'
          '\n'
          '**Expected Behavior**\n'
          'A clear statement on whether GPLv3 licensed SSLClient can be used inside a commercial, '
          'closed-source product (distributed to customers).\n'
          '\n'
          '**Actual Behavior**\n'
          'N/A — information request only.\n'
          '\n'
          '---\n'
          '\n'
          'Hi,\n'
          '\n'
          'First, thank you for your great work on **SSLClient**.\n'
          '\n'
          'I noticed the project is licensed under **GPLv3**. I’d like to clarify if the library '
          'can be used **inside a commercial (closed-source) product**. My understanding is that '
          'GPLv3 generally requires derivative/distributed works to be GPL-compatible and '
          'therefore open the source code, which would not fit our use case.\n'
          '\n'
          '1) Is there any permitted way to use SSLClient in a closed-source, commercially '
          'distributed application under the current license?\n'
          '2) If not, would you consider offering an **alternative license** (e.g., **MIT**, '
          '**BSD-3**, or **Apache-2.0**) or a **dual-license / commercial license** option?\n'
          '\n'
          'Happy to provide more details about our use case (linkage model, distribution, etc.) if '
          'helpful.\n'
          '\n'
          'Thanks!'},
 {'url': 'https://github.com/edu-lance/LivePublisher/issues/13',
  'title': 'About the license of this library',
  'labels': [],
  'state': 'closed',
  'date': '2016-06-27',
  'q': 'licence-question',
  'body': 'I was looking for the license of the description was not found.\n'
          "I'd like to use this library in a commercial, is it possible?"},
 {'url': 'https://github.com/gh-markt/cpp-tiktoken/issues/3',
  'title': 'Usage in commercial project',
  'labels': ['question'],
  'state': 'closed',
  'date': '2023-06-02',
  'q': 'licence-question',
  'body': "Can't really make it out from the License - am I allowed to use this in a commercial "
          'project?'},
 {'url': 'https://github.com/NLeSC/python-template/issues/300',
  'title': 'Potential license issue with prospector in Apache-2.0 projects',
  'labels': ['generated-package'],
  'state': 'closed',
  'date': '2021-05-11',
  'q': 'licence-compat',
  'body': 'https://pypi.org/project/prospector/ is licensed GPLv2+ but '
          'https://www.apache.org/licenses/GPL-compatibility.html says "_However, GPLv3 software '
          'cannot be included in Apache projects._"\n'
          '\n'
          'Needs looking into'},
 {'url': 'https://github.com/fasten-project/fasten/issues/90',
  'title': 'License compatibility of dependencies',
  'labels': [],
  'state': 'open',
  'date': '2020-10-20',
  'q': 'licence-compat',
  'body': 'Hello, I see that Fasten has a dependency on the '
          '[WebGraph](http://webgraph.di.unimi.it/) library. Fasten is Apache License (ASL) while '
          '[WebGraph](https://search.maven.org/artifact/it.unimi.dsi/webgraph) is GPL and this may '
          'be an issue:\n'
          '\n'
          'Ref in the POM: https://github.com/fasten-project/fasten/blob/master/core/pom.xml#L40\n'
          '\n'
          'As per [ASL](https://www.apache.org/licenses/GPL-compatibility.html):\n'
          '> Apache 2 software can therefore be included in GPLv3 projects, because the GPLv3 '
          'license accepts our software into GPLv3 works. However, GPLv3 software cannot be '
          'included in Apache projects.\n'
          '\n'
          'You might want to have this verified. \n'
          '\n'
          'Regards.'},
 {'url': 'https://github.com/AFLplusplus/AFLplusplus/issues/1427',
  'title': 'Apache-2.0 License Issue',
  'labels': [],
  'state': 'closed',
  'date': '2022-05-26',
  'q': 'licence-compat',
  'body': 'This project is licensed under Apache-2.0, but there is a GPL license located at '
          '`instrumentation/COPYING3`. Is this intentional? The GPL-3.0 license is not compatible '
          'with Apache-2.0. This was flagged by a license scanner running on a project that '
          'depends on this one. Is there any way to remedy?'},
 {'url': 'https://github.com/giggio/node-chromedriver/issues/102',
  'title': 'License issue: GPL code in deps',
  'labels': [],
  'state': 'closed',
  'date': '2017-05-22',
  'q': 'licence-compat',
  'body': 'This project is licensed under Apache License 2.0, but it depends on GPL code.\n'
          '\n'
          'To reproduce: switch to a clean directory, `npm i chromedriver`.\n'
          '\n'
          'File `node_modules/adm-zip/methods/deflater.js` has the following header:\n'
          '```\n'
          '/*\n'
          ' * $Id: rawdeflate.js,v 0.5 2013/04/09 14:25:38 dankogai Exp dankogai $\n'
          ' *\n'
          ' * GNU General Public License, version 2 (GPL-2.0)\n'
          ' *   http://opensource.org/licenses/GPL-2.0\n'
          ' * Original:\n'
          ' *  http://www.onicos.com/staff/iz/amuse/javascript/expert/deflate.txt\n'
          ' */\n'
          '```\n'
          '\n'
          'It looks used (at least it is `require`-d) upon installation (not in runtime, though):\n'
          '```\n'
          "node_modules/chromedriver/install.js:var AdmZip = require('adm-zip');\n"
          '```\n'
          'which in turn requires `deflater.js` upon require.'},
 {'url': 'https://github.com/savsgio/gotils/issues/1',
  'title': 'License incompatible with Apache 2.0',
  'labels': [],
  'state': 'closed',
  'date': '2020-04-13',
  'q': 'licence-compat',
  'body': 'Hi, \n'
          '\n'
          'the GPL is incompatible with the Apache 2.0 license. Having this library be licensed '
          'under GPL forces any other project that depends on it to also be licensed under GPL. '
          'This especially affects Atreugo which is licensed under Apache 2.0.\n'
          '\n'
          'I would therefore recommend licensing this library under a non-copyleft license (like '
          'Apache 2.0 or any BSD style license) to prevent a licensing conflict and to make it '
          'possible to use this library in thusly licensed projects.\n'
          '\n'
          "It's the opinion of this developer that copyleft licenses do have their place, but not "
          'in application development.'},
 {'url': 'https://github.com/ggez/ggez/issues/846',
  'title': 'License compliance issue',
  'labels': [],
  'state': 'closed',
  'date': '2020-11-26',
  'q': 'licence-compat',
  'body': 'I would like to bring to your attention the fact that your licensing is incompatible '
          'with your dependencies.\n'
          '\n'
          'Your crate is MIT licensed but depends upon multiple crates which are Apache-2.0 '
          'licensed only. While Apache-2.0 projects can use MIT licensed components, the reverse '
          'is not so.\n'
          '\n'
          'Consider for instance that MIT is GPL v2 compatible, while Apache-2.0 is not; Your '
          'crate being MIT licensed is thus misleading to any potential GPL-v2 projects that '
          "consider using your crate - they'd end up constructing a non-compliant product."},
 {'url': 'https://github.com/google/werm/issues/3',
  'title': 'License violation',
  'labels': [],
  'state': 'closed',
  'date': '2023-10-20',
  'q': 'licence-compat',
  'body': 'This project is licensed under the Apache License version 2.0, however it includes code '
          'from my [dtach](https://github.com/crigler/dtach) project which is licensed under the '
          'GNU General Public License version 2.0. As '
          '[https://www.apache.org/licenses/GPL-compatibility.html](https://www.apache.org/licenses/GPL-compatibility.html) '
          'states:\n'
          '\n'
          '> Apache 2 software can therefore be included in GPLv3 projects, because the GPLv3 '
          'license accepts our software into GPLv3 works. However, GPLv3 software cannot be '
          'included in Apache projects. The licenses are incompatible in one direction only, and '
          "it is a result of ASF's licensing philosophy and the GPLv3 authors' interpretation of "
          'copyright law.'},
 {'url': 'https://github.com/OpenLightingProject/ola/issues/1211',
  'title': 'License problem "old" web ui',
  'labels': [],
  'state': 'open',
  'date': '2017-03-09',
  'q': 'licence-compat',
  'body': 'The old web ui uses a library called [closure-library](/google/closure-library/) which '
          'is licensed as Apache 2.0. This could form a problem since we use (L)GPLv2 (or later) '
          'which is¸ according to FSF, '
          '[incompatible](https://www.gnu.org/licenses/license-list.en.html#apache2) with Apache '
          '2.0'},
 {'url': 'https://github.com/MarketSquare/SwingLibrary/issues/127',
  'title': 'License issue (GPL software cannot be included in Apache projects)',
  'labels': [],
  'state': 'closed',
  'date': '2019-03-29',
  'q': 'licence-compat',
  'body': 'SwingLibrary is released under an Apache license. However SwingLibrary is using Jemmy, '
          'a software provided under a GPLv2 licence.\n'
          '\n'
          'The Apache license is compatible with the GPL software in one direction: GPLv3 software '
          'may use Apache license. "However, GPLv3 software cannot be included in Apache projects. '
          "The licenses are incompatible in one direction only, and it is a result of ASF's "
          'licensing philosophy and the GPLv3 authors\' interpretation of copyright law." '
          '(https://apache.org/licenses/GPL-compatibility.html) (Also holds for GPLv2)\n'
          '\n'
          "To avoid legal issues it seems to be necessary to change the SwingLibrary's license to "
          'GPL or to avoid using Jemmy (and any other GPL licensed software).'},
 {'url': 'https://github.com/stat4701/edav/issues/148',
  'title': "Please don't encourage (and, actually, force) ToS violations",
  'labels': [],
  'state': 'open',
  'date': '2016-05-29',
  'q': 'terms-of-service',
  'body': 'Via: '
          'http://stackoverflow.com/questions/37508815/error-in-http-statuses-subscript-out-of-bounds\n'
          '\n'
          'Both LinkedIn and IMDB use their ToS to restrict scraping. I am not arguing for the '
          'sanity of their decision, but there should be an ethical side to "data science" which '
          'goes along the lines of "just because you can does not mean you should do".\n'
          '\n'
          "These ToS are legally binding in many jurisdictions and I've seen IP addresses blocked "
          'and cease & desist notices sent to folks who do violate them. There are tons of other '
          "examples for scraping that you could provide that don't require ToS violations.\n"
          '\n'
          "I'm not sure your sister Columbia Law School would be thrilled that another part of the "
          'college is encouraging something those budding lawyers would love to sue folks for. '
          'Then again, you never know, cuz #lawyers.'},
 {'url': 'https://github.com/RMHogervorst/imdb/issues/6',
  'title': 'ToS violation notice',
  'labels': [],
  'state': 'closed',
  'date': '2017-03-09',
  'q': 'terms-of-service',
  'body': 'Please consider adding a message to every interactive API call that folks who use this '
          'are in violation of the Terms of Service for IMDB. \n'
          '\n'
          'LinkedIn and 2 other companies started aggressively issuing lawsuits for scrapers and '
          'Amazon has the capacity (I work with various Amazon AWS team members/departments in my '
          "role at Rapid7) to both track these scrapings and issue C&D's as well as lawsuits.\n"
          '\n'
          "I appreciate the work you're doing here, do not agree with the ToS silliness but like "
          'to play within the rules. \n'
          '\n'
          "I just don't want to see individuals use this w/o realizing the ToS violation and def "
          'do not want to see you potentially get dragged into anything as an enabler.'},
 {'url': 'https://github.com/m-wrzr/populartimes/issues/90',
  'title': 'Possible violation of TOS',
  'labels': [],
  'state': 'open',
  'date': '2020-05-06',
  'q': 'terms-of-service',
  'body': 'Hello,\n'
          '\n'
          'I just wanted to verify with you if the scraping part of the code would violate '
          "google's Terms of Service?\n"
          '\n'
          '**10.1 (a) of ToS: "No access to APIs or Content except through the Service. You will '
          'not access the Maps API(s) or the Content except through the Service. For example, you '
          'must not access map tiles or imagery through interfaces or channels (including '
          'undocumented Google interfaces) other than the Maps API(s)."**\n'
          '\n'
          'thanks'},
 {'url': 'https://github.com/kevinzg/facebook-scraper/issues/257',
  'title': 'Is scraping facebook legal',
  'labels': ['question'],
  'state': 'closed',
  'date': '2021-05-14',
  'q': 'terms-of-service',
  'body': 'I´m thinking about legal issues when scraping Facebook sites. Can somebody give me some '
          'clarification what officially is allowed or not?'},
 {'url': 'https://github.com/CollinHeist/TPDbCollectionMaker/issues/1',
  'title': '(Rescinded) Violating TPDb Terms of Service',
  'labels': [],
  'state': 'closed',
  'date': '2023-06-17',
  'q': 'terms-of-service',
  'body': 'Hello,\n'
          '\n'
          "I'm reaching out on behalf of TPDb and wanted to kindly ask that this repo be taken "
          "down as it's in violation of our [Terms of Service](https://theposterdb.com/terms) "
          'sections 4, 5, 8, 12, 14, 15, and 17.\n'
          '\n'
          'We appreciate your cooperation in this matter.\n'
          '\n'
          'Thanks!'},
 {'url': 'https://github.com/nelsonic/github-scraper/issues/55',
  'title': 'Is it illegal to scrape a page?',
  'labels': ['help wanted', 'question'],
  'state': 'closed',
  'date': '2015-08-20',
  'q': 'terms-of-service',
  'body': 'Started typing this into google and saw:\n'
          '<img width="288" alt="is-it-illegal-to" '
          'src="https://cloud.githubusercontent.com/assets/194400/9385839/82697796-4750-11e5-8d84-09fbc98b131f.png">\n'
          '\n'
          'The fact that scraping or "crawling" is Google\'s Business Model suggests that scraping '
          'is at least "OK" ...\n'
          'but here are a few articles:\n'
          '\n'
          '+ Legal Issues: https://en.wikipedia.org/wiki/Web_scraping#Legal_issues\n'
          "+ Screen scraping: How to profit from your rival's data: \n"
          'http://www.bbc.com/news/technology-23988890\n'
          '+ Web Scraping For Fun and Profit: https://blog.hartleybrody.com/web-scraping/'},
 {'url': 'https://github.com/toby-p/rightmove_webscraper.py/issues/14',
  'title': 'Violation of Terms of Service',
  'labels': [],
  'state': 'closed',
  'date': '2018-12-20',
  'q': 'terms-of-service',
  'body': 'Hi, \n'
          '\n'
          'I just wanted to make everyone aware that the use of a web scraper on the '
          'rightmove.co.uk website is now against their terms of service. \n'
          '\n'
          'It previously was allowed and I too had assumed it was still allowed. However, if you '
          "read the later comments on the below stackoverflow thread (don't just read the accepted "
          'solution) and read their ToS, they now explicitly ban the use of any and all web '
          'scrapers. \n'
          '\n'
          'https://stackoverflow.com/questions/36662524/rightmove-api-and-scraping-technical-and-legal\n'
          'https://www.rightmove.co.uk/this-site/terms-of-use.html\n'
          '\n'
          'Just a heads up to anyone who might be wanting to use this library. \n'
          '\n'
          'Todd'},
 {'url': 'https://github.com/srinath1510/alltrails-mcp-server/issues/3',
  'title': 'Request to Remove Code That Violates AllTrails’ Terms of Service',
  'labels': [],
  'state': 'closed',
  'date': '2025-09-30',
  'q': 'terms-of-service',
  'body': 'Hi Srinath\n'
          '\n'
          'I hope you’re doing well. I’m writing regarding your GitHub repository '
          'alltrails-mcp-server (https://github.com/srinath1510/alltrails-mcp-server). After '
          'reviewing it, I believe that the repository contains code that violates AllTrails’ '
          'Terms of Service (ToS).\n'
          '\n'
          'Here’s why:\n'
          '1. Unauthorized scraping / data extraction\n'
          'The repository clearly states it “scrapes publicly available data from AllTrails” (see '
          'README). That kind of scraping or automated extraction is typically disallowed by '
          'website operators, and likely expressly prohibited in AllTrails’ ToS.\n'
          '2. Intellectual property / license conflicts\n'
          'AllTrails’ content (trail descriptions, ratings, summaries, etc.) is protected by '
          'copyright or other intellectual property rights. Republishing, redistributing, or '
          'exposing that content through a third-party interface—especially without a '
          'license—likely violates AllTrails’ rights.\n'
          '3. Terms of Service binding\n'
          'AllTrails’ Terms and Conditions state that use is contingent on compliance with their '
          'rules, and they reserve the right to restrict or revoke access for unlawful use.\n'
          '\n'
          'Because your project facilitates access to AllTrails’ data in a way that AllTrails did '
          'not authorize, it’s infringing on their policies and potentially their copyrights.'},
 {'url': 'https://github.com/Wofat-Mcgarett/TPDBscraper/issues/1',
  'title': 'Violating TPDb Terms of Service',
  'labels': [],
  'state': 'open',
  'date': '2022-04-26',
  'q': 'terms-of-service',
  'body': 'Hello,\n'
          '\n'
          'I just wanted to reach out and kindly ask that this repo be taken down as this is '
          'violation of The Poster Databases [Terms of Service](https://theposterdb.com/terms) '
          'sections 1, 8, 14, 15, and 17.\n'
          '\n'
          'We appreciate your cooperation in this matter.\n'
          '\n'
          'Thanks!'},
 {'url': 'https://github.com/mysociety/whatdotheyknow-theme/issues/814',
  'title': 'Consider policy on informing people when we get requests for their personal '
           'information',
  'labels': ['stale'],
  'state': 'closed',
  'date': '2021-05-18',
  'q': 'law-enforcement',
  'body': 'Requests could be:\n'
          '\n'
          '* Court orders\n'
          '* Police requests under PACE\n'
          '* Subject Access Requests by third parties, where third party data is mixed up with the '
          "requester's personal data. \n"
          '\n'
          'We sometimes get notices of proposed requests/orders prior to the requests/orders '
          'themselves. \n'
          '\n'
          'We may not legally be able to provide notice to those whose data is involved straight '
          'away.'},
 {'url': 'https://github.com/mysociety/whatdotheyknow-theme/issues/984',
  'title': 'Privacy page section on sharing personal information when we are required to do so by '
           'law',
  'labels': ['help-pages', 'stale'],
  'state': 'closed',
  'date': '2022-02-10',
  'q': 'law-enforcement',
  'body': 'https://www.whatdotheyknow.com/help/privacy\n'
          '\n'
          'currently states\n'
          '\n'
          '>We do not share IP addresses with anyone else unless required to by law (for example '
          'in the course of a police investigation for which a court order has been received). \n'
          '\n'
          'and\n'
          '\n'
          '>We will not disclose your email address to anyone else unless we are obliged to by '
          'law, or you ask us to. \n'
          '\n'
          "These two statements don't cover the full scope of requests for personal data we have "
          'received, and may receive in the future.\n'
          '\n'
          "eg. a police request asking which account is linked to a specific email address isn't "
          'really covered by the statement on disclosing an email address. \n'
          '\n'
          'eg.2. requests for correspondence with the WhatDoTheyKnow team, or requests for '
          "correspondence which has been hidden from public view on the site, are isn't covered by "
          'either of the the two statements either.   \n'
          '\n'
          'We could have a new Privacy Page section following the between "Research" and '
          '"Encrypted Transfer of Data" covering legal requests for user data. \n'
          '\n'
          'We could cover:\n'
          '\n'
          '* Briefly how we deal with such requests\n'
          '* The potential scope of such requests'},
 {'url': 'https://github.com/mysociety/whatdotheyknow-theme/issues/992',
  'title': 'Agree and publish a policy on informing users when we receive a request for their '
           'personal data',
  'labels': ['policy'],
  'state': 'closed',
  'date': '2022-02-15',
  'q': 'law-enforcement',
  'body': 'Our current position is:\n'
          '\n'
          '* To consider if to inform users on a case by case basis\n'
          '\n'
          'this arises from a principle:\n'
          '\n'
          '* We generally try to avoid spending our time on hypothetical situations\n'
          '\n'
          'One problem we have is requests for user data often have to be dealt with quickly. '
          "We've had [one requesting a response within under an "
          'hour](https://www.mysociety.org/2014/11/17/can-you-leak-a-decision-that-has-not-yet-been-made/) '
          '[that was a strange one], in most cases generally we get two days to comment on a '
          'proposed order, then 7 days to comply with an order. \n'
          '\n'
          'We often lack the information we would need to make an assessment of if it would be '
          'fair, and legally permissible, to inform the user(s) involved. We have been concerned '
          'about acting in a way which would impede justice (which may be criminal) and about '
          'specific offences related to revealing information related to investigations.'},
 {'url': 'https://github.com/privly/privly-web/issues/27',
  'title': 'Definition of Court Powers',
  'labels': [],
  'state': 'closed',
  'date': '2012-04-07',
  'q': 'law-enforcement',
  'body': 'We need to define what will happen with user data if we get a lawful order under '
          'various circumstances. This is particularly important for countries with host servers '
          'and domain registrars.'},
 {'url': 'https://github.com/cds-snc/platform-forms-client/issues/6855',
  'title': 'Process for responding to law enforcement requests for PI from GC Forms',
  'labels': ['policy', 'security'],
  'state': 'open',
  'date': '2026-03-16',
  'q': 'law-enforcement',
  'body': '**Description**\n'
          'GC Forms has received requests from law enforcement for personal information (ie. IP '
          'addresses) of end-users. The process for responding has been confusing and clunky at '
          'time, and in response to [a Feb 2026 '
          'request](https://docs.google.com/document/d/1O_mRRIKhiM9S4v6rrxH-PvXDaKThBgIabApu4jO5qGU/edit?tab=t.0) '
          'the RCMP suggested a process to follow, which Delivery Policy is reviewing.\n'
          '\n'
          'The retro for [this '
          'incident](https://docs.google.com/document/d/1O_mRRIKhiM9S4v6rrxH-PvXDaKThBgIabApu4jO5qGU/edit?tab=t.0) '
          'may also inform this process.\n'
          '\n'
          '**Definition of Done**\n'
          'There is a clearly documented and communicated process for GC Forms and/or CDS to '
          'follow when we receive a request for personal information from law enforcement, related '
          'to GC Forms.'},
 {'url': 'https://github.com/EFForg/dnt-policy/issues/9',
  'title': 'User notification of legal requests, as a government team',
  'labels': [],
  'state': 'open',
  'date': '2015-07-16',
  'q': 'law-enforcement',
  'body': 'The DNT policy says this about user notification of legal requests:\n'
          '\n'
          '```\n'
          '5. USER NOTIFICATION: \n'
          '\n'
          '  a. If we are required by law to retain or disclose user identifiers, we will\n'
          '     attempt to provide the users with notice (unless we are prohibited or it\n'
          '     would be futile) that a request for their information has been made in\n'
          '     order to give the users an opportunity to object to the retention or\n'
          '     disclosure.\n'
          '```\n'
          '\n'
          "As a government team, how should we think about this section? I'm not sure at all what "
          'the lay of the land is, legally or normatively, in terms of legal requests for user '
          'information that is intragovernmental. \n'
          '\n'
          "If we were held to the standard above as written, I think we'd at least have to involve "
          'our general counsel to determine its applicability and reasonableness in our '
          'situation.'},
 {'url': 'https://github.com/NodeBB/NodeBB/issues/2647',
  'title': 'npm dispute resolution',
  'labels': [],
  'state': 'closed',
  'date': '2015-01-23',
  'q': 'name-dispute',
  'body': '`alebcay <calebcenter@live.com>` is the owner of the package `nodebb` on npm.\n'
          '\n'
          '[How to file a dispute:](https://www.npmjs.com/policies/disputes)\n'
          '\n'
          '> Get the author email with `npm owner ls <pkgname>`\n'
          '> Email the author, CC support@npmjs.com\n'
          '> Mention in the email that he can run `npm owner add dev_name nodebb` to add '
          '`dev_name` as an owner of the `nodebb` package.\n'
          "> After a few weeks, if there's no resolution, email npm once more, and npm will sort "
          'it out\n'
          '\n'
          'Do the above. Get that package under control!\n'
          '\n'
          'It would be great to one day be able to do `npm install nodebb` to install and `npm '
          'install nodebb@0.6.1` to update!'},
 {'url': 'https://github.com/nodejs/admin/issues/1083',
  'title': 'Tracking Issue on claiming npm registry namespace `@nodejs`',
  'labels': [],
  'state': 'closed',
  'date': '2026-08-05',
  'q': 'name-dispute',
  'body': 'Right now, on https://www.npmjs.com/~nodejs-foundation, we holds namespaces `@node`, '
          '`@node-core`, and `@pkgjs`.\n'
          '\n'
          'A claim request was filed, as mentioned in '
          'https://github.com/nodejs/admin/pull/795#issuecomment-1573853008. But it is not '
          'publicly visible and it does not seem to be resolved (given that the '
          'https://www.npmjs.com/~nodejs-foundation still does not hold the namespace).\n'
          '\n'
          'Opening this issue to track the progress on claiming the npm registry namespace '
          '`@nodejs`.\n'
          '\n'
          'For reference, the steps to file a npm name dispute is documented on '
          'https://docs.npmjs.com/policies/disputes, and '
          'https://docs.github.com/en/site-policy/content-removal-policies/github-trademark-policy#how-do-i-report-a-trademark-policy-violation. '
          'So it requires a trademark owner, with an OpenJS foundation email address to act on '
          'filing the dispute.\n'
          '\n'
          'Maybe @rginn could help on this?'},
 {'url': 'https://github.com/sipgate/sipgate.io/issues/99',
  'title': 'To which npm user name can I surrender the "sipgate" package on npm?',
  'labels': [],
  'state': 'closed',
  'date': '2016-05-19',
  'q': 'name-dispute',
  'body': "Hi, I'm now going to write a sipgate package in the next days that simplifies "
          'sipgate.io usage in node. However since there have been some issues regarding trademark '
          'names on npm in recent history, I feel more comfortable to take another name that is '
          'not in any way trademark protected.\n'
          '\n'
          'Please let me know to which npm user name I can surrender the "sipgate" packagename.\n'
          '\n'
          'Thank you!'},
 {'url': 'https://github.com/npm/policies/issues/46',
  'title': 'Question: Are there plans to require legal action before giving up package name '
           'ownership?',
  'labels': [],
  'state': 'closed',
  'date': '2016-03-30',
  'q': 'name-dispute',
  'body': 'During left pad gate, NPM changed ownership of a package name based on a few emails. In '
          'the [blog post](http://blog.npmjs.org/post/141577284765/kik-left-pad-and-npm), it was '
          'highlighted that it was not a legal issue. I would expect something of this magnitude '
          'to require a cease and desist letter or some other legal action prior to ownership '
          'being changed to a new party.\n'
          '\n'
          'Do you plan on requiring legal action in the future or will a few emails continue to be '
          "all it takes to relinquish a user's package name?"},
 {'url': 'https://github.com/team-genjutsu/miragejs/issues/70',
  'title': 'Chat about transferring npm package name?',
  'labels': [],
  'state': 'open',
  'date': '2019-09-11',
  'q': 'name-dispute',
  'body': '👋 Hey there everyone!\n'
          '\n'
          'I am working on an npm package over at '
          '[@miragejs/server](https://github.com/miragejs/server), which is an extraction of an '
          "existing project I've worked on for four years called [Ember CLI "
          'Mirage](https://github.com/samselikoff/ember-cli-mirage).\n'
          '\n'
          'As I was going to publish the new core package to npm I tried using the name '
          '`miragejs`, but npm told me it was too similar to an existing package. I reached out to '
          'them and they pointed me to this one!\n'
          '\n'
          'They said I could reach out to you and ask to formally adopt the name, and if so I '
          "could start publishing to it. I pulled up this project and it looks like there's been "
          'one version published 3 years ago.\n'
          '\n'
          "So – do you think there's any chance you'd be willing to transfer the npm name to me? I "
          "would still keep my project over at the `@miragejs` org, but I'd be able to publish to "
          'the `miragejs` npm name.\n'
          '\n'
          "It would mean so much to me to be able to get this name for my project 🙏 I've been "
          'putting a lot of effort into my extraction, and I would be so excited if I could tell '
          'folks to `npm install miragejs`!\n'
          '\n'
          'Let me know what you think, and hope you have a great day!'}]


def main():
    out, seen = [], set()
    for r in RECORDS:
        if "/pull/" in r["url"] or "github.com/pypi/support/" in r["url"]:
            continue
        text = " ".join([r["title"], " ".join(r["labels"]), r["body"]])
        if not LEGAL_RE.search(text):
            continue
        body = r["body"].strip()
        if len(body) < 20 or (r["title"].lower(), body.lower()) in seen:
            continue
        seen.add((r["title"].lower(), body.lower()))
        repo = "/".join(r["url"].split("/")[3:5])
        out.append({"subject": r["title"], "body": body[:2500], "category": "Legal", "urgency": None,
                    "meta": {"url": r["url"], "repository": repo, "labels": r["labels"], "state": r["state"],
                             "opened": r["date"], "query_topic": r["q"]}})
    kept = []
    for r in out:
        rec = {"id": "x", "source": SLUG, **r}
        if guard_flags("\n".join(v for v in rec.values() if isinstance(v, str))):
            print("dropped (reserved by eval-guard):", r["meta"]["url"])
            continue
        kept.append(r)
    out = kept
    write_jsonl(OUT, SLUG, out)
    print(len(RECORDS), "transcribed,", len(out), "kept ->", OUT)


if __name__ == "__main__":
    main()
