using System.Globalization;
using static RMBench.DataGen.Text;

namespace RMBench.DataGen.Subsets;

/// <summary>
/// Reasoning section. Word problems whose numbers are computed here, with the rejected working making one
/// wrong step (and carrying it through); "what does this print" questions whose outputs are computed here.
/// </summary>
internal static class ReasoningSubsets
{
    // ---------------------------------------------------------------- reasoning-math

    /// <summary>A solved problem: the correct and the flawed working (same steps, one of them wrong).</summary>
    private sealed record Solved(
        string Question, IReadOnlyList<string> Steps, IReadOnlyList<string> WrongSteps, string Conclusion,
        string Answer, string Wrong, string Format, string Expression, int Decimals = 0);

    public static Draft Math(SplitMix64 rng)
    {
        var s = rng.Next(9) switch
        {
            0 => Change(rng),
            1 => Distance(rng),
            2 => Fence(rng),
            3 => Savings(rng),
            4 => Ages(rng),
            5 => Boxes(rng),
            6 => EndTime(rng),
            7 => Recipe(rng),
            _ => Bus(rng),
        };
        Require(s.Answer != s.Wrong, "math wrong answer equals the right one: " + s.Question);
        var prefix = rng.Pick<string>(["", "", "Can you solve this and show your working? ", "Word problem: ", "My son is stuck on this homework question: "]);
        string Working(IReadOnlyList<string> steps, string answer) =>
            string.Join("\n", steps.Select((step, i) => Inv($"{i + 1}. {step}"))) + "\n\n" + s.Conclusion.Replace("{x}", "**" + answer + "**", StringComparison.Ordinal);
        var chosen = Working(s.Steps, s.Answer);
        var rejected = rng.Chance(0.55)
            ? rng.Pick<string>([$"The answer is **{s.Wrong}**.", s.Conclusion.Replace("{x}", "**" + s.Wrong + "**", StringComparison.Ordinal)])
            : Working(s.WrongSteps, s.Wrong);
        return new Draft(prefix + s.Question, chosen, rejected)
        {
            Answer = new AnswerCheck(s.Answer, s.Wrong, s.Format, s.Expression, s.Decimals),
        };
    }

    private static decimal Quarter(SplitMix64 rng, decimal min, decimal max) => min + 0.25m * rng.Next((int)((max - min) / 0.25m) + 1);

    private static readonly IReadOnlyList<(string One, string Many)> Goods =
    [
        ("notebook", "notebooks"), ("pen", "pens"), ("muffin", "muffins"), ("bottle of juice", "bottles of juice"),
        ("pack of stickers", "packs of stickers"), ("candle", "candles"), ("bag of chips", "bags of chips"), ("postcard", "postcards"),
    ];

    private static Solved Change(SplitMix64 rng)
    {
        var name = rng.Pick(Tables.Names);
        var goods = rng.Sample(Goods, 2);
        var (a, b) = (rng.Next(2, 7), rng.Next(2, 7));
        var (p, q) = (Quarter(rng, 0.50m, 6.00m), Quarter(rng, 0.50m, 6.00m));
        var (costA, costB) = (a * p, b * q);
        var total = costA + costB;
        var note = new[] { 20m, 50m, 100m }.First(n => n > total + 1);
        var change = note - total;
        var wrongB = (b - 1) * q;
        var wrongChange = note - (costA + wrongB);
        var question = Inv($"{name} buys {a} {goods[0].Many} at {Money(p)} each and {b} {goods[1].Many} at {Money(q)} each, and pays with a {Money(note)} bill. How much change should {name} get?");
        string[] Steps(decimal bCost) =>
        [
            Inv($"{Capitalize(goods[0].Many)}: {a} × {Money(p)} = {Money(costA)}"),
            Inv($"{Capitalize(goods[1].Many)}: {b} × {Money(q)} = {Money(bCost)}"),
            Inv($"Total: {Money(costA)} + {Money(bCost)} = {Money(costA + bCost)}"),
            Inv($"Change: {Money(note)} - {Money(costA + bCost)} = {Money(note - costA - bCost)}"),
        ];
        return new Solved(question, Steps(costB), Steps(wrongB), $"{name} should get {{x}} in change.",
            Money(change), Money(wrongChange), "money", Inv($"{note} - ({a} * {p} + {b} * {q})"), 2);
    }

