using RMBench.Core.Data;
using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Rag;

/// <summary>
/// The bundled sample of the <c>rag</c> suite (RAG-RewardBench style): a question, retrieved documents about
/// fictional companies and towns (so the answer can only come from the documents), and two answers, the
/// preferred one checkable against the documents. Subsets: multi-hop (combine two documents), citation (same
/// answer, right vs wrong document number), abstain (the documents do not contain the answer), conflict (two
/// documents disagree and their own text says which one holds). About one row in ten ends with a long,
/// irrelevant background document that the suite's document budget cuts (counted as truncated context).
/// </summary>
public static class RagDataset
{
    public const long DefaultSeed = 20261202;
    public const string FileName = "rag.parquet";
    public const string SuiteName = "rag";

    /// <summary>Share of rows that end with a long background document (cut by the budget).</summary>
    public const double LongBackgroundShare = 0.1;

    internal static readonly IReadOnlyList<SampleSubset> Subsets =
    [
        new("multi-hop", 60, "the chosen answer links two documents correctly (founder to company to headquarters, or adds two plants' output in the asked year); the rejected one links the wrong documents", MultiHop),
        new("citation", 60, "both answers state the same correct fact; the chosen one cites the document that says it, the rejected one cites a document that does not", Citation),
        new("abstain", 60, "no document contains the asked fact: the chosen answer says so, the rejected one invents or borrows it from another entity", Abstain),
        new("conflict", 60, "two documents disagree; the documents themselves say which holds (a later update, an official correction, an official timetable versus a forum post); the chosen answer uses it", Conflict),
    ];

    public static IReadOnlyList<(string Name, int DefaultCount, string Rationale)> SubsetInfo { get; } =
        [.. Subsets.Select(s => (s.Name, s.DefaultCount, s.Rationale))];

    public static IReadOnlyList<CanonicalRow> Generate(long seed = DefaultSeed) =>
        [.. Subsets.SelectMany(s => SampleSuite.Rows(s, seed))];

    public static Task<int> RunAsync(string[] args) =>
        SampleSuite.RunAsync(args, SuiteName, FileName, DefaultSeed, Subsets, seed => Generate(seed));

    private static readonly IReadOnlyList<string> CompanyStems =
        ["Norvale", "Brightwater", "Kestrel", "Halden", "Quillon", "Tarrow", "Vesper", "Ashcombe", "Lunaris", "Orrin", "Pellham", "Wrenfield"];
    private static readonly IReadOnlyList<string> CompanyTrades =
        ["Robotics", "Foods", "Textiles", "Analytics", "Ceramics", "Bikes", "Pharma", "Solar"];
    private static readonly IReadOnlyList<string> Products =
        ["robot arms", "frozen meals", "outdoor fabrics", "forecasting software", "kitchen tiles", "cargo bikes", "allergy tablets", "solar panels"];
    private static readonly IReadOnlyList<string> FirstNames = ["Ilse", "Marco", "Nadia", "Theo", "Rosa", "Emeka", "Saanvi", "Goran", "Leah", "Arun"];
    private static readonly IReadOnlyList<string> LastNames = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Castell", "Brandt", "Osei", "Halloran", "Petrov"];
    private static readonly IReadOnlyList<string> Towns =
        ["Eastmere", "Caldwick", "Port Sayer", "Ondrell", "Hollin Bay", "Marrow Cross", "Lysford", "Brenna Falls", "Tamsworth", "Glenhallow", "Stavik", "Redcliffe Vale"];

    private static readonly IReadOnlyList<string> BackgroundSentences =
    [
        "The region was settled by farming families in the eighteenth century and grew around a river crossing.",
        "A narrow-gauge railway reached the valley in 1891 and closed to passengers in 1962.",
        "The old market hall, rebuilt after a fire in 1923, now hosts a weekly farmers' market.",
        "Local schools teach the history of the wool trade that once employed most of the population.",
        "The coastal path passes three lighthouses, two of which are now holiday cottages.",
        "Annual rainfall is moderate, and the winters are mild compared with the uplands to the north.",
        "A regional museum keeps records of the shipyards that operated along the estuary until the 1970s.",
        "The town council publishes its minutes monthly and holds open meetings on the first Tuesday.",
    ];

    private sealed record Doc(string Key, string Text);

    private static string Company(SplitMix64 rng) => $"{rng.Pick(CompanyStems)} {rng.Pick(CompanyTrades)}";

    /// <summary>A company with the same first name and another trade ("Norvale Foods" for "Norvale Robotics"): the abstain trap.</summary>
    private static string Lookalike(SplitMix64 rng, string company)
    {
        var stem = company[..company.IndexOf(' ')];
        return $"{stem} {rng.Pick(CompanyTrades.Where(t => !company.EndsWith(t, StringComparison.Ordinal)).ToList())}";
    }

