using RMBench.Core.Requests;
using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Subsets;

/// <summary>Chat section: factual Q&amp;A, unit conversions, helpful vs unhelpful answers, multi-turn context.</summary>
internal static class ChatSubsets
{
    // ---------------------------------------------------------------- chat-facts

    private static readonly IReadOnlyList<string> ConfidentFluff =
    [
        "This is a well-established fact that you'll find in any standard textbook, so you can rely on it for homework or a quiz.",
        "Scientists settled this a long time ago, and it's one of those basics that comes up in almost every introductory course.",
        "It's a classic trivia question, and this is the answer that encyclopedias and textbooks give.",
    ];

    public static Draft Facts(SplitMix64 rng) => rng.Chance(0.55) ? CapitalQuestion(rng) : ScienceQuestion(rng);

    private static Draft CapitalQuestion(SplitMix64 rng)
    {
        var f = rng.Pick(Tables.Capitals);
        var (c, cap, decoy, note) = (f.Country, f.Capital, f.Decoy, Tables.CapitalNote(f));
        var capEnd = Tables.EndSentence(cap); // "Washington, D.C." already ends the sentence
        var withNote = rng.Chance(0.75);
        var elaborate = rng.Chance(0.3);
        string ElaborateWrong() => rng.Pick<string>(
        [
            $"{decoy} is the capital of {c}. It is the country's political and cultural centre, home to the national government, the main ministries and most foreign embassies, and it is the city most visitors get to know first.",
            $"The capital of {c} is {decoy}. It has been the seat of government for a long time, and its central location, history and role as the home of parliament make it the natural choice.",
        ]);
        switch (rng.Next(3))
        {
            case 0:
            {
                var prompt = rng.Pick<string>(
                [
                    $"What is the capital of {c}?",
                    $"What's the capital city of {c}?",
                    $"Quick geography check: which city is the capital of {c}?",
                    $"I'm writing a quiz for my class. What is the capital of {c}?",
                    $"Which city serves as the capital of {c}?",
                ]);
                var chosen = withNote
                    ? rng.Pick<string>([$"The capital of {c} is {capEnd} {note}", $"{cap} is the capital of {c}. {note}", $"It's {capEnd} {note}"])
                    : rng.Pick<string>([$"The capital of {c} is {capEnd}", $"It's {capEnd}"]);
                var rejected = elaborate
                    ? ElaborateWrong()
                    : rng.Pick<string>([$"The capital of {c} is {decoy}.", $"It's {decoy}.", $"{decoy} is the capital of {c}."]);
                return new Draft(prompt, chosen, rejected);
            }
            case 1:
            {
                var prompt = rng.Pick<string>([$"Is {decoy} the capital of {c}?", $"{decoy} is the capital of {c}, right?"]);
                var chosen = withNote ? $"No. The capital of {c} is {capEnd} {note}" : $"No, the capital of {c} is {capEnd}";
                var rejected = elaborate ? "Yes. " + ElaborateWrong() : rng.Pick<string>([$"Yes, {decoy} is the capital of {c}.", "Yes, that's right."]);
                return new Draft(prompt, chosen, rejected);
            }
            default:
            {
                var who = rng.Pick<string>(["My friend", "My coworker", "My brother", "Someone at trivia night"]);
                var prompt = $"{who} insists the capital of {c} is {decoy}. Is that right?";
                var chosen = withNote ? $"Not quite: the capital of {c} is {capEnd} {note}" : $"No, it's actually {capEnd}";
                var rejected = elaborate
                    ? "Yes, that's correct. " + ElaborateWrong()
                    : rng.Pick<string>([$"Yes, that's right: {decoy} is the capital of {c}.", $"Yes, {decoy} is correct."]);
                return new Draft(prompt, chosen, rejected);
            }
        }
    }

    private static Draft ScienceQuestion(SplitMix64 rng)
    {
        var f = rng.Pick(Tables.Science);
        var (prefix, lower) = rng.Pick<(string, bool)>(
        [
            ("", false), ("", false), ("Quick question: ", false), ("Settle a debate for us: ", false),
            ("I'm helping my kid with science homework. ", false), ("Trivia night prep: ", false), ("Sorry if this is basic, but ", true),
        ]);
        var question = lower ? char.ToLowerInvariant(f.Question[0]) + f.Question[1..] : f.Question;
        var chosen = rng.Chance(0.75) ? f.Correct + " " + f.Why : f.Correct;
        var rejected = rng.Chance(0.3) ? f.Wrong + " " + rng.Pick(ConfidentFluff) : f.Wrong;
        return new Draft(prefix + question, chosen, rejected);
    }

    // ---------------------------------------------------------------- chat-units

    private sealed record Conversion(
        string From, string To, decimal Min, decimal Max, decimal Step, int Decimals,
        Func<decimal, decimal> Correct, Func<decimal, string> CorrectExpr, Func<decimal, string> CorrectShow, string How,
        Func<decimal, decimal> Wrong, Func<decimal, string> WrongShow, string WrongHow,
        IReadOnlyList<string> Questions);