    private static Solved Distance(SplitMix64 rng)
    {
        var (vehicle, min, max) = rng.Pick<(string, int, int)>([("train", 60, 160), ("car", 40, 120), ("cyclist", 12, 30), ("bus", 30, 90)]);
        var (s1, s2) = (rng.Next(min, max + 1), rng.Next(min, max + 1));
        var (t1, t2) = (rng.Next(1, 5), rng.Next(1, 5));
        var (d1, d2) = (s1 * t1, s2 * t2);
        var wrongD2 = s2 * (t2 + 1);
        var question = Inv($"A {vehicle} travels at {s1} km/h for {t1} {Plural(t1, "hour", "hours")}, then at {s2} km/h for {t2} {Plural(t2, "hour", "hours")}. How far does it travel in total?");
        string[] Steps(int second) =>
        [
            Inv($"First part: {s1} km/h × {t1} h = {d1} km"),
            Inv($"Second part: {s2} km/h × {t2} h = {second} km"),
            Inv($"Total: {d1} km + {second} km = {d1 + second} km"),
        ];
        return new Solved(question, Steps(d2), Steps(wrongD2), $"The {vehicle} travels {{x}} in total.",
            Inv($"{d1 + d2} km"), Inv($"{d1 + wrongD2} km"), "number", Inv($"{s1} * {t1} + {s2} * {t2}"));
    }

    private static Solved Fence(SplitMix64 rng)
    {
        var (length, width) = (rng.Next(6, 41), rng.Next(3, 21));
        var price = rng.Next(4, 26);
        var perimeter = 2 * (length + width);
        var wrongPerimeter = 2 * length + width;
        var place = rng.Pick<string>(["garden", "vegetable patch", "paddock", "playground"]);
        var question = Inv($"A rectangular {place} is {length} m long and {width} m wide. Fencing costs {Money(price)} per metre. How much does it cost to fence the whole {place}?");
        string[] Steps(int per, string how) =>
        [
            Inv($"Perimeter: {how} = {per} m"),
            Inv($"Cost: {per} m × {Money(price)} = {Money(per * price)}"),
        ];
        return new Solved(question,
            Steps(perimeter, Inv($"2 × ({length} + {width})")), Steps(wrongPerimeter, Inv($"2 × {length} + {width}")),
            $"Fencing the whole {place} costs {{x}}.",
            Money(perimeter * price), Money(wrongPerimeter * price), "money", Inv($"2 * ({length} + {width}) * {price}"), 2);
    }

    private static Solved Savings(SplitMix64 rng)
    {
        var name = rng.Pick(Tables.Names);
        var start = 10 * rng.Next(2, 31);
        var weekly = 5 * rng.Next(2, 11);
        var weeks = rng.Next(4, 13);
        var thing = rng.Pick<string>(["bike", "concert ticket", "pair of trainers", "video game", "jacket"]);
        var spend = 5 * rng.Next(4, (start + weekly * (weeks - 1)) / 5);
        var left = start + weekly * weeks - spend;
        var wrongLeft = start + weekly * (weeks - 1) - spend;
        var question = Inv($"{name} has {Money(start)} saved and puts aside {Money(weekly)} every week. After {weeks} weeks, {name} spends {Money(spend)} on a {thing}. How much is left?");
        string[] Steps(int w) =>
        [
            Inv($"Saved over {weeks} weeks: {Money(weekly)} × {w} = {Money(weekly * w)}"),
            Inv($"Before the purchase: {Money(start)} + {Money(weekly * w)} = {Money(start + weekly * w)}"),
            Inv($"After the purchase: {Money(start + weekly * w)} - {Money(spend)} = {Money(start + weekly * w - spend)}"),
        ];
        return new Solved(question, Steps(weeks), Steps(weeks - 1), $"{name} has {{x}} left.",
            Money(left), Money(wrongLeft), "money", Inv($"{start} + {weekly} * {weeks} - {spend}"), 2);
    }

