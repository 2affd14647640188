using System.Globalization;

namespace RMBench.DataGen.GeneralRb2;

/// <summary>The four best-of-4 subsets: one correct answer, then three incorrect ones, in a random style each.</summary>
internal static class BonDraws
{
    private static readonly string[] Openers = ["", "Sure! ", "Good question. ", "Here is the answer. ", "Happy to help. "];

    private static string Open(SplitMix64 rng) => rng.Pick(Openers);

    /// <summary>A true fact in bold; the rejected answers put a false one in the same place.</summary>
    public static Rb2Draft Factuality(SplitMix64 rng)
    {
        switch (rng.Next(3))
        {
            case 0:
            {
                var (country, capital, notCapital) = rng.Pick(Rb2Tables.Capitals);
                var prompt = rng.Pick<string>([$"What is the capital of {country}?", $"Which city is the capital of {country}?"]);
                string Say(string city) => Open(rng) + rng.Pick<string>([
                    $"The capital of {country} is **{city}**.",
                    $"**{city}** is the capital of {country}.",
                    $"{country}'s capital city is **{city}**, where the national government sits.",
                ]);
                return Build(prompt, capital, notCapital, Say);
            }
            case 1:
            {
                var (element, symbol, notSymbol) = rng.Pick(Rb2Tables.Symbols);
                var prompt = rng.Pick<string>([$"What is the chemical symbol for {element}?", $"Which symbol stands for {element} on the periodic table?"]);
                string Say(string s) => Open(rng) + rng.Pick<string>([
                    $"The chemical symbol for {element} is **{s}**.",
                    $"On the periodic table, {element} is written **{s}**.",
                    $"{Text.Capitalize(element)} has the symbol **{s}**.",
                ]);
                return Build(prompt, symbol, notSymbol, Say);
            }
            default:
            {
                // Weekday of a date, computed with the proleptic Gregorian calendar (System.DateTime).
                var date = new DateTime(1990, 1, 1).AddDays(rng.Next(0, 14610));
                var written = date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
                var day = date.DayOfWeek.ToString();
                var others = Enum.GetNames<DayOfWeek>().Where(d => d != day).ToArray();
                var prompt = rng.Pick<string>([$"What day of the week was {written}?", $"Which weekday fell on {written}?"]);
                string Say(string d) => Open(rng) + rng.Pick<string>([
                    $"{written} was a **{d}**.",
                    $"It was a **{d}**.",
                    $"Counting from a known date, {written} fell on a **{d}**.",
                ]);
                return Build(prompt, day, rng.Sample(others, 3).ToArray(), Say);
            }
        }

        static Rb2Draft Build(string prompt, string truth, IReadOnlyList<string> falsehoods, Func<string, string> say)
        {
            var wrong = falsehoods.ToList();
            return new Rb2Draft(prompt, [say(truth)], [.. wrong.Select(say)], new Rb2Check("fact", truth, wrong));
        }
    }

    /// <summary>A precise instruction; the chosen sentence obeys it, the three rejected sentences (same topic) do not.</summary>
    public static Rb2Draft PreciseIf(SplitMix64 rng)
    {
        while (true)
        {
            var (topic, sentences) = rng.Pick(Rb2Tables.Sentences);
            var pick = rng.Pick(sentences);
            var others = sentences.Where(s => s != pick).ToList();
            string prompt, constraint, chosen;
            Func<string, bool> obeys;
            switch (rng.Next(5))
            {
                case 0:
                    var n = Text.WordCount(pick);
                    (prompt, constraint, chosen) = (Text.Inv($"Write one sentence about {topic} using exactly {n} words."), Text.Inv($"exact-words:{n}"), pick);
                    obeys = s => Text.WordCount(s) == n;
                    break;
                case 1:
                    (prompt, constraint, chosen) = ($"Write one sentence about {topic}. Do not use any commas.", "no-commas", pick);
                    obeys = s => !s.Contains(',');
                    // Sentences without a comma get a trailing aside with one, so every rejected answer breaks the rule.
                    others = [.. others.Select(s => s.Contains(',') ? s : s[..^1] + ", " + rng.Pick(Asides) + ".")];
                    break;
                case 2:
                    (prompt, constraint, chosen) = ($"Write one sentence about {topic} in capital letters only.", "uppercase", pick.ToUpperInvariant());
                    obeys = s => s == s.ToUpperInvariant();
                    break;
                case 3:
                    var first = FirstWord(pick);
                    (prompt, constraint, chosen) = ($"Write one sentence about {topic} that starts with the word \"{first}\".", $"starts-with:{first}", pick);
                    obeys = s => FirstWord(s) == first;
                    break;
                default:
                    var last = LastWord(pick);
                    (prompt, constraint, chosen) = ($"Write one sentence about {topic} that ends with the word \"{last}\".", $"ends-with:{last}", pick);
                    obeys = s => LastWord(s) == last;
                    break;
            }
            if (!obeys(chosen)) continue;
            var breaking = others.Where(s => !obeys(s)).ToList();
            // Upper-case rejected answers must still break the rule: they are the other sentences as written.
            if (breaking.Count < 3) continue;
            var rejected = rng.Sample(breaking, 3);
            return new Rb2Draft(prompt, [chosen], rejected, new Rb2Check("constraint", chosen, rejected) { Constraint = constraint });
        }
    }

