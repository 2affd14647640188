using RMBench.Core.Results;

namespace RMBench.Reports.Leaderboard;

/// <summary>
/// Builds the page's view model from runs and bench results. Rows are models (runs grouped by model id and
/// digest; when a model has a suite in several runs the latest finished one is shown and a notice says so),
/// columns are suites in order of first appearance. Runs of one suite over different dataset sha256s get version
/// tags (data A, data B) and a warning instead of being compared silently. Default order: mean headline (or the
/// first suite's) descending, then model id (ordinal).
/// </summary>
public static class LeaderboardBuilder
{
    private const int ShortNameLength = 80;
    // Short reasons shown under the dash of an empty cell; Legend explains each one present.
    private const string Unsupported = "unsupported", NotRun = "not run", NotComputed = "not computed", NotMeasured = "not measured";
    /// <summary>Shown under the dashes of the throughput columns of a model no bench.json was given for (the template writes it).</summary>
    private const string NoBench = "no bench";
    private static readonly string[] BaselineBackends = ["length", "random"];
    /// <summary>The built-in ONNX baseline runs through the onnx backend under this model id.</summary>
    private const string BuiltInBaselineId = "baseline";
    private static readonly string[] ScenarioPreference = ["offline", "server", "single-stream"];

    /// <summary>One table row: a model and its suites (each from one run). Compared by reference (used as a dictionary key).</summary>
    private sealed class ModelGroup(string id, string digest, string settings, string backend)
    {
        public string Id { get; } = id;
        public string Digest { get; } = digest;
        /// <summary>Canonical "k=v; ..." of the model settings: part of its identity (random and random:7 share id and digest).</summary>
        public string Settings { get; } = settings;
        public string Backend { get; } = backend;
        public List<LeaderboardRun> Runs { get; } = [];
        public Dictionary<string, (SuiteResult Suite, LeaderboardRun Run)> Suites { get; } = new(StringComparer.Ordinal);
        /// <summary>The id, plus the settings that tell it apart when another row has the same id.</summary>
        public string Name { get; set; } = id;
        /// <summary>A partial run is shown (it gives a suite of this row, or has none at all).</summary>
        public bool Partial => Runs.Any(r => r.Result.Status != "complete" && (r.Result.Suites.Count == 0 || Suites.Values.Any(s => s.Run == r)));
    }

    public static async Task<(LeaderboardPage Page, IReadOnlyList<IReadOnlyList<ChartPointData>> Charts)> BuildAsync(
        LeaderboardInputs inputs, string title, CancellationToken cancellationToken = default)
    {
        var notices = inputs.Skipped.Select(text => new Notice("info", text)).ToList();
        var groups = Group(inputs.Runs, notices, out var collapsed);
        var suiteNames = inputs.Runs.SelectMany(r => r.Result.Suites).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        var suiteKeys = suiteNames.Select((n, i) => (n, $"s{i}")).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        var versions = suiteNames.ToDictionary(n => n, n => DatasetVersions(n, groups), StringComparer.Ordinal);
        foreach (var name in suiteNames.Where(n => versions[n].Count > 1))
            notices.Add(new Notice("warn", VersionWarning(name, versions[name], groups)));

        string? Tag(string suite, SuiteResult result) =>
            versions[suite].Count > 1 ? "data " + versions[suite][Signature(result)].Letter : null;

        // Headline cells, column by column (a column's scale depends on all its values).
        var headlineCells = new Dictionary<(ModelGroup, string), Cell>();
        var means = new Dictionary<ModelGroup, double?>();
        foreach (var suite in suiteNames)
        {
            var present = groups.Where(g => g.Suites.ContainsKey(suite)).Select(g => (g, Headline(g.Suites[suite].Suite))).ToList();
            var scale = Scale.Of(present.Where(p => p.Item2 is not null).Select(p => (p.Item2!.Value, p.Item2.CiLow, p.Item2.CiHigh)));
            foreach (var (g, m) in present)
            {
                var result = g.Suites[suite].Suite;
                headlineCells[(g, suite)] = m is null
                    ? result.Status == SuiteStatus.Unsupported
                        ? Cell.Missing($"unsupported by this model: {result.StatusNote}", Unsupported)
                        : Cell.Missing($"{result.Headline} was not computed", NotComputed)
                    : Format.Metric(m, scale, Tag(suite, result), $"{m.Label}: 95% CI {Format.Fixed(m.CiLow, 4)}–{Format.Fixed(m.CiHigh, 4)}, n = {Format.Integer(m.N)}");
            }
        }
        // The mean is over the suites every model scored, so that a model is never ranked above another
        // for skipping a suite (e.g. a text-only model and an image suite it reports as unsupported).
        var commonSuites = suiteNames.Where(s => groups.All(g => g.Suites.TryGetValue(s, out var r) && Headline(r.Suite) is not null)).ToList();
        foreach (var g in groups)
            means[g] = commonSuites.Count > 0 ? commonSuites.Average(s => Headline(g.Suites[s].Suite)!.Value) : null;
        var showMean = commonSuites.Count > 1;
        var meanNote = commonSuites.Count == suiteNames.Count
            ? "Mean of the suites' headline metrics"
            : $"Mean of the headline metrics of the {Format.Integer(commonSuites.Count)} suites every model scored ({string.Join(", ", commonSuites)})";
        var ordered = groups
            .OrderByDescending(g => showMean ? means[g] ?? double.NegativeInfinity : FirstHeadline(g, suiteNames))
            .ThenBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.Digest, StringComparer.Ordinal)
            .ToList();
        var anchors = ordered.Select((g, i) => (g, $"m{i}")).ToDictionary(p => p.g, p => p.Item2);

