using RMBench.Onnx.Text.Tokenizers;

namespace RMBench.Tests.Onnx.Text;

/// <summary>The built-in NFC/NFD (the app has no ICU) on cases from the Unicode normalization spec (UAX #15).</summary>
public sealed class UnicodeNfcTests
{
    [Theory]
    [InlineData("e\u0301", "\u00e9")]                 // e + acute -> é
    [InlineData("\u1100\u1161\u11a8", "\uac01")]      // Hangul jamo L V T -> 각
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]    // no composite: marks reordered by class (dot below 220 before dot above 230)
    [InlineData("\u212b", "\u00c5")]                  // ANGSTROM SIGN is a singleton -> Å
    [InlineData("\u0958", "\u0915\u093c")]            // composition exclusion: stays decomposed
    [InlineData("你好, мир 🙂", "你好, мир 🙂")]        // nothing to do: returned as is
    public void Nfc_composes_reorders_and_respects_exclusions(string input, string expected) =>
        Assert.Equal(expected, UnicodeNfc.Normalize(input, compose: true));

    [Fact]
    public void Nfd_decomposes_fully()
    {
        Assert.Equal("A\u030a", UnicodeNfc.Normalize("\u00c5", compose: false));
        Assert.Equal("\u1100\u1161\u11a8", UnicodeNfc.Normalize("\uac01", compose: false));
    }
}