    private static string N(decimal v) => v.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly IReadOnlyList<Conversion> Conversions =
    [
        new("km", "miles", 3, 42, 1, 1,
            v => v / 1.609344m, v => $"{N(v)} / 1.609344", v => $"{N(v)} ÷ 1.609344", "One mile is 1.609344 km, so divide by 1.609344",
            v => v * 1.609344m, v => $"{N(v)} × 1.609344", "One mile is 1.609344 km, so multiply by 1.609344",
            ["My running app says I ran {v} km today. How far is that in miles?", "The sign says the next town is {v} km away. How many miles is that?"]),
        new("miles", "km", 2, 100, 1, 1,
            v => v * 1.609344m, v => $"{N(v)} * 1.609344", v => $"{N(v)} × 1.609344", "One mile is 1.609344 km, so multiply by 1.609344",
            v => v / 1.609344m, v => $"{N(v)} ÷ 1.609344", "One mile is 1.609344 km, so divide by 1.609344",
            ["My car's trip meter shows {v} miles. What is that in kilometres?", "I'm planning {a} {v}-mile bike ride. How many kilometres is that?"]),
        new("kg", "lb", 2, 40, 1, 1,
            v => v * 2.20462m, v => $"{N(v)} * 2.20462", v => $"{N(v)} × 2.20462", "One kilogram is about 2.20462 pounds, so multiply by 2.20462",
            v => v / 2.20462m, v => $"{N(v)} ÷ 2.20462", "One kilogram is about 2.20462 pounds, so divide by 2.20462",
            ["My suitcase weighs {v} kg. How many pounds is that?", "The bag of cement says {v} kg. What's that in pounds?"]),
        new("lb", "kg", 2, 60, 1, 1,
            v => v * 0.45359237m, v => $"{N(v)} * 0.45359237", v => $"{N(v)} × 0.45359237", "One pound is 0.45359237 kg, so multiply by 0.45359237",
            v => v * 2.20462m, v => $"{N(v)} × 2.20462", "There are about 2.20462 pounds in a kilogram, so multiply by 2.20462",
            ["My carry-on weighs {v} pounds. What is that in kilograms?", "The bag of dog food weighs {v} lb. How many kilograms is that?"]),
        new("inches", "cm", 2, 80, 1, 1,
            v => v * 2.54m, v => $"{N(v)} * 2.54", v => $"{N(v)} × 2.54", "One inch is exactly 2.54 cm, so multiply by 2.54",
            v => v / 2.54m, v => $"{N(v)} ÷ 2.54", "One inch is 2.54 cm, so divide by 2.54",
            ["The package is {v} inches long. What's that in centimetres?", "The shelf is {v} inches wide. How many cm is that?"]),
        new("feet", "metres", 20, 400, 1, 1,
            v => v * 0.3048m, v => $"{N(v)} * 0.3048", v => $"{N(v)} × 0.3048", "One foot is exactly 0.3048 m, so multiply by 0.3048",
            v => v * 3.28084m, v => $"{N(v)} × 3.28084", "One metre is about 3.28084 feet, so multiply by 3.28084",
            ["The hiking trail climbs {v} feet. How many metres is that?", "The building is {v} feet tall. What is that in metres?"]),
        new("litres", "US gallons", 20, 200, 1, 1,
            v => v / 3.785411784m, v => $"{N(v)} / 3.785411784", v => $"{N(v)} ÷ 3.785411784", "One US gallon is 3.785411784 litres, so divide by 3.785411784",
            v => v * 3.785411784m, v => $"{N(v)} × 3.785411784", "One US gallon is 3.785411784 litres, so multiply by 3.785411784",
            ["My car's fuel tank holds {v} litres. How many US gallons is that?", "The aquarium holds {v} litres. What's that in US gallons?"]),
        new("ounces", "grams", 2, 40, 1, 1,
            v => v * 28.349523125m, v => $"{N(v)} * 28.349523125", v => $"{N(v)} × 28.349523125", "One ounce is 28.349523125 grams, so multiply by 28.349523125",
            v => v / 28.349523125m, v => $"{N(v)} ÷ 28.349523125", "One ounce is about 28.35 grams, so divide by 28.35",
            ["The recipe says {v} ounces of chocolate. How many grams is that?", "My package weighs {v} ounces. What is that in grams?"]),
        new("km/h", "m/s", 10, 150, 1, 1,
            v => v / 3.6m, v => $"{N(v)} / 3.6", v => $"{N(v)} ÷ 3.6", "1 km/h is 1000 m per 3600 s, so divide by 3.6",
            v => v * 3.6m, v => $"{N(v)} × 3.6", "To go from km/h to m/s, multiply by 3.6",
            ["A car is driving at {v} km/h. What is that in metres per second?", "The wind is blowing at {v} km/h. How many m/s is that?"]),
        new("°C", "°F", -20, 45, 1, 1,
            v => v * 9 / 5 + 32, v => $"{N(v)} * 9 / 5 + 32", v => $"{N(v)} × 9/5 + 32", "Multiply by 9/5 and add 32",
            v => v * 9 / 5, v => $"{N(v)} × 9/5", "Multiply by 9/5",
            ["The forecast says {v} °C tomorrow. What is that in Fahrenheit?", "It's {v} °C outside right now. What's that in °F?"]),
        new("°F", "°C", 0, 110, 1, 1,
            v => (v - 32) * 5 / 9, v => $"({N(v)} - 32) * 5 / 9", v => $"({N(v)} - 32) × 5/9", "Subtract 32, then multiply by 5/9",
            v => v * 5 / 9 - 32, v => $"{N(v)} × 5/9 - 32", "Multiply by 5/9, then subtract 32",
            ["The weather app on my friend's phone says {v} °F. What is that in Celsius?", "It's {v} °F outside in Chicago. What's that in °C?"]),
        new("hours", "minutes", 1.25m, 9.75m, 0.25m, 0,
            v => v * 60, v => $"{N(v)} * 60", v => $"{N(v)} × 60", "There are 60 minutes in an hour, so multiply by 60",
            v => v * 100, v => $"{N(v)} × 100", "Move the decimal point two places, since an hour is 100 minutes",
            ["My flight is {v} hours long. How many minutes is that?", "The timesheet says I worked {v} hours on the project. How many minutes is that?"]),
        new("square metres", "square feet", 20, 200, 1, 1,
            v => v * 10.7639m, v => $"{N(v)} * 10.7639", v => $"{N(v)} × 10.7639", "One metre is 3.28084 feet, so one square metre is 3.28084² ≈ 10.7639 square feet; multiply by 10.7639",
            v => v * 3.28084m, v => $"{N(v)} × 3.28084", "One metre is 3.28084 feet, so multiply by 3.28084",
            ["My apartment is {v} square metres. How many square feet is that?", "The listing says the office is {v} square metres. What's that in square feet?"]),
    ];