    private static Solved Ages(SplitMix64 rng)
    {
        var names = rng.Sample(Tables.Names, 2);
        var (older, younger) = (names[0], names[1]);
        var age = rng.Next(4, 40);
        var gap = rng.Next(2, 15);
        var years = 2 * rng.Next(1, 6); // even, so the flawed working also lands on a whole number
        var sum = (age + years) + (age + gap + years);
        var wrongAge = (sum - gap - years) / 2;
        var question = Inv($"{older} is {gap} years older than {younger}. In {years} years, the sum of their ages will be {sum}. How old is {younger} now?");
        string[] Steps(int subtracted, int result) =>
        [
            Inv($"Let {younger}'s age now be a. In {years} years the ages are a + {years} and a + {gap} + {years}."),
            Inv($"So 2a + {gap} + {2 * years} = {sum}."),
            Inv($"2a = {sum} - {gap} - {subtracted} = {sum - gap - subtracted}"),
            Inv($"a = {sum - gap - subtracted} ÷ 2 = {result}"),
        ];
        return new Solved(question, Steps(2 * years, age), Steps(years, wrongAge), $"{younger} is {{x}} old now.",
            Inv($"{age} years"), Inv($"{wrongAge} years"), "number", Inv($"({sum} - {gap} - 2 * {years}) / 2"));
    }

    private static Solved Boxes(SplitMix64 rng)
    {
        var (things, container) = rng.Pick<(string, string)>([("cookies", "boxes"), ("eggs", "cartons"), ("students", "minibuses"), ("books", "crates"), ("cupcakes", "trays")]);
        int per, total;
        do
        {
            per = rng.Next(4, 16);
            total = rng.Next(25, 200);
        } while (total % per == 0);
        var (q, r) = (total / per, total % per);
        var question = Inv($"There are {total} {things}, and each of the {container} holds at most {per}. How many {container} are needed?");
        var right = new[]
        {
            Inv($"{total} ÷ {per} = {q} remainder {r}"),
            Inv($"{q} full {container} hold {q * per}, and the remaining {r} still need one more, so {q} + 1 = {q + 1}"),
        };
        var wrong = new[]
        {
            Inv($"{total} ÷ {per} = {q} remainder {r}"),
            Inv($"The remainder is less than a full load, so it can be ignored: {q}"),
        };
        return new Solved(question, right, wrong, $"You need {{x}}.",
            Inv($"{q + 1} {container}"), Inv($"{q} {container}"), "number", Inv($"ceil({total} / {per})"));
    }

    private static Solved EndTime(SplitMix64 rng)
    {
        var hours = rng.Next(1, 4);
        int start, minutes;
        do
        {
            start = 8 * 60 + 5 * rng.Next(0, 108); // 08:00 .. 16:55
            minutes = 5 * rng.Next(1, 12);         // 5 .. 55
        } while (start % 60 + minutes < 60);       // needs a carry into the next hour
        var afterHours = start + hours * 60;
        var end = afterHours + minutes;
        var wrongEnd = end - 60; // the carry is dropped
        var evt = rng.Pick<string>(["workshop", "exam", "rehearsal", "training session", "board meeting"]);
        var question = Inv($"A {evt} starts at {Clock(start)} and lasts {hours} {Plural(hours, "hour", "hours")} and {minutes} minutes. What time does it end?");
        var right = new[]
        {
            Inv($"{Clock(start)} + {hours} h = {Clock(afterHours)}"),
            Inv($"{Clock(afterHours)} + {minutes} min: {afterHours % 60} + {minutes} = {afterHours % 60 + minutes} minutes, which is 1 hour and {afterHours % 60 + minutes - 60} minutes, so {Clock(end)}"),
        };
        var wrong = new[]
        {
            Inv($"{Clock(start)} + {hours} h = {Clock(afterHours)}"),
            Inv($"{Clock(afterHours)} + {minutes} min: {afterHours % 60} + {minutes} = {afterHours % 60 + minutes - 60} minutes past the hour, so {Clock(wrongEnd)}"),
        };
        return new Solved(question, right, wrong, $"The {evt} ends at {{x}}.",
            Clock(end), Clock(wrongEnd), "clock", Inv($"{start} + {hours} * 60 + {minutes}"));
    }

    private static Solved Recipe(SplitMix64 rng)
    {
        var (ingredient, unit, perMin, perMax) = rng.Pick<(string, string, int, int)>([("flour", "g", 40, 120), ("milk", "ml", 50, 150), ("sugar", "g", 15, 60), ("rice", "g", 60, 100)]);
        var servings = rng.Next(2, 7);
        int target;
        do target = rng.Next(3, 13); while (target == servings);
        var perServing = rng.Next(perMin, perMax + 1);
        var amount = perServing * servings;
        var dish = rng.Pick<string>(["pancakes", "a rice pudding", "a pie", "crepes", "a cake"]);
        var question = Inv($"A recipe for {dish} uses {amount} {unit} of {ingredient} for {servings} servings. How much {ingredient} is needed for {target} servings?");
        string[] Steps(int times) =>
        [
            Inv($"Per serving: {amount} {unit} ÷ {servings} = {perServing} {unit}"),
            Inv($"For {target} servings: {perServing} {unit} × {target} = {perServing * times} {unit}"),
        ];
        return new Solved(question, Steps(target), Steps(target - 1), $"You need {{x}} of {ingredient}.",
            Inv($"{perServing * target} {unit}"), Inv($"{perServing * (target - 1)} {unit}"), "number", Inv($"{amount} / {servings} * {target}"));
    }

