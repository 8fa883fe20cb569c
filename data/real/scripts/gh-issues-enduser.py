#!/usr/bin/env python3
"""Build data/real/train/gh-issues-enduser.jsonl from GitHub issue threads returned by the search
tool's `issues` corpus (stored copies of public GitHub issues) for customer-style Technical
queries: app crashes after update, login / password-reset failures, 2FA lockouts, data loss
after update, iOS/OS compatibility questions, site-down / 502 outage reports, integration
questions (Home Assistant), encrypted-backup decryption failures, WordPress plugin / PHP 8.x
compatibility. 8 queries, run 2026-12-01; results transcribed below (RAW) verbatim: the issue
title, the repository's own labels, and the issue AUTHOR's opening post ("description") only,
no comments. Long opening posts were transcribed up to a paragraph boundary (about 700-900
chars), so some bodies are the first part of the post.

Selection rule (fixed before looking at any model output):
  keep issues only (not pull requests), whose opening post is present in the corpus copy
  (threads that showed only comments were not transcribed), mostly-English opening posts (Chinese-only
  ones were not transcribed); then here: drop bodies < 20 chars (title-only), at most 2 issues
  per repository (first in query order), drop exact duplicates.
Label rule: every kept item is a user/maintainer report to a software product's issue tracker
  about a malfunction, outage, lockout, data loss, compatibility or integration/how-to
  question -> Technical. Items whose title+body match licen[cs]e|copyright|trademark|gdpr|privacy
  policy|terms of service|refund|invoice|subscription|charged would be dropped (rule cannot
  decide; none matched).
Eval-guard: Brickimedia/brickimedia#318 ("Website down/offline") overlaps the reserved
  evaluation set (22 of 30 shingles) and is dropped (EVAL_GUARD_DROPPED).
Urgency rule: the repository's own issue labels, fixed table, first match wins:
  critical|blocker|p0|urgent|outage|broken -> 0.9; security -> 0.85;
  priority: high|^high$|regression -> 0.8; crash -> 0.7;
  support|question|informational -> 0.25; documentation|docs -> 0.2;
  enhancement|feature|nice-to-have -> 0.15; no mapped label -> null.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import issue_collector, write_jsonl  # noqa: E402

SLUG = "gh-issues-enduser"
OUT = f"/work/main/data/real/train/{SLUG}.jsonl"
R, add = issue_collector()

# query: app crashes on startup after latest update android
add("https://github.com/IacobIonut01/ReFra/issues/1023", ["bug"], "[BUG] App crashes on start after update",
"""**Describe the bug**
As written in title. 

**To Reproduce**
Steps to reproduce the behavior:
1. Click on app, app crashes instantly.

**Smartphone (please complete the following information):**
 - Device: Google Pixel 10 Pro XL
 - OS: GrapheneOS, Android 17
 - Version:  2026070501

**Additional context**
Offline version without ML, v5.1.0-51001-nightly, installed from GitHub via Obtainium""")
add("https://github.com/PaulWoitaschek/Voice/issues/596", [], "crash on startup in beta",
"""The app started crashing directly after start up since the last update last night in the beta program. I submitted a crash report via the android dialogue. If I in any way can provide more information, let me know.""")
add("https://github.com/Neamar/KISS/issues/1981", ["crash"], "New Android update keeps crashing.",
"""**Describe the crash**
After i updated my phone launcher keeps crashing

