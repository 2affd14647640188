using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RMBench.Core.Requests;
using RMBench.Remote.KServe;

namespace RMBench.Tests.Remote;

/// <summary>The KServe tensor codec: hand-computed FP16/BF16 bits, JSON tensors, the binary extension and raw BYTES layout.</summary>
public class KServeCodecTests
{
    private static byte[] Halves(params ushort[] bits)
    {
        var data = new byte[bits.Length * 2];
        for (var i = 0; i < bits.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), bits[i]);
        return data;
    }

    [Fact]
    public void Fp16_scores_widen_to_the_hand_computed_values()
    {
        // 0x3C00 = 1.0; 0xC000 = -2.0; 0x3555 = 1.0101010101b x 2^-2 = 1365/4096; 0x7BFF = 65504 (largest); 0x0001 = 2^-24 (smallest subnormal).
        var tensor = new Tensor("logits", "FP16", [5], Halves(0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001));
        Assert.Equal([1f, -2f, 1365f / 4096f, 65504f, MathF.Pow(2, -24)], tensor.ToSingles());
    }

    [Fact]
    public void Bf16_scores_widen_to_the_hand_computed_values()
    {
        // BF16 is the top half of a float32: 0x3F80 = 1.0; 0x4049 = 0x40490000 = 3.140625; 0xBF00 = -0.5; 0x4780 = 65536.
        var tensor = new Tensor("logits", "BF16", [4], Halves(0x3F80, 0x4049, 0xBF00, 0x4780));
        Assert.Equal([1f, 3.140625f, -0.5f, 65536f], tensor.ToSingles());
    }

    [Fact]
    public void Bf16_rounds_to_nearest_even()
    {
        Assert.Equal(0x4049, Bfloat16.FromSingle(MathF.PI)); // 0x40490FDB: the lower half is below 0x8000, rounds down
        Assert.Equal(0x3F80, Bfloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F808000))); // tie, 0x3F80 is even
        Assert.Equal(0x3F82, Bfloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F818000))); // tie, rounds up to even
        Assert.Equal(0x3F81, Bfloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F808001))); // above the tie
    }

    [Fact]
    public void Fp64_rounds_to_the_nearest_float_and_ints_are_not_scores()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.1);
        Assert.Equal([0.1f], new Tensor("s", "FP64", [1], data).ToSingles());
        Assert.Throws<TensorFormatException>(() => Tensor.FromInt64("ids", [1], [7]).ToSingles());
    }

    [Fact]
    public void Bytes_elements_are_length_prefixed_little_endian()
    {
        var tensor = Tensor.FromStrings("text", [2], ["hé", ""]);
        Assert.Equal(new byte[] { 3, 0, 0, 0, (byte)'h', 0xC3, 0xA9, 0, 0, 0, 0 }, tensor.Data);
        Assert.Equal(["hé", ""], tensor.ToByteElements().Select(Encoding.UTF8.GetString));
        Assert.Throws<TensorFormatException>(() => new Tensor("text", "BYTES", [2], [3, 0, 0, 0, (byte)'h']));
        Assert.Throws<TensorFormatException>(() => new Tensor("ids", "INT64", [2], new byte[8]));
    }

    [Fact]
    public void Json_request_reads_nested_and_flat_data()
    {
        var body = """{"id":"7","inputs":[{"name":"input_ids","shape":[2,2],"datatype":"INT64","data":[[1,2],[3,4]]},{"name":"t","shape":[1],"datatype":"BYTES","data":["x"]},{"name":"h","shape":[2],"datatype":"FP16","data":[1.0,-2.0]}],"outputs":[{"name":"logits","parameters":{"binary_data":true}}]}"""u8.ToArray();
        var request = RestCodec.ReadRequest(body, null);
        Assert.Equal("7", request.Id);
        Assert.Equal([1L, 2, 3, 4], request.Inputs[0].ToInt64());
        Assert.Equal([2L, 2], request.Inputs[0].Shape);
        Assert.Equal("x", Encoding.UTF8.GetString(request.Inputs[1].ToByteElements()[0]));
        Assert.Equal(Halves(0x3C00, 0xC000), request.Inputs[2].Data);
        Assert.Equal(new RequestedOutput("logits", true), Assert.Single(request.Outputs));
    }

    [Fact]
    public void Binary_request_is_a_json_header_followed_by_the_tensor_bytes()
    {
        var ids = Tensor.FromInt64("input_ids", [1, 3], [5, 6, 7]);
        var text = Tensor.FromStrings("text", [1], ["ok"]);
        var body = RestCodec.WriteRequest(new InferenceRequestMessage(null, [ids, text], [new RequestedOutput("logits", true)]), binaryInputs: true);
        var headerLength = body.HeaderLength!.Value;
        using var header = JsonDocument.Parse(body.Bytes.AsMemory(0, headerLength));
        var inputs = header.RootElement.GetProperty("inputs");
        Assert.Equal(24, inputs[0].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.Equal(6, inputs[1].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(inputs[0].TryGetProperty("data", out _));
        Assert.True(header.RootElement.GetProperty("outputs")[0].GetProperty("parameters").GetProperty("binary_data").GetBoolean());
        Assert.Equal(headerLength + 24 + 6, body.Bytes.Length);
        Assert.Equal(5, BinaryPrimitives.ReadInt64LittleEndian(body.Bytes.AsSpan(headerLength)));

        var read = RestCodec.ReadRequest(body.Bytes, headerLength);
        Assert.Equal([5L, 6, 7], read.Inputs[0].ToInt64());
        Assert.Equal(text.Data, read.Inputs[1].Data);
    }

    [Fact]
    public void Response_round_trips_with_binary_and_json_outputs()
    {
        var scores = Tensor.FromSingles("score", [2], [1.5f, float.NaN]);
        var half = new Tensor("h", "FP16", [1], Halves(0x3555));
        var body = RestCodec.WriteResponse(new InferenceResponseMessage("m", "1", null, [scores, half]), name => name == "h");
        var read = RestCodec.ReadResponse(body.Bytes, body.HeaderLength);
        Assert.Equal("m", read.ModelName);
        Assert.Equal("1", read.ModelVersion);
        Assert.Equal(1.5f, read.Outputs[0].ToSingles()[0]);
        Assert.True(float.IsNaN(read.Outputs[0].ToSingles()[1])); // JSON carries NaN as the string "NaN"
        Assert.Equal(1365f / 4096f, read.Outputs[1].ToSingles()[0]);
        Assert.Equal(body.Bytes.Length - 2, body.HeaderLength);
    }

    [Fact]
    public void Malformed_bodies_are_format_errors()
    {
        var header = """{"inputs":[{"name":"x","shape":[2],"datatype":"INT64","parameters":{"binary_data_size":16}}]}"""u8.ToArray();
        var short_ = header.Concat(new byte[8]).ToArray();
        Assert.Contains("runs past", Assert.Throws<TensorFormatException>(() => RestCodec.ReadRequest(short_, header.Length)).Message);
        Assert.Throws<TensorFormatException>(() => RestCodec.ReadRequest("{not json"u8.ToArray(), null));
        Assert.Throws<TensorFormatException>(() => RestCodec.ReadRequest("""{"inputs":[{"name":"x","shape":[1],"datatype":"INT64","data":["a"]}]}"""u8.ToArray(), null));
        Assert.Throws<TensorFormatException>(() => RestCodec.ReadRequest("""{"inputs":[{"name":"x","shape":[1],"datatype":"FP8","data":[1]}]}"""u8.ToArray(), null));
    }

    [Fact]
    public void Scoring_request_json_keeps_the_conversation_and_its_hash()
    {
        var request = new ScoringRequest("sys", [new Turn("user", "q1"), new Turn("assistant", "a1"), new Turn("user", "q2 \"é\"")], "resp\n",
            [new byte[] { 1, 2, 3 }], reference: "ref");
        var back = ScoringRequestJson.Deserialize(ScoringRequestJson.Serialize(request));
        Assert.Equal(request.Hash, back.Hash);
        Assert.Equal(new ScoringRequest(null, [], "r").Hash, ScoringRequestJson.Deserialize(ScoringRequestJson.Serialize(new ScoringRequest(null, [], "r"))).Hash);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000#rm", "http", "rm", null)]
    [InlineData("grpc://127.0.0.1:8001#rm@3", "grpc", "rm", "3")]
    [InlineData("https://host/prefix#a#b", "https", "b", null)]
    public void Spec_parses_url_model_and_version(string argument, string scheme, string model, string? version)
    {
        var spec = KServeSpec.Parse(argument);
        Assert.Equal(scheme, spec.Url.Scheme);
        Assert.Equal(model, spec.Model);
        Assert.Equal(version, spec.Version);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000", "model name after '#'")]
    [InlineData("ftp://x#m", "not an http://")]
    [InlineData("http://user:secret@host#m", "credentials")]
    public void Bad_specs_are_input_errors(string argument, string fragment)
    {
        var e = Assert.Throws<RMBench.Core.Errors.InputException>(() => KServeSpec.Parse(argument));
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}