    public static Draft Units(SplitMix64 rng)
    {
        var k = rng.Pick(Conversions);
        var steps = (int)((k.Max - k.Min) / k.Step);
        var v = k.Min + k.Step * rng.Next(steps + 1);
        var value = N(v);
        var right = Number(k.Correct(v), k.Decimals);
        var wrong = Number(k.Wrong(v), k.Decimals);
        Require(right != wrong, $"conversion {k.From}->{k.To} of {value} gives the same rounded wrong answer");
        var question = rng.Chance(0.5)
            ? rng.Pick(k.Questions).Replace("{a}", Article((long)v), StringComparison.Ordinal).Replace("{v}", value, StringComparison.Ordinal)
            : rng.Pick<string>([$"How many {k.To} is {value} {k.From}?", $"Convert {value} {k.From} to {k.To}.", $"What is {value} {k.From} in {k.To}?"]);
        var chosen = rng.Next(10) switch
        {
            < 5 => $"{value} {k.From} is about **{right} {k.To}**. {k.How}: {k.CorrectShow(v)} ≈ {right}.",
            < 8 => $"{k.How}: {k.CorrectShow(v)} ≈ {right}. So {value} {k.From} is about **{right} {k.To}**.",
            _ => $"That's about **{right} {k.To}**.",
        };
        var rejected = rng.Chance(0.65)
            ? rng.Pick<string>([$"That's about **{wrong} {k.To}**.", $"{value} {k.From} is about **{wrong} {k.To}**."])
            : $"{k.WrongHow}: {k.WrongShow(v)} ≈ {wrong}. So {value} {k.From} is about **{wrong} {k.To}**.";
        return new Draft(question, chosen, rejected)
        {
            Answer = new AnswerCheck(right, wrong, "number", k.CorrectExpr(v), k.Decimals),
        };
    }

    // ---------------------------------------------------------------- chat-helpful

    private sealed record Substitution(string Ingredient, IReadOnlyList<string> Dishes, string How);

    private static readonly IReadOnlyList<Substitution> Substitutions =
    [
        new("buttermilk", ["pancakes", "biscuits", "a buttermilk marinade for fried chicken"],
            "Stir 1 tablespoon of lemon juice or white vinegar into 1 cup of milk and let it sit for 5 to 10 minutes until it thickens slightly. Use it 1:1 in place of buttermilk."),
        new("eggs", ["muffins", "brownies", "banana bread"],
            "For each egg, mix 1 tablespoon of ground flaxseed with 3 tablespoons of water and let it gel for 5 minutes. About 1/4 cup of unsweetened applesauce per egg also works in sweet bakes."),
        new("baking powder", ["muffins", "pancakes", "scones"],
            "For each teaspoon of baking powder, use 1/4 teaspoon of baking soda plus 1/2 teaspoon of cream of tartar. Mix it in and bake straight away."),
        new("brown sugar", ["chocolate chip cookies", "banana bread", "a barbecue sauce"],
            "Mix 1 cup of white sugar with 1 tablespoon of molasses. Without molasses, plain white sugar works too; the result is just a little less chewy and caramel-like."),
        new("heavy cream", ["a creamy pasta sauce", "tomato soup", "a curry"],
            "Melt 1/4 cup of butter and whisk it into 3/4 cup of whole milk for each cup of cream. It won't whip, but it works well in sauces and soups."),
        new("sour cream", ["a dip", "tacos", "a coffee cake"],
            "Plain Greek yogurt is a near 1:1 swap. It's slightly tangier, so taste and adjust the seasoning."),
        new("self-rising flour", ["biscuits", "pancakes", "a quick bread"],
            "For each cup, use 1 cup of all-purpose flour plus 1 1/2 teaspoons of baking powder and 1/4 teaspoon of salt."),
        new("fresh basil", ["a tomato sauce", "minestrone", "a pasta bake"],
            "Use dried basil at about a third of the amount (1 teaspoon dried for 1 tablespoon fresh), and add it earlier in the cooking so it has time to soften."),
        new("cornstarch", ["gravy", "a stir-fry sauce", "a fruit pie filling"],
            "Use about 2 tablespoons of all-purpose flour for every tablespoon of cornstarch, and cook it a minute or two longer so the sauce doesn't taste floury."),
    ];

    internal sealed record Concept(string Name, string Simple, string Jargon, string Short);

