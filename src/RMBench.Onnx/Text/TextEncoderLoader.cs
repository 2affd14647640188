using RMBench.Core.Errors;

namespace RMBench.Onnx.Text;

/// <summary>
/// Placeholder until the tokenizer branch lands: the contract is Load(model directory, options) ->
/// encoder, throwing <see cref="InputException"/> for missing or bad tokenizer files.
/// </summary>
public static class TextEncoderLoader
{
    public static ITextEncoder Load(string modelDirectory, TextOptions options) =>
        throw new InputException(modelDirectory, "no tokenizer loader in this build");
}