        var benchByModel = inputs.Bench.ToLookup(b => (b.ModelId, b.ModelDigest));
        var rows = ordered.Select(g => new ModelRow(
            anchors[g], g.Name, Format.Clip(g.Name, ShortNameLength), IsBaseline(g), g.Partial, g.Backend, Format.Short(g.Digest),
            suiteNames.Select(s => headlineCells.TryGetValue((g, s), out var c) ? c : Cell.Missing("not run on this suite", NotRun)).ToList(),
            means[g] is { } mean
                ? new Cell(Format.Fixed(mean, 3), "", Format.SortKey(mean), null, null, meanNote)
                : Cell.Missing("not every suite of the mean has a value", NotRun),
            ThroughputOf(benchByModel[(g.Id, g.Digest)].ToList()))).ToList();

        var suiteColumns = suiteNames.Select(n =>
        {
            var first = groups.Select(g => g.Suites.GetValueOrDefault(n).Suite).First(s => s is not null)!;
            return new SuiteColumn(suiteKeys[n], n, Headline(first)?.Label ?? first.Headline, first.Anchor, first.Description,
                versions[n].Count > 1 ? $"{Format.Integer(versions[n].Count)} dataset versions" : null);
        }).ToList();

        var texts = new DatasetTexts();
        var details = new List<SuiteDetail>();
        foreach (var column in suiteColumns)
            details.Add(await SuiteDetailAsync(column.Name, column.Key, ordered, anchors, texts, column.VersionFlag, cancellationToken));

        var charts = new List<IReadOnlyList<ChartPointData>>();
        var models = ordered.Select(g => ModelCard(g, anchors[g], charts)).ToList();

        var matched = ordered.Select(g => (g.Id, g.Digest)).ToHashSet();
        var bench = inputs.Bench
            .OrderBy(b => b.ModelId, StringComparer.Ordinal).ThenBy(b => b.Scenario, StringComparer.Ordinal)
            .Select(b =>
            {
                var row = ordered.FirstOrDefault(g => g.Id == b.ModelId && g.Digest == b.ModelDigest);
                return new BenchRow(b.ModelId, row is null ? "" : anchors[row], b.Scenario, b.Device, Format.Rate(b.PairsPerSecond), Format.Rate(b.TokensPerSecond),
                    Format.Rate(b.LatencyP50Ms), Format.Rate(b.LatencyP90Ms), Format.Rate(b.LatencyP99Ms),
                    b.PeakQps is null ? "—" : b.LatencyBoundMs is { } bound ? $"{Format.Rate(b.PeakQps)} at p99 ≤ {Format.Rate(bound)} ms" : Format.Rate(b.PeakQps),
                    matched.Contains((b.ModelId, b.ModelDigest)) ? "" : "no run of this model and digest in this leaderboard")
                {
                    Setup = BenchSetup(b, inputs.Bench),
                    PairsNote = PairsNote(b),
                };
            }).ToList();

