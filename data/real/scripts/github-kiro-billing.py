#!/usr/bin/env python3
"""github-kiro-billing: customer billing tickets filed in the public issue tracker of a paid hosted
service (kirodotdev/Kiro, an AWS-run AI IDE with paid plans) -> data/real/external/github-kiro-billing.jsonl

Texts: the issue DESCRIPTION only (the customer's own text, issue-form headings included as written),
transcribed from the search tool's `issues` corpus excerpts on 2026-12-01 (an excerpt may end before
the description does; maintainers' comments are not included). Subject = issue title.
Label rule (written before reading): an issue in kirodotdev/Kiro carrying the tracker label `pricing`
or `billing` -> Billing. Issues without one of those labels were not taken even when they talk about
money; spam carrying the label (e.g. "Cheapest KIRO Accounts" resale ads) is not a customer message
and is dropped. No urgency signal in the labels -> urgency null.
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_jsonl  # noqa: E402

SLUG = "github-kiro-billing"
OUT = f"/work/main/data/real/external/{SLUG}.jsonl"
REPO = "kirodotdev/Kiro"

# (issue number, labels, state, created, title, description)
ISSUES = [
(1673, "pricing", "closed", "2025-08-01", "Student Pricing Tier",
"""### Feature Description

please give free pro for student account 🥺 i'm a broke student

### Use Case