    private static readonly string[] Asides = ["as most people know", "at least in most places", "to put it simply", "as a rule"];

    public static string FirstWord(string s) => s.Split(' ')[0].Trim(',', '.', '"');

    public static string LastWord(string s) => s.Split(' ')[^1].Trim(',', '.', '"', '!', '?');

    /// <summary>A word problem computed in code; each rejected working makes one named slip and so reaches another number.</summary>
    public static Rb2Draft Math(SplitMix64 rng)
    {
        while (true)
        {
            var (prompt, expression, answer, working, slips) = MathProblem(rng);
            var wrong = slips.Where(s => s.Value != answer).DistinctBy(s => s.Value).ToList();
            if (wrong.Count < 3) continue;
            wrong = [.. rng.Sample(wrong, 3)];
            string Say(string steps, long value) => Text.Inv($"{steps} So the answer is **{value}**.");
            return new Rb2Draft(prompt, [Say(working, answer)], [.. wrong.Select(w => Say(w.Working, w.Value))],
                new Rb2Check("math", Text.Inv($"{answer}"), [.. wrong.Select(w => Text.Inv($"{w.Value}"))]) { Expression = expression });
        }
    }

    private static (string Prompt, string Expression, long Answer, string Working, IReadOnlyList<(string Working, long Value)> Slips) MathProblem(SplitMix64 rng)
    {
        switch (rng.Next(4))
        {
            case 0:
            {
                int rows = rng.Next(3, 9), per = rng.Next(4, 13), boxes = rng.Next(3, 16);
                var perBox = rows * per;
                return (Text.Inv($"A crate holds {rows} rows of {per} apples. How many apples are in {boxes} crates?"),
                    Text.Inv($"{rows}*{per}*{boxes}"), perBox * boxes,
                    Text.Inv($"One crate holds {rows} × {per} = {perBox} apples, and {boxes} crates hold {perBox} × {boxes} = {perBox * boxes}."),
                    [
                        (Text.Inv($"One crate holds {rows} × {per} = {perBox} apples, and {boxes} crates hold {perBox} + {boxes} = {perBox + boxes}."), perBox + boxes),
                        (Text.Inv($"One crate holds {rows} + {per} = {rows + per} apples, and {boxes} crates hold {rows + per} × {boxes} = {(rows + per) * boxes}."), (rows + per) * boxes),
                        (Text.Inv($"One crate holds {rows} × {per} = {perBox} apples."), perBox),
                        (Text.Inv($"One crate holds {rows} × {per} = {perBox} apples, and {boxes} crates hold {perBox} × {boxes} = {perBox * boxes + 10}."), perBox * boxes + 10),
                    ]);
            }
            case 1:
            {
                int count = rng.Next(2, 9), price = rng.Next(2, 12);
                var cost = count * price;
                var bill = cost <= 39 ? 50 : 100; // change of at least $11, so every slip stays a positive amount
                return (Text.Inv($"Sam buys {count} notebooks at ${price} each and pays with a ${bill} bill. How many dollars of change does Sam get?"),
                    Text.Inv($"{bill}-{count}*{price}"), bill - cost,
                    Text.Inv($"The notebooks cost {count} × ${price} = ${cost}, so the change is ${bill} − ${cost} = ${bill - cost}."),
                    [
                        (Text.Inv($"The notebooks cost {count} + ${price} = ${count + price}, so the change is ${bill} − ${count + price} = ${bill - count - price}."), bill - count - price),
                        (Text.Inv($"The notebooks cost {count} × ${price} = ${cost}."), cost),
                        (Text.Inv($"The notebooks cost {count} × ${price} = ${cost}, so the change is ${bill} − ${cost} = ${bill - cost - 10}."), bill - cost - 10),
                        (Text.Inv($"The change is ${bill} − ${price} = ${bill - price}."), bill - price),
                    ]);
            }
            case 2:
            {
                var m = rng.Next(5, 60);
                var sum = 3 * m + 3;
                return (Text.Inv($"The sum of three consecutive whole numbers is {sum}. What is the largest of them?"),
                    Text.Inv($"({sum}-3)/3+2"), m + 2,
                    Text.Inv($"Call them n, n + 1 and n + 2: 3n + 3 = {sum}, so n = {m} and the largest is {m} + 2 = {m + 2}."),
                    [
                        (Text.Inv($"Call them n, n + 1 and n + 2: 3n + 3 = {sum}, so n = {m} and the largest is n = {m}."), m),
                        (Text.Inv($"Each is about {sum} ÷ 3 = {m + 1}, so the largest is {m + 1}."), m + 1),
                        (Text.Inv($"Call them n, n + 1 and n + 2: 3n = {sum}, so n = {sum / 3} and the largest is {sum / 3 + 2}."), sum / 3 + 2),
                        (Text.Inv($"Call them n, n + 1 and n + 2: 3n + 3 = {sum}, so n = {m} and the largest is {m} + 3 = {m + 3}."), m + 3),
                    ]);
            }
            default:
            {
                int speed = rng.Next(4, 13) * 10, hours = rng.Next(2, 7), extra = rng.Next(1, 4) * 10;
                var distance = speed * hours + extra;
                return (Text.Inv($"A train travels at {speed} km/h for {hours} hours and then another {extra} km. How many kilometres does it travel in total?"),
                    Text.Inv($"{speed}*{hours}+{extra}"), distance,
                    Text.Inv($"At {speed} km/h for {hours} hours it covers {speed} × {hours} = {speed * hours} km, plus {extra} km makes {distance} km."),
                    [
                        (Text.Inv($"At {speed} km/h for {hours} hours it covers {speed} × {hours} = {speed * hours} km."), speed * hours),
                        (Text.Inv($"It covers {speed} + {hours} = {speed + hours} km, plus {extra} km makes {speed + hours + extra} km."), speed + hours + extra),
                        (Text.Inv($"At {speed} km/h for {hours} hours it covers {speed} × {hours} = {speed * hours} km, plus {extra} km makes {distance + 100} km."), distance + 100),
                        (Text.Inv($"At {speed} km/h for {hours} hours it covers {speed} × {hours + 1} = {speed * (hours + 1)} km, plus {extra} km makes {speed * (hours + 1) + extra} km."), speed * (hours + 1) + extra),
                    ]);
            }
        }
    }

