using RMBench.Core.Requests;
using RMBench.Core.Models;

namespace RMBench.Onnx.Text;

/// <summary>Which end of a too-long request is cut.</summary>
public enum TruncationSide
{
    /// <summary>Keep the start, cut the end (HF default).</summary>
    Right,
    /// <summary>Keep the end (the response), cut the start of the conversation.</summary>
    Left,
}

/// <summary>How a model directory's text is turned into ids.</summary>
/// <param name="ChatTemplate">Built-in template name or a Scriban template file; null = recognise it from tokenizer_config.json.</param>
/// <param name="MaxLength">Token limit; null = the model's own (tokenizer_config model_max_length / config max_position_embeddings) when known.</param>
public sealed record TextOptions(string? ChatTemplate = null, int? MaxLength = null, TruncationSide Truncation = TruncationSide.Left);

/// <summary>
/// Renders a request with the model's chat template and tokenizes it exactly as the model's own stack
/// would (special tokens, BOS, [CLS]/[SEP], no duplicated BOS), then truncates to the limit.
/// </summary>
public interface ITextEncoder
{
    /// <summary>Name of the chat template used (e.g. "qwen3", "encoder-pair", or the user's file name).</summary>
    string TemplateName { get; }
    /// <summary>sha256 of the template definition, recorded in the run.</summary>
    string TemplateDigest { get; }
    /// <summary>sha256 over the tokenizer files, recorded in the run.</summary>
    string TokenizerDigest { get; }
    int? MaxLength { get; }

    /// <summary>
    /// The tokenizer's pad token id (tokenizer_config pad_token), or null. The backend pads with
    /// config.json's pad_token_id and uses this only when config.json has none.
    /// </summary>
    int? PadTokenId => null;

    TokenizedRequest Encode(ScoringRequest request);
}