same request amount as the pro tier"""),
(2258, "pricing", "closed", "2025-08-19", "Billing issue",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

macOS 12.6.7

### Kiro Version

0.2.13

### Bug Description

Hello, I am contacting you about the billing for my Kiro Pro on the website, but it didn't reflect on my Kiro App. Could you help me with that?

### Steps to Reproduce

Hello, I am contacting you about the billing for my Kiro Pro on the website, but it didn't reflect on my Kiro App. Could you help me with that?

### Expected Behavior

Hello, I am contacting you about the billing for my Kiro Pro on the website, but it didn't reflect on my Kiro App. Could you help me with that?"""),
(2539, "pricing, question", "closed", "2025-09-01", "credits is over and i got mail that from sep 1 to sep 15 is free but",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

win32

### Kiro Version

0.2.13

### Bug Description

credits is over and i got mail that from sep 1 to sep 15 is free but it is showing credits is over

### Steps to Reproduce

credits is over and i got mail that from sep 1 to sep 15 is free but it is showing credits is over

### Expected Behavior

credits is over and i got mail that from sep 1 to sep 15 is free but it is showing credits is over"""),
(3809, "pending-response, pricing, question", "closed", "2025-11-13", "Payment issue",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

Macos 14.6.1 (23G93)

### Kiro Version

0.5.9

### Bug Description

I believe there’s an issue with your payment management system that needs to be resolved.

Today, I noticed that my credit card was charged twice for the same transaction (please see the attached screenshot). Additionally, I already had an open case regarding a similar issue , you can refer to my previous emails under the same subject (also attached).

Based on this, my account should have 6,000 credits, but as shown in the attached image, it currently displays only 2,000 credits.

Kindly review this issue and update my account accordingly.
Looking forward to your prompt response and resolution."""),
(4157, "pending-maintainer-response, pricing, question", "open", "2025-12-02", "Vanished all credits after Renewed issues",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

darwin

### Kiro Version

0.6.32

### Bug Description

Hello Kiro Support, 

I renewed my subscription last week, got the proreated credits that vanished form my account today. Can I really trust you?

### Steps to Reproduce

Renew the subscription, using the prorate option, pay normally, get your prorated credits as expected

When the month ends, if the charge of the subscription renewal fails for any reason (mine was the amounted debit over a period of 30 days exceeding the maximum threshold of the card), then your ALREADY PAID CREDITS VANISHES

### Expected Behavior

I expected the renewal to fail but did not expected the already PAID credits to be steal from me like that. Makes me wonder if I ever trust any Amazon part, since everything this company touches smells, help us Lord, what an evil and sociopath company!! Can you sell Kiro back to where they deserved to be, stop stealing other peoples business and actually create any real value instead of appropriating other people's hard work?"""),
(6048, "auth, pending-triage, pricing, theme:account", "closed", "2026-02-26", "My Kiro account has lost my paid (Power $200/mo) subscription",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

win32

### Kiro Version

0.10.32

### Bug Description

Late 2/26 or early 2/27, my KIRO IDE reset me to free tier.  I paid for Power back 2/1 on auto pay.  What's going on here?

See screenshot.  my account email is wesley.joyce@gmail.com.  

### Steps to Reproduce

1. Open KIRO or log into kiro.dev

### Expected Behavior

I should have my balance of 10000 credits as I paid for Power plan."""),
(6229, "os: windows, pending-triage, pricing, theme:account", "closed", "2026-03-05", "Refund Request: Accidental Subscription Purchase",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

windows

### Kiro Version

1.2.3

### Bug Description

I accidentally subscribed to your plan by mistake and I have not used any service yet. I have already canceled the auto-renewal.Please help me process a full refund to my credit card. Thank you very much.

### Steps to Reproduce

input card id 
Order No: #6LOMFZEA-0001

### Expected Behavior

 refund my original payment"""),
(6356, "os: mac, pending-triage, pricing, question", "closed", "2026-03-11", "Student",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

macos

### Kiro Version

1.27.2

### Bug Description

I am currently exploring the Kiro platform and find it extremely useful for learning and experimentation. At the moment, I only have 50 credits available and wanted to check if you offer any student discounts, credit concessions, or educational plans for learners.

I am using the platform primarily for learning and personal development for cloud, and any support for students would be greatly appreciated. I am currently +2 with CS background.

### Steps to Reproduce

this is just a generic request.

### Expected Behavior

same"""),
(7601, "duplicate, os: linux, pending-triage, pricing, theme:account", "closed", "2026-04-19", "Payment Issue – KIRO PRO Subscription",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

ubuntu 24 

### Kiro Version

1

### Bug Description

Hello,

I would like to subscribe to the KIRO PRO plan.

However, I encountered an issue while trying to complete the payment. I have tried multiple bank cards issued from different banks in Saudi Arabia and Yemen, but unfortunately, none of them worked.

Each time I attempt to pay, I receive the following message:
"Your card was declined, please try a different card."

Could you please assist me with this issue or suggest an alternative payment method? I am very interested in subscribing.

Thank you for your support.

Best regards,"""),
(8029, "pricing, theme:account", "closed", "2026-05-01", "退款",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

mac

### Kiro Version

不知道

### Bug Description

大概3月20号左右把我的号封了，id：d-9067c98495.d4f864c8-3001-70b7-2ad6-98ed8ff5baae，我的另一个号也封了，之后解封自动退订了，但是 d-9067c98495.d4f864c8-3001-70b7-2ad6-98ed8ff5baae 这个号却没自动退订，我以为也自动退订了

结果就是账单一直在扣费！！，扣到今天还在收费！！

如果你们还是人类的话，请把封号至今的钱退我，因为我没用过，你们觉得封了号还会用你们的产品吗？还继续订阅？替用户做决定吗？

### Steps to Reproduce

打开kiro

### Expected Behavior

退钱！"""),
(8163, "os: windows, pending-response, pricing, theme:account", "closed", "2026-05-05", "You've reached your overage limit.",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

win32

### Kiro Version

0.11.133

### Bug Description

I got "You've reached your overage limit." but I already have the Overages enabled. And the Kiro Pro+ Suscription was renewed 4 days ago.

### Steps to Reproduce

Have an active subscription in Kiro Code IDE
Wait for the subscription to renew automatically (in my case, ~4 days ago)
Ensure that overage usage is enabled in the settings
Open the IDE and log into the account
Attempt to perform any action that consumes credits (e.g., code generation, etc.)
Observe the error message displayed

### Expected Behavior

After subscription renewal:
The user should be able to continue using the IDE without incorrect restrictions"""),
(9041, "pricing, question, theme:account", "closed", "2026-06-01", "Request for refund",
"""Hello Kiro Support,

I would like to request a refund for my recent Kiro Pro+ subscription renewal associated with the account h3r01n3.y@gmail.com

I was not aware that the billing cycle renews at the beginning of each month rather than one month from the date of the initial subscription. Because of this misunderstanding, I was unexpectedly charged for another billing period.

My intention was only to subscribe for a single month to support a university project, and I did not plan to continue the subscription beyond that period. Since the renewal was not intentional, I would greatly appreciate your consideration of a refund for the latest charge.

I only needed Kiro Pro+ temporarily for my campus project, and I do not intend to continue the subscription going forward. I have already canceled the subscription to prevent future renewals.

Thank you for your time and understanding. I would be grateful for any assistance you can provide regarding this refund request.

Kind regards,"""),
(9106, "pricing, theme:account", "closed", "2026-06-03", "Billing Support: Refund Request for Accidental Charge - case ID 178030366400681",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

N/A (Billing Issue)

### Kiro Version

N/A

### Bug Description

Hello Kiro Team,

I am opening this issue to request a refund for an automatic subscription charge that occurred on June 1st, 2026. AWS Support (Case ID: 178030366400681) instructed me to reach out directly to your specialized team here since Discord support has not responded.

Account Details:
- Kiro Registered Email: yasiban8080@gmail.com
- Date of Charge: 2026/06/01

### Steps to Reproduce

1. The account automatically renewed and charged my card on 2026/06/01.
2. I have already manually downgraded my account to the Free tier.
3. I have not used any tokens, credits, or features from this new billing cycle.

### Expected Behavior

I expect a full refund for the accidental June 1st charge, as the service remains completely unused and was downgraded immediately."""),
(9261, "pending-response, pricing, theme:account", "closed", "2026-06-08", "Immediate refund request for unused Kiro Pro subscription",
"""### Kiro Product

IDE

### Feature Description

Hello Kiro Billing Support,

I was charged USD 37.64 today for a Kiro Pro subscription, but I have not used any credits or paid features after the payment.

Please cancel my subscription immediately and process a full refund for the latest charge.

Account email: [lockdown1013@gmail.com](mailto:lockdown1013@gmail.com)
Payment date: June 1, 2026
Plan: Kiro Pro
Charge amount: USD 37.64

Please confirm once the subscription has been cancelled and the refund has been processed.

Thank you.

### Use Case

refund plz

### Additional Context

refund"""),
(9958, "os: windows, pricing, theme:account", "closed", "2026-07-03", "MOVED TO FREE PLAN AND ALSO OVERCREDIT USAGE WAS OFF STILL IT SHOWS ME BILL TO CHARGE",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

Windows 11

### Kiro Version

0.12.333

### Bug Description

After downgrading from a paid Kiro plan to the Free plan before my billing period ended, my account unexpectedly reset to 5,000 monthly credits when the new month started instead of the Free plan limit.

I had already switched to the Free plan before June 30, and overusage credits were disabled. When the monthly credit reset occurred, my account got reset with 5,000 available credits instead of 50 and i was unaware because of my work it was july 1 and 5:30 am IST (According to time zone followed by kiro the month rest happens are 5:30 am here in india) . Hence I continued using Kiro and consumed about 182 credits then i realised month has changed at 5:30 IST and the credits are showing 5000 .

A few hours later, without any action from me, the account updated itself to the Free plan (50 monthly credits) and retroactively showed that I had exceeded my quota by around 132 credits, indicating that I would be charged 5.31 dollars for overusage.

This appears to be an account synchronization or billing state bug because the UI"""),
(10171, "os: windows, pending-triage, pricing, theme:account", "closed", "2026-07-13", "I cannot enable overage setting",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

win32

### Kiro Version

0.12.184

### Bug Description

I have turned on  overages settings. But I still get message like "You've reached your overage limit" in the chat.
I cannot pay your money even I wanna to.
Please fix it

### Steps to Reproduce

I open my IDE and try to chat with Kiro.

### Expected Behavior

I chat until it reaches the limit and it stopped automatically"""),
(10420, "pending-triage, pricing, theme:account", "closed", "2026-07-23", "[Billing Bug] Pro+ trial disappeared and unexpected $47 charge",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

Android (mobile access)

### Kiro Version

Latest version

### Bug Description

I subscribed to the Pro+ plan on July 22, 2026, which included a free first month with 2000 credits.

However, on July 23, my plan unexpectedly reverted to the Free plan without any notice.

I continued using Kiro believing I was still under the Pro+ trial, but now I am being charged $47 for credit usage that should have been covered by the trial.

Additionally, a temporary verification charge (R$5.30) was made on my card and has not yet been refunded.

This appears to be a billing or subscription system bug.

This issue is very serious because it caused unexpected financial charges.

### Steps to Reproduce

1. Subscribe to Pro+ plan with free trial
2. Use credits normally within the platform
3. Wait until next day
4. Observe that the plan reverts to Free unexpectedly
5. Continue using the platform
6. Get charged for credits that should be part of the trial

### Expected Behavior

The Pro+ trial should remain active for the full trial period.

All credits used during the trial should be covered and not charged."""),
(10572, "os: mac, pending-response, pricing, theme:account", "closed", "2026-07-30", "Overage enablement",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

darwin

### Kiro Version

1.0.242

### Bug Description

I have my overages enabled but Kiro wont let me freely use creidts any longer. I'm working on a large project with AWS and I need a work around. I've patiently taken a week off from developemnt but it's creating a bottleneck I can afford to buy credits but Kiro won't let me work. You lost an addition $100 or so making me wait. any solutions? I've contacted you before over not letting acquire additon credit packages when needed. 

### Steps to Reproduce

Open my acvount panel and tried to enable toggle on and off. no changes

### Expected Behavior

To continue to use credits at overage cost"""),
(10967, "billing, pending-response", "closed", "2026-08-20", "payment issue",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

i am using cli mode in ubantu

### Kiro Version

latest

### Bug Description

always showing card declined while am going to upgrade 

### Steps to Reproduce

login click on upgrade and then try to do payment it's showing card declined i have used multiple cards

### Expected Behavior

while doing payment card should accept"""),
(11117, "os: windows, pricing, theme:account", "closed", "2026-08-28", "Overage Not Working",
"""### Before opening, please confirm:

- [x] I have [searched for duplicate or closed issues](https://github.com/kirodotdev/Kiro/issues?q=is%3Aissue+)

### Operating System

win32

### Kiro Version

1.0.395

### Bug Description

I just need a few credits to finish the project, but overage is not working. How can I have this functionality back instead of being forced to upgrade the plan?

### Steps to Reproduce

Simply try to use Kiro once the credit limit for the PRO plan is over. 

### Expected Behavior

Simply charge the credits as happened in the previous month."""),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    recs = []
    for num, labels, state, created, title, body in sorted(ISSUES):
        labs = [l.strip() for l in labels.split(",")]
        assert "pricing" in labs or "billing" in labs, num
        recs.append({"subject": title, "body": body.strip(), "category": "Billing", "urgency": None,
                     "meta": {"repository": REPO, "issue": num, "url": f"https://github.com/{REPO}/issues/{num}",
                              "labels": labs, "state": state, "created": created}})
    write_jsonl(out, SLUG, recs)
    print(out, len(ISSUES))


if __name__ == "__main__":
    main()