**To Reproduce**
Steps to reproduce the crash:
1. Restart the phone
2. Go through bunch of crashes and reach to the main menu
3. Try searching an app
4. Crash again""")
add("https://github.com/SimpleMobileTools/Simple-Keyboard/issues/278", [], "The app crashes on startup",
"""After the latest update, every time I turn on the phone, I get a message that the app has crashed. Afterwards, it seems to work fine.
I have Android 11 on an Oscal C60.""")
add("https://github.com/chillibits/particulate-matter-app/issues/23", ["bug"], "App crashes on startup",
"""Since update 3.2.4 the app crashes immediately on startup.
The bugfix patch will be out as soon as possible.""")
add("https://github.com/Haptic-Apps/Slide/issues/550", ["bug", "crash", "needs verification"], "Crash on startup",
"""Crash on startup for I'm assuming KitKat devices.""")
add("https://github.com/SimpleMobileTools/Simple-Gallery/issues/1613", [], "App crash after latest update",
"""Thanks for the great work!

The latest version has been crashing on startup. I tried clearing cache, reinstalling but no luck. I am on Android 10, installed from f-droid""")
add("https://github.com/streetcomplete/StreetComplete/issues/6966", ["bug", "duplicate"], "App crashes on startup for Android 17",
"""Hello,

since the update released on Wednesday, July 28, 2026, the app no longer starts—it crashes immediately on launch.
I tried uninstalling and reinstalling, but the issue persists.
For reference, I’m using a Google Pixel 6a.

Thanks.""")
add("https://github.com/openvehicles/Open-Vehicle-Android/issues/208", [], "5.1.2 Android App crashes",
"""I've had a few messages in to support@openvehicles.com regarding crashes in the 'latest' Android App on startup. No much supporting information provided except one user saying it is v5.1.2 and all saying the crash is on startup.""")
add("https://github.com/dsoulayrol/android-sholi/issues/12", [], "Crash while starting after update to 1.4",
"""The app crashes while starting after update to version 1.4""")

# query: can't log in to my account after password reset
add("https://github.com/mozilla/fxa-auth-server/issues/575", [], "Can't access my account after resetting my password",
"""I have a prod account `c<last name>@gmail.com` that after I reset the password, I can't log in with the password I chose. I've forgotten the original password. I can reproduce this every time. @monicachew has seen a similar issue.""")
add("https://github.com/keybase/keybase-issues/issues/993", [], "Can't get into account even after password reset",
"""I reset my password and then try and log in and it tells me the password is incorrect. I'm using a password manager so it's not that I'm typing it wrong...""")
add("https://github.com/nsupdate-info/nsupdate.info/issues/320", [], "Can't login",
"""I am having trouble both logging in, and reseting my password. I have tried to reset my password a couple of times, but it's still not letting me log in. Is anyone else having this same issue?""")
add("https://github.com/NaturalHistoryMuseum/scratchpads2/issues/5244", ["origin: redmine"], "login problems",
""" - Original ID: 4177
 - Added by **Sue Zmarzty**
 - Scratchpads URL: http://malpighiales.myspecies.info/

### Description:
Dear Support, each time I try to log in to my Scratchpad site the login fails, even when I go through the password reset process. I tried that again yesterday, making a note of my user name and new password to be sure there were no data entry errors. The password reset seemed to go fine, but when I logged out and then tried to login again the login failed again. I'm now locked out -- too many failed attempts. Please advise. Thanks.""")
add("https://github.com/SourceKettle/sourcekettle/issues/292", ["bug"], "Password reset is misbehaving",
"""Logging in after resetting a password incorrectly shows an login failure message.

Steps:
1. (Local) user clicks on the forgot password button.
2. Enters email address and submits
3. Receives email, clicks link and enters a new password (twice)
4. Presented with login screen saying password has been changed, enters email address and new password.
5. Shown error saying the credentials are wrong but after hitting refresh or going to any other page I am suddenly logged in.""")
add("https://github.com/pypi/warehouse/issues/6452", [], "Can't login after password reset",
"""I reset my password via the login dialog's "I forgot my password"
link, then following the link in the resulting email.
BUT...
The login dialog rejects the new password, even after repeated
tries over 20 minutes.
What should I do?""")
add("https://github.com/NaturalHistoryMuseum/scratchpads2/issues/6322", ["status: triage", "type: bug"], "Log in failing",
"""I forgot the password to log on to the site. I went through the process of getting a new password but each time I click on the one time link, I either reach a screen that says access denied or, I can enter a new password in my account but then it says there has been more than 5 failed attempts for this account and it is temporarily blocked.

Please can I be informed how to regain access!

Thanks.""")
add("https://github.com/olav-st/screencloud/issues/197", ["website"], "Password Reset",
"""I am unable to login to my account, even after password reset.""")
add("https://github.com/gryffon/ringteki/issues/1872", [], "Login issues please help",
"""I have made two accounts on jigoku l5r. I can login just fine on day one but when day two hits it says my pass word is not good. But I have everything recorded and I have not changed anything. Now I cannot login on both accounts. Please help""")
add("https://github.com/jsbin/jsbin/issues/279", [], "can not log in after password reset",
"""yesterday at home i made an account on jsbin. Today at work i tried to login but failed. After a password reset i cannot login with new password (No caps-lock involved).

Seems like a bug to me.""")

