#!/usr/bin/env python3
"""PyPI project-name claims and disputes (PEP 541 requests) filed as issues in github.com/pypi/support.

Retrieved 2026-12-01 through the search tool's `issues` corpus (public GitHub issue text). The
search tool is not reachable from a script, so the opening posts were copied verbatim from the
tool's answers into RECORDS below (opening post only; trailing "Code of Conduct" checkbox lines
dropped). Writes data/real/train/pypi-pep541.jsonl.

Label rule (written before collecting): an issue in pypi/support whose tracker label is "PEP 541"
or whose title names PEP 541 / a name transfer is a claim under PyPI's name-retention policy
(PEP 541: abandoned, invalid or squatted names, transfer against or with the owner's consent)
-> Legal (rights to a name under a policy / terms; package-name dispute). Issues that are unfilled
templates are dropped. Urgency: no signal -> null.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_jsonl  # noqa: E402

OUT = "/work/main/data/real/train/pypi-pep541.jsonl"
SLUG = "pypi-pep541"
RULE_RE = re.compile(r"pep ?541|name transfer|transfer of name", re.I)

RECORDS = [{'url': 'https://github.com/pypi/support/issues/2554',
  'title': 'PEP 541 Request: Jet',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2023-01-27',
  'body': '### Project to be claimed\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/jet\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/leitao\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'Project has been abandoned for over 7 years. No commit both on Pypi nor github.\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'https://github.com/entangly/jet/\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'https://github.com/entangly/jet/issues/21'},
 {'url': 'https://github.com/pypi/support/issues/10680',
  'title': 'PEP 541 Request: pyku',
  'labels': ['PEP 541'],
  'state': 'open',
  'date': '2026-05-18',
  'body': '### Project to be claimed\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/pyku\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/idetring\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'In accordance with the original project name holder we would like to take over the '
          'namespace `pyku` and use it for a project related to climate data handling and '
          'analysis. Since the process of the transfer is stuck See '
          'https://github.com/pypi/support/issues/10388 - we would like to speed up the process by '
          'directly transferring the project name in this ticket. \n'
          '\n'
          'Since the current project `pyku` is abandoned by definition for inactivity we see the '
          'request to be justified. \n'
          'We checked the current download activity and are convinced that some of the downloads '
          'are already done by our community trying to install our `pyku` via pip (and forgetting '
          'to install from github source)\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'https://github.com/sethwoodworth/pyku\n'
          'https://github.com/deutscherwetterdienst/pyku\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'We have contacted the original owner in November 2025 and requested a transfer of the '
          'project name to us. We got an immediate positive response that he is willing to '
          'transfer, but he will be at the computer intermittently for the next time.'},
 {'url': 'https://github.com/pypi/support/issues/11455',
  'title': 'PEP 541 Request: PROJECT_NAME',
  'labels': ['PEP 541'],
  'state': 'open',
  'date': '2026-07-12',
  'body': '### Project to be claimed\n'
          '\n'
          '`octopy`: https://pypi.org/project/octopy\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`octoJab`: https://pypi.org/user/octoJab\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          "I'd like to request transfer of the `octopy` project name on PyPI under PEP 541 "
          '(invalid/abandoned project).\n'
          '\n'
          'Current state of `octopy` on PyPI:\n'
          '- Last release: v0.0.2, January 13, 2020 (5+ years ago)\n'
          '- Development status: Alpha\n'
          '- No tests, incomplete documentation\n'
          '- Described as "A Github API Wrapper" with minimal functionality\n'
          '\n'
          'My project:\n'
          '- A Python SDK for Octopus Energy, actively developed with CI, full test suite, type '
          'checking, and documentation\n'
          '- Maintained by Octopus Energy engineering\n'
          '\n'
          'The existing package appears abandoned per PEP 541 criteria (no releases or maintenance '
          "activity in over 5 years, pre-release quality). I'd appreciate the name being "
          'transferred so we can publish under it.\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'current: https://github.com/monzita/octopy\n'
          'mine/replacement: https://github.com/octopus-energy/octopy\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'Current owner email on PyPI links to [Monika Ilieva](mailto:hidden@hidden.com) '
          'hidden@hidden.com which returns on send. The github repo page is inaccessible to raise '
          'an issue.'},
 {'url': 'https://github.com/pypi/support/issues/571',
  'title': 'Transfer of name FLIP',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2020-08-20',
  'body': '**Project to be claimed**\n'
          '\n'
          'Flip\n'
          '`PROJECT_NAME`: https://pypi.org/project/FLiP\n'
          '\n'
          '**Your PyPI username**\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/divait\n'
          '\n'
          '**Reasons for the request**\n'
          '\n'
          'It looks like the project has been abandoned, last release is around 9 years ago: '
          'Released: Jul 7, 2011. and have only 2 releases.\n'
          'And last commit in the [github repo](<https://github.com/jon-jacky/FLiP>) is on Jul 11, '
          '2011.\n'
          '\n'
          '**Maintenance or replacement?**\n'
          '\n'
          'If the domain is transfer it will be replace we our new project for data augmentation: '
          'https://github.com/LinkedAi/flip\n'
          '\n'
          '**Contact and additional research**\n'
          '\n'
          'I try to contact Jonathan the owner via email a couple of times, but have no answer '
          'from him at the moment.'},
 {'url': 'https://github.com/pypi/support/issues/12144',
  'title': 'PEP 541 Name Dispute: promptdiff',
  'labels': [],
  'state': 'open',
  'date': '2026-09-05',
  'body': '### Project Details\n'
          '- **Project Name:** `promptdiff`\n'
          '- **Current PyPI URL:** https://pypi.org/project/promptdiff/\n'
          '- **Our Repository URL:** https://github.com/latryee/promptdiff\n'
          '- **My PyPI Username:** latrye\n'
          '\n'
          '---\n'
          '\n'
          '### Grounds for Request (PEP 541)\n'
          '\n'
          'I am requesting the transfer of the project name `promptdiff` under **PEP 541 (Name '
          'Retention & Abandoned Project Policy)**.\n'
          '\n'
          '1. **Abandoned / Placeholder Status:**\n'
          '   - The existing `promptdiff` project on PyPI was uploaded in 2025 as an empty 1.3 KB '
          'placeholder package.\n'
          '   - It has had zero releases, zero documentation, zero linked repository, and zero '
          'maintenance since then.\n'
          '\n'
          '2. **Active Production Project:**\n'
          '   - We maintain an active, production-grade LLM Prompt Regression Testing framework '
          'with 390+ passing automated tests, full documentation, and active releases.\n'
          '   - It is currently published as `promptdiff-eval` on PyPI to prevent collisions, but '
          'our CLI binary and Python import namespace are both `promptdiff`.\n'
          '\n'
          '3. **No Reachable Maintainer:**\n'
          '   - The registered account has no public contact information or repository links.\n'
          '\n'
          'Transferring this name will resolve developer confusion and allow users to run `pip '
          'install promptdiff` directly. Thank you!'},
 {'url': 'https://github.com/pypi/support/issues/163',
  'title': "name transfer request for 'decred'",
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2020-01-20',
  'body': '**Project to be claimed**\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/Decred\n'
          '\n'
          '**Your PyPI username**\n'
          '`USER_NAME`: https://pypi.org/user/tinydecred\n'
          '\n'
          '**Reasons for the request**\n'
          '\n'
          'The repo has no functionality. It will be 12 months since the last activity, but it '
          "likely doesn't need to meet reachability and abandonment requirements because 1) it has "
          'no author information in either PyPI or the placeholder files and 2) it appears to meet '
          'the [**invalid project**](https://www.python.org/dev/peps/pep-0541/#invalid-projects) '
          'name-squatting case\n'
          '\n'
          '> project is name squatting (package has no functionality or is empty)\n'
          '\n'
          '**Maintenance or replacement?**\n'
          '\n'
          'This will be the package for the Decred Python toolkit, from '
          'https://github.com/decred/tinydecred. \n'
          '\n'
          '**Contact and additional research**\n'
          '\n'
          'Project author has deleted their PyPI account. The placeholder package files have no '
          'additional information.'},
 {'url': 'https://github.com/pypi/support/issues/2813',
  'title': 'PEP 541 Request: pisa',
  'labels': ['PEP 541'],
  'state': 'open',
  'date': '2023-05-05',
  'body': '### Project to be claimed\n'
          '\n'
          '`pisa`: https://pypi.org/project/pisa\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`peller`: https://pypi.org/user/peller\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'I contacted the owner of the previous project with that name, and he kindly agreed to '
          'give us the name. He has then deleted his project. I cannot claim it however, as I get '
          'the exception "The name \'pisa\' is too similar to an existing project."\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'Our project: https://github.com/icecube/pisa\n'
          '\n'
          'Previous project doesn NOT exist under that name anymore since ~10 years.\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'I did contact Dirk Holtwick, owner of the previous project and he accepted.'},
 {'url': 'https://github.com/pypi/support/issues/9172',
  'title': 'PEP 541 Request: Transfer of mltrack project',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2026-01-30',
  'body': '## Project name\n'
          '`mltrack`\n'
          '\n'
          '## Your PyPI username\n'
          '`econoben`\n'
          '\n'
          '## Project information\n'
          '- **Date created:** 2019-12-09\n'
          '- **Last release:** 2019-12-09 (version 0.0.2)\n'
          '- **Current owner:** `mailshanx`\n'
          '- **PyPI page:** https://pypi.org/project/mltrack/\n'
          '\n'
          '## Reason for request\n'
          '\n'
          'I am requesting transfer of the `mltrack` project name under **PEP 541 - Abandoned '
          'Projects** criteria.\n'
          '\n'
          '**Evidence of abandonment:**\n'
          '- No releases in over 5 years (last release: December 2019)\n'
          '- Only 2 releases ever made (0.0.1 and 0.0.2)\n'
          '- No commits to source repository since 2019\n'
          '- Project appears to be in early prototype stage (version 0.0.x)\n'
          '\n'
          '**My project:**\n'
          '- Active development at https://github.com/EconoBen/mltrack\n'
          '- Universal ML tracking tool for MLflow integration\n'
          '- Currently published as `mltrack-py` (https://pypi.org/project/mltrack-py/) as a '
          'workaround\n'
          '- Different purpose from the abandoned project\n'
          '\n'
          'I have not attempted to contact the current owner as the project shows no signs of '
          'active maintenance.'},
 {'url': 'https://github.com/pypi/support/issues/10302',
  'title': 'PEP 541 Request: pyclif',
  'labels': ['PEP 541'],
  'state': 'open',
  'date': '2026-04-19',
  'body': '### Project to be claimed\n'
          '\n'
          '`pyclif`: https://pypi.org/project/pyclif\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`bahamut45`: https://pypi.org/user/bahamut45\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'I would like to claim the name pyclif on PyPI.\n'
          '\n'
          'The existing project (https://pypi.org/project/pyclif/) has been inactive since 2017, '
          'is stuck in beta (0.2), and appears abandoned - no commits, no maintainer activity, and '
          'no GitHub link.\n'
          '\n'
          'I have built a new framework under the same name: https://github.com/bahamut45/pyclif, '
          'with active development, documentation, and tests. The name is already used throughout '
          'the codebase, documentation, and GitHub Pages site.\n'
          '\n'
          "I am requesting a name transfer under PyPI's abandoned project policy.  \n"
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'Replacement project: https://github.com/bahamut45/pyclif'},
 {'url': 'https://github.com/pypi/support/issues/4466',
  'title': 'PEP 541 Request: mmm',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2024-07-30',
  'body': '### Project to be claimed\n'
          '\n'
          '`mmm`: https://pypi.org/project/mmm\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`Metacreation`: https://pypi.org/user/Metacreation\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'The project complies to the conditions of what an abandoned project in PEP541:\n'
          '\n'
          '* owner not reachable (see Reachability above);\n'
          '* no releases within the past twelve months; and\n'
          '* no activity from the owner on the project’s home page (or no home page listed).\n'
          '\n'
          'We ([Metacreation Lab](https://github.com/Metacreation-Lab)) intend to release a model '
          'for music generation called MMM, with a python package that allows to use it while '
          'controlling it with prompts.\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'I tried to contact the owner of the project name by sending her an email (email address '
          'listed on PyPI and her website that I will not share here for privacy reasons). I '
          'unfortunately did not get any response.'},
 {'url': 'https://github.com/pypi/support/issues/9291',
  'title': 'PEP 541 Request: anvil replacement',
  'labels': ['PEP 541'],
  'state': 'open',
  'date': '2026-02-11',
  'body': '### Project to be claimed\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/anvil\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/JSChronicles\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'The anvil project listed is abandoned based on these points:\n'
          '- Has no GitHub or source page for the code anymore '
          '(https://github.com/dghubble/anvil)\n'
          '- First and last upload was Aug 6, 2014\n'
          '- I tried contacting the owner at dghubble@gmail.com but no response\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'Current code for the current anvil project is https://github.com/dghubble/anvil\n'
          '\n'
          'New one would be https://github.com/JSChronicles/anvil'},
 {'url': 'https://github.com/pypi/support/issues/3545',
  'title': 'PEP 541 Request: fastcrud',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2024-01-19',
  'body': '### Project to be claimed\n'
          '\n'
          '`fastcrud`: https://pypi.org/project/fastcrud\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`igorbenav`: https://pypi.org/user/igorbenav\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          "I'm requesting the name for a project of mine since the name is abandoned.\n"
          '\n'
          'Tried reaching the owner without success (three emails)\n'
          "There hasn't been new releases for the past 12 months (actually even the first release "
          'has no description)\n'
          "There hasn't been any activities on the project's home page\n"
          "There hasn't been any issues requesting this name\n"
          '\n'
          "So, by PEP 541 standards, I'd like to request this abandoned name.\n"
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'There is no repository for the current project.\n'
          'The one I intend do publish: https://github.com/igorbenav/fastcrud'},
 {'url': 'https://github.com/pypi/support/issues/2457',
  'title': 'PEP 541 Request: SemPy',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2022-12-02',
  'body': '### Project to be claimed\n'
          '\n'
          '`sempy`: https://pypi.org/project/sempy\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`t3kcit`: https://pypi.org/user/t3kcit\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          "Abandoned project, can't reach maintainer. The package is clearly abandoned, and the "
          'last activity has been over 11 years ago, and the package is labeled as "in pre-alpha '
          'state".\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'The link to the original package is a dead link to bitbucket.\n'
          'The project that we want to replace it with is not yet published.\n'
          '\n'
          "I'm not sure if this satisfies the requirements of 541. The replacing project will be "
          'published by Microsoft, and the naming of the project depends on the availability of '
          'the name on pypi.\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'I have mailed the owner twice over several weeks at the email address listed on the '
          'pypi package page.'},
 {'url': 'https://github.com/pypi/support/issues/1233',
  'title': 'PEP 541 Request: dexter',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2021-07-28',
  'body': '### Project to be claimed\n'
          '\n'
          '`dexter`: https://pypi.org/project/dexter\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`igormagalhaesr`: https://pypi.org/user/igormagalhaesr\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          "I'm requesting the name for a project of mine since the name is abandoned.\n"
          '\n'
          'Tried reaching the owner without success \n'
          "There hasn't been new releases for the past 9 years (actually even the first release "
          'has no description of any sort)\n'
          "There hasn't been any activities on the project's home page\n"
          "There hasn't been any issues requesting this name\n"
          '\n'
          "So, by PEP 541 standards, I'd like to request this abandoned name. \n"
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          "I tried contacting the owner even on social network (couldn't find email) and he didn't "
          'answer.'},
 {'url': 'https://github.com/pypi/support/issues/6053',
  'title': 'PEP 541 Request: potpourri',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2025-04-06',
  'body': '### Project to be claimed\n'
          '\n'
          '`potpourri`: https://pypi.org/project/potpourri/\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`s.kortmann`: https://pypi.org/user/s.kortmann/\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'The package is no longer maintained and we have tried to reach out the other but no '
          'further contact was possible so we try to take over the name space.\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'None\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'https://github.com/kmedian/potpourri\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          'https://github.com/kmedian/potpourri/issues/5'},
 {'url': 'https://github.com/pypi/support/issues/6166',
  'title': 'PEP 541 Request: pymas',
  'labels': ['name squat', 'PEP 541'],
  'state': 'closed',
  'date': '2025-04-22',
  'body': '### Project to be claimed\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/PyMAS/\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/wilson.urdaneta/\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'Yes, I believe the project pymas qualifies for a name transfer under PEP 541 due to '
          'meeting criteria for both abandonment and invalidity:\n'
          '\n'
          '**Abandonment**: The project has been inactive since its single initial release on '
          'February 23, 2012. There has been no new version or any discernible activity related to '
          'the project on PyPI for over 13 years. This prolonged inactivity strongly indicates the '
          'project is abandoned according to the timeframes typically considered under PEP 541.\n'
          '\n'
          '**Invalid Contact Information / Unreachable Owner**: The sole contact method listed on '
          'the PyPI project page is the email address pymas@us-robotics.net. My attempt to contact '
          'the owner via this address on 22 April 2025 failed, resulting in a bounce-back message '
          'indicating the address was not found (invalid).\n'
          '\n'
          '**Inability to Contact**: Further investigation revealed no active website associated '
          'with the domain us-robotics.net, and no alternative contact information for the project '
          'owner could be located. This makes it impossible to fulfill the standard PEP 541 '
          'requirement of attempting contact with the listed owner, as the provided contact method '
          'is defunct.'},
 {'url': 'https://github.com/pypi/support/issues/3767',
  'title': 'PEP 541 Request: brainlib',
  'labels': ['PEP 541'],
  'state': 'closed',
  'date': '2024-03-20',
  'body': '### Project to be claimed\n'
          '\n'
          '`PROJECT_NAME`: https://pypi.org/project/brainlib\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`USER_NAME`: https://pypi.org/user/brainpy_team/\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'The project has been abandoned according to PEP 541.\n'
          '\n'
          '- The last release was more than a year ago\n'
          '- There is no activity in the repo, and the repo has officially been archived last '
          'year. No changes were possible anymore.\n'
          '- The owner did not respond to multiple requests from us\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'The source code will only be published once the package is online.'},
 {'url': 'https://github.com/pypi/support/issues/9430',
  'title': 'PEP 541 Request: pixie',
  'labels': ['name squat', 'PEP 541'],
  'state': 'closed',
  'date': '2026-02-21',
  'body': '### Project to be claimed\n'
          '\n'
          '`pixie`: https://pypi.org/project/pixie\n'
          '\n'
          '### Your PyPI username\n'
          '\n'
          '`yiouli`: https://pypi.org/user/yiouli\n'
          '\n'
          '### Reasons for the request\n'
          '\n'
          'The project has been abandoned, no updates since 2008, and my attempt to reach the '
          'owner got no response.\n'
          '\n'
          '### Maintenance or replacement?\n'
          '\n'
          'Replacement\n'
          '\n'
          '### Source code repositories URLs\n'
          '\n'
          'the current abandoned project has no accessible code repository listed.\n'
          'The one I intended to publish in its place: https://github.com/yiouli/pixie-sdk-py\n'
          '\n'
          '### Contact and additional research\n'
          '\n'
          "I emailed the owner listed on the project 6 weeks ago, and haven't got any response. "
          'None of the links listed on the project is accessible.'}]


def main():
    out = []
    for r in RECORDS:
        if not ("PEP 541" in r["labels"] or RULE_RE.search(r["title"])):
            continue
        body = r["body"].strip()
        if len(body) < 20:
            continue
        out.append({"subject": r["title"], "body": body[:2500], "category": "Legal", "urgency": None,
                    "meta": {"url": r["url"], "labels": r["labels"], "state": r["state"], "opened": r["date"]}})
    write_jsonl(OUT, SLUG, out)
    print(len(RECORDS), "transcribed,", len(out), "kept ->", OUT)


if __name__ == "__main__":
    main()