    internal static readonly IReadOnlyList<Concept> Concepts =
    [
        new("compound interest",
            "Imagine you put $100 in a savings account that pays 10% a year. After one year you have $110. The next year you earn 10% on the whole $110, not just the original $100, so you get $11 and end up with $121. Earning interest on your interest is compound interest, and it makes savings grow faster the longer you leave them.",
            "Compound interest is the accrual of interest on both the principal and previously capitalised interest, so the balance follows A = P(1 + r/n)^(nt), where r is the nominal annual rate and n the number of compounding periods per year.",
            "Interest you earn on your original money and on the interest it has already earned."),
        new("photosynthesis",
            "Plants make their own food using sunlight. Their leaves take in carbon dioxide from the air and water from the roots, and the green stuff in the leaves, called chlorophyll, uses the energy of sunlight to turn them into sugar. The plant uses that sugar to grow, and it gives off oxygen, which is the air we breathe.",
            "Photosynthesis couples the light-dependent reactions in the thylakoid membranes, which generate ATP and NADPH via photosystems I and II, to the Calvin cycle in the stroma, where RuBisCO fixes CO2 into three-carbon sugars.",
            "How plants use sunlight to turn water and carbon dioxide into sugar, releasing oxygen."),
        new("a VPN",
            "A VPN is like a private tunnel for your internet traffic. Normally the network you're on, like café Wi-Fi, can see which websites you connect to. With a VPN, your device scrambles everything and sends it through the tunnel to a server run by the VPN company, which then visits the websites for you. Others on the network only see scrambled data going to one place.",
            "A VPN establishes an encrypted tunnel, typically over IPsec, WireGuard or OpenVPN, between the client and a VPN concentrator, encapsulating IP packets so that traffic egresses from the provider's address space.",
            "An encrypted tunnel that hides your internet traffic from the local network and routes it elsewhere."),
        new("inflation",
            "Inflation means prices slowly go up over time, so the same amount of money buys less. If a sandwich costs $5 this year and $5.25 next year, its price rose 5%. That's why a dollar in your grandparents' time could buy much more than a dollar can today.",
            "Inflation is a sustained increase in the general price level, usually measured as the year-over-year change in a consumer price index, reflecting monetary expansion as well as demand-pull and cost-push dynamics.",
            "The general rise in prices over time, so the same money buys less."),
        new("DNS",
            "DNS is the internet's phone book. Computers find each other using number addresses, but people remember names like example.com. When you type a website's name, your computer asks a DNS server which number goes with that name, and then it connects to that number.",
            "DNS is a hierarchical, distributed namespace in which recursive resolvers query root, TLD and authoritative nameservers to resolve domain names into A or AAAA resource records, subject to TTL-based caching.",
            "The internet's phone book: it turns website names into the numeric addresses computers use."),
        new("the greenhouse effect",
            "Sunlight warms the Earth, and the warm ground gives off heat. Some gases in the air, like carbon dioxide and water vapour, trap part of that heat, a bit like a blanket. Without them Earth would be freezing; with too much of them, the planet gets warmer than it should.",
            "Greenhouse gases such as CO2, CH4 and H2O absorb outgoing longwave infrared radiation and re-emit it, increasing downwelling radiative forcing at the surface relative to a transparent atmosphere.",
            "Gases like carbon dioxide trap heat in the atmosphere, keeping Earth warmer than it would be."),
        new("how vaccines work",
            "A vaccine is like a practice drill for your body's defences. It shows your immune system a harmless piece or a weakened version of a germ, so your body learns what it looks like and builds defences against it. If the real germ shows up later, your body recognises it and fights it off quickly.",
            "Vaccines present antigens, via attenuated pathogens, protein subunits or mRNA-encoded proteins, to elicit adaptive immune responses, including neutralising antibodies and memory B and T cells.",
            "A harmless preview of a germ that trains your immune system to fight the real one."),
        new("machine learning",
            "Machine learning is teaching a computer by showing it lots of examples instead of writing exact rules. If you show it thousands of photos labelled cat or dog, it slowly adjusts itself until it can tell them apart, even in photos it has never seen before.",
            "Machine learning fits parameterised models by minimising an empirical loss over training data, typically with stochastic gradient descent, so that they generalise to unseen samples from the same distribution.",
            "Computers learning patterns from many examples instead of following hand-written rules."),
        new("why the sky is blue",
            "Sunlight looks white, but it is really all the colours mixed together. When it passes through the air, the tiny gas molecules scatter blue light much more than red light, so blue light bounces around the whole sky and reaches your eyes from every direction. That's why the sky looks blue.",
            "The sky appears blue because of Rayleigh scattering, whose cross-section scales with the inverse fourth power of wavelength, so shorter wavelengths are preferentially scattered by atmospheric N2 and O2 molecules.",
            "Air molecules scatter blue sunlight much more than red, so blue reaches us from every direction."),
        new("a blockchain",
            "A blockchain is like a shared notebook that many computers keep copies of. Every new page, called a block, lists some transactions and is linked to the page before it. Because everyone has a copy and the pages are linked, nobody can secretly change an old page without everyone else noticing.",
            "A blockchain is an append-only ledger of blocks, each committing to its predecessor via a cryptographic hash, replicated across nodes that agree on the canonical chain through a consensus protocol such as proof of work.",
            "A shared, linked record copied across many computers, so past entries can't be secretly changed."),
    ];

    private sealed record TipTopic(string Topic, IReadOnlyList<string> Tips);

