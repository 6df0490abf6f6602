#!/usr/bin/env python3
"""Builds evaluation.jsonl from the hand-written templates and texts in this file.

Every text is synthetic: written for this set, about invented patients. Slots in braces are filled from the
pools below with a seeded random generator, so the output is reproducible (python3 generate.py > evaluation.jsonl).
Labelled spans are written inline as [[C:text]] (C = the category letter in markup.py).
"""
import json
import random
import sys

from markup import parse

SEED = 20240611

# ---- Slot pools. Tune and held-out pools differ so held-out names, places and formats are partly unseen. ----
TUNE = {
    "first": ["Maria", "John", "Linda", "Robert", "Dorothy", "Carlos", "Emma", "Harold", "Aisha", "Kevin", "Mildred",
              "Tyrone", "Priya", "José", "Gertrude", "Wei", "Siobhan", "Jamal", "Olga", "Brenda"],
    "last": ["Garcia", "Smith", "Nguyen", "Johnson", "Patel", "Kowalski", "Okafor", "Brown", "Martinez", "O'Brien",
             "Chen", "Murphy", "Hernandez", "Lee", "Schmidt"],
    "age90": ["92-year-old", "94 yo", "91yo", "96 y/o", "93-yr-old", "97 year old", "90-year-old", "101-year-old",
              "95yo", "99 year-old"],
    "agenum90": ["92", "94", "91", "96", "98", "90", "103", "95"],
    "ageyoung": ["45-year-old", "67 yo", "32yo", "58 y/o", "71-year-old", "24 year old", "89-year-old", "6 month old",
                 "80yo", "19-year-old"],
    "date": ["March 3rd", "3/14", "12/03/2023", "Jan 5", "the 14th", "June 22nd", "Oct 31", "2023-08-09", "5th of May",
             "Dec. 24", "11/2", "Feb 29th"],
    "rel": ["last night", "this morning", "yesterday", "on Tuesday", "early this morning", "tonight",
            "on Saturday night", "Monday morning", "last Friday", "yesterday afternoon"],
    "city": ["Springfield", "Dayton", "Boise", "Tacoma", "Savannah", "Fresno", "Toledo", "Reno", "Akron", "Lubbock",
             "Bakersfield", "Chattanooga"],
    "hospital": ["St. Mary's", "Mercy General Hospital", "Riverside Medical Center", "Good Samaritan Hospital",
                 "St. Jude's", "Lakeview Regional", "Memorial Hermann", "County General", "Sacred Heart Hospital"],
    "unit": ["bay 4", "bed 12", "room 304", "Ward 7B", "bed 3", "trauma bay 2", "room 12", "resus 1"],
    "street": ["1423 Maple Avenue", "Oak Street", "88 Elm St", "the corner of 5th and Main", "Cedar Lane",
               "2200 Lincoln Blvd"],
    "phone": ["555-867-5309", "(555) 123-4567", "555.201.3344", "+1 555 610 2299", "555 442 1187"],
    "fax": ["555-201-9000", "(555) 330-1200"],
    "email": ["maria.g1961@gmail.com", "jsmith@yahoo.com", "bob_k@outlook.com", "lindab@hotmail.com"],
    "mrn": ["MRN: 1234567", "MRN 00482913", "MRN#7781245", "acct #55123901", "account no. 3321-889",
            "medical record number 4471902"],
    "devid": ["serial no. SN-88213X", "device ID PM-44721-B", "S/N 9921-AX-03"],
    "licence": ["DL# D1234567", "licence plate 7XYZ123", "license no. A998-221-77"],
    "ssn": ["SSN 123-45-6789", "social security 078-05-1120"],
    "url": ["facebook.com/jane.doe.5", "gofundme.com/f/help-mike-recover", "192.168.4.21",
            "https://www.instagram.com/sarahs_journey", "caringbridge.org/visit/tomkelly"],
    "drug": ["metoprolol", "Eliquis", "Keppra", "Lasix", "vancomycin", "Ozempic", "ceftriaxone", "Narcan"],
    "eponym": ["Parkinson's", "Crohn's", "Kawasaki disease", "Guillain-Barré", "Cushing's", "Addison's",
               "Graves' disease", "Wilson's disease", "Bell's palsy", "Hashimoto's"],
}
HELD = {
    "first": ["Oluwaseun", "Ethel", "Dmitri", "Lakshmi", "Keisha", "Hiroshi", "Bernard", "Fatima", "Agnes", "Mateo",
              "Zoë", "Walter", "Eunice", "Kwame", "Søren", "Marguerite"],
    "last": ["Adeyemi", "Kowalczyk", "Ramírez", "Singh", "Thompson", "Yamamoto", "Fitzgerald", "Novak", "Cohen",
             "Haddad"],
    "age90": ["93-year-old", "98 yo", "92yo", "100-year-old", "94 y.o.", "90 yo"],
    "agenum90": ["97", "93", "102", "91"],
    "ageyoung": ["53-year-old", "77 yo", "88-year-old", "38yo", "2 yo"],
    "date": ["April 2nd", "7/4", "09/15/2022", "Nov 11", "the 3rd", "August 19th", "1 Sept", "2024-01-17"],
    "rel": ["last night", "this morning", "yesterday", "on Thursday", "Sunday night", "last week on nights",
            "earlier today"],
    "city": ["Tulsa", "Spokane", "Knoxville", "Modesto", "Pueblo", "Flint", "Scranton", "Birmingham"],
    "hospital": ["St. Vincent's", "Northside General", "Mount Carmel Hospital", "St. Luke's ICU",
                 "Valley Children's", "Bayfront Medical Center"],
    "unit": ["bay 6", "bed 21", "room 512", "Ward 3A", "cubicle 9"],
    "street": ["47 Birch Road", "Pine Street", "3100 Walnut Ave"],
    "phone": ["555-318-7742", "(555) 909-1212", "555.777.0101"],
    "fax": ["555-640-8800"],
    "email": ["ethel.w@aol.com", "kwame.b88@gmail.com", "zoe_r@icloud.com"],
    "mrn": ["MRN: 20938471", "MRN 55102", "hospital no. 8839201", "acct 77120034"],
    "devid": ["pacemaker serial PX-10293", "implant ID 44-XR-19"],
    "licence": ["plate 4KDL882", "driver's license 91-228-447"],
    "ssn": ["SSN 219-09-9999"],
    "url": ["facebook.com/ethel.walker.7", "10.0.0.45", "gofundme.com/f/prayers-for-baby-noah",
            "twitter.com/kwame_recovering"],
    "drug": ["apixaban", "Xarelto", "Humira", "lorazepam", "Zosyn"],
    "eponym": ["Huntington's", "Alzheimer's", "Tourette's", "Behçet's", "Marfan syndrome", "Sjögren's"],
}

