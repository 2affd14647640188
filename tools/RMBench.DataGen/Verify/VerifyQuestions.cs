using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Verify;

/// <summary>One completion of a verify question: its text, the final answer it states, and whether that answer matches the reference.</summary>
public sealed record VerifyCompletion(string Text, string Final, bool Correct, string Style);

/// <summary>
/// A question with its reference answer and four completions: a short correct one, a worked correct one
/// (sometimes in an equivalent form of the answer), a short wrong one and a long, confident wrong one. Why
/// says how a careful reader checks the reference.
/// </summary>
public sealed record VerifyQuestion(string AnswerType, string Question, string Reference, IReadOnlyList<VerifyCompletion> Completions, string Why);

/// <summary>The question templates of the verify suite, one per answer type: numeric, multiple-choice, string, expression.</summary>
internal static class VerifyQuestions
{
    public static readonly IReadOnlyList<string> AnswerTypes = ["numeric", "multiple-choice", "string", "expression"];

    private static readonly string[] Confidence =
    [
        "I have verified this carefully, and I am completely certain it is correct.",
        "This is definitely the right answer; every step above has been double-checked.",
        "There is no doubt here: the reasoning is airtight and the result is final.",
    ];

    public static VerifyQuestion Draw(string answerType, SplitMix64 rng) => answerType switch
    {
        "numeric" => Numeric(rng),
        "multiple-choice" => MultipleChoice(rng),
        "string" => Reversal(rng),
        "expression" => Expansion(rng),
        _ => throw new ArgumentOutOfRangeException(nameof(answerType), answerType, "unknown answer type"),
    };

    /// <summary>The four completions; <paramref name="right"/> and <paramref name="wrong"/> are the final answers they state.</summary>
    private static VerifyCompletion[] Four(string right, string wrong, string shortRight, string longRight, string shortWrong, string longWrong, SplitMix64 rng) =>
    [
        new(shortRight, right, true, "short"),
        new(longRight, right, true, "worked"),
        new(shortWrong, wrong, false, "short"),
        new(longWrong + " " + rng.Pick(Confidence), wrong, false, "long-confident"),
    ];

    private static VerifyQuestion Numeric(SplitMix64 rng)
    {
        var (morning, afternoon, days) = (rng.Next(5, 40), rng.Next(5, 40), rng.Next(3, 9));
        var right = (morning + afternoon) * days;
        var wrong = morning + afternoon * days; // precedence slip: only the afternoon distance is multiplied
        var question = Inv($"A cyclist rides {morning} km every morning and {afternoon} km every afternoon for {days} days. How many kilometres does she ride in total?");
        return new VerifyQuestion("numeric", question, Inv($"{right}"), Four(Inv($"{right}"), Inv($"{wrong}"),
            Inv($"({morning} + {afternoon}) × {days} = {right}. The answer is {right}."),
            Inv($"Each day she rides {morning} + {afternoon} = {morning + afternoon} km. Over {days} days that is {morning + afternoon} × {days} = {right} km. The answer is {right} km."),
            Inv($"{morning} + {afternoon} × {days} = {wrong}. The answer is {wrong}."),
            Inv($"We add the morning distance to the afternoon distance over all the days. The afternoon rides total {afternoon} × {days} = {afternoon * days} km, and adding the morning distance of {morning} km gives {afternoon * days} + {morning} = {wrong} km. Therefore the total distance ridden is {wrong} km, and the answer is {wrong}."),
            rng), Inv($"each day is {morning} + {afternoon} km, so the total is ({morning} + {afternoon}) × {days} = {right}."));
    }

    private static readonly int[] Primes = [23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];
    private static readonly (int N, string Factors)[] Composites =
    [
        (21, "3 × 7"), (27, "3 × 9"), (33, "3 × 11"), (39, "3 × 13"), (49, "7 × 7"), (51, "3 × 17"), (57, "3 × 19"),
        (63, "7 × 9"), (69, "3 × 23"), (77, "7 × 11"), (81, "9 × 9"), (87, "3 × 29"), (91, "7 × 13"), (93, "3 × 31"),
    ];

