using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Subsets;

/// <summary>
/// Chat Hard section: the chosen answer is always the shorter one. Instruction following with a stated
/// constraint (the rejected answer ignores it and is longer), and length traps (the rejected answer is long,
/// padded and wrong).
/// </summary>
internal static class ChatHardSubsets
{
    private static Draft Shorter(Draft d)
    {
        Require(d.Chosen.Length < d.Rejected.Length, $"chat-hard chosen must be shorter: {d.Prompt}");
        return d;
    }

    // ---------------------------------------------------------------- hard-constraints

    public static Draft Constraints(SplitMix64 rng) => Shorter(rng.Next(6) switch
    {
        0 => ExactWords(rng),
        1 => Bullets(rng),
        2 => Lowercase(rng),
        3 => NoLetterE(rng),
        4 => UnderTwentyWords(rng),
        _ => JsonOnly(rng),
    });

    private sealed record WordTopic(string Topic, IReadOnlyList<string> Sentences, string Long);

    private static readonly IReadOnlyList<WordTopic> WordTopics =
    [
        new("the ocean",
            ["Vast, restless, salty, and full of life.", "Endless blue water hiding countless living creatures below.", "The ocean covers most of our planet and shapes its weather."],
            "The ocean is one of the most fascinating places on Earth. It covers about 71 percent of the planet's surface, produces much of the oxygen we breathe through tiny phytoplankton, and regulates the climate by storing and moving enormous amounts of heat. From sunlit coral reefs to pitch-black trenches thousands of metres down, it is home to an astonishing variety of life, much of which we have still not discovered."),
        new("autumn",
            ["Crisp air, falling leaves, early sunsets.", "Golden leaves drift down as the days grow cooler.", "Autumn brings crunchy leaves, warm sweaters, apple picking and shorter afternoons."],
            "Autumn is a season of transition and quiet beauty. As the days shorten and the air turns crisp, trees put on a spectacular show of red, orange and gold before their leaves drift to the ground. It's the season of harvest festivals, warm drinks, cosy sweaters and long walks through crunchy leaves, and many people find it the most comforting time of the year."),
        new("a cup of coffee",
            ["Hot, bitter, comforting, essential every morning.", "Dark, fragrant, and the reason mornings feel possible.", "A warm mug that smells rich and wakes me up."],
            "A cup of coffee is much more than a drink for millions of people around the world. Its rich aroma, deep flavour and gentle warmth make it a daily ritual, whether it's a quick espresso before work or a slow pour-over on a Sunday morning. Coffee also has a fascinating history, spreading from Ethiopia and Yemen to cafés across Europe and eventually becoming one of the most traded commodities on Earth."),
        new("a thunderstorm",
            ["Dark clouds, sudden rain, booming thunder.", "Lightning flashes, thunder rumbles, and the rain pours down.", "The sky darkens, the wind rises, and thunder shakes the windows."],
            "A thunderstorm is one of nature's most dramatic displays. Warm, moist air rises rapidly and forms towering cumulonimbus clouds, where collisions between ice particles build up enormous electrical charges. The result is brilliant flashes of lightning, rolling thunder, gusty winds and heavy rain, sometimes with hail, and then, often quite suddenly, the storm passes and the air smells fresh and clean."),
        new("learning to code",
            ["Small steps, many errors, steady progress.", "Frustrating at first, then deeply rewarding once things click.", "You break things, fix them, and slowly understand how computers think."],
            "Learning to code is a challenging but incredibly rewarding journey. At first, even simple programs can feel confusing, and error messages seem to appear everywhere. With patience and practice, though, you start to recognise patterns, break big problems into smaller pieces and build things that actually work, and the moment your program finally runs correctly is one of the most satisfying feelings there is."),
        new("the moon",
            ["Cold, grey, cratered, and beautiful.", "A pale, cratered companion lighting the night.", "Our silent neighbour, changing shape every night as it orbits."],
            "The Moon is Earth's only natural satellite and one of the most familiar sights in the sky. It orbits our planet roughly every 27 days, and because we see different amounts of its sunlit side, it appears to change shape from a thin crescent to a full disc and back again. Its gravity drives the ocean tides, and in 1969 it became the first world beyond Earth that humans walked on."),
        new("a perfect weekend",
            ["Slow mornings and lazy afternoons.", "Sleeping in, long walks, good food, friends.", "No alarms, a long breakfast, and an afternoon outdoors."],
            "A perfect weekend is all about the balance between rest and fun. It might start with sleeping in without an alarm, followed by a long, lazy breakfast with fresh coffee and pastries. Then comes an afternoon outdoors, perhaps a hike, a bike ride or a walk through the park, and finally a relaxed evening with good friends, great food and plenty of laughter before settling in for a movie."),
        new("city life at night",
            ["Neon lights, busy streets, distant sirens.", "The city never fully sleeps; it just gets quieter.", "Glowing windows, late buses, and crowds spilling out of restaurants."],
            "City life at night has a character all of its own. As the sun goes down, neon signs and glowing windows light up the streets, restaurants and bars fill with people, and the sounds of traffic, music and distant sirens blend into a constant hum. For some it's the most exciting time of day, full of energy and possibility, while for others it's a reminder that the city never truly sleeps."),
    ];