# Labelled slots: the slot's letter wraps the filled value.
LABELLED = {"first": "N", "last": "N", "age90": "A", "date": "D", "rel": "D", "city": "P", "hospital": "P",
            "unit": "P", "street": "P", "agenum90": "A", "phone": "T", "fax": "T", "email": "E", "mrn": "I", "devid": "I",
            "licence": "I", "ssn": "I", "url": "U"}

# ---- Tune templates (identifiers in case stories). ----
TUNE_ID = [
    "My patient {first} {last}, a {ageyoung}, presented with crushing chest pain. #MedTwitter",
    "{rel} Mr. {last} came in with a GI bleed, hgb 5.1. Scoped by 2am. #GIjoy",
    "Mrs. {last} ({age90}) fell at home {rel}; hip fx, now on the ortho service.",
    "Pt {first} was admitted to {hospital} on {date} with DKA, pH 6.9. What would you do? #FOAMed",
    "A {age90} with sepsis in {unit} of our ED {rel}. Still sharper than me. #EMtwitter",
    "Can anyone reach {first}'s daughter? Number on file is {phone}. #nursing",
    "Teaching case: {first} {last}, {ageyoung}, {city}, presented with fever and rash after a camping trip.",
    "Just discharged {first} after 43 days in the unit. Cried in the stairwell. 💙 #ICU",
    "Our {age90} in {unit} keeps asking for her cat. Best patient of the night. #NightShift",
    "{date}: admitted a guy with a BAC of 0.41 who then walked out AMA. #EMlife",
    "Mr. {last}, {ageyoung}, {hospital} ED, STEMI door-to-balloon 38 min. Proud of the team!",
    "Anyone know a good hand surgeon near {city}? Saw a nasty flexor tendon injury {rel}.",
    "Patient's MRN is {mrn}, can someone in radiology re-read the CT? #radiology",
    "Paging whoever covers {hospital} {unit}: {first} {last} is asking for you.",
    "Shoutout to {first} in {unit} who [[A:turned 100]] {rel}! 🎂 Our oldest patient ever. #geriatrics",
    "{first} {last} is {agenum90} and still runs 5k. Saw her in clinic {rel} for a check-up.",
    "Mrs. {first} {last}, age {agenum90}, DNR/DNI, family at bedside {rel}. Peaceful passing.",
    "Contact for the transfer: {email} or fax {fax}. Pt is stable. #transfer",
    "Brought in from {street} {rel} after a house fire, 40% TBSA. #burns",
    "Remember the kid with intussusception from {hospital}? Follow-up visit was {date}, all well.",
    "Admitted {first} ({ageyoung}) for cellulitis {rel}; her husband {first2} refuses to leave her side. Sweet.",
    "Case: {age90} F from {city} with new confusion, Na 112. How fast do you correct? #MedEd",
    "Patient {last} in {unit} coded at 0300 {rel}. ROSC after 14 min. #resus",
    "The pacemaker ({devid}) was interrogated on {date} — lead fracture. Pt is {first} {last}.",
    "GoFundMe for my patient's family: {url} please share 🙏",
    "Shared my pt {first}'s story with permission: {url}",
    "{first}, {ageyoung}, presented to {hospital} with thunderclap headache. CT neg, LP pending.",
    "Mr. {last}'s {licence} was in his wallet — that's how we identified him in the trauma bay.",
    "Got a call from {first} {last} at {phone} about her biopsy result {rel}. Good news!",
    "Found down at the bus stop on {street}, {age90} male, hypothermic to 31C. #wilderness",
    "Scribe note: {first} {last}, {mrn}, seen {date} for follow up of CHF. Stable.",
    "My favorite patient, Mr. {first} {last}, celebrated his {agenum90}th birthday on the ward {rel}!",
    "{rel} in {city}: three overdoses from the same batch. Stay safe out there. #harmreduction",
    "Ever seen a {age90} with a STEMI refuse cath? Had one {rel} at {hospital}.",
    "Pt's son {first} emailed me at {email} asking for the records. Forwarded to HIM.",
    "IP {url} kept logging into the patient portal as {first} {last}. Security notified.",
    "Huge thanks to the nurses on {unit} {rel} — Mrs. {last} made it. #ThankANurse",
    "Today I told {first} she has stage IV pancreatic cancer. She asked about her garden. #oncology",
    "{ageyoung} with anaphylaxis to peanuts at a {city} restaurant {rel}; 2 doses of epi.",
    "Delivered a 10 lb baby at {hospital} {rel} — mom {first} pushed for 4 hours. #OBGYN",
    "Ms. {last} ({ssn}) was registered twice in the system. Merged the charts {date}.",
    "Patient {first} {last} from {city} was transferred to us on {date} with necrotizing fasciitis.",
    "{age90} man, lives alone on {street}, brought in by neighbour {rel}. Rhabdo, CK 48,000.",
    "Call me at {phone} if {first} in {unit} spikes again tonight.",
    "Resident question of the day: Mr. {last}, {age90}, K 7.2 with peaked T waves. First step?",
    "{first} {last} ({ageyoung}) had her stroke on {date}; tPA at 52 min. Now walking!",
    "Our {age90} hospice patient in {unit} asked for one last beer. We made it happen. ❤️",
    "Grandpa {first} on {unit} is the sweetest. Sang us Sinatra at 4am {rel}.",
    "Came in {rel}: {first} {last}, fell from a ladder on {street}. Open tib-fib.",
    "The case from {hospital} on {date}: {ageyoung} with Boerhaave after a buffet. 🤯",
    "{first}'s mom called the unit at {phone} four times {rel}. Understandable honestly.",
    "Device recall: check implant {devid}. Our pt {first} {last} has one.",
    "Anyone else at {hospital}? The {age90} in {unit} needs a Spanish interpreter ASAP.",
    "José {last}, {ageyoung}, roofer from {city}, heat stroke {rel}, core temp 42.1°C. 🥵",
    "Seen in clinic {date}: Mrs. {last}, {age90}, still drives herself to every appointment!",
]
# ---- Tune: content categories (profanity, slurs, derogatory, conflicts, claims), all synthetic. ----
TUNE_CONTENT = [
    "This [[X:shit]] shift will not end. Four codes and no lunch. #EMlife",
    "Admin cut our staffing again. What a [[X:clusterfuck]].",
    "Our [[G:frequent flyer]] is back for the third time this week with 'abdo pain'.",
    "[[P:Bed 5]] is a total [[G:gomer]], not going anywhere.",
    "Another [[G:drug seeker]] asking for IV dilaudid by name. Sigh.",
    "The [[G:lazy nurses]] on nights never answer call bells.",
    "Honestly the ortho residents are [[G:idiots]] about medicine.",
    "Get this [[S:faggot]] out of my ED, said a patient to my colleague. Reported. Zero tolerance.",
    "Some [[X:asshole]] parked in the ambulance bay again.",
    "[[C:Use code DRSAM20]] for 20% off my favourite stethoscope! #MedStudent",
    "[[C:Our new device]] cuts intubation time in half. Try it at booth 42! #SMACC",
    "[[C:Sponsored]] by Litmann: the only stethoscope you'll ever need.",
    "[[C:Loving my new Figs scrubs, best scrubs ever]]! Link in bio 😍",
    "[[R:Always give 2 mg/kg of ketamine for RSI]] in the hypotensive patient. #FOAMed",
    "[[R:Never use succinylcholine in hyperkalemia]]. Full stop.",
    "[[R:You should give TXA to every trauma patient within 3 hours]]. #trauma",
    "[[R:Start norepinephrine at 0.1 mcg/kg/min]] and titrate. Don't wait for the second litre.",
    "[[R:Every patient with syncope should get an echo]]. Change my mind. #cardiology",
    "Gotta love the [[G:crazy lady]] in [[P:bed 9]] screaming about aliens.",
    "Peds has it easy, [[G:those whiny parents]] though.",
    "This patient is a [[G:train wreck]] and a [[G:waste of a bed]].",
    "What a [[X:fucking]] night. Proud of the team though.",
    "[[G:Dirtbag]] came in drunk again, swinging at staff.",
    "Bought the EchoPro handheld. [[C:Best ultrasound on the market, hands down]]. [[C:Use my link for 15% off]].",
    "[[R:Give adenosine 6 mg rapid push]], then 12 mg. Works every time.",
    "[[R:Always intubate a GCS of 8]]. No exceptions.",
    "[[R:Never give fluids to a patient with heart failure]], ever.",
    "My [[G:dumb patient]] took his metformin with vodka again.",
    "Talk about a [[G:shpos]] in [[P:room 6]] tonight.",
    "The [[S:retard]] in radiology lost my films. (Reported to HR for this language? yes, by me.)",
]
# ---- Tune: hard negatives (no labelled span). ----
TUNE_NEG = [
    "Parkinson's disease: new guideline on levodopa timing is out. Thread 🧵 #neurotwitter",
    "Crohn's vs UC — a quick visual summary for students. #MedEd",
    "Apgar score of 9 at 5 minutes, perfect. Teaching point: what are the 5 components?",
    "Wells criteria and PERC: when to use which? #FOAMed",
    "Metoprolol or diltiazem for rate control in AF with RVR? Poll 👇",
    "Eliquis vs Xarelto in CKD: what does the evidence say? https://doi.org/10.1056/NEJMoa1107039",
    "Great Grand Rounds on Guillain-Barré today by our neurology team.",
    "Florence Nightingale invented the polar area chart. Data viz matters in #MedEd.",
    "William Osler: 'Listen to your patient, he is telling you the diagnosis.'",
    "Just landed in Chicago for #ACEP2023! Who's around?",
    "Looking forward to #SMACC in Sydney this year.",
    "In 2019 we changed our sepsis protocol; mortality fell by 12%.",
    "A 45-year-old with chest pain: HEART score 3. Discharge? #EMtwitter",
    "A 67 yo with new AF, CHA2DS2-VASc 4. Anticoagulate? Yes. #cardiology",
    "Case: an 89-year-old with delirium after hip surgery. Haloperidol or not?",
    "Just submitted my paper to JAMA. Fingers crossed!",
    "Dr. Sarah Chen gave a brilliant talk on POCUS at #SMACC. Slides: https://smacc.net.au/talks/pocus",
    "Congrats to Dr. Patel and Dr. Okafor on the new grant! #AcademicMedicine",
    "Kawasaki disease: know the criteria. CRASH and burn mnemonic.",
    "Mayo Clinic just published updated guidance on statin use. Worth a read.",
    "Our hospital is hiring nurses! Apply on our careers page.",
    "The Johns Hopkins study on diagnostic error is a must-read: https://pubmed.ncbi.nlm.nih.gov/31123456/",
    "Texas and California lead in new residency slots this year.",
    "Bell's palsy or stroke? Forehead sparing is the key. #neurology",
    "Wilson's disease: Kayser-Fleischer rings on slit lamp. Classic image.",
    "Who else is on nights this week? Coffee count: 6.",
    "Narcan saves lives. Carry it. #harmreduction",
    "Remember: Cushing's triad = hypertension, bradycardia, irregular respirations.",
    "Michael Jordan's flu game was probably food poisoning. Discuss. 😂",
    "A 32yo with DKA: potassium first, then insulin. Case from our textbook, fully de-identified.",
    "Hashimoto's thyroiditis is the most common cause of hypothyroidism in iodine-sufficient areas.",
    "Our unit's new wellbeing room opened! Thanks to the hospital foundation.",
    "Signed up for the Boston Marathon to raise money for the children's hospital. 🏃",
    "Check out our new podcast episode on sepsis: https://emcrit.org/ibcc/sepsis/",
    "Disclosure: I consult for Medtronic. That said, their new pump is interesting.",
    "#ad I partnered with Figs for this post. Scrubs are comfy, honest opinion.",
    "Per the 2021 SSC guidelines, give 30 mL/kg crystalloid in septic shock (Evans L, Crit Care Med 2021).",
    "We should always check a glucose in altered patients (ATLS 10th ed).",
    "Tuesday journal club: the ARDSNet trial. Join us at noon!",
    "On March 3rd our department hosts a wellness workshop. All welcome.",
    "Sinatra on repeat during the night shift. Old habits.",
    "Alzheimer's Association walk this weekend, join our team! #ENDALZ",
    "Happy Nurses Week to the amazing team at our hospital! 💐",
    "Graves' disease: TRAb positive, diffuse uptake on scan. Textbook.",
    "Addison's disease can present with hyperpigmentation and hyponatremia. #endotwitter",
    "Harrison's Principles is still the best internal medicine textbook IMHO.",
    "Patient education handout on Lasix: what to expect.",
    "Happy to share our de-identified case series on [NAME] with DKA. #MedEd",
    "The FDA approved a new GLP-1 agonist today.",
    "What's your go-to antibiotic for CAP? Ceftriaxone + azithro here.",
    "Crazy busy shift but the team was amazing.",
    "Jane Austen would have made a great diagnostician.",
    "Nobel Prize to Katalin Karikó and Drew Weissman! mRNA for the win.",
    "Steve Jobs and pancreatic neuroendocrine tumours: a teaching case from the news.",
    "Seattle's ED boarding crisis is in the news again. Systemic fix needed.",
    "Call 911 or go to the nearest ED if you have chest pain. Public service announcement.",
    "Turning 40 today and still love this job. 🎂",
    "Swan-Ganz catheters: still useful or relic? #CCM",
    "Murphy's sign positive, ultrasound shows stones. Straightforward chole.",
    "Board question: Trousseau sign vs Chvostek sign. Which is more specific?",
]