# query: locked out of account lost phone two-factor authentication recovery
add("https://github.com/WordPress/wporg-two-factor/issues/9", ["priority: high"], "Setup recovery process",
"""Folks will sometimes get locked out when they lose their phone etc. Resetting a 2nd factor would ideally be independent of resetting the password, but for low-access accounts email might be better than nothing.

For high-privledge accounts, verification over video conference might be a secure option.

Maybe we require having 2 methods enabled, to reduce support requests.
Related https://github.com/WordPress/two-factor/issues/485""")
add("https://github.com/mattrubin/Authenticator/issues/352", [], "Removal of 2FA",
"""Hi, 
I have set up my account validation with the Authenticator app but now I’m unable to get token because I lost my phone. So can you please help and remove my details from the app so I can login into my account please. 
email: registered with account is [redacted].""")
add("https://github.com/mozilla/fxa/issues/18589", [], "Two-step authentication problems",
"""I do not remember what my authenticator app is (probably not even on my new phone) and I do not have any 10-character backup codes.

I have tried some of the steps under "Are you locked out?" but none seem to apply to my situation, nor do they work.

I have my password, my phone number has not changed in years, can't I just get an SMS code or something?

Thanks!""")
add("https://github.com/2factorauth/twofactorauth/issues/3831", ["invalid"], "I'm locked out of my original gmail and yahoo a",
"""Hi my name is Orlando Herrera I recently had my SIM card stolen out of my phone and got drugged by 2 individuals.  I can no longer remember my gmail password to swrtya715 and my yahoo mail are both locked with 2 factor identification.  I tried contacting yahoo and was given a hard time. My new phone number is **_removed for data protection reasons_** can someone please help me.  It would be greatly appreciated.  Blessings and praise.""")
add("https://github.com/mattrubin/Authenticator/issues/346", [], "2FA removal",
"""Not really a tech based issue. I had my phone out when I went to shower, during then my little siblings were playing with my phone. They fiddled too much and ended up deleting half of my 2FA security keys. In one of my accounts, I got logged out of it, and I didn’t screenshot or save my back-ups. I was wondering if there was a way to remove that, or I could get access to my back up codes.""")
add("https://github.com/lobsters/lobsters/issues/342", [], "It's easy to lose access to two factor authentication.",
"""When my phone is formatted, stolen, or disposed of without registering TOTP to another phone, I'd be locked out of my account.

lobste.rs needs one of the following.

1. Show TOTP secret and tell users to save the TOTP secret along with password
2. Dispense one-time backup codes to anyone who turns on two factor authentication

Without both options, many users will find themselves locked out of their lobste.rs accounts after changing their phones without registering TOTP to another phone.""")
# query: all my notes disappeared after update, data loss
add("https://github.com/epm-dev-priporov/idea-notes/issues/35", ["bug"], "Notes Catastrophe: Losing All Data After Update",
"""After updating the notes tree, I have lost all my notes.""")
add("https://github.com/3zpnix/WriteOn/issues/32", ["bug", "priority"], "update lost all data",
"""Hey there seems to have been an update and all my notes are gone. Multiple issues occurring.

Edit: **all data gone, restore did not have any effect and creating new note then saving doesn't save it now**

Had a backup zip file and tried to restore it, bit I'm not seeing the notes. 
Will try resetting app but wanted to mention this ASAP, don't know if it's affected others.
Edit: tried everything,  no result after using restore file either 

PLEASE FIX or this app is unusable.
Hope you get it sorted,  I liked this app""")
add("https://github.com/lainsce/notejot/issues/50", [], "contents 2 of my 3 notes disappeard",
"""Hi,  
Thanks for this app, very useful  
I am using latest version of this app for my everyday use.  
After last reboot 2 of 3 notes got deleted. It only shows window and not the content.  
I don't know how can I provide more information, please let me know how can I.  
Thanks!""")
add("https://github.com/BoostIO/BoostNote-Legacy/issues/3552", ["needs more info :information_source:"], "Loss of local storage",
"""# Current behavior
All my local storage disappeared after the software was automatically updated. So how do I solve this problem?

# Environment

- Boostnote version: update to
- OS version and name:""")
add("https://github.com/lainsce/notejot/issues/32", [], "Updating to 1.2.8 ate my previous notes!",
"""Hi,
I've just updated to version 1.2.8, and now my previous notes are gone! Has the file been overwritten? If I was able to find my notes in my backup files, would they be compatible to the new version?

Otherwise, great app!""")
add("https://github.com/laurent22/joplin/issues/1223", [], "Updating from 1.0.25 to 1.0.27 lost all my notes on Windows!",
"""### Operating system

- Windows

### Application

- Desktop""")
add("https://github.com/BoostIO/BoostNote-Legacy/issues/1851", [], "Updating deletes all folders that are not inside of \"My Storage\"",
"""Updating to the latest version resulted in all of my notes being cleared out of every folder except for the ones that were stored in default storage ("My Storage").

Initially happened on my home desktop system when updating (version 0.11.3 -> version 0.11.4), all notes my custom folders (and notes) were cleared.
Saw that updating it via the application on my work laptop (after saving my notes first) also resulted in the same thing.

- Version: 0.10.0 and 0.11.3
- OS Version and name: Windows 10 (Ver. 1709)""")
add("https://github.com/HappenApps/Quiver/issues/979", [], "All notes gone since new update",
"""Hi,

since the last update today, all my notes are gone and i can't load the old library or even a backup. Any idea how to get my notes back? When i restore from a backup, quiver crashes immediatly.""")
add("https://github.com/federicoiosue/Omni-Notes/issues/424", ["Bug", "Bug - Critical"], "Notes deleted on Update",
"""OmniNotes auto-updated from Play Store. Upon opening app, all notes were gone. :( I didn't have a backup (I know, stupid and my fault). Is there any way to recover the notes? Thanks.

Device: Blu R1 HD
Android 6.0
OmniNotes: 5.4.1""")