    private static readonly IReadOnlyList<TipTopic> TipTopics =
    [
        new("falling asleep faster",
        [
            "Keep the same wake-up time every day, even on weekends, so your body clock stays steady.",
            "Put your phone away 30 to 60 minutes before bed; the light and the scrolling keep your brain alert.",
            "Keep your bedroom cool, dark and quiet.",
            "Avoid caffeine after early afternoon, since it can stay in your system for hours.",
            "If you can't sleep after about 20 minutes, get up and do something calm in dim light until you feel sleepy.",
            "Try a short wind-down routine, like reading a paper book or a few minutes of slow breathing.",
        ]),
        new("studying for exams",
        [
            "Test yourself with practice questions instead of just rereading your notes.",
            "Spread your study over several short sessions rather than one long cram.",
            "Start with the topics you find hardest while your energy is highest.",
            "Explain each concept out loud as if you were teaching a friend; the gaps show up quickly.",
            "Put your phone in another room while you study.",
            "Sleep properly the night before; memory consolidates during sleep.",
        ]),
        new("staying focused when working from home",
        [
            "Set up a dedicated workspace, even a small corner, that you only use for work.",
            "Keep regular start and finish times so work doesn't spill into your evening.",
            "Work in focused blocks of 25 to 50 minutes, each followed by a short break.",
            "Turn off non-essential notifications during your focus blocks.",
            "Write down your three most important tasks each morning.",
            "Take a short walk before you start, as a 'commute' that signals the workday has begun.",
        ]),
        new("reducing food waste at home",
        [
            "Plan meals for the week and shop with a list.",
            "Move older food to the front of the fridge so it gets used first.",
            "Freeze bread, leftovers and ripe fruit before they go off.",
            "Learn the difference between 'best before' (quality) and 'use by' (safety) dates.",
            "Cook one clear-out-the-fridge meal each week, like a stir-fry, a soup or a frittata.",
            "Store fresh herbs upright in a glass of water so they last longer.",
        ]),
        new("preparing for a job interview",
        [
            "Research the company: what it does, its recent news and the team you'd join.",
            "Prepare two or three short stories about past work using the situation, task, action, result format.",
            "Practise answering common questions out loud, ideally with a friend.",
            "Prepare a few thoughtful questions to ask the interviewer.",
            "Plan your route, or test your video setup, the day before.",
            "Reread the job description and match your experience to its main requirements.",
        ]),
        new("saving money on groceries",
        [
            "Make a list before you go and stick to it.",
            "Compare unit prices (price per kilogram or litre) rather than package prices.",
            "Try store brands for staples like rice, pasta and canned goods.",
            "Buy seasonal produce, which is usually cheaper and tastier.",
            "Don't shop hungry; it leads to impulse buys.",
            "Cook larger batches and freeze portions for busy days.",
        ]),
        new("starting to run as a complete beginner",
        [
            "Start with run-walk intervals, for example 1 minute of running and 2 minutes of walking, repeated for 20 minutes.",
            "Run at a pace where you could still hold a conversation.",
            "Run three times a week with rest days in between.",
            "Increase your weekly running time gradually, by about 10% at most.",
            "Get comfortable shoes that fit well; a running shop can help you choose.",
            "Expect some muscle soreness at first, but stop if you feel sharp pain.",
        ]),
        new("keeping houseplants alive",
        [
            "Check the soil before watering: most plants only want water when the top few centimetres are dry.",
            "Make sure pots have drainage holes so the roots don't sit in water.",
            "Match the plant to your light: snake plants and pothos tolerate shade, while succulents need bright sun.",
            "Water less in winter, when plants grow more slowly.",
            "Wipe dust off the leaves now and then so they can absorb light.",
            "Start with forgiving plants like pothos, snake plants or ZZ plants.",
        ]),
    ];

    private static readonly IReadOnlyList<(string Role, string Title)> Recipients =
    [
        ("manager", "Ms. Patel"), ("professor", "Professor Okafor"), ("landlord", "Mr. Jensen"),
        ("client", "Ms. Romero"), ("team lead", "Daniel"), ("thesis advisor", "Dr. Chen"),
    ];

    public static Draft Helpful(SplitMix64 rng) => rng.Next(4) switch
    {
        0 => Email(rng),
        1 => Substitute(rng),
        2 => Explain(rng),
        _ => Tips(rng),
    };

    private static Draft Email(SplitMix64 rng)
    {
        var (role, title) = rng.Pick(Recipients);
        var meeting = rng.Pick<string>(["meeting", "call", "check-in", "review session"]);
        var days = rng.Sample(Tables.Weekdays, 2);
        var (from, to) = (days[0], days[1]);
        var name = rng.Pick(Tables.Names);
        var reason = rng.Pick<string>(["", "Something has come up that I can't move. ", "I have a medical appointment that morning. ", "I'd like a bit more time to prepare the materials. "]);
        var prompt = rng.Pick<string>(
        [
            $"Can you write a short, polite email to my {role} ({title}) asking to move our {meeting} from {from} to {to}? Sign it from {name}.",
            $"Please draft a polite email to {title}, my {role}, asking if we can move our {meeting} from {from} to {to}. My name is {name}.",
        ]);
        string Letter(string a, string b) =>
            $"Subject: Moving our {meeting} to {b}\n\nHi {title},\n\nI hope your week is going well. Would it be possible to move our {meeting} from {a} to {b}? {reason}I'm happy to keep the same time, or to work around whatever suits you best.\n\nThank you, and sorry for any inconvenience.\n\nBest regards,\n{name}";
        var chosen = Letter(from, to);
        var rejected = rng.Next(4) switch
        {
            0 => "Email has been around since the early 1970s, when the first messages were sent between computers on ARPANET. Today billions of emails are sent every day, which is why a clear subject line matters so much.",
            1 => $"It's usually better to just call your {role} instead of emailing; emails are easy to miss.",
            2 => $"{title}, can't do {from}. We'll have to move it.\n{name}",
            _ => Letter(to, from), // politely asks for the swapped days
        };
        return new Draft(prompt, chosen, rejected);
    }