# ---- Held-out templates: written in a separate pass; never used while tuning the detectors. ----
HELD_ID = [
    "Shoutout to {first} {last}, my {age90} patient who beat COVID {rel}! 🎉",
    "{rel} at {hospital}: {ageyoung} cyclist vs car, GCS 6. Tube, CT, OR.",
    "Mr. {last} in {unit} asked me to marry his granddaughter. {agenum90} and still flirting 😂",
    "Fax the consult to {fax} — patient {first} {last}, {mrn}.",
    "Patient's daughter gave me her cell {phone}; will update her after rounds.",
    "Saw a {age90} woman {rel} whose only complaint was 'boredom'. Admitted for social reasons.",
    "{first}, {ageyoung}, came to our {city} clinic on {date} with a painless jaw mass.",
    "Our patient {first} from {street} went home {rel}. Best day of the month.",
    "Mrs. {last}'s email ({email}) is in the chart if anyone needs to send the letter.",
    "Transfer from {hospital} on {date}: {first} {last}, {age90}, aortic dissection type A.",
    "I'll never forget {first}. {ageyoung}, {city}, sickle cell crisis, and the kindest soul.",
    "Ms. {first} {last} ({agenum90}) discharged {rel} — thank you {unit} team!",
    "Implant card: {devid}. Patient {last} needs MRI clearance.",
    "{rel}, a {age90} from {city} walked into triage by himself with a hip fracture.",
    "Please don't share {url} — it's our patient's page.",
    "{first} {last}'s {licence} was found in the ambulance; returned to family.",
    "Covering {unit} {rel}: Mr. {last} pulled his NG tube for the third time. 🙃",
    "My patient {first} ({ageyoung}) at {hospital} had a post-op PE on {date}.",
    "Pt {last}, {mrn}, allergic to penicillin, please update the banner.",
    "{age90} WWII veteran in {unit} told me stories all night {rel}. Honoured.",
    "{first}'s wife {first2} asked if he'd make it to their 60th anniversary on {date}.",
    "Called Mr. {last} at {phone} — he'd stopped his apixaban. Restarted.",
    "Found {first} {last}, {age90}, on the floor at {street} {rel}. Down 2 days.",
    "Transferred from {city} {rel}: {ageyoung} with epiglottitis, stridor. Airway secured.",
    "Patient {first} {last} ({ssn}) — registration error fixed {date}.",
    "Remote login from {url} to {first}'s chart flagged by IT.",
    "Baby {first} born at {hospital} {rel} at 24 weeks. Fighter. 💪 #NICU",
    "Mrs. {last}, {agenum90}, {city}, still gardens every day. Clinic visit {date}.",
    "{first} {last} sent me a thank-you card at {email}. Made my week.",
    "The {age90} in {unit} {rel} reminded me why I chose geriatrics.",
]
HELD_CONTENT = [
    "Another [[X:bullshit]] policy from admin. #burnout",
    "The [[G:frequent flier]] in [[P:room 2]] wants a sandwich and a warm blanket again.",
    "Surgeons are [[G:morons]] when it comes to potassium.",
    "[[C:DM me for a discount code]] on these amazing loupes! 🔬",
    "[[C:Proud to announce our new AI stethoscope]], [[C:the best diagnostic tool ever made]]. Preorder now!",
    "[[R:You must always give steroids in bacterial meningitis]] before antibiotics.",
    "[[R:Never discharge a chest pain patient without a troponin]].",
    "[[R:Dose: 0.5 mg/kg dexamethasone for croup]], max 10 mg.",
    "[[G:Drug-seeking]] behaviour in [[P:bed 4]] again, shocking.",
    "The [[G:lazy residents]] on medicine refused another admission.",
    "Another [[X:fucked up]] handover from the day team.",
    "That [[G:dirtball]] spat at our triage nurse.",
    "[[C:Sponsored post]]: try the new SuperSuture kit, [[C:it's the best]]!",
    "[[R:Always give 1 g of ceftriaxone]] for suspected gonorrhoea. Easy.",
    "[[R:Every febrile infant under 28 days should get an LP]]. #PedsEM",
    "My [[G:gomer]] on the ward wants to go home at 3am. Lol.",
    "What a [[X:shitshow]] of a night.",
    "The [[S:spic]] comment by that patient was reported. Never ok.",
    "[[C:Use my code NURSEJO]] on the new compression socks. Life changing!",
    "[[R:You should never give morphine for acute MI]].",
]
HELD_NEG = [
    "Huntington's disease: CAG repeats and anticipation. Genetics refresher.",
    "Alzheimer's research got a big boost this year. Lecanemab debate continues.",
    "Xarelto once daily vs apixaban twice daily: which do your patients prefer?",
    "Humira biosimilars are finally here. Cost matters.",
    "Rounds with Dr. Novak this morning were a masterclass in bedside teaching.",
    "Congrats to our residents who matched at Cleveland Clinic and UCSF! 🎓",
    "Our 2022 QI project cut CLABSI by half. Poster at #IHI.",
    "An 88-year-old with dementia: goals of care first. General teaching point.",
    "Marfan syndrome: tall stature, lens dislocation, aortic root dilation.",
    "Behçet's: oral ulcers, genital ulcers, uveitis. Pathergy test.",
    "Tourette's is more than tics. Great talk from our neuro colleagues.",
    "Heading to Boston for the #IHI forum in December!",
    "Just finished reading Being Mortal by Atul Gawande. Everyone in medicine should.",
    "Sjögren's syndrome: anti-Ro and anti-La. Dry eyes, dry mouth.",
    "Zosyn and vancomycin: the AKI controversy explained. https://doi.org/10.1097/CCM.0000000000002030",
    "Disclosure: I receive speaker fees from Pfizer. Here's my honest take on the new vaccine.",
    "Lorazepam 4 mg IV for status epilepticus, per the ESETT trial (Kapur J, NEJM 2019).",
    "Serena Williams' story of her postpartum PE is a lesson in listening to women.",
    "Abraham Lincoln probably had Marfan syndrome. Or MEN2B. Discuss.",
    "Happy birthday to the best charge nurse in the world! 🎉",
    "The ICU at our hospital is getting new beds. Finally!",
    "Match Day is Friday. Good luck to all applicants!",
    "A 2 yo with croup: dexamethasone is the mainstay. Simple teaching tweet.",
    "Case for students (de-identified): elderly man with acute urinary retention. Next step?",
    "Loved the #MedEd session in Vancouver last week. Great people.",
    "What's the deal with Ozempic shortages? Patients keep asking.",
    "New podcast episode: the history of the Heimlich manoeuvre.",
    "Frank-Starling curve explained in one diagram.",
    "Dr. Kwame Boateng's thread on global surgery is excellent. Follow him!",
    "Sunday reading: Atul Gawande's checklist manifesto. Still relevant.",
    "I think we should all be kinder to our colleagues this winter.",
    "Rates of burnout in 2023 were the highest on record (Shanafelt T, Mayo Clin Proc 2022).",
    "We had a lovely team dinner at an Italian place in Denver. Recharged.",
    "Patient safety week: speak up when something feels wrong.",
    "FOAMed resources I love: LITFL, EMCrit, Don't Forget the Bubbles.",
]