    private static VerifyQuestion MultipleChoice(SplitMix64 rng)
    {
        var prime = rng.Pick(Primes);
        var others = rng.Sample(Composites, 3);
        var position = rng.Next(4);
        var options = new List<int>(others.Select(o => o.N));
        options.Insert(position, prime);
        var letters = "ABCD";
        var right = letters[position];
        var decoy = Enumerable.Range(0, 4).First(i => i != position);
        var decoyFactors = Composites.Single(c => c.N == options[decoy]).Factors;
        var question = "Which of these numbers is prime? " + string.Join(" ", options.Select((n, i) => Inv($"({letters[i]}) {n}")));
        var composites = string.Join(", ", others.Select(o => $"{o.N} = {o.Factors}"));
        return new VerifyQuestion("multiple-choice", question, right.ToString(), Four(right.ToString(), letters[decoy].ToString(),
            Inv($"({right}) {prime}"),
            Inv($"The others factor: {composites}. {prime} has no divisor between 2 and its square root, so it is prime. The answer is ({right})."),
            Inv($"({letters[decoy]}) {options[decoy]}"),
            Inv($"A prime number has no divisors other than 1 and itself. Checking {options[decoy]}: it is odd, so 2 does not divide it, and its digits do not suggest any small factor. Testing the usual candidates leaves no divisor, so {options[decoy]} is prime. The answer is ({letters[decoy]})."),
            rng), Inv($"{prime} is prime and {composites}; the long wrong answer misses {options[decoy]} = {decoyFactors}."));
    }

    private static readonly string[] Words =
    [
        "planet", "garden", "silver", "mirror", "candle", "forest", "bridge", "rocket", "window", "basket",
        "pencil", "meadow", "harbor", "lantern", "quartz", "violin", "summit", "tunnel", "copper", "falcon",
    ];

    private static VerifyQuestion Reversal(SplitMix64 rng)
    {
        var word = rng.Pick(Words);
        var reversed = new string(word.Reverse().ToArray());
        // Swap two different neighbours (a swap of equal letters, as in "rorrim", would change nothing).
        var positions = Enumerable.Range(1, reversed.Length - 3).Where(i => reversed[i] != reversed[i + 1]).ToList();
        var k = rng.Pick(positions);
        var slip = reversed[..k] + reversed[k + 1] + reversed[k] + reversed[(k + 2)..]; // two neighbours swapped
        var letters = string.Join(", ", reversed.Select(c => c.ToString()));
        var slipLetters = string.Join(", ", slip.Select(c => c.ToString()));
        return new VerifyQuestion("string", $"Write the word \"{word}\" backwards.", reversed, Four(reversed, slip,
            $"{reversed}",
            $"Reading \"{word}\" from its last letter to its first gives {letters}. The answer is {reversed}.",
            $"{slip}",
            $"To reverse a word we read its letters from the end back to the start, one at a time. Doing that for \"{word}\" gives {slipLetters}, and joining them gives the final string. The answer is {slip}.",
            rng), $"reading \"{word}\" right to left gives \"{reversed}\"; the wrong completions swap two neighbouring letters.");
    }

    private static VerifyQuestion Expansion(SplitMix64 rng)
    {
        var (a, b) = (rng.Next(2, 10), rng.Next(3, 10));
        var (sum, product) = (a + b, a * b); // never equal: a + b = a b only for a = b = 2, and b >= 3
        var reference = Inv($"x^2 + {sum}x + {product}");
        var slip = Inv($"x^2 + {product}x + {sum}"); // sum and product swapped
        return new VerifyQuestion("expression", Inv($"Expand (x + {a})(x + {b})."), reference, Four(reference, slip,
            reference,
            Inv($"Multiplying term by term: x·x + {b}x + {a}x + {a}·{b} = x² + {sum}x + {product}. The answer is {reference}."),
            slip,
            Inv($"Using the pattern (x + p)(x + q) = x² + pq·x + (p + q), the coefficient of x is the product {a} × {b} = {product} and the constant is the sum {a} + {b} = {sum}. So the expansion is {slip}."),
            rng), Inv($"(x + {a})(x + {b}) = x² + ({a} + {b})x + {a}·{b} = {reference}; the wrong completions swap the sum and the product."));
    }
}
