using System.Runtime.CompilerServices;
using System.Text.Json;
using Parquet.Serialization;
using RMBench.Core.Results;
using RMBench.Core.Running;
using RMBench.Core.Suites.Kinds;

namespace RMBench.Reports.Leaderboard;

/// <summary>One order of a judged comparison as the miss drill-down shows it: which response was shown first, the verdict, the judge's text.</summary>
public sealed record JudgeText(string Order, string Verdict, string Text);

/// <summary>
/// Misses of a generative judge. Its scores.parquet rows are comparisons in one order (role "NAME|chosen-first" or
/// "NAME|rejected-first", score the verdict from the first-shown response's side: +1, -1, 0, NaN unparsed), so the
/// chosen/rejected rule of <see cref="Misses"/> finds nothing. Here a miss is a comparison whose un-swapped votes do
/// not sum above 0 (a loss, or a tie at 0: unparsed verdicts vote 0), most votes against the chosen response first;
/// each is shown with the judge's verdict and text per order, read from the run folder's judgments.parquet (or
/// judgments.jsonl when the run stopped before writing it). Scores of ordinary models go to <see cref="Misses.Find"/>.
/// </summary>
public static class JudgeMisses
{
    private static readonly ConditionalWeakTable<LeaderboardRun, Task<IReadOnlyDictionary<string, JudgmentRow>>> Loaded = new();

    /// <summary>The subset's misses: judged comparisons when its rows are comparisons, else the chosen/rejected misses.</summary>
    public static IReadOnlyList<Miss> Find(IEnumerable<ScoreRow> scoresOfSubset, IReadOnlyDictionary<string, ItemText>? texts,
        IReadOnlyDictionary<string, JudgmentRow>? judgments)
    {
        var rows = scoresOfSubset.ToList();
        if (!rows.Any(r => Split(r.Role) is not null)) return Misses.Find(rows, texts);
        var misses = new List<(int Votes, string Id, string Comparison, List<ScoreRow> Orders)>();
        foreach (var comparison in rows.Where(r => Split(r.Role) is not null).GroupBy(r => (r.Id, Split(r.Role)!.Value.Name)))
        {
            var orders = comparison.OrderBy(r => Split(r.Role)!.Value.Order == ComparisonScoring.ChosenFirst ? 0 : 1).ToList();
            var votes = orders.Sum(ChosenVote);
            if (votes <= 0) misses.Add((votes, comparison.Key.Id, comparison.Key.Name, orders));
        }
        return misses
            .OrderBy(m => m.Votes).ThenBy(m => m.Id, StringComparer.Ordinal).ThenBy(m => m.Comparison, StringComparer.Ordinal)
            .Take(Misses.PerSubset)
            .Select(m => ToMiss(m.Id, m.Comparison, m.Votes, m.Orders, texts, judgments))
            .ToList();
    }

    /// <summary>
    /// The run folder's judgments by request hash (read once per run): judgments.parquet, else judgments.jsonl (complete
    /// lines only); empty when the folder has neither or they cannot be read (the misses then say the text is unavailable).
    /// </summary>
    public static Task<IReadOnlyDictionary<string, JudgmentRow>> LoadAsync(LeaderboardRun run, CancellationToken cancellationToken) =>
        Loaded.GetValue(run, r => ReadAsync(r.Folder, cancellationToken));

    private static Miss ToMiss(string id, string comparison, int votes, List<ScoreRow> orders,
        IReadOnlyDictionary<string, ItemText>? texts, IReadOnlyDictionary<string, JudgmentRow>? judgments)
    {
        ItemText? text = null;
        texts?.TryGetValue(id, out text);
        var (chosen, rejected) = Answers(comparison);
        return new Miss(comparison == "pair" ? id : $"{id} · {comparison}",
            Format.Clip(text?.Prompt ?? "", Misses.MaxChars),
            Format.Clip(At(text?.Chosen, chosen), Misses.MaxChars),
            Format.Clip(At(text?.Rejected, rejected), Misses.MaxChars),
            Votes(votes), Votes(-votes), votes == 0)
        {
            Judgments = [.. orders.Select(r => Judgment(r, judgments))],
        };
    }

