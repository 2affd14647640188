namespace RMBench.DataGen.GeneralRb2;

/// <summary>
/// Ties prompts: questions with several correct answers ("name a prime number between 20 and 40"). Every
/// answer starts with its number and states the property, so a reader checks it with one division or
/// addition; the incorrect numbers lie in the same range and miss the property (odd composites for primes).
/// Draft: 2 to 4 correct answers first, then 3 incorrect ones.
/// </summary>
internal static class TiesDraws
{
    public static Rb2Draft Draw(SplitMix64 rng)
    {
        while (true)
        {
            var (prompt, property, low, high, has, say) = Family(rng);
            var range = Enumerable.Range(low + 1, high - low - 1).ToList(); // "between" excludes both ends
            var correct = range.Where(has).ToList();
            var incorrect = range.Where(n => !has(n)).ToList();
            if (property == "prime") incorrect = [.. incorrect.Where(n => n % 2 == 1 && n % 5 != 0)]; // plausible-looking non-primes
            if (correct.Count < 2 || incorrect.Count < 3) continue;
            var chosen = rng.Sample(correct, Math.Min(correct.Count, rng.Next(2, 5)));
            var rejected = rng.Sample(incorrect, 3);
            return new Rb2Draft(prompt, [.. chosen.Select(say)], [.. rejected.Select(say)],
                new Rb2Check("ties", "", []) { Constraint = property, Low = low, High = high });
        }
    }

    private static (string Prompt, string Property, int Low, int High, Func<int, bool> Has, Func<int, string> Say) Family(SplitMix64 rng)
    {
        switch (rng.Next(5))
        {
            case 0:
            {
                var low = rng.Next(2, 16) * 5;
                var high = low + rng.Next(2, 5) * 10;
                return (Text.Inv($"Name a prime number between {low} and {high}."), "prime", low, high, IsPrime,
                    n => Text.Inv($"{n} is a prime number between {low} and {high}: no whole number from 2 to {n - 1} divides it."));
            }
            case 1:
            {
                var k = rng.Next(6, 14);
                var low = rng.Next(3, 20) * 5;
                var high = low + k * rng.Next(3, 6);
                return (Text.Inv($"Name a multiple of {k} between {low} and {high}."), Text.Inv($"multiple:{k}"), low, high, n => n % k == 0,
                    n => Text.Inv($"{n} is a multiple of {k}: {n} ÷ {k} = {n / k} with nothing left over."));
            }
            case 2:
            {
                var s = rng.Next(5, 15);
                return (Text.Inv($"Give a two-digit number whose digits add up to {s}."), Text.Inv($"digit-sum:{s}"), 9, 100, n => n / 10 + n % 10 == s,
                    n => Text.Inv($"{n}, because {n / 10} + {n % 10} = {s}."));
            }
            case 3:
            {
                var low = rng.Next(2, 30) * 10;
                var high = low + rng.Next(15, 40) * 10;
                return (Text.Inv($"Name a perfect square between {low} and {high}."), "square", low, high, IsSquare,
                    n => Text.Inv($"{n}, which is {(int)Math.Round(Math.Sqrt(n))} × {(int)Math.Round(Math.Sqrt(n))}."));
            }
            default:
            {
                var low = rng.Next(180, 205) * 10;
                var high = low + rng.Next(1, 4) * 10;
                return (Text.Inv($"Name a leap year between {low} and {high}."), "leap-year", low, high, IsLeap,
                    n => Text.Inv($"{n} is a leap year: it is divisible by 4{(n % 100 == 0 ? " and, as a century year, by 400" : "")}."));
            }
        }
    }

    private static bool IsPrime(int n)
    {
        if (n < 2) return false;
        for (var d = 2; d * d <= n; d++)
            if (n % d == 0) return false;
        return true;
    }

    private static bool IsSquare(int n)
    {
        var r = (int)Math.Round(Math.Sqrt(n));
        return r * r == n;
    }

    private static bool IsLeap(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}
