using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// The one place where HTML escaping happens. Scriban writes the template's own text through
/// Write(string, int, int) (trusted: it is our file; partials are evaluated in place by <see cref="PartialFunction"/>) and every {{ expression }} result through
/// <see cref="Write(SourceSpan, object)"/>, which this class encodes with <see cref="HtmlText.Encode"/> unless the
/// value is a <see cref="TrustedHtml"/>. So a template line cannot forget to escape, and data containing
/// "{{ }}" is never parsed as a template (values are only ever written, not evaluated).
/// Limits: Scriban truncates output at 1 MiB and stops loops at 1000 iterations by default; a leaderboard
/// with many models and examples passes both, so output, string and loop limits are off and any limit that
/// remains throws instead of cutting the page.
/// </summary>
public sealed class HtmlTemplateContext : TemplateContext
{
    public HtmlTemplateContext()
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LimitToString = 0;
        OutputLimit = 0;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        LoopLimit = 0;
        LoopLimitQueryable = 0;
        RecursiveLimit = 0;
        MemberRenamer = member => StandardMemberRenamer.Rename(member);
        MemberFilter = member => member is PropertyInfo;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        var html = textAsObject switch
        {
            null => "",
            TrustedHtml trusted => trusted.Html,
            string text => HtmlText.Encode(text),
            IFormattable number => HtmlText.Encode(number.ToString(null, CultureInfo.InvariantCulture)),
            _ => HtmlText.Encode(ObjectToString(textAsObject)),
        };
        Write(html);
        return this;
    }
}
