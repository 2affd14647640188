using System.Buffers;
using System.Text.Json;

namespace RMBench.Remote.KServe;

/// <summary>One input or output as a model's metadata declares it; -1 marks a variable dimension.</summary>
public sealed record TensorMetadata(string Name, string Datatype, long[] Shape)
{
    public override string ToString() => $"{Name} {Datatype} [{string.Join(",", Shape)}]";
}

/// <summary>A model's metadata (`GET /v2/models/M[/versions/V]`, gRPC ModelMetadata).</summary>
public sealed record ModelMetadata(string Name, IReadOnlyList<string> Versions, string Platform,
    IReadOnlyList<TensorMetadata> Inputs, IReadOnlyList<TensorMetadata> Outputs)
{
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteStartArray("versions");
            foreach (var v in Versions) json.WriteStringValue(v);
            json.WriteEndArray();
            json.WriteString("platform", Platform);
            WriteTensors(json, "inputs", Inputs);
            WriteTensors(json, "outputs", Outputs);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static ModelMetadata FromJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TensorFormatException("model metadata is not a JSON object");
            var versions = root.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList() : [];
            return new ModelMetadata(
                String(root, "name") ?? "",
                versions,
                String(root, "platform") ?? "",
                ReadTensors(root, "inputs"),
                ReadTensors(root, "outputs"));
        }
        catch (JsonException e)
        {
            throw new TensorFormatException($"model metadata is not valid JSON: {e.Message}");
        }
    }

    private static void WriteTensors(Utf8JsonWriter json, string property, IReadOnlyList<TensorMetadata> tensors)
    {
        json.WriteStartArray(property);
        foreach (var t in tensors)
        {
            json.WriteStartObject();
            RestCodec.WriteTensorHeader(json, t.Name, t.Datatype, t.Shape);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static List<TensorMetadata> ReadTensors(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array) return [];
        var tensors = new List<TensorMetadata>();
        foreach (var t in array.EnumerateArray())
        {
            var shape = t.TryGetProperty("shape", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(d => d.TryGetInt64(out var n) ? n : throw new TensorFormatException($"{property}: shape entries must be integers")).ToArray()
                : [];
            tensors.Add(new TensorMetadata(String(t, "name") ?? "", String(t, "datatype") ?? "", shape));
        }
        return tensors;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
