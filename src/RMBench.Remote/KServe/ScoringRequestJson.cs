using System.Buffers;
using System.Text.Json;
using RMBench.Core.Requests;

namespace RMBench.Remote.KServe;

/// <summary>
/// A <see cref="ScoringRequest"/> as one BYTES element of the `request` input that `rmbench serve` takes:
/// {"system": str|null, "turns": [{"role", "content"}], "response": str, "reference": str|null,
/// "images": [base64]}. The whole conversation structure survives, so the served model scores exactly
/// what it would score in process (same content hash).
/// </summary>
public static class ScoringRequestJson
{
    public static byte[] Serialize(ScoringRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + request.Response.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.System is null) json.WriteNull("system"); else json.WriteString("system", request.System);
            json.WriteStartArray("turns");
            foreach (var turn in request.Turns)
            {
                json.WriteStartObject();
                json.WriteString("role", turn.Role);
                json.WriteString("content", turn.Content);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("response", request.Response);
            if (request.Reference is null) json.WriteNull("reference"); else json.WriteString("reference", request.Reference);
            if (request.Images.Count > 0)
            {
                json.WriteStartArray("images");
                foreach (var image in request.Images) json.WriteBase64StringValue(image);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static ScoringRequest Deserialize(ReadOnlySpan<byte> element)
    {
        try
        {
            var reader = new Utf8JsonReader(element);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TensorFormatException("a request element is not a JSON object");
            if (!root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.String)
                throw new TensorFormatException("a request element has no \"response\" string");
            var turns = new List<Turn>();
            if (root.TryGetProperty("turns", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var turn in list.EnumerateArray())
                    turns.Add(new Turn(
                        turn.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new TensorFormatException("a turn has no \"role\" string"),
                        turn.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new TensorFormatException("a turn has no \"content\" string")));
            List<byte[]>? images = null;
            if (root.TryGetProperty("images", out var imageList) && imageList.ValueKind == JsonValueKind.Array)
                images = [.. imageList.EnumerateArray().Select(i => i.GetBytesFromBase64())];
            return new ScoringRequest(OptionalString(root, "system"), turns, response.GetString()!, images, OptionalString(root, "reference"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new TensorFormatException($"a request element is not a valid JSON scoring request: {e.Message}");
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
