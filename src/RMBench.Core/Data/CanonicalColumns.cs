using Parquet;
using Parquet.Schema;

namespace RMBench.Core.Data;

/// <summary>
/// The physical layout of a canonical file written by <see cref="ParquetDatasetWriter"/>: id, subset,
/// system, conversation (list&lt;struct&lt;role, content&gt;&gt;), prompt, chosen, rejected, chosen_model,
/// rejected_model, then persona and documents (list&lt;string&gt;) only when asked for, so files without them
/// keep their bytes. Chosen and rejected are strings, or lists of strings for best-of-n and style-matrix.
/// image-response adds the binary column image before prompt; image-pair has the binary columns
/// chosen_image and rejected_image in place of chosen and rejected.
/// </summary>
internal sealed class CanonicalColumns
{
    private readonly DataField _id = new DataField<string>("id", nullable: false);
    private readonly DataField _subset = new DataField<string>("subset", nullable: false);
    private readonly DataField _system = new DataField<string>("system", nullable: true);
    private readonly DataField _role = new DataField<string>("role", nullable: false);
    private readonly DataField _content = new DataField<string>("content", nullable: false);
    private readonly ListField _conversation;
    private readonly DataField _prompt = new DataField<string>("prompt", nullable: false);
    private readonly Field _chosen;
    private readonly Field _rejected;
    private readonly DataField _chosenModel = new DataField<string>("chosen_model", nullable: true);
    private readonly DataField _rejectedModel = new DataField<string>("rejected_model", nullable: true);
    private readonly DataField? _persona;
    private readonly ListField? _documents;

    
    private readonly DataField? _image;
    private readonly DataField? _chosenImage;
    private readonly DataField? _rejectedImage;

    public CanonicalColumns(string kind, bool persona = false, bool documents = false)
    {
        var listAnswers = kind is "best-of-n" or "style-matrix";
        _conversation = new ListField("conversation", new StructField(ListField.ElementName, _role, _content));
        _chosen = AnswerField("chosen", listAnswers);
        _rejected = AnswerField("rejected", listAnswers);
        if (kind == "image-response") _image = ImageField("image");
        if (kind == "image-pair") (_chosenImage, _rejectedImage) = (ImageField("chosen_image"), ImageField("rejected_image"));
        Field[] answers = _chosenImage is null ? [_chosen, _rejected] : [_chosenImage, _rejectedImage!];
        List<Field> fields = [_id, _subset, _system, _conversation, .. _image is null ? [] : new[] { _image }, _prompt, .. answers,
            _chosenModel, _rejectedModel];
        if (persona) fields.Add(_persona = new DataField<string>("persona", nullable: true));
        if (documents) fields.Add(_documents = new ListField("documents", new DataField<string>(ListField.ElementName, nullable: false)));
        Schema = new ParquetSchema(fields);
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
        if (_image is not null) await WriteImagesAsync(group, _image, rows.Select(r => r.Image!), cancellationToken);
        await StringLeafBuffer.Scalars(_prompt, rows.Select(r => r.Prompt)).WriteAsync(group, cancellationToken);
        if (_chosenImage is not null)
        {
            await WriteImagesAsync(group, _chosenImage, rows.Select(r => r.ChosenImage!), cancellationToken);
            await WriteImagesAsync(group, _rejectedImage!, rows.Select(r => r.RejectedImage!), cancellationToken);
        }
        else
        {
            await AnswerBuffer(_chosen, rows.Select(r => r.Chosen)).WriteAsync(group, cancellationToken);
            await AnswerBuffer(_rejected, rows.Select(r => r.Rejected)).WriteAsync(group, cancellationToken);
        }
        await StringLeafBuffer.Scalars(_chosenModel, rows.Select(r => r.ChosenModel)).WriteAsync(group, cancellationToken);
        await StringLeafBuffer.Scalars(_rejectedModel, rows.Select(r => r.RejectedModel)).WriteAsync(group, cancellationToken);
        if (_persona is not null) await StringLeafBuffer.Scalars(_persona, rows.Select(r => r.Persona)).WriteAsync(group, cancellationToken);
        if (_documents is not null)
            await StringLeafBuffer.Lists(_documents, (DataField)_documents.Item, rows.Select(r => r.Documents ?? [])).WriteAsync(group, cancellationToken);
    }

    private static DataField ImageField(string name) => new DataField<byte[]>(name, nullable: false);

    /// <summary>A required binary column: one value per row, no levels.</summary>
    private static Task WriteImagesAsync(ParquetRowGroupWriter group, DataField field, IEnumerable<byte[]> images, CancellationToken cancellationToken) =>
        group.WriteAllPartsAsync<ReadOnlyMemory<byte>>(field, images.Select(i => (ReadOnlyMemory<byte>)i).ToArray(), null, null, cancellationToken);

    private static Field AnswerField(string name, bool list) => list
        ? new ListField(name, new DataField<string>(ListField.ElementName, nullable: false))
        : new DataField<string>(name, nullable: false);

    private static StringLeafBuffer AnswerBuffer(Field field, IEnumerable<IReadOnlyList<string>> answers) => field is ListField list
        ? StringLeafBuffer.Lists(list, (DataField)list.Item, answers)
        : StringLeafBuffer.Scalars((DataField)field, answers.Select(a => a.Single()));
}
