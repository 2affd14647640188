using System.Text.Json;
using RMBench.Core.Gate;
using RMBench.Core.Results;

namespace RMBench.Reports.Gate;

/// <summary>gate.json: a <see cref="GateResult"/> with run.json's conventions (snake_case, indented, no NaN).</summary>
public static class GateJson
{
    public static string Serialize(GateResult result) => JsonSerializer.Serialize(result, RunJson.Options) + "\n";

    public static GateResult Parse(string json) =>
        JsonSerializer.Deserialize<GateResult>(json, RunJson.Options) ?? throw new JsonException("gate.json is null");
}