# query: is it compatible with iOS 17? device support
add("https://github.com/JinjunHan/iOSDeviceSupport/issues/33", [], "DeviceiOSSupport for iOS 17 version",
"""I do not find the DeviceiOSSupport for ios 17 version ? Can someone add the same to this repo ?""")
add("https://github.com/otti83/iPSX2/issues/24", [], "Add support for iOS 17 Request",
"""Request to add support for IOS 17.""")
add("https://github.com/leminlimez/Nugget/issues/1082", [], "SUPPORT FOR IOS 18.7+ AND IPADOS 18.7+",
"""Please I need 18.7+ because my older devices all updated to it please dev make it as supported devices""")
add("https://github.com/zhuowei/WDBRemoveThreeAppLimit/issues/23", [], "IOS 17.1 support",
"""Hello
Please add support for IOS 17.1
Thanks""")
add("https://github.com/NSAntoine/Santander/issues/31", [], "IOS17 Support",
"""We need iOS 17 support. I tested on ios17 beta 2 but it doesn’t seem to verify the app.""")
add("https://github.com/JinjunHan/iOSDeviceSupport/issues/21", [], "anyone have iOS17 support file?",
"""please help, thx.""")
add("https://github.com/Paisseon/SatellaJailed/issues/61", [], "ios 17 support?",
"""pls ios 17 support""")