    private static Draft Substitute(SplitMix64 rng)
    {
        var s = rng.Pick(Substitutions);
        var dish = rng.Pick(s.Dishes);
        var prompt = rng.Pick<string>(
        [
            $"I'm making {dish} and just realized I'm out of {s.Ingredient}. What can I use instead?",
            $"Is there a substitute for {s.Ingredient} in {dish}? The store is already closed.",
        ]);
        var chosen = rng.Pick<string>([s.How, "Yes, you can improvise. " + s.How, "Good news: you don't need to go out. " + s.How]);
        var rejected = rng.Next(3) switch
        {
            0 => $"You'll have to buy some {s.Ingredient}. Recipes are carefully balanced, so substitutions usually ruin the result.",
            1 => $"People have been making {dish} for generations, and every family seems to have its own version of the recipe. Some like theirs sweeter, others more savoury, and regional styles vary a lot.",
            _ => "I'm not sure, sorry. Maybe check a cooking website?",
        };
        return new Draft(prompt, chosen, rejected)
        {
            System = rng.Chance(0.3) ? "You are a friendly cooking assistant for a recipe website." : null,
        };
    }

    private static Draft Explain(SplitMix64 rng)
    {
        var c = rng.Pick(Concepts);
        var audience = rng.Pick<string>(["a 10-year-old", "my grandmother", "someone with no technical background", "a complete beginner"]);
        var prompt = rng.Pick<string>(
        [
            $"Can you explain {c.Name} to {audience}?",
            $"How would you explain {c.Name} to {audience}? Keep it simple.",
        ]);
        var rejected = rng.Chance(0.5)
            ? c.Jargon
            : $"{Capitalize(c.Name)} is a complex topic that experts spend years studying, so a simple explanation wouldn't really do it justice. I'd recommend a textbook or an online course.";
        return new Draft(prompt, c.Simple, rejected);
    }

    private static Draft Tips(SplitMix64 rng)
    {
        var t = rng.Pick(TipTopics);
        var prompt = rng.Pick<string>(
        [
            $"Give me a few practical tips for {t.Topic}.",
            $"Any advice for {t.Topic}? I keep struggling with it.",
            $"What are some good tips for {t.Topic}?",
        ]);
        var tips = rng.Sample(t.Tips, rng.Next(3, 5));
        var intro = rng.Pick<string>(["Here are a few that work for a lot of people:", "Some practical things to try:", "A few tips:"]);
        var list = string.Join("\n", tips.Select((tip, i) => Inv($"{i + 1}. {tip}")));
        var outro = rng.Chance(0.5) ? "\n\nPick one or two to start with rather than changing everything at once." : "";
        var chosen = $"{intro}\n\n{list}{outro}";
        var rejected = rng.Next(3) switch
        {
            0 => "Everyone is different, so just do whatever feels right for you. Good luck!",
            1 => "Honestly, it just takes practice. You'll get there eventually.",
            _ => $"{Capitalize(t.Topic)} is something a lot of people struggle with. In fact, surveys suggest it's one of the most common challenges adults mention, and there are entire books and podcasts dedicated to it. It's a very popular topic of conversation.",
        };
        return new Draft(prompt, chosen, rejected);
    }

    // ---------------------------------------------------------------- chat-multiturn

    [Flags]
    private enum Contains { None = 0, Meat = 1, Dairy = 2, Egg = 4, Peanut = 8, TreeNut = 16, Gluten = 32 }

    private sealed record Dish(string Name, string Description, Contains Contains);

    private static readonly IReadOnlyList<Dish> Dishes =
    [
        new("a chickpea and spinach curry with rice", "Simmer chickpeas and spinach in a spiced tomato and onion sauce, and serve it over rice.", Contains.None),
        new("black bean tacos on corn tortillas", "Warm black beans with cumin and lime, pile them onto corn tortillas and top with salsa and avocado.", Contains.None),
        new("stuffed bell peppers", "Fill halved peppers with rice, black beans, corn and tomato, then bake them for about 30 minutes.", Contains.None),
        new("a lentil and vegetable soup", "Cook red lentils with carrots, celery, onion and cumin until thick and hearty.", Contains.None),
        new("baked sweet potatoes with black beans", "Bake sweet potatoes and fill them with spiced black beans, salsa and a squeeze of lime.", Contains.None),
        new("a tofu and broccoli stir-fry with rice", "Stir-fry tofu and broccoli with garlic and ginger, and serve it over rice.", Contains.None),
        new("a mushroom risotto", "Slowly cook arborio rice with mushrooms and stock, then stir in butter and parmesan.", Contains.Dairy),
        new("a margherita pizza", "Top pizza dough with tomato sauce, mozzarella and fresh basil, and bake until bubbly.", Contains.Dairy | Contains.Gluten),
        new("pesto pasta", "Toss spaghetti with a basil pesto made from pine nuts, parmesan and olive oil.", Contains.Dairy | Contains.TreeNut | Contains.Gluten),
        new("a peanut noodle stir-fry with tofu", "Stir-fry wheat noodles, tofu and vegetables in a creamy peanut sauce.", Contains.Peanut | Contains.Gluten),
        new("a spinach and feta omelette", "Whisk eggs, fold in wilted spinach and crumbled feta, and cook until just set.", Contains.Egg | Contains.Dairy),
        new("chicken fajitas", "Sear strips of chicken with peppers and onions and serve them in warm flour tortillas.", Contains.Meat | Contains.Gluten),
        new("a beef chili", "Simmer ground beef with beans, tomatoes and chili spices.", Contains.Meat),
        new("shrimp pad thai", "Stir-fry rice noodles with shrimp, egg and bean sprouts, and top with crushed peanuts.", Contains.Meat | Contains.Egg | Contains.Peanut),
        new("a warm lentil salad with walnuts", "Toss lentils and rocket with toasted walnuts and a lemon dressing.", Contains.TreeNut),
        new("a spinach and ricotta lasagne", "Layer pasta sheets with spinach, ricotta, tomato sauce and mozzarella, and bake until golden.", Contains.Dairy | Contains.Gluten),
    ];