    private static Draft ExactWords(SplitMix64 rng)
    {
        var t = rng.Pick(WordTopics);
        var sentence = rng.Pick(t.Sentences);
        var n = WordCount(sentence);
        var prompt = rng.Pick<string>(
        [
            Inv($"Describe {t.Topic} in exactly {n} words."),
            Inv($"Using exactly {n} words, tell me what {t.Topic} is like."),
            Inv($"Write one sentence of exactly {n} words about {t.Topic}."),
        ]);
        var rejected = rng.Pick<string>(["", "What a lovely prompt! ", "Sure! ", "Here's my description: "]) + t.Long +
                       rng.Pick<string>(["", " I hope this captures it!", " Let me know if you'd like a different version."]);
        Require(WordCount(rejected) != n, "exact-words rejected must miss the count");
        return new Draft(prompt, sentence, rejected) { Constraint = new ConstraintCheck("exact-words", n) };
    }

    private sealed record ListCategory(string Name, IReadOnlyList<(string Item, string Why)> Items);

    private static readonly IReadOnlyList<ListCategory> ListCategories =
    [
        new("fruits that are high in vitamin C",
        [
            ("Oranges", "the classic choice; one orange covers most of an adult's daily needs"), ("Kiwis", "gram for gram they have more vitamin C than oranges"),
            ("Strawberries", "a cup of them provides more than a day's worth"), ("Guavas", "among the richest fruit sources of all"),
            ("Papayas", "also high in vitamin A and fibre"), ("Lemons", "great squeezed into water or over food"),
        ]),
        new("renewable energy sources",
        [
            ("Solar power", "panels turn sunlight directly into electricity"), ("Wind power", "turbines turn moving air into electricity"),
            ("Hydroelectric power", "flowing water drives turbines, usually at dams"), ("Geothermal energy", "heat from inside the Earth drives generators or warms buildings"),
            ("Tidal power", "the rise and fall of the tides drives turbines"), ("Biomass", "plant and organic waste is burned or fermented for energy"),
        ]),
        new("programming languages that are good for beginners",
        [
            ("Python", "readable syntax and a huge community"), ("JavaScript", "runs in every web browser, so you see results instantly"),
            ("Scratch", "drag-and-drop blocks, ideal for children"), ("Ruby", "designed to be pleasant and natural to read"),
            ("Java", "widely taught and used in industry"), ("Lua", "small, simple and popular for game scripting"),
        ]),
        new("classic board games",
        [
            ("Chess", "pure strategy, with centuries of history"), ("Go", "simple rules with enormous strategic depth"),
            ("Scrabble", "a word game that rewards vocabulary"), ("Monopoly", "the famous property-trading game"),
            ("Backgammon", "one of the oldest known board games"), ("Checkers", "quick to learn and great for all ages"),
        ]),
        new("animals that live in the ocean",
        [
            ("Dolphins", "intelligent, social mammals"), ("Octopuses", "famous for their problem-solving and camouflage"),
            ("Sea turtles", "they travel thousands of kilometres between feeding and nesting sites"), ("Sharks", "they have roamed the oceans for over 400 million years"),
            ("Jellyfish", "they have no brain, heart or bones"), ("Seahorses", "the males carry the eggs until they hatch"),
        ]),
        new("things to pack for a day hike",
        [
            ("Water", "more than you think you'll need"), ("Snacks", "nuts, fruit or energy bars"),
            ("A rain jacket", "weather can change quickly, especially in the hills"), ("Sunscreen", "even on cloudy days"),
            ("A map", "or an offline map app in case there's no signal"), ("A small first-aid kit", "plasters, blister pads and any personal medication"),
        ]),
        new("ways to save energy at home",
        [
            ("Switch to LED bulbs", "they use far less electricity than old incandescent bulbs"), ("Turn the thermostat down a degree", "a small change that adds up over a winter"),
            ("Unplug idle chargers", "many devices draw power on standby"), ("Wash clothes in cold water", "most of a washing machine's energy goes into heating water"),
            ("Seal drafts around windows", "weatherstripping keeps heat inside"), ("Air-dry your dishes", "skip the heated drying cycle on the dishwasher"),
        ]),
        new("countries in South America",
        [
            ("Brazil", "the largest country on the continent"), ("Argentina", "home to Buenos Aires and Patagonia"),
            ("Chile", "a long, narrow country along the Pacific coast"), ("Peru", "home to Machu Picchu"),
            ("Colombia", "known for its coffee and its biodiversity"), ("Ecuador", "it owns the Galápagos Islands"),
        ]),
    ];