    private static Solved Bus(SplitMix64 rng)
    {
        var students = 20 * rng.Next(1, 16);           // 20 .. 300
        int percent;
        do percent = 5 * rng.Next(1, 20); while (percent == 50); // 5 .. 95, so students * percent / 100 is whole
        var walk = students * percent / 100;
        var bus = students - walk;
        Require(walk != bus, "bus problem needs different counts");
        var place = rng.Pick<string>(["class", "school", "summer camp", "sports club"]);
        var question = Inv($"A {place} has {students} students, and {percent}% of them walk there. The rest take the bus. How many take the bus?");
        var right = new[]
        {
            Inv($"Walkers: {percent}% of {students} = {students} × {percent} ÷ 100 = {walk}"),
            Inv($"Bus riders: {students} - {walk} = {bus}"),
        };
        var wrong = new[]
        {
            Inv($"Walkers: {percent}% of {students} = {students} × {percent} ÷ 100 = {walk}"),
            Inv($"So {walk} students take the bus"),
        };
        return new Solved(question, right, wrong, "{x} take the bus.",
            Inv($"{bus} students"), Inv($"{walk} students"), "number", Inv($"{students} - {students} * {percent} / 100"));
    }

    // ---------------------------------------------------------------- reasoning-code

    private sealed record Snippet(string Language, string Fence, string Code, string Output, string Why, string WrongOutput, string WrongWhy);

    public static Draft Code(SplitMix64 rng)
    {
        var s = rng.Next(10) switch
        {
            0 => RangeSum(rng),
            1 => ListSlice(rng),
            2 => FloorDivision(rng),
            3 => Aliasing(rng),
            4 => StringSlice(rng),
            5 => Halving(rng),
            6 => CSharpDivision(rng),
            7 => JsCoercion(rng),
            8 => Comprehension(rng),
            _ => PostIncrement(rng),
        };
        Require(s.Output != s.WrongOutput, "code wrong output equals the right one");
        var block = $"```{s.Fence}\n{s.Code}\n```";
        var prompt = rng.Pick<string>(
        [
            $"What does this {s.Language} code print?\n\n{block}",
            $"I'm studying for an exam. What's the output of this {s.Language} snippet?\n\n{block}",
            $"Without running it, what will this print?\n\n{block}",
        ]);
        var lead = rng.Pick<string>(["It prints:", "Output:", "This prints:"]);
        var chosen = $"{lead}\n\n```\n{s.Output}\n```\n\n{s.Why}";
        var rejected = rng.Chance(0.5)
            ? $"{lead}\n\n```\n{s.WrongOutput}\n```"
            : $"{lead}\n\n```\n{s.WrongOutput}\n```\n\n{s.WrongWhy}";
        return new Draft(prompt, chosen, rejected) { Answer = new AnswerCheck(s.Output, s.WrongOutput, "output") };
    }

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Snippet RangeSum(SplitMix64 rng)
    {
        var a = rng.Next(0, 6);
        var b = a + rng.Next(3, 9);
        var terms = Enumerable.Range(a, b - a).ToArray();
        var sum = terms.Sum();
        var name = rng.Pick<string>(["total", "acc", "s"]);
        var code = $"{name} = 0\nfor i in range({I(a)}, {I(b)}):\n    {name} += i\nprint({name})";
        return new Snippet("Python", "python", code, I(sum),
            Inv($"`range({a}, {b})` stops before {b}, so the loop adds {a} through {b - 1}: {string.Join(" + ", terms.Select(I))} = {sum}."),
            I(sum + b),
            Inv($"The loop adds every number from {a} to {b}: {string.Join(" + ", terms.Append(b).Select(I))} = {sum + b}."));
    }