# query: website is down, server not responding, 502
add("https://github.com/Wikidepia/InstaFix/issues/81", [], "Website is down: server returns 502", "")
add("https://github.com/waylaidwanderer/FicSave/issues/123", [], "Site down",
"""Site returning 502 errors as of 16:51 UTC, 23-04-2016""")
add("https://github.com/aaronpowell/httpstatus/issues/129", [], "Site has been down since yesterday evening around 5PM CST",
"""502 - Web server received an invalid response while acting as a gateway or proxy server.
There is a problem with the page you are looking for, and it cannot be displayed. When the Web server (while acting as a gateway or proxy) contacted the upstream content server, it received an invalid response from the content server.""")
add("https://github.com/alanshaw/david-www/issues/430", [], "Service is down",
"""It throws 502 error for webpage and api

![image](https://user-images.githubusercontent.com/215282/72309813-fd514480-36ba-11ea-9157-4dd973547faf.png)""")
add("https://github.com/d-r-e/rncp/issues/242", [], "[Bug] Site returning 502 Bad Gateway",
"""The site https://rncp.hacku.org/login is currently returning a 502 Bad Gateway error (nginx/1.30.0).

Confirmed down for all users via downforeveryoneorjustme.com as of today 13/05/2026.

Just a heads-up in case the maintainers aren't aware. Thanks for the tool, it's very useful for 42 students planning their RNCP path.""")
add("https://github.com/sourcebitsllc/chocolatechip-ui/issues/53", [], "Website down?",
"""The website is showing a 502 for the past 36 hours.""")
add("https://github.com/waylaidwanderer/FicSave/issues/179", [], "Site Down",
"""I don't know how long it's been going on, but trying to access the site just a minute ago causes either Error 502 (Bad Gateway) or Error 522 (Connection Timed Out)""")
add("https://github.com/mattpardee/nodemanual.org/issues/17", [], "website returns 502 Bad Gateway",
"""When I try to go to http://nodemanual.org/latest/ I get the following response:

```
502 Bad Gateway - Response Error, a bad response was received from another proxy server or the destination origin server.
```""")
add("https://github.com/Brickimedia/brickimedia/issues/423", ["bug"], "It's that time of week again...",
"""Error 502's all round! Been down for about an hour""")
add("https://github.com/socketio/socket.io-website/issues/51", [], "Website is down (19-May-2017)",
"""HTTP 502 error is received.""")
add("https://github.com/Brickimedia/brickimedia/issues/318", [], "Website down/offline",
"""At around 12pm Jan 14 2015 while trying to access the website I was given the "Error 502 - Bad gateway" message. This is not the first time it has happened.""")
add("https://github.com/WormBase/website/issues/4296", ["bug", "Everything's broken!", "Webteam"], "WormBase down",
"""502 Bad Gateway on wormbase.org""")
# query: integrate with Home Assistant / Zapier
add("https://github.com/shivasiddharth/GassistPi/issues/1135", [], "Home Assistant Integration Request",
"""Hello Gassist,

I would like if someone could make integration for gassistpi that would connect to local home assistant and be able to turn on or off devices. https://developers.home-assistant.io/docs/development_index

Thanks for your time,
Spi
P.S. Didn't use the format as it was a feature request and not an issue""")
add("https://github.com/bitfocus/companion-module-requests/issues/1759", [], "Home assistant intergration",
"""I would like an intergration to connect into homeassistant to control my homeassistant devices.""")
add("https://github.com/deiger/AirCon/issues/12", [], "home assistant integration",
"""could you integrate with home assistant?
many people are looking for this ....""")
add("https://github.com/PipedreamHQ/pipedream/issues/4228", ["added to app backlog", "app", "enhancement", "OAuth", "triaged"], "[APP] Home Assistant",
"""**Name of app / service**
Home Assistant

**Link to developer documentation**
https://developers.home-assistant.io/
**Is lack of support preventing you from building workflows, or do you have a workaround?**
I will need to build a python middleman api currently - but direct suppoprt for home assistant actions/triggers would be amazing for the home automation community""")
add("https://github.com/moeru-ai/airi/issues/1491", ["feature-request/accepted", "priority/nice-to-have", "scope/extension"], "feature request: Home Assistant Connection",
"""### Clear and concise description of the problem

Is there a way to integrate Home Assistant to access the smart home? 

### Suggested solution / Ideas

Easy integration with Home Assistant for control via Airi or the Assist feature in Home Assistant 

### Alternative

Mqtt Connection""")
add("https://github.com/activepieces/activepieces/issues/2196", ["🔌 pieces"], "Home Assistant",
"""Home Asistant is the largest open source Automation platform.  An integration with them - https://www.home-assistant.io/  would allow say to blink the lights when  an order comes in  =  or change the color of the lights when a large order is closed.. Unlimited potential. N8n already has it enabled .""")
add("https://github.com/zobnin/aio/issues/68", [], "Home Assistant integration?",
"""Have you thought about adding some integration with Home Assistant so that you can display entities and control them with the AIO launcher?

Technically this is probably possible and quite "clean" to implement. What are your thoughts on this? 

https://developers.home-assistant.io/docs/api/rest/""")
add("https://github.com/martindybal/taphome-homeassistant/issues/120", [], "What about the other way around?",
"""Would it be possible to access HA devices, and control them from TapHome?
I would like to use HA as a Zigbee gateway, because the support in TapHome is very limited.

Cheers!
Leon""")