    private static Draft Bullets(SplitMix64 rng)
    {
        var c = rng.Pick(ListCategories);
        var prompt = rng.Pick<string>(
        [
            $"List three {c.Name}. Use a bulleted list with exactly three items and no other text.",
            $"Give me exactly 3 {c.Name} as bullet points. Just the list, please.",
            $"Name three {c.Name}: bullet points only, three items, nothing else.",
        ]);
        var picks = rng.Sample(c.Items, 5);
        var chosen = string.Join("\n", picks.Take(3).Select(p => "- " + p.Item));
        var numbered = string.Join("\n", picks.Select((p, i) => Inv($"{i + 1}. **{p.Item}**: {p.Why}.")));
        var rejected = $"Great question! There are many {c.Name}, and it's hard to pick just a few. Here are some of the best options:\n\n{numbered}\n\nEach of these is a great choice, so it really depends on what you're looking for!";
        return new Draft(prompt, chosen, rejected) { Constraint = new ConstraintCheck("bullets", 3) };
    }

    private static Draft Lowercase(SplitMix64 rng)
    {
        var f = rng.Pick(Tables.Science);
        var body = rng.Chance(0.6) ? f.Correct + " " + f.Why : f.Correct;
        var chosen = body.ToLowerInvariant();
        var rejected = rng.Pick<string>(["Great question! ", "Sure! ", "Happy to help. "]) + f.Correct + " " + f.Why + " " +
                       rng.Pick<string>(["Let me know if you'd like more detail on this or any related topic!", "I hope this helps, and feel free to ask a follow-up question!"]);
        var useSystem = rng.Chance(0.4);
        var question = f.Question;
        var prompt = useSystem
            ? question
            : rng.Pick<string>([$"Answer in all lowercase letters, with no capitals at all: {question}", $"{question} Please reply using only lowercase letters."]);
        return new Draft(prompt, chosen, rejected)
        {
            System = useSystem ? "Always reply in all lowercase letters. Never use capital letters." : null,
            Constraint = new ConstraintCheck("lowercase"),
        };
    }

