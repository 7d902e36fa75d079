using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The fixed metadata generated briefs draw from: publishers, document types, tags (each with the words that earn
/// it), author names, section headings and title endings. Fixed lists keep facets realistic: a handful of
/// publishers and types, a few dozen tags, a few hundred authors.
/// </summary>
public sealed class BriefVocabulary
{
    public const string Gao = "U.S. Government Accountability Office";
    public const string Crs = "Congressional Research Service";

    /// <summary>Publishers of the briefs built from scientific and library-science abstracts.</summary>
    public IReadOnlyList<string> ResearchPublishers { get; } =
        ["Centre for Science and Policy", "Bennett Institute for Public Policy", "ai@cam", "Institute for Government"];

    public IReadOnlyList<string> ShortTypes { get; } = ["Policy Brief", "Policy Brief", "Policy Brief", "Policy Brief", "In Focus", "In Focus", "Insight", "Testimony"];
    public IReadOnlyList<string> MediumTypes { get; } = ["Report", "Report", "Policy Brief", "Working Paper", "Testimony"];
    public IReadOnlyList<string> LongTypes { get; } = ["Report", "Report", "Report", "Working Paper"];

    public IReadOnlyList<string> SummaryHeadings { get; } = ["Summary", "Executive Summary", "Overview"];
    public IReadOnlyList<string> FindingsHeadings { get; } = ["Key Findings", "What We Found", "Findings", "Key Takeaways"];
    public IReadOnlyList<string> RecommendationsHeadings { get; } = ["Recommendations", "Policy Recommendations", "Recommendations for Executive Action", "Policy Options"];

    /// <summary>Headings of body sections whose source text had no usable heading of its own.</summary>
    public IReadOnlyList<string> BodyHeadings { get; }

    public IReadOnlyList<string> RecommendationTitles { get; } =
    [
        "Clarify guidance", "Strengthen oversight", "Improve data quality", "Develop a strategy", "Set performance measures",
        "Share information", "Assess risks", "Report to Congress", "Coordinate across agencies", "Fund evaluation",
        "Update the plan", "Build capacity", "Monitor outcomes", "Engage stakeholders", "Review eligibility rules",
    ];

    /// <summary>Endings that turn a source title used before into a new brief's title ("Medicaid: An Update").</summary>
    public IReadOnlyList<string> TitleEndings { get; } =
    [
        "Issues for Congress", "An Update", "Progress and Remaining Challenges", "Key Questions", "Options and Trade-offs",
        "What the Evidence Shows", "Lessons Learned", "Recent Developments", "Frequently Asked Questions", "Overview and Issues",
        "Trends and Outlook", "A Primer", "Implications for Policy", "Costs and Benefits", "Background and Current Debate",
        "Status and Next Steps", "Risks and Opportunities", "The State of the Evidence", "Questions for Decision Makers", "A Look Ahead",
    ];

    /// <summary>Tags and the lower-case words (or word starts) in a brief's title and first chunk that earn each.</summary>
    public IReadOnlyList<(string Tag, string[] Words)> Tags { get; } =
    [
        ("Budget & Appropriations", ["budget", "appropriation", "funding", "spending", "fiscal"]),
        ("Defense & Security", ["defense", "military", "army", "navy", "weapon", "marine corps"]),
        ("Health Care", ["health care", "medicare", "medicaid", "hospital", "patient"]),
        ("Public Health", ["disease", "infection", "vaccin", "epidemic", "mortality"]),
        ("Biomedical Research", ["cell", "protein", "gene ", "mice", "tumor", "receptor"]),
        ("Education", ["education", "school", "student", "teacher", "universit"]),
        ("Energy", ["energy", "oil ", "gas ", "electricity", "nuclear", "fuel"]),
        ("Environment & Climate", ["climate", "emission", "environment", "pollution", "wildlife", "conservation"]),
        ("Agriculture & Food", ["agricultur", "farm", "food", "crop", "usda"]),
        ("Science & Technology", ["technolog", "research", "science", "innovation", "quantum"]),
        ("Artificial Intelligence", ["artificial intelligence", " ai ", "machine learning", "algorithm"]),
        ("Cybersecurity", ["cyber", "information security", "hacking"]),
        ("Transportation & Infrastructure", ["transport", "highway", "transit", "infrastructure", "aviation", "rail"]),
        ("Trade & International Finance", ["trade", "tariff", "export", "import"]),
        ("Foreign Affairs", ["foreign", "diplomat", "international", "ukraine", "china"]),
        ("Elections", ["election", "voting", "voter", "ballot"]),
        ("Government Operations", ["agency", "agencies", "oversight", "management", "performance"]),
        ("Tax Policy", ["tax", "irs", "revenue"]),
        ("Social Programs", ["social security", "welfare", "benefit", "poverty", "child"]),
        ("Veterans", ["veteran"]),
        ("Immigration", ["immigra", "refugee", "border", "asylum"]),
        ("Housing", ["housing", "mortgage", "rent "]),
        ("Labor & Workforce", ["workforce", "employ", "labor", "wage", "worker"]),
        ("Libraries & Information", ["librar", "information retrieval", "catalog", "indexing", "documentation"]),
        ("Law & Justice", ["court", "legal", "law enforcement", "justice", "crime"]),
        ("Space", ["space", "nasa", "satellite", "lunar"]),
        ("Disaster Response", ["disaster", "fema", "emergency", "hurricane"]),
        ("Financial Services", ["bank", "financial", "loan", "credit", "insurance"]),
        ("Data & Statistics", ["data ", "statistic", "survey"]),
        ("Mental Health", ["mental health", "depress", "suicide", "psychiatr"]),
        ("Nutrition", ["nutrition", "diet", "obesity"]),
        ("Genetics", ["genetic", "genome", "dna", "mutation"]),
    ];

    /// <summary>Author names: every first name with every family name, a few hundred people.</summary>
    public IReadOnlyList<string> Authors { get; }

    private static readonly string[] FirstNames =
    [
        "Aisha", "Ben", "Carmen", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "James", "Kavya", "Liam", "Maria", "Noah",
        "Olivia", "Priya", "Quentin", "Rosa", "Samuel", "Tomoko", "Usha", "Victor", "Wen", "Xavier", "Yara",
    ];

    private static readonly string[] FamilyNames =
    [
        "Adams", "Baker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ibrahim", "Jensen", "Kowalski", "Lopez",
        "Mensah", "Nakamura", "Okafor", "Patel",
    ];

    public BriefVocabulary()
    {
        Authors = FirstNames.SelectMany(first => FamilyNames.Select(family => $"{first} {family}")).ToList();
        // A heading that reads as a summary, findings or recommendations would change what the service extracts.
        string[] body = ["Background", "Context", "Analysis", "Discussion", "Evidence", "Current Approaches", "Challenges",
                         "Implications", "Methods", "Scope and Methodology", "Trends", "Stakeholder Views", "Costs", "Next Steps"];
        BodyHeadings = body.Where(h => SectionRoleClassifier.Classify(h) == SectionRole.Other).ToList();
    }
}
