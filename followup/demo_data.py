"""Word lists for the demo data set: plausible international people and work."""

from __future__ import annotations

# (first names, family names, IANA zones, phone prefix, top-level domain)
REGIONS = [
    (["Ana", "João", "Inês", "Tiago", "Marta", "Rui"], ["Lima", "Ferreira", "Sousa", "Costa", "Almeida"],
     ["Europe/Lisbon"], "+351", "pt"),
    (["Lukas", "Anna", "Jonas", "Lea", "Felix", "Mia"], ["Müller", "Schmidt", "Weber", "Becker", "Hoffmann"],
     ["Europe/Berlin"], "+49", "de"),
    (["Camille", "Louis", "Chloé", "Hugo", "Léa"], ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard"],
     ["Europe/Paris"], "+33", "fr"),
    (["Emma", "Oliver", "Amelia", "Harry", "Isla"], ["Taylor", "Brown", "Wilson", "Evans", "Thompson"],
     ["Europe/London"], "+44", "co.uk"),
    (["Sofia", "Mateo", "Valentina", "Santiago", "Lucía"], ["García", "Rodríguez", "Martínez", "López", "Hernández"],
     ["America/Mexico_City", "America/Bogota"], "+52", "mx"),
    (["Olivia", "Liam", "Ava", "Noah", "Ethan", "Grace"], ["Johnson", "Miller", "Davis", "Clark", "Walker"],
     ["America/New_York", "America/Chicago", "America/Los_Angeles"], "+1", "com"),
    (["Yuki", "Haruto", "Sakura", "Ren", "Aoi"], ["Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito"],
     ["Asia/Tokyo"], "+81", "jp"),
    (["Priya", "Arjun", "Ananya", "Rohan", "Kavya"], ["Sharma", "Patel", "Iyer", "Reddy", "Nair"],
     ["Asia/Kolkata"], "+91", "in"),
    (["Wei", "Mei", "Jun", "Lin", "Hao"], ["Wang", "Chen", "Zhang", "Liu", "Huang"],
     ["Asia/Shanghai", "Asia/Singapore"], "+65", "sg"),
    (["Chidi", "Amara", "Tunde", "Ngozi", "Femi"], ["Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze"],
     ["Africa/Lagos"], "+234", "ng"),
    (["Lars", "Ingrid", "Erik", "Astrid", "Nils"], ["Andersson", "Johansson", "Karlsson", "Nilsson", "Berg"],
     ["Europe/Stockholm"], "+46", "se"),
    (["Jack", "Charlotte", "William", "Matilda", "Lachlan"], ["Smith", "Nguyen", "Kelly", "Ryan", "Campbell"],
     ["Australia/Sydney", "Australia/Melbourne"], "+61", "com.au"),
]

ORG_FIRST = ["Northwind", "Blue Harbor", "Atlas", "Meridian", "Kestrel", "Lumen", "Granite", "Orchard",
             "Silverline", "Cobalt", "Evergreen", "Summit", "Harbourview", "Redwood", "Polaris", "Tidewater"]
ORG_SECOND = ["Logistics", "Analytics", "Foods", "Health", "Energy", "Studios", "Partners", "Systems",
              "Retail", "Manufacturing", "Capital", "Labs", "Consulting", "Freight", "Media", "Textiles"]
MY_COMPANY = "Brightwork"

TITLES = {
    "client": ["Head of Operations", "Procurement Lead", "CFO", "Marketing Director", "Product Owner",
               "IT Manager", "Founder", "Buyer"],
    "supplier": ["Account Manager", "Sales Representative", "Customer Success Lead", "Logistics Coordinator"],
    "colleague": ["Engineer", "Designer", "Analyst", "Project Manager", "Support Lead", "Controller"],
    "manager": ["Director of Client Services", "Head of Delivery", "VP Sales"],
    "partner": ["Partner Manager", "Alliance Lead", "Principal Consultant"],
    "other": ["Journalist", "Recruiter", "Former colleague", "Advisor"],
}

TAGS = ["vip", "renewal-q1", "decision-maker", "slow-payer", "newsletter", "conference-2026", "key-account",
        "onboarding", "referral-source", "technical", "budget-holder", "mentor"]

SPACE_NOTES = [
    "Their attention is on the year-end close; the board wants cost savings before anything new.",
    "Stretched thin since the reorganisation: two teams report to them now. Prefers short, decisive calls.",
    "Methodical and calm. Reads everything before meetings, so send the agenda a day ahead.",
    "Fast-paced, answers in minutes, loses interest in long emails. Lead with the one decision needed.",
    "Worried about the migration deadline in March; their own manager is pushing hard on it.",
    "Enjoys a chat before business. Has two kids and coaches football on Saturdays.",
    "Under pressure from a supplier audit. Appreciates being told early when something slips.",
    "New in the role; building credibility, so wants wins they can show to their leadership.",
]

SUMMARIES = {
    "in": ["Asked for an updated quote", "Question about the invoice", "Reported a problem with the delivery",
           "Wants to move the review meeting", "Sent the signed order", "Asked for references",
           "Asked about the roadmap", "Raised a concern about response times"],
    "out": ["Sent the proposal", "Followed up on the open invoice", "Confirmed the delivery date",
            "Thanked them for the meeting", "Checked they were happy with the rollout", "Asked for feedback",
            "Shared the meeting notes", "Asked for a referral", "Sent the monthly report"],
    "met": ["Quarterly review", "Kick-off workshop", "Lunch catch-up", "Site visit", "Planning session",
            "Contract negotiation", "Demo of the new dashboard", "One-to-one"],
}

NOTE_SENTENCES = [
    "They were pleased with how quickly the last issue was fixed.",
    "The budget for next year is not approved yet; expect a decision in three weeks.",
    "Mentioned that their team is short-staffed until the new hire starts.",
    "We agreed that I will send a summary with the open points by Friday.",
    "They would like fewer status emails and one clear weekly update instead.",
    "The delivery was two days late, which caused trouble with their own customer.",
    "Asked whether we can support the new reporting format from January.",
    "Sounded tired; the quarter-end has been hard on everyone there.",
    "Very enthusiastic about the pilot results and wants to show them to the leadership team.",
    "I promised to check the pricing for the additional licences.",
    "They prefer a call over email for anything that is not routine.",
    "Their procurement process needs three quotes, so timing matters.",
    "We talked about the conference in Lisbon; they may present a case study.",
    "Flagged a risk about the data migration and asked for a fallback plan.",
    "Good conversation; the relationship feels much warmer than last quarter.",
    "They asked for an introduction to our implementation partner.",
]