    private static readonly IReadOnlyList<(string Topic, string NoE, string Normal)> Lipograms =
    [
        ("a cat", "A small, furry animal that purrs, naps a lot, and hunts rats.",
            "A cat is a small, independent pet that loves to nap in the sun, chase toys and explore every corner of the house. Cats are famous for purring when they're content and for their excellent hunting instincts."),
        ("the sun", "A big, hot ball of burning gas that brings us light and warmth.",
            "The Sun is the star at the centre of our solar system. It's a huge sphere of hot plasma that provides the light and heat every living thing on Earth depends on."),
        ("a dog", "A loyal companion that wags its tail and always wants a walk.",
            "A dog is a loyal, affectionate companion that loves going for walks, playing fetch and being near the people it trusts. Dogs have lived alongside humans for thousands of years."),
        ("rain", "Drops falling from dark clouds, soaking roads, roofs and grass.",
            "Rain is water that falls from the clouds when tiny droplets join together and become too heavy to stay in the air. It refreshes gardens, fills rivers and reservoirs and keeps the water cycle moving."),
        ("coffee", "A hot, dark drink that many of us sip to start our day.",
            "Coffee is a hot, energising beverage brewed from roasted coffee beans. Its rich aroma and bitter taste make it the preferred morning drink for millions of people."),
        ("a library", "A calm building full of books you can borrow at no cost.",
            "A library is a quiet, welcoming place where anyone can borrow books, read newspapers, use computers and attend free events. Libraries are centres of learning for the whole community."),
        ("winter", "Cold, dark months of frost, snow, and short days.",
            "Winter is the coldest season of the year, with short days, long nights and, in many places, frost, ice and snow. It's the time for warm coats, hot drinks and cosy evenings indoors."),
        ("a pizza", "A round, crispy crust with tomato, basil, and salami.",
            "A pizza is a round, flat bread topped with tomato sauce, melted cheese and whatever toppings you like, then baked in a very hot oven. It originated in Naples and is now loved everywhere."),
        ("a smartphone", "A small glass slab that can call, chat, shoot photos, and find our way around town.",
            "A smartphone is a pocket-sized computer that lets you make calls, send messages, browse the web, take photos and use thousands of apps. For many people it has become the device they use most every day."),
        ("a forest", "A wild, shady spot full of tall trunks, birds, moss and fungi.",
            "A forest is a large area covered with trees, where sunlight filters through the leaves onto the ferns and mosses below. Forests are home to countless creatures and help clean the air we breathe."),
        ("the ocean", "A vast, salty world of fish, coral, and crashing surf.",
            "The ocean is a huge body of salt water that covers most of the Earth's surface and is home to everything from tiny plankton to enormous whales."),
        ("a marathon", "A brutal run of roughly 42 km that calls for months of training.",
            "A marathon is a long-distance race of 42.195 kilometres. Runners usually train for several months to prepare, and finishing one is a major achievement."),
    ];

    private static Draft NoLetterE(SplitMix64 rng)
    {
        var (topic, noE, normal) = rng.Pick(Lipograms);
        Require(!noE.Contains('e', StringComparison.OrdinalIgnoreCase), $"lipogram for {topic} contains an e");
        var prompt = rng.Pick<string>(
        [
            $"Describe {topic} in one sentence without using the letter 'e' anywhere.",
            $"Lipogram challenge: write a sentence about {topic} that contains no letter E at all.",
            $"Can you describe {topic} without using a single 'e'?",
            $"Write one sentence about {topic}. Constraint: the letter e must not appear anywhere in your reply.",
            $"Give me a short description of {topic}, but you're not allowed to use the letter 'e'.",
        ]);
        var rejected = rng.Pick<string>(["", "Sure! ", "Here you go: "]) + normal;
        return new Draft(prompt, noE, rejected) { Constraint = new ConstraintCheck("no-letter-e") };
    }

    private static Draft UnderTwentyWords(SplitMix64 rng)
    {
        var c = rng.Pick(ChatSubsets.Concepts);
        Require(WordCount(c.Short) < 20 && WordCount(c.Simple) >= 20, $"concept {c.Name} word counts");
        var useSystem = rng.Chance(0.35);
        var prompt = useSystem
            ? rng.Pick<string>([$"Explain {c.Name}.", $"Tell me about {c.Name}.", $"Can you explain {c.Name} to me?"])
            : rng.Pick<string>(
            [
                $"In under 20 words, explain {c.Name}.", $"Explain {c.Name} in fewer than 20 words.",
                $"Quick one: explain {c.Name}, under 20 words please.", $"Using fewer than 20 words, tell me about {c.Name}.",
            ]);
        var rejected = rng.Pick<string>(["", "Sure! ", "Great question! ", "Happy to explain. "]) + c.Simple;
        return new Draft(prompt, c.Short, rejected)
        {
            System = useSystem ? "Keep every answer under 20 words." : null,
            Constraint = new ConstraintCheck("max-words", 20),
        };
    }

