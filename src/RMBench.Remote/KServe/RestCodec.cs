using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RMBench.Remote.KServe;

/// <summary>An output the client asks for; Binary null = the request's binary_data_output default.</summary>
public sealed record RequestedOutput(string Name, bool? Binary = null);

public sealed record InferenceRequestMessage(string? Id, IReadOnlyList<Tensor> Inputs, IReadOnlyList<RequestedOutput> Outputs, bool BinaryOutputDefault = false);

public sealed record InferenceResponseMessage(string ModelName, string? ModelVersion, string? Id, IReadOnlyList<Tensor> Outputs);

/// <summary>A REST body: JSON, or (binary extension) a JSON header of HeaderLength bytes followed by tensor data.</summary>
public readonly record struct RestBody(byte[] Bytes, int? HeaderLength);

/// <summary>
/// The REST v2 inference bodies: JSON tensors ("data" arrays, flat or nested, row-major) and the binary
/// tensor data extension (a tensor's parameters carry "binary_data_size" and its bytes follow the JSON
/// header in tensor order; the header's length travels in the Inference-Header-Content-Length HTTP header;
/// "binary_data": true on a requested output, or "binary_data_output": true on the request, asks for binary outputs).
/// </summary>
public static class RestCodec
{
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    public static RestBody WriteRequest(InferenceRequestMessage message, bool binaryInputs)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (message.Id is not null) json.WriteString("id", message.Id);
            if (message.BinaryOutputDefault)
            {
                json.WriteStartObject("parameters");
                json.WriteBoolean("binary_data_output", true);
                json.WriteEndObject();
            }
            json.WriteStartArray("inputs");
            foreach (var input in message.Inputs) WriteTensor(json, input, binaryInputs);
            json.WriteEndArray();
            if (message.Outputs.Count > 0)
            {
                json.WriteStartArray("outputs");
                foreach (var output in message.Outputs)
                {
                    json.WriteStartObject();
                    json.WriteString("name", output.Name);
                    if (output.Binary is { } binary)
                    {
                        json.WriteStartObject("parameters");
                        json.WriteBoolean("binary_data", binary);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Assemble(buffer, binaryInputs ? message.Inputs : []);
    }

    public static InferenceRequestMessage ReadRequest(ReadOnlySpan<byte> body, int? headerLength)
    {
        using var document = ParseHeader(body, headerLength, out var binary);
        var root = document.RootElement;
        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var binaryDefault = root.TryGetProperty("parameters", out var parameters) && Flag(parameters, "binary_data_output") == true;
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            throw new TensorFormatException("the request has no \"inputs\" array");
        var tensors = ReadTensors(inputs, binary);
        var outputs = new List<RequestedOutput>();
        if (root.TryGetProperty("outputs", out var requested) && requested.ValueKind == JsonValueKind.Array)
            foreach (var output in requested.EnumerateArray())
                outputs.Add(new RequestedOutput(RequiredString(output, "name", "output"),
                    output.TryGetProperty("parameters", out var p) ? Flag(p, "binary_data") : null));
        return new InferenceRequestMessage(id, tensors, outputs, binaryDefault);
    }

    /// <param name="binary">Whether an output is sent in the binary section.</param>
    public static RestBody WriteResponse(InferenceResponseMessage message, Func<string, bool> binary)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var binaryOutputs = new List<Tensor>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model_name", message.ModelName);
            if (message.ModelVersion is not null) json.WriteString("model_version", message.ModelVersion);
            if (message.Id is not null) json.WriteString("id", message.Id);
            json.WriteStartArray("outputs");
            foreach (var output in message.Outputs)
            {
                var asBinary = binary(output.Name);
                if (asBinary) binaryOutputs.Add(output);
                WriteTensor(json, output, asBinary);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Assemble(buffer, binaryOutputs);
    }

    public static InferenceResponseMessage ReadResponse(ReadOnlySpan<byte> body, int? headerLength)
    {
        using var document = ParseHeader(body, headerLength, out var binary);
        var root = document.RootElement;
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
            throw new TensorFormatException("the response has no \"outputs\" array");
        var name = root.TryGetProperty("model_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        var version = root.TryGetProperty("model_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return new InferenceResponseMessage(name, version, id, ReadTensors(outputs, binary));
    }

    private static RestBody Assemble(ArrayBufferWriter<byte> header, IReadOnlyList<Tensor> binaryTensors)
    {
        if (binaryTensors.Count == 0) return new RestBody(header.WrittenSpan.ToArray(), null);
        var bytes = new byte[header.WrittenCount + binaryTensors.Sum(t => t.Data.Length)];
        header.WrittenSpan.CopyTo(bytes);
        var offset = header.WrittenCount;
        foreach (var tensor in binaryTensors)
        {
            tensor.Data.CopyTo(bytes, offset);
            offset += tensor.Data.Length;
        }
        return new RestBody(bytes, header.WrittenCount);
    }

    private static JsonDocument ParseHeader(ReadOnlySpan<byte> body, int? headerLength, out byte[] binary)
    {
        if (headerLength is { } length && (length < 0 || length > body.Length))
            throw new TensorFormatException($"{HeaderLengthHeader} is {length} but the body has {body.Length} bytes");
        var header = headerLength is { } h ? body[..h] : body;
        binary = headerLength is { } b ? body[b..].ToArray() : [];
        try
        {
            var reader = new Utf8JsonReader(header);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw new TensorFormatException("the body is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new TensorFormatException($"the body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The name, datatype and shape every tensor object of the protocol starts with (tensors and metadata alike).</summary>
    internal static void WriteTensorHeader(Utf8JsonWriter json, string name, string datatype, long[] shape)
    {
        json.WriteString("name", name);
        json.WriteString("datatype", datatype);
        json.WriteStartArray("shape");
        foreach (var d in shape) json.WriteNumberValue(d);
        json.WriteEndArray();
    }

    private static void WriteTensor(Utf8JsonWriter json, Tensor tensor, bool binary)
    {
        json.WriteStartObject();
        WriteTensorHeader(json, tensor.Name, tensor.Datatype, tensor.Shape);
        if (binary)
        {
            json.WriteStartObject("parameters");
            json.WriteNumber("binary_data_size", tensor.Data.Length);
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartArray("data");
            WriteData(json, tensor);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter json, Tensor tensor)
    {
        var data = tensor.Data.AsSpan();
        if (tensor.Datatype == TensorDatatype.Bytes)
        {
            foreach (var element in tensor.ToByteElements()) json.WriteStringValue(Encoding.UTF8.GetString(element));
            return;
        }
        var size = TensorDatatype.ElementSize(tensor.Datatype);
        for (var offset = 0; offset < data.Length; offset += size)
        {
            var e = data[offset..];
            switch (tensor.Datatype)
            {
                case "BOOL": json.WriteBooleanValue(e[0] != 0); break;
                case "UINT8": json.WriteNumberValue(e[0]); break;
                case "INT8": json.WriteNumberValue((sbyte)e[0]); break;
                case "UINT16": json.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(e)); break;
                case "INT16": json.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(e)); break;
                case "UINT32": json.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(e)); break;
                case "INT32": json.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(e)); break;
                case "UINT64": json.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(e)); break;
                case "INT64": json.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(e)); break;
                case "FP16": WriteFloat(json, (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(e))); break;
                case "BF16": WriteFloat(json, Bfloat16.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(e))); break;
                case "FP32": WriteFloat(json, BinaryPrimitives.ReadSingleLittleEndian(e)); break;
                case "FP64": WriteDouble(json, BinaryPrimitives.ReadDoubleLittleEndian(e)); break;
            }
        }
    }