        var legend = Legend(rows, suiteNames, groups);
        var warnings = notices.Count(n => n.Level == "warn");
        var harness = inputs.Runs.Select(r => r.Result.Provenance.HarnessVersion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var page = new LeaderboardPage
        {
            Title = title,
            Summary = $"{Format.Integer(ordered.Count)} models · {Format.Integer(suiteNames.Count)} suites · {Format.Integer(inputs.Runs.Count)} runs"
                      + (collapsed > 0 ? $" ({Format.Integer(collapsed)} identical {(collapsed == 1 ? "rerun" : "reruns")} collapsed: the latest is shown)" : ""),
            Notices = notices,
            NoticeSummary = notices.Count == 0 ? ""
                : $"{Format.Integer(notices.Count)} {(notices.Count == 1 ? "note" : "notes")} about these runs"
                  + (warnings > 0 ? $" ({Format.Integer(warnings)} {(warnings == 1 ? "warning" : "warnings")})" : ""),
            Legend = legend,
            Suites = suiteColumns,
            Rows = rows,
            ShowMean = showMean,
            MeanLabel = commonSuites.Count == suiteNames.Count ? "of suites" : $"of {Format.Integer(commonSuites.Count)} common suites",
            ShowThroughput = rows.Any(r => r.Throughput is not null),
            SectionTables = SectionTables(suiteNames, suiteKeys, ordered, anchors),
            SuiteDetails = details,
            Models = models,
            Bench = bench,
            Footer = $"Generated by RMBench {string.Join(", ", harness)} from {Format.Integer(inputs.Runs.Count)} run.json files. "
                     + "Intervals: 95% percentile bootstrap over prompts. Baselines (the built-in baseline, length, random) are marked.",
        };
        return (page, charts);
    }

    /// <summary>
    /// Groups runs into rows. When a suite is in several runs of one model, the run finished last gives it; an
    /// earlier run with identical results (same datasets, metrics, subsets and counts: a repeated run, e.g. from
    /// the cache) is collapsed quietly and counted in <paramref name="collapsed"/>, and a run left giving no suite is
    /// dropped from the row (provenance, length chart). Only different results for one suite get a notice.
    /// </summary>
    private static List<ModelGroup> Group(IReadOnlyList<LeaderboardRun> runs, List<Notice> notices, out int collapsed)
    {
        var groups = new List<ModelGroup>();
        var differing = new List<(ModelGroup Group, string Suite)>();
        collapsed = 0;
        // Latest first, so the run finished last is the one kept; ties keep argument order.
        foreach (var run in runs.Select((r, i) => (r, i)).OrderByDescending(p => p.r.Result.Provenance.FinishedAt, StringComparer.Ordinal)
                     .ThenBy(p => p.i).Select(p => p.r))
        {
            var model = run.Result.Model;
            var settings = string.Join("; ", model.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
            var group = groups.FirstOrDefault(g => g.Id == model.Id && g.Digest == model.Digest && g.Settings == settings);
            if (group is null) groups.Add(group = new ModelGroup(model.Id, model.Digest, settings, model.Backend));
            var contributes = run.Result.Suites.Count == 0;
            var allIdentical = run.Result.Suites.Count > 0;
            foreach (var suite in run.Result.Suites)
            {
                if (group.Suites.TryGetValue(suite.Name, out var shown))
                {
                    if (!SameResults(shown.Suite, suite))
                    {
                        allIdentical = false;
                        if (!differing.Contains((group, suite.Name))) differing.Add((group, suite.Name));
                    }
                    continue;
                }
                allIdentical = false;
                contributes = true;
                group.Suites[suite.Name] = (suite, run);
            }
            if (contributes) group.Runs.Add(run);
            else if (allIdentical) collapsed++;
        }
        // Rows and their runs in the order the runs were given.
        groups.Sort((a, b) => FirstIndex(a, runs).CompareTo(FirstIndex(b, runs)));
        foreach (var g in groups) g.Runs.Sort((a, b) => IndexOf(runs, a).CompareTo(IndexOf(runs, b)));
        foreach (var same in groups.GroupBy(g => g.Id, StringComparer.Ordinal).Where(s => s.Count() > 1))
        {
            var all = same.ToList();
            foreach (var g in all)
            {
                var own = g.Runs[0].Result.Model.Settings;
                var distinct = own.Where(kv => all.Any(o => !o.Runs[0].Result.Model.Settings.TryGetValue(kv.Key, out var v) || v != kv.Value))
                    .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}").ToList();
                g.Name = distinct.Count > 0 ? $"{g.Id} ({string.Join(", ", distinct)})" : $"{g.Id} ({Format.Short(g.Digest)})";
            }
        }
        foreach (var (g, suite) in differing)
            notices.Add(new Notice("info", $"{g.Name}: suite {suite} is in more than one run with different results; the run finished last is shown "
                                           + $"({g.Suites[suite].Run.RunJsonPath})."));
        return groups;
    }