    private static Draft JsonOnly(SplitMix64 rng)
    {
        var name = rng.Pick(Tables.Names);
        var age = rng.Next(19, 80);
        var city = rng.Pick<string>(["Lisbon", "Toronto", "Nairobi", "Osaka", "Denver", "Melbourne", "Lyon", "Austin"]);
        var withCity = rng.Chance(0.5);
        var useSystem = rng.Chance(0.3);
        var person = withCity ? Inv($"{name}, {age}, just moved to {city} for work.") : Inv($"{name} is {age} years old.");
        var keys = withCity ? "\"name\", \"age\" and \"city\"" : "\"name\" and \"age\"";
        var prompt = useSystem
            ? $"Extract {keys} from: {person}"
            : rng.Pick<string>(
            [
                $"Return only a JSON object with the keys {keys} for this person: {person} No other text.",
                $"Extract {keys} as a JSON object. Output only the JSON, nothing else.\n\n{person}",
            ]);
        var (nameJson, cityJson) = ("\"" + name + "\"", "\"" + city + "\""); // plain names: nothing to escape
        var chosen = withCity
            ? Inv($"{{\"name\": {nameJson}, \"age\": {age}, \"city\": {cityJson}}}")
            : Inv($"{{\"name\": {nameJson}, \"age\": {age}}}");
        var pretty = withCity
            ? Inv($"{{\n  \"name\": {nameJson},\n  \"age\": {age},\n  \"city\": {cityJson}\n}}")
            : Inv($"{{\n  \"name\": {nameJson},\n  \"age\": {age}\n}}");
        var fields = withCity ? "`name` (a string), `age` (an integer) and `city` (a string)" : "`name` (a string) and `age` (an integer)";
        var rejected = $"Sure! Here is the JSON object you requested:\n\n```json\n{pretty}\n```\n\nThis object contains {fields}. Let me know if you'd like me to add any other fields!";
        return new Draft(prompt, chosen, rejected)
        {
            System = useSystem ? "You are a backend service. Respond with raw JSON only: no prose and no code fences." : null,
            Constraint = new ConstraintCheck("json-only"),
        };
    }

    // ---------------------------------------------------------------- hard-length-trap

    public static Draft LengthTrap(SplitMix64 rng) => Shorter(rng.Next(6) switch
    {
        0 => LetterCount(rng),
        1 => DecimalCompare(rng),
        2 => Discount(rng),
        3 => BatAndBall(rng),
        4 => CapitalTrap(rng),
        _ => LeapYear(rng),
    });

    private static readonly IReadOnlyList<string> LetterWords =
    [
        "strawberry", "raspberry", "mississippi", "banana", "bookkeeper", "committee", "necessary", "accommodation", "possession",
        "assessment", "parallel", "millennium", "referee", "tomorrow", "success", "coffee", "bubble", "pepper", "cinnamon",
        "abracadabra", "embarrassment", "occurrence", "balloon", "address", "giraffe", "hippopotamus", "onomatopoeia", "indivisibility",
    ];

    private static Draft LetterCount(SplitMix64 rng)
    {
        var word = rng.Pick(LetterWords);
        var letters = word.Distinct().Where(ch => word.Count(x => x == ch) >= 2).Order().ToArray();
        var letter = rng.Pick(letters);
        var n = word.Count(x => x == letter);
        var wrong = rng.Chance(0.7) ? n - 1 : n + 1;
        var prompt = rng.Pick<string>(
        [
            $"How many times does the letter '{letter}' appear in the word \"{word}\"?",
            $"Count the letter {letter} in \"{word}\". How many are there?",
            $"How many {letter}'s are in \"{word}\"?",
        ]);
        var positions = Enumerable.Range(0, word.Length).Where(i => word[i] == letter).Select(i => Inv($"{i + 1}")).ToArray();
        var spelled = string.Join("-", word.Select(ch => ch == letter ? char.ToUpperInvariant(ch) : ch));
        var chosen = rng.Chance(0.5)
            ? Inv($"**{n}**. Spelled out with the {letter}'s in capitals: {spelled}.")
            : Inv($"**{n}**, at positions {JoinAnd(positions)}.");
        var rejected = Inv($"Great question! Counting letters can be surprisingly tricky, because our brains tend to read whole words rather than individual letters, so it's important to go slowly and carefully. The word \"{word}\" has {word.Length} letters in total. Going through it from beginning to end and checking each position for the letter '{letter}', we find that it appears **{wrong}** times. So the final answer is that \"{word}\" contains {wrong} {letter}'s. Let me know if you'd like me to count any other letters!");
        return new Draft(prompt, chosen, rejected) { Answer = new AnswerCheck(Inv($"{n}"), Inv($"{wrong}"), "number") };
    }