    private static readonly string[] Attributes = ["capital", "currency", "continent", "calling code"];

    /// <summary>A question about one attribute of one country; rejected answers are true but about another attribute or country.</summary>
    public static Rb2Draft Focus(SplitMix64 rng)
    {
        var countries = Rb2Tables.Countries;
        var c = rng.Next(countries.Length);
        var attribute = rng.Next(Attributes.Length);
        string Value(int country, int a) => a switch
        {
            0 => countries[country].Capital,
            1 => countries[country].Currency,
            2 => countries[country].Continent,
            _ => countries[country].CallingCode,
        };
        string Say(int country, int a)
        {
            var name = countries[country].Country;
            var v = Value(country, a);
            return Open(rng) + a switch
            {
                0 => $"The capital of {name} is {v}.",
                1 => $"The currency of {name} is {v}.",
                2 => $"{name} is in {v}.",
                _ => $"The international calling code of {name} is {v}.",
            };
        }
        var question = attribute switch
        {
            0 => rng.Pick<string>([$"What is the capital of {countries[c].Country}?", $"Which city is the capital of {countries[c].Country}?"]),
            1 => rng.Pick<string>([$"What currency is used in {countries[c].Country}?", $"What is the currency of {countries[c].Country}?"]),
            2 => rng.Pick<string>([$"Which continent is {countries[c].Country} in?", $"On which continent is {countries[c].Country}?"]),
            _ => rng.Pick<string>([$"What is the international calling code of {countries[c].Country}?", $"Which country code do I dial to call {countries[c].Country}?"]),
        };
        var asked = Value(c, attribute);
        // Another country whose value for the asked attribute differs, and two other attributes of the asked country.
        var other = Enumerable.Range(0, countries.Length).Where(o => o != c && Value(o, attribute) != asked).ToList();
        var otherCountry = rng.Pick(other);
        var otherAttributes = rng.Sample(Enumerable.Range(0, Attributes.Length).Where(a => a != attribute).ToList(), 2);
        List<string> rejected = [Say(c, otherAttributes[0]), Say(c, otherAttributes[1]), Say(otherCountry, attribute)];
        rejected = [.. rng.Sample(rejected, 3)];
        return new Rb2Draft(question, [Say(c, attribute)], rejected, new Rb2Check("focus", asked, []) { Constraint = countries[c].Country });
    }
}
