using Microsoft.Playwright;

namespace RMBench.Tests.Leaderboard;

/// <summary>
/// Debian's Chromium driven by Playwright (its node driver ships in the NuGet package; no browser download):
/// headless, no sandbox (tests run as root), a fresh user data dir, background networking off.
/// Records console errors, page errors, dialogs and every request of each page it opens.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private readonly string _userData = TestPaths.NewTempDirectory("rmbench-chromium");

    public IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: run scripts/install-test-deps.sh (installs Debian's chromium)");
        _playwright = await Playwright.CreateAsync();
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_userData, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    public async Task DisposeAsync()
    {
        if (Context is not null) await Context.CloseAsync();
        _playwright?.Dispose();
        try { Directory.Delete(_userData, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Opens a file in a new page, with listeners attached before navigation.</summary>
    public async Task<OpenedPage> OpenAsync(string file, int width = 1280, int height = 900)
    {
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        var opened = new OpenedPage(page);
        page.Console += (_, message) => { if (message.Type is "error" or "warning") opened.ConsoleProblems.Add($"{message.Type}: {message.Text}"); };
        page.PageError += (_, error) => opened.PageErrors.Add(error);
        page.Dialog += async (_, dialog) => { opened.Dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.Request += (_, request) => opened.Requests.Add(request.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return opened;
    }
}

public sealed record OpenedPage(IPage Page)
{
    public List<string> ConsoleProblems { get; } = [];
    public List<string> PageErrors { get; } = [];
    public List<string> Dialogs { get; } = [];
    public List<string> Requests { get; } = [];
}
