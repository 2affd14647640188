namespace RMBench.Core.Models;

/// <summary>
/// One finished judgment of a generative judge, journaled as soon as it is made so that an interrupted run
/// never asks for it again, and kept for audit in judgments.parquet.
/// </summary>
/// <param name="Key">The judged request's hash (a comparison in one order, or a rated response).</param>
/// <param name="Order">"chosen-first"/"rejected-first" for comparisons, "" for ratings.</param>
/// <param name="PromptHash">SHA-256 of the messages sent (first turn), so an audit can tell prompts apart.</param>
/// <param name="RawText">The judge's reply (every turn, follow-ups included, separated by a blank line).</param>
/// <param name="Verdict">The verdict label read from the reply; null when unparsed.</param>
/// <param name="Score">What the runner receives: the first-position vote (+1/0/-1) or the rating; NaN when unparsed.</param>
/// <param name="Requests">HTTP calls made for it (1 + follow-ups).</param>
/// <param name="LogprobFallback">A log-prob rating that fell back to the parsed rating (the server sent no log-probs).</param>
public sealed record JudgmentRecord(string Key, string Suite, string ItemId, string Role, string Order, string PromptHash,
    string RawText, string? Verdict, float Score, int PromptTokens, int CompletionTokens, int Requests, bool LogprobFallback = false);

/// <summary>Where a judge looks up finished judgments and records new ones (the run folder's judgments journal).</summary>
public interface IJudgmentJournal
{
    bool TryGet(string key, out JudgmentRecord record);

    /// <summary>Appends and flushes one judgment; thread-safe.</summary>
    void Append(JudgmentRecord record);
}

/// <summary>Optional for generative judges: the runner attaches the run's judgment journal before scoring.</summary>
public interface IJudgingModel
{
    void Attach(IJudgmentJournal journal);

    /// <summary>Price per million prompt and completion tokens (--price-per-mtok), for run.json's cost estimate.</summary>
    (double Prompt, double Completion)? PricePerMillionTokens { get; }
}