# query: cannot decrypt my encrypted backup, restore fails with wrong password
add("https://github.com/NeoApplications/Neo-Backup/issues/319", ["enhancement"], "[Bug] Cryptic error message when restoring with wrong password",
"""**Description**
The app gives a very vague error `Input is not in the .gz format` when it fails to decrypt the backup while restoring, in case the user has specified the encryption password wrongly.

**Steps To Reproduce**

1. Enable encryption with some password
2. Backup
3. Change encryption password (in reality, the user reinstalled the app and forgot/misremembered the original pwd)
4. Try to restore
5. Fails with: `a: Could not read the input file or write an output file due to IOException: java.io.IOException: Input is not in the .gz format`""")
add("https://github.com/QubesOS/qubes-issues/issues/8083", ["P: default", "T: bug"], "Backup restore finishes with error: `failed to decrypt [...]: b'scrypt: Passphrase is incorrect`",
"""### Qubes OS release
Qubes Release 4.1.1

### Brief summary
Trying to backup and restore some Applications VM from an NVME to an HDD(destination)

### Steps to reproduce
1. Start gui to Create a Backup
2. Select VMs (in my Case 2 VMs with  Finaly 5gb
3. Select Location in dom0 (second HDD)
4. enter password 
5. Start backup and wait for finish
6. Start restore gui 
7. select file from dom0 ( second HDD) 
8. enter password
9. Check "Test restore to verify Backup..."
10. starte restore

Error Massagea After a While a error is displayed "b'scrypt passphrase is incorrect" -> picuture""")
add("https://github.com/TeamWin/Team-Win-Recovery-Project/issues/582", [], "Encrypted Backup",
"""Hi guys, i'm sorry for being a pain but i've encountered a BIG ISSUE with TWRP 3.0.
I've made an encrypted backup on TWRP 3.0, i had to enter a password twice. 
I made the backup because i had to reset/wipe my device, TWRP gave me the option to ENCRYPT the backup and so i did...

Then after i wiped my device i've went back into TWRP recovery it asked for a password, so i have entered the password which i had entered just a few hours earlier when making the encrypted backup and it FAILED! I had written the password down on a piece of paper, (detailed with CAPS and all). So i definitely 1000% have the right password at hand, i have also tried typing the password in all CAPS and various other ways but all failed! Guys, what is this? Have i lost all my apps and settings?! Or could this be fixed???

This really is a HUGE ISSUE to me, please help me out ASAP if you can?""")
add("https://github.com/signalapp/Signal-Android/issues/872", [], "Encrypted Backup: Password wrong?",
"""I just did an encrypted backup, deinstalled and re-installed TextSecure and tried to re-import the backup again. After that, I could not unlock TS, it kept telling me my password was wrong.

Luckily, I also did a backup using Helium (the backup tool from ClockworkMod). Restoring this backup helped (so I can be sure my password was correct all the time)...""")
add("https://github.com/TeamWin/android_bootable_recovery/issues/110", [], "Encrypted Backups Don't Ask for Decryption and Get Error 255 When Restoring",
"""**Device codename**: H918
**TWRP version**:  twrp-3.5.0_9-0-h918

#### WHAT STEPS WILL REPRODUCE THE PROBLEM?
1. Create an encrypted backup by entering a password on the Encrypt tab.
2. Restore backup
3. Able to restore without password and it fails with error 255

#### WHAT IS THE EXPECTED RESULT?
Ask for password of encrypted backup before restoring.

#### WHAT HAPPENS INSTEAD?
Doesn't ask for password.""")
add("https://github.com/bitcoin-wallet/bitcoin-wallet/issues/289", [], "Restoring wallet & decrypting from CLI fails",
"""Upon trying to restore a backed up wallet on my Android phone, I received a message that said:

```
Wallet could not be restored:
Could not decrypt bytes
Bad password?
```

I checked and double checked the password I had written down. Same error. Upon searching, I found the command line option using openssl. I tried that approach and received the following error:""")
add("https://github.com/NeoApplications/Neo-Backup/issues/1052", [], "[Bug] Attempting to restore an encrypted backup without providing the password / key doesn't result in any useful errors",
"""### Describe the bug

Reproduction steps:

1. Install Neo Backup on a fresh installation.
2. Point it to a previously created **_encrypted_** backup directory.
3. Attempt to restore apps **with data**.

Actual behaviour:

- The restore gets stuck at 0% with status "=d" in the notification.
- The app gets restored but not the data.
- No logs are emitted about the reason for the failure (at least none that I could find with `adb logcat`)""")