    private sealed record Diet(string Name, Contains Excludes, string Adjective);

    private static readonly IReadOnlyList<Diet> Diets =
    [
        new("vegetarian", Contains.Meat, "vegetarian"),
        new("vegan", Contains.Meat | Contains.Dairy | Contains.Egg, "fully vegan"),
    ];

    private static readonly IReadOnlyList<Diet> Allergies =
    [
        new("allergic to peanuts", Contains.Peanut, "peanut-free"),
        new("allergic to tree nuts", Contains.TreeNut, "free of tree nuts"),
        new("have coeliac disease, so everything needs to be gluten-free", Contains.Gluten, "gluten-free"),
        new("lactose intolerant", Contains.Dairy, "dairy-free"),
    ];

    public static Draft MultiTurn(SplitMix64 rng) => rng.Next(5) switch
    {
        0 => DietPlan(rng),
        1 => RunningTotal(rng),
        2 => LeaveTime(rng),
        3 => Birthday(rng),
        _ => OvenTemperature(rng),
    };

    private static Draft DietPlan(SplitMix64 rng)
    {
        var diet = rng.Pick(Diets);
        var allergy = rng.Pick(Allergies.Where(a => (a.Excludes & diet.Excludes) == 0).ToArray());
        var excluded = diet.Excludes | allergy.Excludes;
        var ok = rng.Pick(Dishes.Where(d => (d.Contains & excluded) == 0).ToArray());
        var bad = rng.Pick(Dishes.Where(d => (d.Contains & excluded) != 0).ToArray());
        var day = rng.Pick<string>([.. Tables.Weekdays, "Saturday", "Sunday"]);
        var mood = rng.Pick<string>(["quick", "hearty", "comforting", "not too heavy"]);
        var verb = allergy.Name.StartsWith("have", StringComparison.Ordinal) ? "I " : "I'm ";
        var history = new Turn[]
        {
            new("user", $"I'm {diet.Name} and {verb}{allergy.Name}. Can you help me plan some dinners this week?"),
            new("assistant", "Of course! Which night would you like to start with, and do you want something quick or something more involved?"),
        };
        var prompt = $"Let's start with {day}. Something {mood}.";
        var chosen = $"For {day}, how about {ok.Name}? {ok.Description} It's {diet.Adjective} and {allergy.Adjective}, so it fits what you told me.";
        var rejected = $"For {day}, how about {bad.Name}? {bad.Description} It's {mood}, filling and a real crowd-pleaser.";
        return new Draft(prompt, chosen, rejected) { Conversation = history };
    }

    private static readonly IReadOnlyList<(string Plural, decimal Min, decimal Max)> ShopItems =
    [
        ("notebooks", 2.00m, 6.50m), ("pens", 0.75m, 2.50m), ("coffees", 2.50m, 5.50m), ("movie tickets", 8.00m, 15.00m),
        ("sandwiches", 4.50m, 9.50m), ("candles", 3.00m, 12.00m), ("bags of apples", 2.25m, 4.75m), ("phone cases", 9.00m, 24.00m),
    ];

    private static decimal Price(SplitMix64 rng, decimal min, decimal max) =>
        min + 0.25m * rng.Next((int)((max - min) / 0.25m) + 1);

    private static Draft RunningTotal(SplitMix64 rng)
    {
        var items = rng.Sample(ShopItems, 2);
        var (a, b) = (rng.Next(2, 7), rng.Next(2, 7));
        var (p1, p2) = (Price(rng, items[0].Min, items[0].Max), Price(rng, items[1].Min, items[1].Max));
        var (first, second) = (a * p1, b * p2);
        var total = first + second;
        var history = new Turn[]
        {
            new("user", Inv($"I bought {a} {items[0].Plural} at {Money(p1)} each.")),
            new("assistant", Inv($"{a} × {Money(p1)} comes to {Money(first)}.")),
        };
        var prompt = Inv($"Then I also got {b} {items[1].Plural} at {Money(p2)} each. What's my total now?");
        var chosen = Inv($"{b} × {Money(p2)} = {Money(second)}, and adding the {Money(first)} from before gives a total of **{Money(total)}**.");
        decimal wrongTotal;
        string rejected;
        if (rng.Chance(0.5))
        {
            wrongTotal = second;
            rejected = Inv($"{b} × {Money(p2)} = {Money(second)}, so your total is **{Money(wrongTotal)}**.");
        }
        else
        {
            wrongTotal = first + p2;
            rejected = Inv($"Adding {Money(p2)} to the {Money(first)} from before gives a total of **{Money(wrongTotal)}**.");
        }
        return new Draft(prompt, chosen, rejected)
        {
            Conversation = history,
            Answer = new AnswerCheck(Money(total), Money(wrongTotal), "money", Inv($"{a} * {p1} + {b} * {p2}"), 2),
        };
    }

