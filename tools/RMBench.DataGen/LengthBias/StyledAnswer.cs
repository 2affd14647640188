namespace RMBench.DataGen.LengthBias;

/// <summary>
/// One answer written in RM-Bench's three styles: 0 concise (one or two sentences), 1 detailed plain (the
/// reasoning as prose), 2 detailed markdown (the same reasoning with a heading, a numbered list and a bold
/// result). A wrong answer also gets a <see cref="Flourish"/>: confident filler that makes its detailed
/// versions longer and prettier without making them right.
/// </summary>
public sealed record StyledAnswer(string Concise, IReadOnlyList<string> Steps, string Final, string? Flourish = null)
{
    public string Detailed => string.Join(" ", Steps) + " " + Final + (Flourish is null ? "" : " " + Flourish);

    public string Markdown
    {
        get
        {
            var lines = new List<string> { "### Answer", "" };
            lines.AddRange(Steps.Select((step, i) => Text.Inv($"{i + 1}. {step}")));
            lines.Add("");
            lines.Add($"**{Final}**");
            if (Flourish is not null)
            {
                lines.Add("");
                lines.Add($"> ✅ {Flourish}");
            }
            return string.Join("\n", lines);
        }
    }

    /// <summary>The three styles in RM-Bench's order: concise, detailed plain, detailed markdown.</summary>
    public IReadOnlyList<string> Styles => [Concise, Detailed, Markdown];
}

/// <summary>A prompt with a correct and a subtly wrong answer, and why the correct one is correct (for audits and the README).</summary>
public sealed record StyledCase(string Prompt, StyledAnswer Correct, StyledAnswer Wrong, string Why);