# query: plugin not compatible with PHP 8.2 WordPress fatal error
add("https://github.com/brainstormforce/astra/issues/5146", ["bug"], "PHP 8.2 Compatibility Issue - Site Crash",
"""After upgrading a WordPress Site from PHP7.4 to PHP8.2, site crashes.

This is a known issue whereby a previous warning is now an error from PHP8 onwards.
![FatalError](https://github.com/brainstormforce/astra/assets/5113027/5a96aad7-6cfb-4aff-9187-7a9d5abd9cb3)

Thank You and Kind Regards

Bobby""")
add("https://github.com/nilsnolde/wordpress-markdown-git/issues/33", [], "installation on PHP8.0",
"""when activating PHP8.0, the WP admin area doesn't work anymore (my configuration is WP5.7.2 and PHP7.4). front end is fine, it works with the plugin on PHP8.0. WP admin raise fatal error. I deactivated all plugins except for documents-from-git and got same error. Then I activated all and deactivated documents-from-git and was fine. Reversed to PHP7.4 and activated all plugins ... everything came back to normal.""")
add("https://github.com/FortAwesome/wordpress-fontawesome/issues/214", [], "Bug: major incompatibility with php 8.2",
"""I'm still working to understand exactly what happened here so I'll add as much detail as possible in the hope that maybe someone knows some part of the code that could have triggered this.

A few weeks ago we started using this plugin on a client site and also updated to PHP 8.2. There were some warnings thrown but otherwise everything worked in our testing and continued to work for a few weeks.

Then 2 days ago the site went down. Some pages would partially load and other pages failed to load at all. For example, the login page threw a 502 error.

The debug logs did not shed any light on the issue. NGINX showed that PHP was exiting prematurely with an error but the PHP logs didn't record the error.""")
add("https://github.com/perfectyorg/perfecty-push-wp/issues/192", [], "Plugin is not compatible with php 8.2 version",
"""Plugin activation gets error from vendor. Need to bump composer versions.

PHP v 8.2.12
WP v 6.4.2

PHP Fatal error:  Uncaught RuntimeException: Unable to create the key in plugins\\perfecty-push-notifications\\vendor\\web-token\\jwt-core\\Util\\ECKey.php:160""")
add("https://github.com/mcguffin/polylang-sync/issues/35", [], "PHP8 support",
"""Hi, I noticed that this plugin is not yet compatible with PHP8 version, it causes error in Wordpress. Actually if the plugin is active the dashboard and admin area seems to work normally. But the update core page (/wp-admin/update-core.php) ends up in an error. I had to disable the plugin.""")
add("https://github.com/kasparsd/widget-context-wporg/issues/71", [], "PHP 8.2 compatibility",
"""Confirm PHP 8.2 compatibility.""")
add("https://github.com/alleyinteractive/apple-news/issues/1242", ["documentation"], "Has the plugin been tested on PHP 8.2?",
"""### Description of the documentation inaccuracy

We're required to upgrade to this soon via WordPress VIP, so it would be nice to have this documented""")
add("https://github.com/swiftype/swiftype-wordpress/issues/68", [], "plugin should be updated for compatibility with PHP 8.2",
"""It seems like this plugin hasn't had an update in several years, and is starting to show it's age. An update is in order to address the dependencies in the `vendor` directory being outdated, and showing deprecation notices in php 8.2.""")
add("https://github.com/archetyped/simple-lightbox/issues/761", ["scope:external", "support"], "Version 2.8.0 Causing Fatal Error with new WP 5.3 Update",
"""EMAIL:
Since WordPress 5.2 there is a built-in feature that detects when a plugin or theme causes a fatal error on your site, and notifies you with this automated email.

In this case, WordPress caught an error with one of your plugins, Simple Lightbox.

...

When seeking help with this issue, you may be asked for some of the following information:
WordPress version 5.3
Current theme: Positive Vibes (version 1.6)
Current plugin: Simple Lightbox (version 2.8.0)
PHP version 5.6.39""")
add("https://github.com/ocean90/public-post-preview/issues/182", [], "PHP 8.2.27 not able to install plugin",
"""I am unable to install the plugin because it says it doesn't work with my version of PHP. I am on 8.2.27. Do you know exactly which version of PHP 8 this will work with? Thanks.""")
add("https://github.com/wp-blocks/cf7-antispam/issues/31", [], "Plugin not PHP 8.x compatible",
"""I recently tried updating our server from PHP 7.4 to PHP 8.1, and this plugin causes the a fatal error shown below. 

![image](https://user-images.githubusercontent.com/123778558/215214282-b3e0b891-f2da-458e-b0f6-7a972b4cae2f.png)""")

