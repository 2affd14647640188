using RMBench.Core.Models;
using RMBench.Core.Requests;
using RMBench.Remote.KServe;

namespace RMBench.Remote.Serve;

/// <summary>An inference request's fault (400 / INVALID_ARGUMENT) or a model the server does not have (404 / NOT_FOUND).</summary>
public sealed class ServeRequestException(bool notFound, string message) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// The one model `rmbench serve` serves, in protocol terms. Input `request`: BYTES [-1] (or [B,1]), each
/// element a JSON scoring request (<see cref="ScoringRequestJson"/>). Output `score`: FP32 [-1], one per
/// element, exactly what the model returns in process. Version "1". Requests go through the dynamic batcher.
/// </summary>
public sealed class ServedModel(IRewardModel model, DynamicBatcher batcher)
{
    public const string Version = "1";
    public const string OutputName = "score";

    public string Name => model.Info.Id;
    public IRewardModel Model => model;
    public DynamicBatcher Batcher => batcher;

    public ModelMetadata Metadata { get; } = new(model.Info.Id, [Version], $"rmbench_{model.Info.Backend}",
        [new TensorMetadata(KServeContract.RequestInput, TensorDatatype.Bytes, [-1])],
        [new TensorMetadata(OutputName, TensorDatatype.Fp32, [-1])]);

    /// <summary>The model, or a NotFound request error naming what exists.</summary>
    public void Check(string name, string? version)
    {
        if (name != Name) throw new ServeRequestException(true, $"unknown model '{name}'; this server serves '{Name}'");
        if (!string.IsNullOrEmpty(version) && version != Version) throw new ServeRequestException(true, $"model '{name}' has no version '{version}' (versions: {Version})");
    }

    public async Task<InferenceResponseMessage> InferAsync(string name, string? version, InferenceRequestMessage request)
    {
        Check(name, version);
        foreach (var output in request.Outputs)
            if (output.Name != OutputName) throw new ServeRequestException(false, $"unknown output '{output.Name}'; model '{Name}' has output '{OutputName}'");
        if (request.Inputs.Count != 1 || request.Inputs[0].Name != KServeContract.RequestInput)
            throw new ServeRequestException(false, $"model '{Name}' takes one input '{KServeContract.RequestInput}' (got {string.Join(", ", request.Inputs.Select(i => $"'{i.Name}'"))})");
        var input = request.Inputs[0];
        if (input.Datatype != TensorDatatype.Bytes)
            throw new ServeRequestException(false, $"input '{input.Name}' must be BYTES (got {input.Datatype})");
        if (input.Shape.Length is < 1 or > 2 || input.Shape.Length == 2 && input.Shape[1] != 1)
            throw new ServeRequestException(false, $"input '{input.Name}' must have shape [B] or [B,1] (got [{string.Join(",", input.Shape)}])");
        List<ScoringRequest> rows;
        try { rows = [.. input.ToByteElements().Select(e => ScoringRequestJson.Deserialize(e))]; }
        catch (TensorFormatException e) { throw new ServeRequestException(false, $"input '{input.Name}': {e.Message}"); }
        var scores = await batcher.ScoreAsync(rows);
        return new InferenceResponseMessage(Name, Version, request.Id, [Tensor.FromSingles(OutputName, [scores.Length], scores)]);
    }
}