    private static Snippet ListSlice(SplitMix64 rng)
    {
        var xs = rng.Sample(Enumerable.Range(1, 60).ToArray(), 6);
        var i = rng.Next(0, 4);
        var j = rng.Next(i + 2, 6);
        var code = $"xs = {PyList(xs)}\nprint(xs[{I(i)}:{I(j)}])";
        var indices = Enumerable.Range(i, j - i).Select(I).ToArray();
        return new Snippet("Python", "python", code, PyList(xs.Skip(i).Take(j - i)),
            Inv($"Indexing starts at 0, and the slice `xs[{i}:{j}]` takes indices {JoinAnd(indices)}, stopping before index {j}."),
            PyList(xs.Skip(i).Take(j - i + 1)),
            Inv($"The slice `xs[{i}:{j}]` includes both ends, so it takes every element from index {i} to index {j}."));
    }

    private static Snippet FloorDivision(SplitMix64 rng)
    {
        int a, b;
        do
        {
            a = -rng.Next(3, 30);
            b = rng.Next(2, 7);
        } while (a % b == 0);
        var floor = a / b - 1;            // a < 0 < b and inexact, so flooring goes one below truncation
        var mod = a - b * floor;
        var (trunc, rem) = (a / b, a % b); // C-style truncation
        var code = $"print({I(a)} // {I(b)})\nprint({I(a)} % {I(b)})";
        return new Snippet("Python", "python", code, $"{I(floor)}\n{I(mod)}",
            Inv($"Python's `//` rounds down, towards negative infinity, so {a} // {b} is {floor}, not {trunc}. The result of `%` takes the sign of the divisor: {a} - ({b} × {floor}) = {mod}."),
            $"{I(trunc)}\n{I(rem)}",
            Inv($"{a} ÷ {b} is about {(double)a / b:0.##}, and `//` just drops the decimal part, giving {trunc}; the remainder is {rem}."));
    }

    private static Snippet Aliasing(SplitMix64 rng)
    {
        var v = rng.Sample(Enumerable.Range(1, 20).ToArray(), 3);
        var copy = rng.Chance(0.5);
        var code = $"a = [{I(v[0])}, {I(v[1])}]\nb = a{(copy ? "[:]" : "")}\nb.append({I(v[2])})\nprint(a)";
        var two = PyList(v.Take(2));
        var three = PyList(v);
        return copy
            ? new Snippet("Python", "python", code, two,
                "`a[:]` makes a shallow copy, so `b` is a separate list and appending to it leaves `a` unchanged.",
                three, "`b` refers to the same list as `a`, so appending through `b` changes `a` too.")
            : new Snippet("Python", "python", code, three,
                "`b = a` doesn't copy anything: both names refer to the same list object, so appending through `b` also changes `a`.",
                two, "`b = a` creates a new list for `b`, so appending to `b` doesn't affect `a`.");
    }

    private static readonly IReadOnlyList<string> Words = ["python", "keyboard", "notebook", "elephant", "sunshine", "dolphin", "mountain", "painting", "computer", "lantern"];

    private static Snippet StringSlice(SplitMix64 rng)
    {
        var w = rng.Pick(Words);
        switch (rng.Next(3))
        {
            case 0:
            {
                var i = rng.Next(0, 3);
                var j = rng.Next(i + 2, w.Length - 1);
                return new Snippet("Python", "python", $"s = \"{w}\"\nprint(s[{I(i)}:{I(j)}])", w[i..j],
                    Inv($"`s[{i}:{j}]` takes the characters at indices {i} to {j - 1} (the end index is excluded), and indexing starts at 0."),
                    w[i..(j + 1)], Inv($"`s[{i}:{j}]` includes the characters at both index {i} and index {j}."));
            }
            case 1:
            {
                int k;
                do k = rng.Next(2, 5); while (2 * k == w.Length); // else the wrong reading gives the same text
                return new Snippet("Python", "python", $"s = \"{w}\"\nprint(s[-{I(k)}:])", w[^k..],
                    Inv($"A negative start counts from the end, so `s[-{k}:]` is the last {k} characters."),
                    w[k..], Inv($"`s[-{k}:]` skips the first {k} characters and prints the rest."));
            }
            default:
            {
                var upper = w.ToUpperInvariant();
                var even = string.Concat(upper.Where((_, i) => i % 2 == 0));
                var odd = string.Concat(upper.Where((_, i) => i % 2 == 1));
                return new Snippet("Python", "python", $"s = \"{w}\"\nprint(s.upper()[::2])", even,
                    "`upper()` capitalises the string, and `[::2]` takes every second character starting from index 0 (the first character).",
                    odd, "`[::2]` takes every second character, starting from the second one.");
            }
        }
    }