    private static JudgeText Judgment(ScoreRow row, IReadOnlyDictionary<string, JudgmentRow>? judgments)
    {
        var chosenFirst = Split(row.Role)!.Value.Order == ComparisonScoring.ChosenFirst;
        var order = chosenFirst ? "chosen shown first" : "rejected shown first";
        var vote = ChosenVote(row) switch { > 0 => "chosen wins", < 0 => "chosen loses", _ => float.IsNaN(row.Score) ? "no verdict" : "tie" };
        if (judgments is null || !judgments.TryGetValue(row.RequestHash, out var judgment))
            return new JudgeText(order, vote, "(no judgment text in the run folder: judgments.parquet / judgments.jsonl missing or unreadable)");
        var verdict = judgment.Verdict is { } label ? $"verdict {label} · {vote}" : "unparsed · no verdict";
        return new JudgeText(order, verdict, Format.Clip(judgment.RawText, Misses.MaxChars * 2));
    }

    /// <summary>The order's vote for the chosen response: the first-shown side's verdict, swapped back for rejected-first; unparsed is 0.</summary>
    private static int ChosenVote(ScoreRow row)
    {
        if (!float.IsFinite(row.Score)) return 0;
        var sign = Math.Sign(row.Score);
        return Split(row.Role)!.Value.Order == ComparisonScoring.ChosenFirst ? sign : -sign;
    }

    private static string Votes(int votes) => votes > 0 ? $"+{Format.Integer(votes)} votes" : $"{Format.Integer(votes)} votes";

    /// <summary>(comparison, order) of a comparison role, null for any other role.</summary>
    private static (string Name, string Order)? Split(string role)
    {
        var bar = role.LastIndexOf('|');
        if (bar <= 0) return null;
        var order = role[(bar + 1)..];
        return order is ComparisonScoring.ChosenFirst or ComparisonScoring.RejectedFirst ? (role[..bar], order) : null;
    }

    /// <summary>Which chosen and rejected answers a comparison puts side by side: a style-matrix cell names them, a pair is the first of each.</summary>
    private static (int Chosen, int Rejected) Answers(string comparison)
    {
        for (var i = 0; i < StyleMatrixKind.Styles; i++)
            for (var j = 0; j < StyleMatrixKind.Styles; j++)
                if (StyleMatrixKind.CellKey(i, j) == comparison) return (i, j);
        return (0, 0);
    }

    private static string At(IReadOnlyList<string>? answers, int index) => answers is not null && index < answers.Count ? answers[index] : "";

    private static async Task<IReadOnlyDictionary<string, JudgmentRow>> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var byHash = new Dictionary<string, JudgmentRow>(StringComparer.Ordinal);
        var parquet = Path.Combine(folder, JudgmentLog.ParquetFile);
        if (File.Exists(parquet))
        {
            try
            {
                await using var stream = File.OpenRead(parquet);
                foreach (var row in (await ParquetSerializer.DeserializeAsync<JudgmentRow>(stream, cancellationToken: cancellationToken)).Data)
                    byHash.TryAdd(row.RequestHash, row);
                return byHash;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or InvalidOperationException)
            {
                byHash.Clear(); // fall back to the journal
            }
        }
        var journal = Path.Combine(folder, JudgmentLog.FileName);
        if (!File.Exists(journal)) return byHash;
        try
        {
            foreach (var line in File.ReadLines(journal))
                if (JournalLine(line) is { } row) byHash.TryAdd(row.RequestHash, row);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return byHash;
    }

    /// <summary>A judgments.jsonl line (snake_case JudgmentRecord) as a row; null for a torn or foreign line.</summary>
    private static JudgmentRow? JournalLine(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Text("key") is not { } key) return null;
            return new JudgmentRow { RequestHash = key, Order = Text("order") ?? "", Verdict = Text("verdict"), RawText = Text("raw_text") ?? "" };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
