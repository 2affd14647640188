using System.Globalization;
using System.Text;

namespace RMBench.Onnx.Text.Tokenizers;

/// <summary>
/// Unicode NFC and NFD (canonical decomposition, canonical ordering, canonical composition) from the
/// tables in UnicodeNfcData: the app runs with InvariantGlobalization, where string.Normalize does not
/// compose. Text that cannot change is returned as is, without a copy.
/// </summary>
internal static class UnicodeNfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Load);

    /// <summary>False when the text is certainly unchanged: NFC leaves text below U+0300 alone; NFD also decomposes Latin-1 letters (U+00C0 up).</summary>
    public static bool MayChange(ReadOnlySpan<char> text, bool compose) => text.IndexOfAnyInRange(compose ? '\u0300' : '\u00C0', '\uFFFF') >= 0;

    public static string Normalize(string text, bool compose)
    {
        if (!MayChange(text, compose)) return text;
        var tables = Data.Value;
        if (compose && IsStableForNfc(text, tables)) return text;
        var cps = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, cps, tables);
        Reorder(cps, tables);
        if (compose) Compose(cps, tables);
        var b = new StringBuilder(text.Length);
        foreach (var cp in cps) b.Append(char.ConvertFromUtf32(cp));
        return b.ToString();
    }

    /// <summary>
    /// NFC quick check: no character decomposes, reorders or composes with its neighbour (the usual case
    /// for CJK, Cyrillic, emoji...), so the text is NFC as it is and needs no copy.
    /// </summary>
    private static bool IsStableForNfc(string text, Tables tables)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var cp = rune.Value;
            if (cp < 0x300) continue;
            if (tables.Ccc(cp) != 0 || tables.Decompositions.ContainsKey(cp) || tables.Seconds.Contains(cp)
                || cp is >= LBase and < LBase + LCount or >= VBase and < VBase + VCount or > TBase and < TBase + TCount or >= SBase and < SBase + SCount)
                return false;
        }
        return true;
    }

    private static void Decompose(int cp, List<int> output, Tables tables)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
        }
        else if (tables.Decompositions.TryGetValue(cp, out var parts))
            foreach (var p in parts) Decompose(p, output, tables);
        else output.Add(cp);
    }

    /// <summary>Stable sort of each run of non-starters by combining class.</summary>
    private static void Reorder(List<int> cps, Tables tables)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var c = tables.Ccc(cps[i]);
            if (c == 0) continue;
            for (var j = i; j > 0 && tables.Ccc(cps[j - 1]) > c; j--) (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
        }
    }

    private static void Compose(List<int> cps, Tables tables)
    {
        if (cps.Count == 0) return;
        var starter = 0;
        var lastClass = tables.Ccc(cps[0]) == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < cps.Count; read++)
        {
            var cp = cps[read];
            var cls = tables.Ccc(cp);
            var blocked = lastClass != 0 && lastClass >= cls || lastClass == 0 && write != starter + 1;
            if (!blocked && TryCompose(cps[starter], cp, tables, out var composite))
            {
                cps[starter] = composite;
                continue;
            }
            if (cls == 0) starter = write;
            lastClass = cls;
            cps[write++] = cp;
        }
        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + second - VBase) * TCount;
            return true;
        }
        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + second - TBase;
            return true;
        }
        return tables.Composites.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public required Dictionary<int, int[]> Decompositions { get; init; }
        public required Dictionary<int, int> Classes { get; init; }
        public required Dictionary<long, int> Composites { get; init; }
        /// <summary>Code points that can be the second part of a composition.</summary>
        public required HashSet<int> Seconds { get; init; }

        public int Ccc(int cp) => cp < 0x300 ? 0 : Classes.GetValueOrDefault(cp);

        public static Tables Load()
        {
            static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var decompositions = new Dictionary<int, int[]>();
            foreach (var entry in UnicodeNfcData.Decompositions.Split(';'))
            {
                var (cp, parts) = (entry[..entry.IndexOf(':')], entry[(entry.IndexOf(':') + 1)..]);
                decompositions[Hex(cp)] = [.. parts.Split(' ').Select(Hex)];
            }
            var classes = new Dictionary<int, int>();
            foreach (var entry in UnicodeNfcData.CombiningClasses.Split(';'))
                classes[Hex(entry[..entry.IndexOf(':')])] = int.Parse(entry[(entry.IndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var composites = new Dictionary<long, int>();
            foreach (var entry in UnicodeNfcData.Composites.Split(';'))
            {
                var cp = Hex(entry);
                var parts = decompositions[cp];
                composites[((long)parts[0] << 21) | (uint)parts[1]] = cp;
            }
            var seconds = composites.Keys.Select(k => (int)(k & 0x1FFFFF)).ToHashSet();
            return new Tables { Decompositions = decompositions, Classes = classes, Composites = composites, Seconds = seconds };
        }
    }
}