    private static Draft DecimalCompare(SplitMix64 rng)
    {
        var whole = rng.Next(1, 20);
        var tenths = rng.Next(2, 10);
        int hundredths;
        do hundredths = rng.Next(Math.Max(10, tenths + 1), tenths * 10); while (hundredths % 10 == 0);
        var a = Inv($"{whole}.{tenths}");     // larger, e.g. 9.9
        var b = Inv($"{whole}.{hundredths}"); // smaller but "looks" larger, e.g. 9.11
        var (first, second) = rng.Chance(0.5) ? (a, b) : (b, a);
        var prompt = rng.Pick<string>([$"Which is larger, {first} or {second}?", $"Which number is bigger: {first} or {second}?"]);
        var chosen = Inv($"**{a}** is larger. Written with two decimals it is {whole}.{tenths}0, and {tenths}0 hundredths is more than {hundredths} hundredths.");
        var rejected = Inv($"This is a great question, and it's one that trips a lot of people up, so let's break it down step by step. Both numbers have the same whole-number part, {whole}, so we need to compare the parts after the decimal point. In {a}, the decimal part is {tenths}, while in {b}, the decimal part is {hundredths}. Since {hundredths} is greater than {tenths}, the decimal part of {b} is larger. Therefore, **{b}** is the larger number. It's always a good idea to compare decimal parts carefully like this!");
        return new Draft(prompt, chosen, rejected) { Answer = new AnswerCheck(a, b, "number") };
    }

    private static Draft Discount(SplitMix64 rng)
    {
        var item = rng.Pick<string>(["jacket", "pair of headphones", "blender", "bike helmet", "desk lamp", "backpack", "coffee maker"]);
        var percent = rng.Pick<int>([10, 20, 25, 40, 50]);
        var original = 20 * rng.Next(2, 21); // 40 .. 400
        var sale = original * (100 - percent) / 100;
        var wrong = sale * (100m + percent) / 100m;
        var prompt = Inv($"A {item} costs {Money(sale)} after a {percent}% discount. What was the original price?");
        var chosen = Inv($"The sale price is {100 - percent}% of the original, so the original was {Money(sale)} ÷ {(100 - percent) / 100m:0.##} = **{Money(original)}**.");
        var rejected = Inv($"To find the original price, we need to reverse the discount. A {percent}% discount means {percent}% was taken off, so to get back to the original price we simply add {percent}% of the sale price back on. {percent}% of {Money(sale)} is {Money(sale * percent / 100m)}, and adding that to {Money(sale)} gives {Money(wrong)}. This works because percentages are symmetric: taking {percent}% off and adding {percent}% back cancel each other out. So the original price of the {item} was **{Money(wrong)}**.");
        return new Draft(prompt, chosen, rejected)
        {
            Answer = new AnswerCheck(Money(original), Money(wrong), "money", Inv($"{sale} * 100 / {100 - percent}"), 2),
        };
    }

