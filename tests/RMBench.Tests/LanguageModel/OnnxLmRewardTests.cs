using System.Text;
using Microsoft.ML.OnnxRuntime;
using RMBench.Onnx.LanguageModel;

namespace RMBench.Tests.LanguageModel;

/// <summary>onnx-lm on tiny random causal LMs in real ONNX Runtime sessions, against log-softmax computed here from the full logits.</summary>
public class OnnxLmRewardTests
{
    /// <summary>Sum over t = from..len-1 of log softmax(logits[t - 1])[ids[t]], in double, from the unsplit graph's [1, seq, vocab] logits.</summary>
    private static double[] HandLogProbs(string dir, int[] ids, int from)
    {
        using var session = new InferenceSession(Path.Combine(dir, "model.onnx"));
        long[] shape = [1, ids.Length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var outputs = session.Run(new RunOptions(), ["input_ids", "attention_mask"], [idsValue, mask], ["logits"]);
        var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var vocab = logits.Length / ids.Length;
        var result = new List<double>();
        for (var t = Math.Max(1, from); t < ids.Length; t++)
        {
            var row = logits.AsSpan((t - 1) * vocab, vocab);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            var sum = 0.0;
            foreach (var v in row) sum += Math.Exp(v - max);
            result.Add(row[ids[t]] - max - Math.Log(sum));
        }
        return [.. result];
    }

    private static LmEncoded Encode(string dir, RMBench.Core.Requests.ScoringRequest request, string template = "chatml") =>
        LmTextEncoder.Load(dir, LmFixtures.Settings(template).TextOptions).EncodeResponse(request);

    [Fact]
    public async Task Logprob_and_mean_equal_a_hand_computed_log_softmax_over_exactly_the_response_tokens()
    {
        var dir = LmFixtures.Export();
        var request = LmFixtures.Request("hi there", "hello world");
        var encoded = Encode(dir, request);
        Assert.Equal(Encoding.UTF8.GetBytes("hello world").Select(b => (int)b), encoded.Ids[encoded.From..]); // the span is the response, nothing else
        Assert.False(encoded.PrefixMismatch);
        var expected = HandLogProbs(dir, encoded.Ids, encoded.From);
        Assert.Equal(11, expected.Length);
        Assert.True(expected.Distinct().Count() > 5, "the random LM should not be uniform");

        await using var sum = await LmFixtures.OpenAsync(dir);
        var scored = await sum.ScoreAsync(LmFixtures.Batch(request), CancellationToken.None);
        Assert.Equal(expected.Sum(), scored[0], 1e-4);
        await using var mean = await LmFixtures.OpenAsync(dir, new LmSettings(LmReward.LogProbMean, null, 0.1, null));
        Assert.Equal(expected.Average(), (await mean.ScoreAsync(LmFixtures.Batch(request), CancellationToken.None))[0], 1e-5);
    }

    [Fact]
    public async Task Dpo_with_the_policy_as_its_own_reference_is_exactly_zero_and_otherwise_beta_times_the_difference()
    {
        var policy = LmFixtures.Export(seed: 7);
        var requests = new[] { LmFixtures.Request("hi", "hello"), LmFixtures.Request("what is 2+2?", "4, of course."), LmFixtures.Request("x", "") };
        await using (var self = await LmFixtures.OpenAsync(policy, new LmSettings(LmReward.Dpo, "ref", 0.5, null), reference: policy))
            Assert.All(await self.ScoreAsync(LmFixtures.Batch(requests), CancellationToken.None), s => Assert.Equal(0f, s));

        var reference = LmFixtures.Export(seed: 8);
        await using var dpo = await LmFixtures.OpenAsync(policy, new LmSettings(LmReward.Dpo, "ref", 0.5, null), reference: reference);
        await using var pi = await LmFixtures.OpenAsync(policy);
        await using var piRef = await LmFixtures.OpenAsync(reference);
        var (d, a, b) = (await dpo.ScoreAsync(LmFixtures.Batch(requests), default), await pi.ScoreAsync(LmFixtures.Batch(requests), default), await piRef.ScoreAsync(LmFixtures.Batch(requests), default));
        for (var i = 0; i < requests.Length; i++) Assert.Equal(0.5 * (a[i] - b[i]), d[i], 1e-5);
        Assert.NotEqual(0f, d[0]);
        Assert.Equal("0.5", dpo.Info.Settings["beta"]);
    }

    [Fact]
    public async Task Scores_do_not_depend_on_the_batch_they_are_in()
    {
        var dir = LmFixtures.Export(positionIds: true);
        var requests = new[]
        {
            LmFixtures.Request("hi", "hello"), LmFixtures.Request("a much longer question about the weather today", "it is sunny and warm, take a hat"),
            LmFixtures.Request("2+2", "4"), LmFixtures.Request("name three colours", "red, green and blue"),
            LmFixtures.Request("ok", "ok"), LmFixtures.Request("why", "because the model says so, at some length, with commas"),
        };
        await using var model = await LmFixtures.OpenAsync(dir);
        var together = await model.ScoreAsync(LmFixtures.Batch(requests), default);
        for (var i = 0; i < requests.Length; i++)
        {
            var alone = await model.ScoreAsync(LmFixtures.Batch(requests[i]), default);
            Assert.True(Math.Abs(alone[0] - together[i]) <= 1e-5, $"request {i}: alone {alone[0]}, in a batch of 6 {together[i]}");
        }
        var pairs = await model.ScoreAsync(LmFixtures.Batch(requests[3], requests[0]), default);
        Assert.True(Math.Abs(pairs[1] - together[0]) <= 1e-5);
    }

    [Fact]
    public async Task The_prefix_check_fires_when_the_assistant_header_merges_with_the_response_and_scores_from_the_first_differing_token()
    {
        var dir = LmFixtures.Export();
        var template = LmFixtures.MergingTemplate();
        var request = LmFixtures.Request("hi", "hello");
        var encoded = Encode(dir, request, template);
        // "Assistant: " alone ends in the token "Ġ"; "Assistant: hello" has "Ġh" there (id 256): scoring starts at that token.
        Assert.True(encoded.PrefixMismatch);
        Assert.Equal(256, encoded.Ids[encoded.From]);
        Assert.Equal("ello"u8.ToArray().Select(b => (int)b), encoded.Ids[(encoded.From + 1)..]);

        await using var model = await LmFixtures.OpenAsync(dir, template: template);
        Assert.Equal(0, model.Counters[OnnxLmRewardModel.PrefixMismatchCounter]);
        var other = LmFixtures.Request("hi", "a reply that does not start with h");
        model.Measure(request);
        model.Measure(other);
        var scores = await model.ScoreAsync(LmFixtures.Batch(request, other), default);
        Assert.Equal(1, model.Counters[OnnxLmRewardModel.PrefixMismatchCounter]);
        Assert.Equal(HandLogProbs(dir, encoded.Ids, encoded.From).Sum(), scores[0], 1e-4);

        await using var chatml = await LmFixtures.OpenAsync(dir);
        chatml.Measure(request);
        Assert.Equal(0, chatml.Counters[OnnxLmRewardModel.PrefixMismatchCounter]);
    }

    [Fact]
    public async Task Followup_scores_the_user_turn_after_the_response_and_external_data_loads()
    {
        var dir = LmFixtures.Export(externalData: RMBench.Onnx.Graph.ExternalDataPolicy.Always);
        Assert.True(File.Exists(Path.Combine(dir, "model.onnx_data")));
        var encoder = LmTextEncoder.Load(dir, LmFixtures.Settings().TextOptions);
        var request = LmFixtures.Request("hi", "hello");
        var encoded = encoder.EncodeFollowup(request, "thanks");
        Assert.Equal("thanks"u8.ToArray().Select(b => (int)b), encoded.Ids[encoded.From..]);

        await using var model = await LmFixtures.OpenAsync(dir, new LmSettings(LmReward.Followup, null, 0.1, "thanks"));
        var score = (await model.ScoreAsync(LmFixtures.Batch(request), default))[0];
        Assert.Equal(HandLogProbs(dir, encoded.Ids, encoded.From).Sum(), score, 1e-4);
    }
}