    private static Snippet Halving(SplitMix64 rng)
    {
        var n = rng.Next(10, 301);
        var sequence = new List<int> { n };
        while (sequence[^1] > 1) sequence.Add(sequence[^1] / 2);
        var count = sequence.Count - 1;
        var code = $"n = {I(n)}\ncount = 0\nwhile n > 1:\n    n //= 2\n    count += 1\nprint(count)";
        return new Snippet("Python", "python", code, I(count),
            Inv($"`n` goes {string.Join(" → ", sequence.Select(I))}, and the loop stops once `n` is 1, so the body runs {count} times."),
            I(count + 1),
            Inv($"The loop keeps halving until `n` reaches 0, which takes {count + 1} steps."));
    }

    private static Snippet CSharpDivision(SplitMix64 rng)
    {
        int a, b;
        do
        {
            a = rng.Next(7, 61);
            b = rng.Pick<int>([2, 4, 5, 8]);
        } while (a % b == 0);
        var real = ((double)a / b).ToString(CultureInfo.InvariantCulture);
        var code = $"int a = {I(a)};\nint b = {I(b)};\nConsole.WriteLine(a / b);\nConsole.WriteLine(a % b);\nConsole.WriteLine((double)a / b);";
        return new Snippet("C#", "csharp", code, $"{I(a / b)}\n{I(a % b)}\n{real}",
            Inv($"`a / b` with two `int`s is integer division, which truncates: {a} / {b} = {a / b}. `a % b` is the remainder, {a % b}. Casting `a` to `double` first makes the last division floating-point: {real}."),
            $"{real}\n{I(a % b)}\n{real}",
            Inv($"`a / b` divides the two numbers normally, giving {real}; `a % b` is the remainder {a % b}; and the cast doesn't change anything, so the last line is {real} again."));
    }

    private static Snippet JsCoercion(SplitMix64 rng)
    {
        var x = rng.Next(2, 10);
        var y = rng.Next(1, x);
        var code = $"console.log(\"{I(x)}\" + {I(y)});\nconsole.log(\"{I(x)}\" - {I(y)});";
        return new Snippet("JavaScript", "javascript", code, $"{I(x)}{I(y)}\n{I(x - y)}",
            Inv($"With `+`, if either operand is a string JavaScript concatenates, so \"{x}\" + {y} is the string \"{x}{y}\". `-` only works on numbers, so \"{x}\" is converted to {x} and the result is {x - y}."),
            $"{I(x + y)}\n{I(x - y)}",
            Inv($"JavaScript converts \"{x}\" to a number in both lines, so you get {x + y} and {x - y}."));
    }

    private static Snippet Comprehension(SplitMix64 rng)
    {
        var n = rng.Pick<int>([6, 8, 10, 12]);
        var k = rng.Next(2, 6);
        var evens = Enumerable.Range(0, n).Where(x => x % 2 == 0).ToArray();
        var evensInclusive = Enumerable.Range(0, n + 1).Where(x => x % 2 == 0).ToArray();
        var code = $"print([x * {I(k)} for x in range({I(n)}) if x % 2 == 0])";
        return new Snippet("Python", "python", code, PyList(evens.Select(x => x * k)),
            Inv($"`range({n})` gives 0 to {n - 1}; the even values are {JoinAnd(evens.Select(I).ToArray())}, and each is multiplied by {k}."),
            PyList(evensInclusive.Select(x => x * k)),
            Inv($"`range({n})` gives 0 to {n}; the even values are {JoinAnd(evensInclusive.Select(I).ToArray())}, and each is multiplied by {k}."));
    }

    private static Snippet PostIncrement(SplitMix64 rng)
    {
        var a = rng.Next(1, 21);
        var b = rng.Next(1, 21);
        var code = $"int x = {I(a)};\nint y = x++ + {I(b)};\nConsole.WriteLine(x + \" \" + y);";
        return new Snippet("C#", "csharp", code, $"{I(a + 1)} {I(a + b)}",
            Inv($"`x++` uses the current value of `x` ({a}) in the expression and increments it afterwards, so `y` = {a} + {b} = {a + b} and `x` ends up as {a + 1}."),
            $"{I(a + 1)} {I(a + 1 + b)}",
            Inv($"`x++` increments `x` to {a + 1} first, so `y` = {a + 1} + {b} = {a + 1 + b}."));
    }
}