    /// <summary>What the company makes, from its trade.</summary>
    private static string ProductOf(string company) => Products[CompanyTrades.ToList().IndexOf(company[(company.IndexOf(' ') + 1)..])];

    /// <summary>"Kestrel Foods'" and "Kestrel Solar's".</summary>
    private static string Of(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static string Person(SplitMix64 rng) => $"{rng.Pick(FirstNames)} {rng.Pick(LastNames)}";

    /// <summary>Shuffles the documents, adds a long background document last in some rows, and returns the texts and each key's 1-based number.</summary>
    private static (List<string> Texts, Dictionary<string, int> Number) Arrange(SplitMix64 rng, IReadOnlyList<Doc> docs)
    {
        var shuffled = rng.Sample(docs, docs.Count).ToList();
        var texts = shuffled.Select(d => d.Text).ToList();
        if (rng.Chance(LongBackgroundShare))
        {
            var town = rng.Pick(Towns);
            var sentences = Enumerable.Range(0, 24).Select(_ => rng.Pick(BackgroundSentences));
            texts.Add($"Background on the {town} area. " + string.Join(" ", sentences));
        }
        return (texts, shuffled.Select((d, i) => (d.Key, i + 1)).ToDictionary(p => p.Key, p => p.Item2));
    }

    private static CanonicalRow Row(string prompt, List<string> documents, string chosen, string rejected) =>
        new() { Id = "", Subset = "", Prompt = prompt, Documents = documents, Chosen = [chosen], Rejected = [rejected] };

    // ---------------------------------------------------------------- multi-hop

    private static CanonicalRow MultiHop(SplitMix64 rng) => rng.Chance(0.5) ? FounderHeadquarters(rng) : PlantTotal(rng);

    private static CanonicalRow FounderHeadquarters(SplitMix64 rng)
    {
        var (company, other) = Pair(rng, Company);
        var person = Person(rng);
        var towns = rng.Sample(Towns, 3);
        var (hq, home, otherHq) = (towns[0], towns[1], towns[2]);
        var year = rng.Next(1961, 2016);
        var staff = rng.Next(4, 60) * 10;
        var (documents, n) = Arrange(rng,
        [
            new("founder", Inv($"{company} was founded in {year} by {person}.")),
            new("hq", Inv($"{company} is headquartered in {hq}, where it employs about {staff} people.")),
            new("home", $"{person} grew up in {home} and still lives there."),
            new("other", $"{other} is headquartered in {otherHq}."),
        ]);
        var prompt = $"In which town is the company founded by {person} headquartered?";
        // Half the rows pair a terse right answer with a wordier wrong one, so that length does not give the answer away.
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? Inv($"{company}, founded by {person} [{n["founder"]}], is headquartered in {hq} [{n["hq"]}].")
            : Inv($"{person} founded {company} [{n["founder"]}], and {company} is headquartered in {hq} [{n["hq"]}]. So the answer is {hq}.");
        var rejected = terse
            ? Inv($"{person} lives in {home} [{n["home"]}], and founders usually base their company where they live, so the company {person} founded is headquartered in {home} as well.")
            : Inv($"{person} lives in {home} [{n["home"]}], so the company {person} founded is headquartered in {home}.");
        return Row(prompt, documents, chosen, rejected);
    }

    private static CanonicalRow PlantTotal(SplitMix64 rng)
    {
        var company = Company(rng);
        var towns = rng.Sample(Towns, 2);
        var year = rng.Next(2015, 2025);
        var (a, b, aBefore) = (rng.Next(12, 90) * 100, rng.Next(12, 90) * 100, rng.Next(12, 90) * 100);
        var (documents, n) = Arrange(rng,
        [
            new("a", Inv($"{company} runs two factories. In {year}, its {towns[0]} plant produced {a:N0} units.")),
            new("b", Inv($"{Of(company)} {towns[1]} plant produced {b:N0} units in {year}.")),
            new("old", Inv($"In {year - 1}, the {towns[0]} plant of {company} produced {aBefore:N0} units.")),
        ]);
        var prompt = Inv($"How many units did {Of(company)} two factories produce in total in {year}?");
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? Inv($"{a + b:N0} units: {a:N0} [{n["a"]}] plus {b:N0} [{n["b"]}].")
            : Inv($"In {year} the {towns[0]} plant produced {a:N0} units [{n["a"]}] and the {towns[1]} plant {b:N0} [{n["b"]}], so together {a + b:N0} units.");
        var rejected = terse
            ? Inv($"Adding up the two plants: the {towns[0]} plant produced {aBefore:N0} units [{n["old"]}] and the {towns[1]} plant {b:N0} units [{n["b"]}], so the two factories produced {aBefore + b:N0} units in total in {year}.")
            : Inv($"The {towns[0]} plant produced {aBefore:N0} units [{n["old"]}] and the {towns[1]} plant {b:N0} [{n["b"]}], so together {aBefore + b:N0} units.");
        return Row(prompt, documents, chosen, rejected);
    }

    // ---------------------------------------------------------------- citation

    /// <summary>Facts about one company: a key, the document sentence, a question, and the answer sentence.</summary>
    private static IReadOnlyList<(string Key, string Doc, string Question, string Answer)> Facts(SplitMix64 rng, string company)
    {
        var (ceo, year, town, countries) = (Person(rng), rng.Next(1961, 2016), rng.Pick(Towns), rng.Next(3, 40));
        var product = ProductOf(company);
        return
        [
            ("ceo", $"{Of(company)} chief executive is {ceo}.", $"Who is the chief executive of {company}?", $"{Of(company)} chief executive is {ceo}"),
            ("year", Inv($"{company} was founded in {year}."), $"When was {company} founded?", Inv($"{company} was founded in {year}")),
            ("warehouse", $"{Of(company)} main warehouse is in {town}.", $"Where is {Of(company)} main warehouse?", $"{Of(company)} main warehouse is in {town}"),
            ("markets", Inv($"{company} sells its {product} in {countries} countries."), $"In how many countries does {company} sell its {product}?", Inv($"{company} sells its {product} in {countries} countries")),
        ];
    }

    private static CanonicalRow Citation(SplitMix64 rng)
    {
        var company = Company(rng);
        var facts = Facts(rng, company);
        var asked = rng.Pick(facts);
        var (documents, n) = Arrange(rng, [.. facts.Select(f => new Doc(f.Key, f.Doc))]);
        var wrong = rng.Pick(facts.Where(f => f.Key != asked.Key).ToList());
        var chosen = Inv($"{asked.Answer} [{n[asked.Key]}].");
        var rejected = Inv($"{asked.Answer} [{n[wrong.Key]}].");
        return Row(asked.Question, documents, chosen, rejected);
    }

    // ---------------------------------------------------------------- abstain

    private static CanonicalRow Abstain(SplitMix64 rng)
    {
        var company = Company(rng);
        var lookalike = Lookalike(rng, company);
        var facts = Facts(rng, company);
        var asked = rng.Pick(facts);
        var present = facts.Where(f => f.Key != asked.Key).ToList();
        var borrow = rng.Chance(0.5);
        var borrowed = Facts(rng, lookalike).Single(f => f.Key == asked.Key);
        List<Doc> docs = [.. present.Select(f => new Doc(f.Key, f.Doc))];
        if (borrow) docs.Add(new Doc("lookalike", borrowed.Doc));
        var (documents, n) = Arrange(rng, docs);
        var covered = JoinAnd([.. present.Select(f => Inv($"{Topic(f.Key)} [{n[f.Key]}]"))]);
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? $"None of the documents gives {Of(company)} {Topic(asked.Key)}, so I can't answer that from them."
            : $"The documents don't say. They cover {Of(company)} {covered}, but none of them answers \"{asked.Question}\", so I can't answer it from them."
              + (borrow ? Inv($" Document [{n["lookalike"]}] is about a different company, {lookalike}.") : "");
        var rejected = (borrow
            ? Inv($"{borrowed.Answer.Replace(Of(lookalike), Of(company), StringComparison.Ordinal).Replace(lookalike, company, StringComparison.Ordinal)} [{n["lookalike"]}].")
            : Inv($"{Invented(rng, asked.Key, company)} [{n[present[0].Key]}]."))
            + (terse ? " The documents state this clearly, and it matches what is generally reported about the company." : "");
        return Row(asked.Question, documents, chosen, rejected);
    }

    private static string Topic(string key) => key switch
    {
        "ceo" => "chief executive",
        "year" => "founding year",
        "warehouse" => "main warehouse",
        _ => "markets",
    };

    /// <summary>A confident answer that no document supports.</summary>
    private static string Invented(SplitMix64 rng, string key, string company) => key switch
    {
        "ceo" => $"{Of(company)} chief executive is {Person(rng)}",
        "year" => Inv($"{company} was founded in {rng.Next(1961, 2016)}"),
        "warehouse" => $"{Of(company)} main warehouse is in {rng.Pick(Towns)}",
        _ => Inv($"{company} sells its {ProductOf(company)} in {rng.Next(3, 40)} countries"),
    };

    // ---------------------------------------------------------------- conflict

    private static CanonicalRow Conflict(SplitMix64 rng) => rng.Next(3) switch
    {
        0 => NewerReport(rng),
        1 => Correction(rng),
        _ => Timetable(rng),
    };

    private static CanonicalRow NewerReport(SplitMix64 rng)
    {
        var town = rng.Pick(Towns);
        var (old, year) = (rng.Next(20, 80) * 1000, rng.Next(2012, 2019));
        var (now, later) = (old + rng.Next(5, 40) * 1000, year + rng.Next(3, 7));
        var (documents, n) = Arrange(rng,
        [
            new("old", Inv($"{town} Library annual report {year}: the library holds about {old:N0} books.")),
            new("new", Inv($"{town} Library annual report {later}: after the {later - 1} extension, the library now holds {now:N0} books, replacing the figure in earlier reports.")),
            new("other", $"{town} Library opens at 9:00 on weekdays and at 10:00 on Saturdays."),
        ]);
        var prompt = $"How many books does the {town} Library hold?";
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? Inv($"About {now:N0} books [{n["new"]}].")
            : Inv($"About {now:N0} books, according to the {later} annual report [{n["new"]}], which replaces the older figure of {old:N0} from {year} [{n["old"]}].");
        var rejected = Inv($"The {town} Library holds about {old:N0} books [{n["old"]}].")
            + (terse ? " That is the figure in the library's own annual report, so it is the number to use." : "");
        return Row(prompt, documents, chosen, rejected);
    }

    private static CanonicalRow Correction(SplitMix64 rng)
    {
        var company = Company(rng);
        var town = rng.Pick(Towns);
        var (reported, actual) = (rng.Next(10, 90) * 1000, rng.Next(10, 90) * 1000);
        if (reported == actual) actual += 5000;
        var day = rng.Next(2, 28);
        var (documents, n) = Arrange(rng,
        [
            new("news", Inv($"Business news: {Of(company)} new plant in {town} will make {reported:N0} tonnes of product a year.")),
            new("correction", Inv($"Correction from the {company} press office, {day} March 2025: the new {town} plant's capacity is {actual:N0} tonnes a year, not {reported:N0} as reported earlier.")),
            new("other", $"{company} plans to hire local apprentices for the {town} plant."),
        ]);
        var prompt = $"What is the yearly capacity of {Of(company)} new plant in {town}?";
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? Inv($"{actual:N0} tonnes a year [{n["correction"]}].")
            : Inv($"{actual:N0} tonnes a year: the company's press office corrected the earlier figure [{n["correction"]}], so the {reported:N0} tonnes in the news report [{n["news"]}] is wrong.");
        var rejected = Inv($"The new {town} plant will make {reported:N0} tonnes a year [{n["news"]}].")
            + (terse ? " That figure comes from a business news report on the plant, which is a reliable source." : "");
        return Row(prompt, documents, chosen, rejected);
    }

    private static CanonicalRow Timetable(SplitMix64 rng)
    {
        var towns = rng.Sample(Towns, 2);
        var official = rng.Next(21 * 4, 24 * 4) * 15;
        var rumoured = official + rng.Pick<int>([-60, -45, -30, 30, 45]);
        var (documents, n) = Arrange(rng,
        [
            new("official", $"Official {towns[0]} Transit timetable, valid from 1 March: the last bus to {towns[1]} leaves the central station at {Clock(official)}."),
            new("forum", $"Forum post: I'm pretty sure the last bus from {towns[0]} to {towns[1]} goes at {Clock(rumoured)}."),
            new("other", $"{towns[0]} Transit sells day tickets on board and in its app."),
        ]);
        var prompt = $"When does the last bus from {towns[0]} to {towns[1]} leave?";
        var terse = rng.Chance(0.5);
        var chosen = terse
            ? Inv($"At {Clock(official)} [{n["official"]}].")
            : Inv($"At {Clock(official)}, according to the official {towns[0]} Transit timetable [{n["official"]}]; the forum post's {Clock(rumoured)} [{n["forum"]}] is not an official source.");
        var rejected = Inv($"The last bus to {towns[1]} leaves at {Clock(rumoured)} [{n["forum"]}].")
            + (terse ? " Someone who takes that bus regularly says so, and it is better to trust people who actually ride it." : "");
        return Row(prompt, documents, chosen, rejected);
    }

    /// <summary>Two different values from the same draw.</summary>
    private static (string, string) Pair(SplitMix64 rng, Func<SplitMix64, string> draw)
    {
        var first = draw(rng);
        string second;
        do second = draw(rng); while (second == first);
        return (first, second);
    }
}
