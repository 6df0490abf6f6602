using SoMeScholar.Core.People;

namespace SoMeScholar.Core.Demo;

/// <summary>
/// Word banks for the synthetic demo community. Names are invented combinations; institutions and sites use
/// reserved example domains (.example, .invalid), so nothing points at a real person, hospital or website.
/// </summary>
internal static class DemoVocabulary
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chiara", "Dev", "Elif", "Farah", "Gabriel", "Hana", "Ibrahim", "Jun", "Kemi", "Lucas", "Maya", "Nikhil",
        "Olga", "Pedro", "Quinn", "Rania", "Sven", "Tala", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara", "Amara", "Bruno",
        "Carmen", "Dmitri", "Esther", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Leila", "Mateo", "Nadia", "Omar",
        "Priya", "Rafael", "Sofia", "Tomas", "Valentina", "Wei", "Yara", "Zoltan", "Aisha", "Bilal", "Clara", "Diego", "Emeka",
        "Freya", "Goran", "Hiro", "Isla", "Jamal", "Kira", "Liam", "Mei", "Noah", "Oona", "Pavel", "Rosa", "Sami", "Thea",
        "Uriel", "Vera", "Wanjiru", "Xavier", "Yoko", "Zain", "Adele", "Bao", "Cyrus", "Dara", "Eitan", "Fatima",
    ];

    public static readonly string[] LastNames =
    [
        "Abara", "Bergstrom", "Castellano", "Dimitrova", "Eze", "Fontaine", "Gupta", "Halvorsen", "Iwata", "Jovanovic",
        "Kowalczyk", "Lindqvist", "Mbeki", "Nakashima", "Okonkwo", "Petrov", "Quispe", "Rahimi", "Sandoval", "Takahashi",
        "Uchenna", "Varga", "Wojcik", "Xu", "Yilmaz", "Zeller", "Achebe", "Brennan", "Chowdhury", "Delacroix", "Esposito",
        "Falk", "Garvey", "Haddad", "Ibarra", "Jansen", "Kaur", "Lombardi", "Moreau", "Nyambura", "Ortega", "Pham",
        "Rasmussen", "Silva", "Tanaka", "Ueda", "Vasquez", "Whitfield", "Yamamoto", "Zhou", "Adeyemi", "Bose", "Costa",
        "Duarte", "Eklund", "Ferreira", "Gallo", "Horvath", "Ivanova", "Jablonski", "Khan", "Laurent", "Mensah", "Novak",
        "Osei", "Park", "Reyes", "Sato", "Tembo", "Valdez", "Weiss", "Yeo", "Zapata",
    ];

    /// <summary>The communities of the demo network, each with its own hashtags and topics.</summary>
    public static readonly DemoSpecialty[] Specialties =
    [
        new("Emergency Medicine", "emergency", ["FOAMed", "EMTwitter", "POCUS"], ["airway management", "sepsis bundles", "point-of-care ultrasound", "resuscitation", "ECG interpretation", "trauma teams"]),
        new("Critical Care", "critical-care", ["FOAMcc", "FOAMed", "CritCare"], ["ventilator weaning", "ARDS", "vasopressors", "delirium prevention", "ECMO", "family meetings"]),
        new("Internal Medicine", "internal-medicine", ["MedEd", "IMRes", "Diagnosis"], ["diagnostic reasoning", "handovers", "morning report", "high-value care", "clinical reasoning", "chest pain work-up"]),
        new("Pediatrics", "pediatrics", ["PedsEd", "MedEd", "FOAMped"], ["bronchiolitis", "neonatal resuscitation", "fever in infants", "child development", "simulation in peds", "family-centred rounds"]),
        new("Surgery", "surgery", ["SurgEd", "MedEd", "ILookLikeASurgeon"], ["operative autonomy", "surgical coaching", "entrustment", "suturing skills", "video-based feedback", "duty hours"]),
        new("Nursing Education", "nursing", ["NursingEd", "NurseEd", "MedEd"], ["clinical placements", "simulation debriefing", "medication safety", "nurse residency", "interprofessional teams", "preceptorship"]),
        new("Medical Education Research", "meded-research", ["MedEd", "HPEResearch", "FOAMed"], ["assessment validity", "competency-based education", "qualitative methods", "feedback literacy", "programmatic assessment", "social media scholarship"]),
        new("Family Medicine", "family-medicine", ["FamMed", "MedEd", "FOAMed"], ["continuity of care", "rural training", "prescribing", "preventive care", "teaching in clinic", "chronic disease"]),
    ];

    public static readonly string[] Institutions =
    [
        "Northbridge University", "Lakeside Health Sciences", "St. Aldric Teaching Hospital", "Riverton Medical School",
        "Coastal Academic Health", "Highland College of Medicine", "Meridian University Hospital", "Eastgate Nursing School",
        "Westbrook Children's Hospital", "Pinecrest Health Network", "Harbourview Medical Centre", "Summit University",
    ];

    public static readonly (string Name, string Zone)[] TimeZones =
    [
        ("America/Toronto", "America/Toronto"), ("America/New_York", "America/New_York"), ("America/Chicago", "America/Chicago"),
        ("America/Vancouver", "America/Vancouver"), ("Europe/London", "Europe/London"), ("Europe/Berlin", "Europe/Berlin"),
        ("Australia/Sydney", "Australia/Sydney"), ("Asia/Singapore", "Asia/Singapore"),
    ];

    public static readonly string[] Journals = ["Journal of Demo Medical Education", "Demo Annals of Emergency Care", "Clinical Teacher Demo Review", "Demo Nursing Education Quarterly", "Open Demo Journal of Surgery", "Demo Pediatrics Learning"];

    public static readonly string[] Societies = ["Demo Society for Academic Emergency Medicine", "Demo Association of Medical Educators", "Demo Critical Care Collaborative", "Demo Nurse Educators Network", "Demo Surgical Education Society", "Demo Family Medicine Teachers"];

    public static readonly string[] OpeningPhrases =
    [
        "New post:", "Just published:", "Fresh episode:", "Worth your time:", "Thread on", "Teaching tip:", "Journal club this week:",
        "What we learned about", "Five pearls on", "A case-based look at", "Reflections on", "Quick review of",
    ];

    public static readonly string[] Reactions =
    [
        "Great point, we do the same on our wards.", "Thanks for sharing, using this with our residents next week.",
        "Interesting. Do you have the reference for that?", "We tried this in our program and the feedback was excellent.",
        "Love this framing.", "Would add one thing: involve the nurses early.", "Saving this for our next teaching session.",
        "This matches what our learners tell us.", "Agree, and the evidence keeps growing.", "How did you evaluate it?",
    ];

    public static readonly string[] ConferenceLines =
    [
        "Packed room for the keynote on social media scholarship", "Great workshop on giving feedback", "Poster session is buzzing",
        "Take-home message from the plenary:", "Fantastic panel on mentorship across institutions", "Live from day {0} of",
        "Standing room only for the session on competency-based assessment", "Brilliant talk on knowledge translation",
    ];

    public static readonly string[] ResourceTypes = ["blog", "podcast", "video", "thread", "infographic", "slides", "paper"];

    public static Profession ProfessionFor(double roll) => roll switch
    {
        < 0.30 => Profession.Physician,
        < 0.50 => Profession.Resident,
        < 0.65 => Profession.MedicalStudent,
        < 0.80 => Profession.Nurse,
        < 0.93 => Profession.Educator,
        _ => Profession.Researcher,
    };
}

internal sealed record DemoSpecialty(string Name, string Slug, string[] Hashtags, string[] Topics);