    // JSON has no NaN/Infinity; the strings are what Python's json writes, so the peer sees an invalid score rather than a parse error.
    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static List<Tensor> ReadTensors(JsonElement array, byte[] binary)
    {
        var tensors = new List<Tensor>();
        var offset = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object) throw new TensorFormatException("a tensor is not a JSON object");
            var name = RequiredString(element, "name", "tensor");
            var datatype = RequiredString(element, "datatype", $"tensor '{name}'");
            if (!TensorDatatype.IsKnown(datatype)) throw new TensorFormatException($"tensor '{name}': unknown datatype '{datatype}'");
            var shape = ReadShape(element, name);
            var size = element.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("binary_data_size", out var s) ? s.TryGetInt32(out var n) && n >= 0 ? n
                    : throw new TensorFormatException($"tensor '{name}': binary_data_size must be a non-negative integer") : (int?)null;
            byte[] data;
            if (size is { } bytes)
            {
                if (offset + bytes > binary.Length)
                    throw new TensorFormatException($"tensor '{name}': binary_data_size {bytes} runs past the binary data ({binary.Length - offset} bytes left)");
                data = binary.AsSpan(offset, bytes).ToArray();
                offset += bytes;
            }
            else if (element.TryGetProperty("data", out var values)) data = FromJson(values, datatype, name);
            else throw new TensorFormatException($"tensor '{name}' has neither \"data\" nor binary_data_size");
            tensors.Add(new Tensor(name, datatype, shape, data));
        }
        if (offset != binary.Length) throw new TensorFormatException($"{binary.Length - offset} bytes of binary data follow the last tensor");
        return tensors;
    }

    private static long[] ReadShape(JsonElement tensor, string name)
    {
        if (!tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
            throw new TensorFormatException($"tensor '{name}' has no \"shape\" array");
        var dims = new long[shape.GetArrayLength()];
        var i = 0;
        foreach (var d in shape.EnumerateArray())
            dims[i++] = d.TryGetInt64(out var v) && v >= 0 ? v : throw new TensorFormatException($"tensor '{name}': shape entries must be non-negative integers");
        return dims;
    }

    private static byte[] FromJson(JsonElement values, string datatype, string name)
    {
        var output = new ArrayBufferWriter<byte>();
        Append(values, datatype, name, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Flattens nested arrays (row-major) and writes each element in the raw layout.</summary>
    private static void Append(JsonElement value, string datatype, string name, ArrayBufferWriter<byte> output)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) Append(item, datatype, name, output);
            return;
        }
        try
        {
            if (datatype == TensorDatatype.Bytes)
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException("BYTES elements must be strings");
                var bytes = Encoding.UTF8.GetBytes(text);
                BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), bytes.Length);
                output.Advance(4);
                output.Write(bytes);
                return;
            }
            var size = TensorDatatype.ElementSize(datatype);
            var span = output.GetSpan(size)[..size];
            switch (datatype)
            {
                case "BOOL": span[0] = value.ValueKind == JsonValueKind.True ? (byte)1 : value.ValueKind == JsonValueKind.False ? (byte)0 : throw new FormatException("BOOL elements must be true or false"); break;
                case "UINT8": span[0] = value.GetByte(); break;
                case "INT8": span[0] = (byte)value.GetSByte(); break;
                case "UINT16": BinaryPrimitives.WriteUInt16LittleEndian(span, value.GetUInt16()); break;
                case "INT16": BinaryPrimitives.WriteInt16LittleEndian(span, value.GetInt16()); break;
                case "UINT32": BinaryPrimitives.WriteUInt32LittleEndian(span, value.GetUInt32()); break;
                case "INT32": BinaryPrimitives.WriteInt32LittleEndian(span, value.GetInt32()); break;
                case "UINT64": BinaryPrimitives.WriteUInt64LittleEndian(span, value.GetUInt64()); break;
                case "INT64": BinaryPrimitives.WriteInt64LittleEndian(span, value.GetInt64()); break;
                case "FP16": BinaryPrimitives.WriteUInt16LittleEndian(span, BitConverter.HalfToUInt16Bits((Half)ReadFloat(value))); break;
                case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(span, Bfloat16.FromSingle((float)ReadFloat(value))); break;
                case "FP32": BinaryPrimitives.WriteSingleLittleEndian(span, (float)ReadFloat(value)); break;
                case "FP64": BinaryPrimitives.WriteDoubleLittleEndian(span, ReadFloat(value)); break;
            }
            output.Advance(size);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new TensorFormatException($"tensor '{name}': element {value.GetRawText()} is not a valid {datatype} value");
        }
    }

    /// <summary>A number, or the strings "NaN", "Infinity", "-Infinity" (what Python's json writes).</summary>
    private static double ReadFloat(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static bool? Flag(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var f) && f.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? f.GetBoolean() : null;

    private static string RequiredString(JsonElement element, string property, string what) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new TensorFormatException($"{what} has no \"{property}\" string");
}
