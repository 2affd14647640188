using Parquet;
using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>
/// The physical layout of a canonical verify file written by <see cref="ParquetDatasetWriter"/>: id, subset,
/// system, conversation (list&lt;struct&lt;role, content&gt;&gt;), question (from <see cref="CanonicalRow.Prompt"/>),
/// reference, completion, label (bool), answer_type (nullable).
/// </summary>
internal sealed class VerifyColumns
{
    private readonly DataField _id = new DataField<string>("id", nullable: false);
    private readonly DataField _subset = new DataField<string>("subset", nullable: false);
    private readonly DataField _system = new DataField<string>("system", nullable: true);
    private readonly DataField _role = new DataField<string>("role", nullable: false);
    private readonly DataField _content = new DataField<string>("content", nullable: false);
    private readonly ListField _conversation;
    private readonly DataField _question = new DataField<string>("question", nullable: false);
    private readonly DataField _reference = new DataField<string>("reference", nullable: false);
    private readonly DataField _completion = new DataField<string>("completion", nullable: false);
    private readonly DataField _label = new DataField<bool>("label", nullable: false);
    private readonly DataField _answerType = new DataField<string>("answer_type", nullable: true);

    public VerifyColumns()
    {
        _conversation = new ListField("conversation", new StructField(ListField.ElementName, _role, _content));
        Schema = new ParquetSchema(_id, _subset, _system, _conversation, _question, _reference, _completion, _label, _answerType);
    }

    public ParquetSchema Schema { get; }

    /// <summary>Writes the rows of one row group, every column in schema order.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<CanonicalRow> rows, CancellationToken cancellationToken)
    {
        await StringLeafBuffer.Scalars(_id, rows.Select(r => r.Id)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_subset, rows.Select(r => r.Subset)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_system, rows.Select(r => r.System)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Lists(_conversation, _role, rows.Select(r => r.Conversation.Select(t => t.Role))).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Lists(_conversation, _content, rows.Select(r => r.Conversation.Select(t => t.Content))).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_question, rows.Select(r => r.Prompt)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_reference, rows.Select(r => r.Reference)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_completion, rows.Select(r => r.Completion)).WriteAsync(group, cancellationToken);
        await group.WriteAsync<bool>(_label, rows.Select(r => r.Label!.Value).ToArray(), cancellationToken: cancellationToken);
        await StringLeafBuffer.Scalars(_answerType, rows.Select(r => r.AnswerType)).WriteAsync(group, cancellationToken);
    }
}