    private static Draft LeaveTime(SplitMix64 rng)
    {
        var flight = 6 * 60 + 5 * rng.Next(16 * 12); // 06:00 .. 21:55
        var hours = rng.Next(1, 4);
        var drive = 5 * rng.Next(4, 20); // 20 .. 95 minutes
        var arrive = flight - hours * 60;
        var leave = arrive - drive;
        var history = new Turn[]
        {
            new("user", Inv($"My flight leaves at {Clock(flight)}, and the airline recommends arriving {hours} {Plural(hours, "hour", "hours")} before departure.")),
            new("assistant", $"Then you'll want to be at the airport by {Clock(arrive)}."),
        };
        var prompt = Inv($"The drive to the airport takes about {drive} minutes. What time should I leave home?");
        var chosen = rng.Chance(0.5)
            ? Inv($"To be at the airport by {Clock(arrive)} with {Article(drive)} {drive}-minute drive, leave home by **{Clock(leave)}**. If traffic is often heavy, give yourself an extra 15 minutes or so.")
            : Inv($"{Clock(arrive)} minus {drive} minutes is **{Clock(leave)}**, so leave by then.");
        var crossesHour = arrive % 60 < drive % 60;
        int wrong;
        string rejected;
        if (crossesHour && rng.Chance(0.5))
        {
            wrong = leave + 60; // forgot to borrow the hour
            rejected = Inv($"{Clock(arrive)} minus {drive} minutes is **{Clock(wrong)}**, so leave by then.");
        }
        else
        {
            wrong = flight - drive; // forgot the recommended buffer
            rejected = Inv($"Your flight is at {Clock(flight)} and the drive is {drive} minutes, so leave home at **{Clock(wrong)}**.");
        }
        return new Draft(prompt, chosen, rejected)
        {
            Conversation = history,
            Answer = new AnswerCheck(Clock(leave), Clock(wrong), "clock", Inv($"{flight} - {hours} * 60 - {drive}")),
        };
    }

    private static readonly IReadOnlyList<(string Relation, bool Female, int MinAge, int MaxAge)> Relations =
    [
        ("daughter", true, 3, 17), ("son", false, 3, 17), ("niece", true, 3, 17), ("nephew", false, 3, 17),
        ("granddaughter", true, 2, 20), ("grandson", false, 2, 20), ("sister", true, 18, 60), ("brother", false, 18, 60),
    ];

    private static Draft Birthday(SplitMix64 rng)
    {
        var (relation, female, min, max) = rng.Pick(Relations);
        var names = rng.Sample(Tables.Names, 2);
        var (name, other) = (names[0], names[1]);
        var age = rng.Next(min, max + 1);
        var (obj, pos) = female ? ("her", "her") : ("him", "his");
        var history = new Turn[]
        {
            new("user", Inv($"My {relation}, {name}, turns {age} this Saturday.")),
            new("assistant", $"How lovely! Are you planning anything special for {obj}?"),
        };
        var prompt = $"Just a small party at home. Can you write a one-line message for {pos} card?";
        var template = rng.Next(3);
        string Message(string n, int a) => template switch
        {
            0 => $"Happy {Ordinal(a)} birthday, {n}! Wishing you a year full of fun, laughter and adventures.",
            1 => $"To {n} on your {Ordinal(a)} birthday: we love you to the moon and back!",
            _ => Inv($"Happy birthday, {n}! {a} looks wonderful on you. Have the best day!"),
        };
        var rejected = rng.Chance(0.5) ? Message(other, age) : Message(name, age + 1);
        return new Draft(prompt, Message(name, age), rejected) { Conversation = history };
    }

    private static Draft OvenTemperature(SplitMix64 rng)
    {
        var veg = rng.Pick<string>(["potatoes", "carrots", "broccoli", "Brussels sprouts", "butternut squash", "cauliflower"]);
        var celsius = rng.Pick<int>([180, 190, 200, 210, 220, 230]);
        var fahrenheit = celsius * 9 / 5 + 32; // exact for these values
        var dial = (int)Math.Round(fahrenheit / 5.0, MidpointRounding.AwayFromZero) * 5;
        var history = new Turn[]
        {
            new("user", $"What's a good oven temperature for roasting {veg}?"),
            new("assistant", Inv($"Around {celsius} °C works well. Toss them in a little oil and salt, spread them out on the tray and turn them once halfway through.")),
        };
        var prompt = rng.Pick<string>(["My oven only shows Fahrenheit. What should I set it to?", "Wait, my oven is in Fahrenheit. What number do I use?"]);
        var chosen = Inv($"{celsius} °C is **{fahrenheit} °F** ({celsius} × 9/5 + 32). If your dial moves in steps of 5, {dial} °F is fine.");
        int wrong;
        string rejected;
        if (rng.Chance(0.5))
        {
            wrong = celsius;
            rejected = Inv($"Set it to **{wrong} °F**; the number is the same in both scales.");
        }
        else
        {
            wrong = celsius * 9 / 5;
            rejected = Inv($"{celsius} °C is **{wrong} °F** ({celsius} × 9/5).");
        }
        return new Draft(prompt, chosen, rejected)
        {
            Conversation = history,
            Answer = new AnswerCheck(Inv($"{fahrenheit}"), Inv($"{wrong}"), "number", Inv($"{celsius} * 9 / 5 + 32")),
        };
    }
}