    private static int IndexOf(IReadOnlyList<LeaderboardRun> runs, LeaderboardRun run)
    {
        for (var i = 0; i < runs.Count; i++) if (ReferenceEquals(runs[i], run)) return i;
        return runs.Count;
    }

    private static int FirstIndex(ModelGroup g, IReadOnlyList<LeaderboardRun> runs) => g.Runs.Count == 0 ? runs.Count : g.Runs.Min(r => IndexOf(runs, r));

    /// <summary>Whether two results of one suite show the same thing: same datasets, status, metrics, subsets and counts.</summary>
    private static bool SameResults(SuiteResult a, SuiteResult b) =>
        Signature(a) == Signature(b) && a.Status == b.Status && a.Headline == b.Headline && a.Counts == b.Counts
        && a.Metrics.SequenceEqual(b.Metrics) && a.Subsets.SequenceEqual(b.Subsets);

    /// <summary>One line per short reason present in the main table; unsupported suites list which models and why.</summary>
    private static List<LegendEntry> Legend(IReadOnlyList<ModelRow> rows, IReadOnlyList<string> suiteNames, IReadOnlyList<ModelGroup> groups)
    {
        var present = rows.SelectMany(r => r.Cells.Append(r.Mean).Concat(r.Throughput is { } t ? [t.PairsPerSecond, t.P99] : []))
            .Select(c => c.Reason).Where(r => r != "").ToHashSet(StringComparer.Ordinal);
        var showsThroughput = rows.Any(r => r.Throughput is not null);
        var legend = new List<LegendEntry>();
        if (present.Contains(Unsupported))
        {
            var why = suiteNames.SelectMany(s => groups.Where(g => g.Suites.TryGetValue(s, out var r) && r.Suite.Status == SuiteStatus.Unsupported)
                    // The note names its model; said generically, the models with the same reason share one line.
                    .Select(g => (Suite: s, g.Name, Note: (g.Suites[s].Suite.StatusNote ?? "").Replace($"model '{g.Id}'", "the model", StringComparison.Ordinal))))
                .GroupBy(x => (x.Suite, x.Note))
                .Select(x => $"{x.Key.Suite} for {string.Join(", ", x.Select(y => y.Name))}" + (x.Key.Note != "" ? $": {x.Key.Note}" : ""));
            legend.Add(new LegendEntry(Unsupported, "the model cannot take this suite's items, so it has no number (never a made-up one): " + string.Join("; ", why) + "."));
        }
        if (present.Contains(NotRun)) legend.Add(new LegendEntry(NotRun, "no run of this model has this suite (the mean needs every suite it averages)."));
        if (present.Contains(NotComputed)) legend.Add(new LegendEntry(NotComputed, "the run has the suite but not its headline metric."));
        if (showsThroughput && rows.Any(r => r.Throughput is null))
            legend.Add(new LegendEntry(NoBench, "no bench.json of this model (and digest) was given: rmbench bench measures it."));
        if (present.Contains(NotMeasured)) legend.Add(new LegendEntry(NotMeasured, "the bench scenario shown does not measure this figure (offline measures throughput, not latency)."));
        return legend;
    }

    private static bool IsBaseline(ModelGroup g) =>
        BaselineBackends.Contains(g.Backend, StringComparer.Ordinal) || (g.Backend == "onnx" && g.Id == BuiltInBaselineId);