def fill(template, pool, rng):
    text = template
    used = {}
    while "{" in text:
        start = text.index("{")
        end = text.index("}", start)
        slot = text[start + 1:end]
        base = slot if slot in pool else slot.rstrip("0123456789")
        candidates = [v for v in pool[base] if v not in used.values()] or pool[base]
        value = rng.choice(candidates)
        used[slot] = value
        letter = LABELLED.get(base)
        rendered = f"[[{letter}:{value}]]" if letter else value
        text = text[:start] + rendered + text[end + 1:]
    return text


def main():
    rng = random.Random(SEED)
    records = []

    def add(markup, split, kind):
        text, spans = parse(markup)
        records.append({"id": f"{split[0]}{len(records) + 1:03d}", "split": split, "kind": kind, "text": text,
                        "spans": spans})

    for split, templates, pool, content, negatives, copies in (
            ("tune", TUNE_ID, TUNE, TUNE_CONTENT, TUNE_NEG, 2),
            ("heldout", HELD_ID, HELD, HELD_CONTENT, HELD_NEG, 2)):
        for template in templates:
            for _ in range(copies):
                add(fill(template, pool, rng), split, "identifiers")
        for markup in content:
            add(markup, split, "content")
        for markup in negatives:
            add(markup, split, "hard-negative")

    for r in records:
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
