using System.Collections.Concurrent;
using RMBench.Core.Models;
using RMBench.Core.Requests;

namespace RMBench.Remote.Judge;

/// <summary>
/// Asks for one judgment: journal first (a finished judgment is never asked again), then the chat call,
/// verdict parsing, at most --judge-followups extra turns when the reply holds no verdict at all, the
/// score (vote, parsed rating or log-prob expected rating), and the journal entry. Counts chat completions
/// against --max-requests (stopping the run, partial and resumable, before it spends more); the pool's retries of
/// a failed attempt are not counted.
/// </summary>
public sealed class JudgeEngine(ChatClient client, JudgeSettings settings)
{
    private readonly ConcurrentDictionary<string, int> _tokens = new(StringComparer.Ordinal);
    private IJudgmentJournal? _journal;
    private int _requests;

    public void Attach(IJudgmentJournal journal) => _journal = journal;

    /// <summary>Chat completions asked by this process (each possibly retried by the pool).</summary>
    public int Requests => _requests;

    /// <summary>Prompt + completion tokens of a judgment made or loaded in this process, taken once.</summary>
    public bool TryTakeTokens(string key, out int tokens) => _tokens.TryRemove(key, out tokens);

    public async Task<float> JudgeAsync(string key, JudgeVariables variables, RequestOrigin origin, string order, CancellationToken cancellationToken)
    {
        if (_journal is not null && _journal.TryGet(key, out var done))
        {
            _tokens[key] = done.PromptTokens + done.CompletionTokens;
            return done.Score;
        }
        var preset = settings.Preset;
        List<ChatMessage> messages = [];
        var system = preset.System.Render(variables);
        if (system.Length > 0) messages.Add(new ChatMessage("system", system));
        messages.Add(new ChatMessage("user", preset.User.Render(variables)));
        var promptHash = Core.IO.Sha256.Hex(client.RequestBody(messages));

        var reply = await CallAsync(messages, cancellationToken);
        var (prompt, completion, calls) = (reply.PromptTokens, reply.CompletionTokens, 1);
        var texts = new List<string> { reply.Content };
        for (var followUp = 0; followUp < settings.FollowUps && VerdictParser.Candidates(reply.Content, preset).Count == 0; followUp++)
        {
            messages.Add(new ChatMessage("assistant", reply.Content));
            messages.Add(new ChatMessage("user", preset.FollowUp));
            reply = await CallAsync(messages, cancellationToken);
            (prompt, completion, calls) = (prompt + reply.PromptTokens, completion + reply.CompletionTokens, calls + 1);
            texts.Add(reply.Content);
        }
        var verdict = VerdictParser.Parse(reply.Content, preset);
        var (score, fallback) = Score(verdict, reply);
        var record = new JudgmentRecord(key, origin.Suite, origin.ItemId, origin.Role, order, promptHash,
            string.Join("\n\n", texts), verdict?.Label, score, prompt, completion, calls, fallback);
        _journal?.Append(record);
        _tokens[key] = prompt + completion;
        return score;
    }

    private (float Score, bool LogprobFallback) Score(ParsedVerdict? verdict, ChatReply reply)
    {
        if (verdict is null) return (float.NaN, false);
        if (!settings.Logprobs) return ((float)verdict.Value, false);
        var expected = LogprobRating.Expected(reply.Logprobs, verdict.Offset, settings.Preset.MinRating, settings.Preset.MaxRating);
        return expected is { } value ? ((float)value, false) : ((float)verdict.Value, true);
    }

    private Task<ChatReply> CallAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (settings.MaxRequests is { } max && Interlocked.Increment(ref _requests) > max)
            throw new ModelUnavailableException(
                $"--max-requests {max} reached: stopped before spending more; rerun the same command (with a higher or no --max-requests) to resume");
        if (settings.MaxRequests is null) Interlocked.Increment(ref _requests);
        return client.CompleteAsync(messages, cancellationToken);
    }
}

/// <summary>The expected rating over the rating tokens' probabilities at the verdict's position.</summary>
public static class LogprobRating
{
    /// <summary>
    /// Finds the generated token covering character <paramref name="offset"/> of the reply and averages the
    /// integer ratings among its top alternatives, weighted by their (renormalised) probabilities; null
    /// when there are no log-probs or no rating token there.
    /// </summary>
    public static double? Expected(IReadOnlyList<TokenLogprob>? tokens, int offset, int min, int max)
    {
        if (tokens is null) return null;
        var position = 0;
        foreach (var token in tokens)
        {
            var end = position + token.Token.Length;
            if (offset >= position && offset < end)
            {
                var alternatives = token.Top.Count > 0 ? token.Top : [(token.Token, token.Logprob)];
                double weight = 0, sum = 0;
                foreach (var (text, logprob) in alternatives)
                    if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rating)
                        && rating >= min && rating <= max)
                    {
                        var p = Math.Exp(logprob);
                        weight += p;
                        sum += p * rating;
                    }
                return weight > 0 ? sum / weight : null;
            }
            position = end;
        }
        return null;
    }
}