    private static Draft BatAndBall(SplitMix64 rng)
    {
        var (big, small) = rng.Pick<(string, string)>([("bat", "ball"), ("notebook", "pen"), ("sandwich", "juice"), ("lamp", "bulb"), ("racket", "shuttlecock")]);
        var cheap = 0.05m * rng.Next(1, 20);       // $0.05 .. $0.95
        var difference = 0.50m * rng.Next(2, 11);  // $1.00 .. $5.00
        var total = 2 * cheap + difference;
        var wrong = total - difference;
        var prompt = Inv($"A {big} and a {small} cost {Money(total)} in total. The {big} costs {Money(difference)} more than the {small}. How much does the {small} cost?");
        var chosen = Inv($"If the {small} costs x, the {big} costs x + {Money(difference)}, so 2x + {Money(difference)} = {Money(total)} and x = **{Money(cheap)}**. Check: {Money(cheap)} + {Money(cheap + difference)} = {Money(total)}.");
        var rejected = Inv($"This one is simple, so let's walk through it. The total is {Money(total)}, and the {big} costs {Money(difference)} more than the {small}. If we take the total and subtract the {Money(difference)} difference, what's left must be the price of the {small}: {Money(total)} - {Money(difference)} = {Money(wrong)}. That makes sense, because the {big} is clearly the more expensive item and accounts for the {Money(difference)}, leaving the remainder for the {small}. So the {small} costs **{Money(wrong)}**.");
        return new Draft(prompt, chosen, rejected)
        {
            Answer = new AnswerCheck(Money(cheap), Money(wrong), "money", Inv($"({total} - {difference}) / 2"), 2),
        };
    }

    private static Draft CapitalTrap(SplitMix64 rng)
    {
        var f = rng.Pick(Tables.Capitals);
        var prompt = rng.Pick<string>([$"What is the capital of {f.Country}?", $"Which city is the capital of {f.Country}?"]);
        var end = f.Capital.EndsWith('.') ? "" : ".";
        var chosen = rng.Chance(0.5) ? $"The capital of {f.Country} is **{f.Capital}**{end}" : $"**{f.Capital}**{end} {Tables.CapitalNote(f)}";
        var rejected = $"Great question! {Capitalize(f.Country)} is a fascinating country with a rich history and a vibrant culture. When people think about its capital, one city immediately comes to mind: {f.Decoy}. As the country's best-known city, {f.Decoy} is a major centre of business, culture and tourism, with famous landmarks, excellent museums and a lively food scene. It's also a hub for transport and international connections, which is exactly what you'd expect from a capital. So, the capital of {f.Country} is **{f.Decoy}**.";
        return new Draft(prompt, chosen, rejected) { Answer = new AnswerCheck(f.Capital, f.Decoy, "text") };
    }

    private static Draft LeapYear(SplitMix64 rng)
    {
        var year = rng.Chance(0.5) ? 100 * rng.Next(16, 31) : 4 * rng.Next(476, 525); // 1600..3000 or 1904..2096
        var century = year % 100 == 0;
        var leap = year % 4 == 0 && (!century || year % 400 == 0);
        var days = leap ? 29 : 28;
        var wrongDays = leap ? 28 : 29;
        var prompt = rng.Pick<string>([Inv($"How many days does February have in the year {year}?"), Inv($"Is {year} a leap year? How many days are in February that year?")]);
        var reason = (century, leap) switch
        {
            (true, true) => Inv($"{year} is divisible by 400, so it is a leap year."),
            (true, false) => Inv($"{year} is divisible by 100 but not by 400, so it is not a leap year."),
            _ => Inv($"{year} is divisible by 4 and is not a century year, so it is a leap year."),
        };
        var chosen = Inv($"**{days}**. {reason}");
        var rejected = (century, leap) switch
        {
            (true, false) => Inv($"Let's work this out carefully. The rule for leap years is simple: a leap year happens every four years, whenever the year is divisible by 4. In a leap year an extra day is added to February to keep our calendar in step with Earth's orbit around the Sun, which takes about 365.25 days. {year} divided by 4 is {year / 4}, a whole number, so {year} is a leap year. That means February {year} has **{wrongDays}** days."),
            (true, true) => Inv($"Let's work this out carefully. Normally a leap year happens every four years, but century years are special: years ending in 00 are never leap years, because the calendar skips the leap day at the turn of each century to stay in step with Earth's orbit around the Sun. Since {year} ends in 00, it is a century year, so it is not a leap year. That means February {year} has **{wrongDays}** days."),
            _ => Inv($"Let's think about this. February is the shortest month of the year, and unlike the other months its length never changes: it has 28 days in every year, no matter what. The idea of a 29th of February is a common myth that comes from confusion about how the calendar works. So in {year}, just like any other year, February has **{wrongDays}** days."),
        };
        return new Draft(prompt, chosen, rejected) { Answer = new AnswerCheck(Inv($"{days}"), Inv($"{wrongDays}"), "number") };
    }
}
