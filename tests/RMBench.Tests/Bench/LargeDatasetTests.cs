using RMBench.Core.Data;
using RMBench.Core.Suites.Kinds;
using RMBench.DataGen.Large;

namespace RMBench.Tests.Bench;

public sealed class LargeDatasetTests
{
    [Fact]
    public async Task Generated_rows_are_a_function_of_seed_and_index_and_read_back_as_valid_pairs()
    {
        var rows = new LargeDataset(300, seed: 5);
        var again = new LargeDataset(1000, seed: 5)[123];
        Assert.Equal((rows[123].Id, rows[123].Prompt, rows[123].Chosen[0], rows[123].Rejected[0]), (again.Id, again.Prompt, again.Chosen[0], again.Rejected[0]));
        Assert.NotEqual(rows[123].Chosen[0], new LargeDataset(300, seed: 6)[123].Chosen[0]);
        var path = Path.Combine(TestPaths.NewTempDirectory("rmbench-large"), "large.parquet");
        await ParquetDatasetWriter.WriteAsync(path, "pairwise", rows);
        var dataset = await ParquetDatasetReader.ReadAsync(path, new PairwiseKind().Schema);
        Assert.Equal(300, dataset.Rows.Count);
        // Answers span 3..400 words (3 x 133^u): both ends of the spread occur in 600 answers.
        var words = rows.SelectMany(r => new[] { r.Chosen[0], r.Rejected[0] }).Select(a => a.Split(' ').Length).ToList();
        Assert.InRange(words.Min(), 3, 6);
        Assert.InRange(words.Max(), 250, 400);
    }

    [Fact]
    public void The_encoder_vocabulary_has_the_bert_layout_and_the_requested_size()
    {
        var vocab = EncoderCommand.Vocabulary(30522);
        Assert.Equal(30522, vocab.Count);
        Assert.Equal(vocab.Count, vocab.Distinct().Count());
        Assert.Equal("[PAD]", vocab[0]);
        Assert.Equal(["[UNK]", "[CLS]", "[SEP]", "[MASK]"], vocab.Skip(100).Take(4));
        Assert.Contains("##z", vocab);
    }
}