URG = [(re.compile(r"critical|blocker|\bp0\b|urgent|outage|broken", re.I), 0.9),
       (re.compile(r"security", re.I), 0.85),
       (re.compile(r"priority: ?high|^high$|regression", re.I), 0.8),
       (re.compile(r"crash", re.I), 0.7),
       (re.compile(r"support|question|informational", re.I), 0.25),
       (re.compile(r"documentation|\bdocs\b", re.I), 0.2),
       (re.compile(r"enhancement|feature|nice-to-have", re.I), 0.15)]
EVAL_GUARD_DROPPED = {"https://github.com/Brickimedia/brickimedia/issues/318"}
UNDECIDABLE = re.compile(r"licen[cs]e|copyright|trademark|gdpr|privacy policy|terms of service|"
                         r"refund|invoice|subscription|charged", re.I)


def urgency(labels):
    for pat, s in URG:
        if any(pat.search(l) for l in labels):
            return s
    return None


def main():
    per_repo, seen, out = {}, set(), []
    for r in R:
        m = re.match(r"https://github\.com/([^/]+/[^/]+)/issues/(\d+)$", r["url"])
        if not m or r["url"] in EVAL_GUARD_DROPPED:
            continue
        repo = m.group(1)
        body = r["desc"].strip()
        if len(body) < 20 or UNDECIDABLE.search(r["title"] + "\n" + body):
            continue
        if per_repo.get(repo, 0) >= 2 or (r["title"], body) in seen:
            continue
        per_repo[repo] = per_repo.get(repo, 0) + 1
        seen.add((r["title"], body))
        out.append((repo, r, body))
    write_jsonl(OUT, SLUG, [
        {"subject": r["title"], "body": body, "category": "Technical", "urgency": urgency(r["labels"]),
         "meta": {"repository": repo, "url": r["url"], "labels": r["labels"],
                  "retrieved_via": "search tool, issues corpus"}}
        for repo, r, body in out])
    print(len(out), "records from", len(per_repo), "repositories")


if __name__ == "__main__":
    main()