    private static MetricResult? Headline(SuiteResult suite) => suite.Metrics.FirstOrDefault(m => m.Key == suite.Headline);

    private static double FirstHeadline(ModelGroup g, IReadOnlyList<string> suites) =>
        suites.Select(s => g.Suites.TryGetValue(s, out var r) ? Headline(r.Suite)?.Value : null).FirstOrDefault(v => v is not null) ?? double.NegativeInfinity;

    /// <summary>The datasets a suite result was computed on, as one comparable string.</summary>
    private static string Signature(SuiteResult suite) => string.Join(",", suite.Datasets.Select(d => d.Sha256));

    /// <summary>Distinct dataset signatures of a suite, lettered A, B, ... in row order.</summary>
    private static Dictionary<string, (string Letter, List<string> Models)> DatasetVersions(string suite, List<ModelGroup> groups)
    {
        var versions = new Dictionary<string, (string Letter, List<string> Models)>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            if (!g.Suites.TryGetValue(suite, out var r)) continue;
            var signature = Signature(r.Suite);
            if (!versions.TryGetValue(signature, out var v))
                versions[signature] = v = (((char)('A' + Math.Min(versions.Count, 25))).ToString(), []);
            v.Models.Add(g.Name);
        }
        return versions;
    }

    private static string VersionWarning(string suite, Dictionary<string, (string Letter, List<string> Models)> versions, List<ModelGroup> groups) =>
        $"Suite {suite} was run on {Format.Integer(versions.Count)} different dataset versions; numbers from different versions are not comparable. "
        + string.Join("; ", versions.Select(v => $"data {v.Value.Letter} (sha256 {ShortSignature(v.Key)}): {string.Join(", ", v.Value.Models)}"))
        + ".";

    private static string ShortSignature(string signature) => string.Join(", ", signature.Split(',').Select(s => Format.Short(s)));

    private static Throughput? ThroughputOf(IReadOnlyList<BenchResult> bench)
    {
        if (bench.Count == 0) return null;
        var best = bench.OrderBy(b => Array.IndexOf(ScenarioPreference, b.Scenario) is var i && i >= 0 ? i : ScenarioPreference.Length)
                        .ThenBy(b => b.Scenario, StringComparer.Ordinal).First();
        return new Throughput(
            new Cell(Format.Rate(best.PairsPerSecond), best.Scenario == "offline" ? "" : best.Scenario, Format.SortKey(best.PairsPerSecond), null, null,
                $"{best.Scenario} scenario, {best.Device}" + (PairsNote(best) is { Length: > 0 } note ? $": {note}" : "")),
            best.LatencyP99Ms is null
                ? Cell.Missing($"the {best.Scenario} scenario measures no latency (rmbench bench --scenario single-stream or server does)", NotMeasured)
                : new Cell(Format.Rate(best.LatencyP99Ms), best.Scenario == "offline" ? "" : best.Scenario, Format.SortKey(best.LatencyP99Ms), null, null, $"p99 latency, {best.Scenario} scenario"),
            best.Scenario, best.Device);
    }

    /// <summary>
    /// The settings of a measurement: batch limits, concurrency and duration, so that two records of one model and
    /// scenario can be told apart; when those agree too, the time it was measured.
    /// </summary>
    private static string BenchSetup(BenchResult b, IReadOnlyList<BenchResult> all)
    {
        static string Of(BenchResult x) => x.Workload is { } w
            ? $"{w.BatchingPolicy} · concurrency {Format.Integer(w.Concurrency)} · {Format.Rate(w.DurationSeconds)} s"
              + (x.Scenario == "server" && x.OfferedQps is { } q ? $" · {Format.Rate(q)} QPS offered" : "")
            : "";
        var setup = Of(b);
        var twins = all.Count(x => x.ModelId == b.ModelId && x.ModelDigest == b.ModelDigest && x.Scenario == b.Scenario && x.Device == b.Device && Of(x) == setup);
        return twins > 1 && b.MeasuredAt is { } at ? (setup == "" ? $"measured {at}" : $"{setup} · measured {at}") : setup;
    }

    /// <summary>Pairs/s means capacity offline; in the server scenario it is the rate served at the offered load.</summary>
    private static string PairsNote(BenchResult b) => b.Scenario switch
    {
        "server" => b.OfferedQps is { } q ? $"served at {Format.Rate(q)} QPS offered, not a capacity" : "served at the offered load, not a capacity",
        "single-stream" => "one request at a time",
        _ => "",
    };

    private static IReadOnlyList<SectionTable> SectionTables(IReadOnlyList<string> suiteNames, IReadOnlyDictionary<string, string> keys,
        IReadOnlyList<ModelGroup> ordered, IReadOnlyDictionary<ModelGroup, string> anchors)
    {
        var tables = new List<SectionTable>();
        foreach (var name in suiteNames)
        {
            var results = ordered.Where(g => g.Suites.ContainsKey(name)).Select(g => (g, g.Suites[name].Suite)).ToList();
            var sections = results.SelectMany(r => r.Suite.Metrics).Where(m => m.Key.StartsWith("section:", StringComparison.Ordinal))
                .Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
            if (sections.Count == 0) continue;
            List<string> columns = [.. sections, "overall"];
            var scales = columns.ToDictionary(c => c, c => Scale.Of(results.Select(r => r.Suite.Metrics.FirstOrDefault(m => m.Key == c))
                .Where(m => m is not null).Select(m => (m!.Value, m.CiLow, m.CiHigh))));
            var rows = results.Select(r => new SectionRow(anchors[r.g], r.g.Name, Format.Clip(r.g.Name, ShortNameLength), IsBaseline(r.g),
                columns.Select(c => r.Suite.Metrics.FirstOrDefault(m => m.Key == c) is { } m
                    ? Format.Metric(m, scales[c], null, $"{m.Label}: n = {Format.Integer(m.N)}")
                    : Cell.Missing("not computed")).ToList())).ToList();
            tables.Add(new SectionTable(keys[name], name,
                columns.Select(c => c == "overall" ? "Overall" : c["section:".Length..]).ToList(), rows));
        }
        return tables;
    }

    private static async Task<SuiteDetail> SuiteDetailAsync(string name, string key, IReadOnlyList<ModelGroup> ordered,
        IReadOnlyDictionary<ModelGroup, string> anchors, DatasetTexts texts, string? versionFlag, CancellationToken cancellationToken)
    {
        var results = ordered.Where(g => g.Suites.ContainsKey(name)).Select(g => (Group: g, g.Suites[name].Suite, g.Suites[name].Run)).ToList();
        var first = results[0].Suite;
        var headers = results.Select(r => new ModelHeader(anchors[r.Group], r.Group.Name, Format.Clip(r.Group.Name, ShortNameLength), IsBaseline(r.Group))).ToList();

        // Metrics other than per-subset and per-section ones (those have their own views).
        var metricKeys = results.SelectMany(r => r.Suite.Metrics)
            .Where(m => !m.Key.StartsWith("subset:", StringComparison.Ordinal) && !m.Key.StartsWith("section:", StringComparison.Ordinal))
            .Select(m => (m.Key, m.Label)).DistinctBy(m => m.Key).ToList();
        var metrics = metricKeys.Select(k =>
        {
            var found = results.Select(r => r.Suite.Metrics.FirstOrDefault(m => m.Key == k.Key)).ToList();
            var scale = Scale.Of(found.Where(m => m is not null).Select(m => (m!.Value, m.CiLow, m.CiHigh)));
            return new MetricRow(k.Label, k.Key, found.Select(m => m is null ? Cell.Missing("not computed") : Format.Metric(m, scale, null, $"n = {Format.Integer(m.N)}")).ToList());
        }).ToList();

        var subsetNames = results.SelectMany(r => r.Suite.Subsets).Select(s => (s.Name, s.Section)).DistinctBy(s => s.Name).ToList();
        var percent = new Scale(true, 0, 1);
        var textsByRun = new Dictionary<LeaderboardRun, IReadOnlyDictionary<string, ItemText>?>();
        foreach (var r in results) textsByRun[r.Run] = await texts.ForSuiteAsync(r.Suite, cancellationToken);
        var judgmentsByRun = new Dictionary<LeaderboardRun, IReadOnlyDictionary<string, Core.Running.JudgmentRow>>();
        foreach (var r in results) judgmentsByRun[r.Run] = await JudgeMisses.LoadAsync(r.Run, cancellationToken); // generative judges' texts

        var subsets = subsetNames.Select((s, index) =>
        {
            var heat = new List<HeatCell>();
            var perModel = new List<SubsetModel>();
            foreach (var r in results)
            {
                var subset = r.Suite.Subsets.FirstOrDefault(x => x.Name == s.Name);
                var cell = subset is null ? Cell.Missing("not in this run") : Format.Metric(subset.Accuracy, subset.CiLow, subset.CiHigh, percent, null,
                    $"{Format.Integer(subset.Items)} items, {Format.Integer(subset.Ties)} ties");
                heat.Add(new HeatCell(cell, subset is null ? -1 : (int)Math.Clamp(Math.Floor(subset.Accuracy * 5), 0, 4)));
                if (subset is null) continue;
                var scores = r.Run.Scores?.Where(x => x.Suite == name && x.Subset == s.Name);
                var runTexts = textsByRun[r.Run];
                var note = scores is null ? $"No scores.parquet beside {r.Run.RunJsonPath}: examples unavailable."
                    : runTexts is null ? "The dataset file is missing or changed since the run: prompts and answers unavailable." : null;
                perModel.Add(new SubsetModel(anchors[r.Group], r.Group.Name, Format.Clip(r.Group.Name, ShortNameLength), IsBaseline(r.Group), cell,
                    Format.Integer(subset.Items), Format.Integer(subset.Ties), Format.Integer(subset.Invalid),
                    scores is null ? [] : JudgeMisses.Find(scores, runTexts, judgmentsByRun[r.Run]), note));
            }
            var items = results.Select(r => r.Suite.Subsets.FirstOrDefault(x => x.Name == s.Name)?.Items).FirstOrDefault(i => i is not null) ?? 0;
            return new SubsetDetail($"{key}-t{Format.Integer(index)}", s.Name, s.Section ?? "", Format.Integer(items), heat, perModel);
        }).ToList();

        return new SuiteDetail(key, name, first.Description, first.Anchor, first.Kinds, headers, metrics, subsets, versionFlag)
        {
            BonChart = BonCurveChart.Build([.. results.Select(r => (r.Group.Name, anchors[r.Group], r.Suite))]),
        };
    }

    private static ModelDetail ModelCard(ModelGroup g, string anchor, List<IReadOnlyList<ChartPointData>> charts)
    {
        var provenance = g.Runs.Select(run =>
        {
            var p = run.Result.Provenance;
            var m = p.Machine;
            return new RunProvenance(run.RunJsonPath, run.Result.Status, string.Join(", ", run.Result.Suites.Select(s => s.Name)),
                p.HarnessVersion, p.GitCommit ?? "unknown",
                $"{m.HostName} · {m.Os} · {m.Architecture} · {Format.Integer(m.ProcessorCount)} CPUs · {m.Runtime}",
                p.ExecutionProvider, p.StartedAt, p.FinishedAt,
                $"bootstrap {Format.Integer(p.BootstrapSeed)} ({Format.Integer(p.BootstrapResamples)} resamples), model {Format.Integer(p.ModelSeed)}",
                p.Ties, p.CommandLine,
                run.Result.Suites.SelectMany(s => s.Datasets.Select(d => new DatasetLine(s.Name, d.Path, d.Sha256, Format.Integer(d.Rows), d.Kind))).ToList(),
                run.Result.Model.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new Setting(kv.Key, kv.Value)).ToList());
        }).ToList();

        var withScores = g.Runs.Where(r => r.Scores is not null).ToList();
        Chart? chart = null;
        string note;
        if (withScores.Count == 0)
            note = $"No scores.parquet beside {string.Join(", ", g.Runs.Select(r => r.RunJsonPath))}: the length chart needs it.";
        else
        {
            var built = LengthChart.Build(charts.Count, withScores.SelectMany(r => r.Scores!));
            if (built is { } b)
            {
                chart = b.Chart;
                charts.Add(b.Data);
                note = withScores.Count < g.Runs.Count ? "Some runs of this model have no scores.parquet; the chart shows the others." : "";
            }
            else note = "scores.parquet has no response lengths (response_chars): the length chart needs them.";
        }
        return new ModelDetail(anchor, g.Name, IsBaseline(g), g.Partial, g.Backend, g.Digest, provenance, chart, note);
    }
}
