using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Nova.Resources.Overview.Tests.Browser;

/// <summary>Debian's headless Chromium driven through Debian's chromedriver, with a profile of its own.</summary>
internal sealed class Chromium : IDisposable
{
    public const string BinaryPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile;

    private Chromium(ChromeDriver driver, string profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    public static Chromium Start()
    {
        if (!File.Exists(BinaryPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"{BinaryPath} or {DriverPath} is missing: install Debian's chromium and chromium-driver (tests/run.sh does, as root).");
        }

        string profile = Directory.CreateTempSubdirectory("nova-overview-chromium.").FullName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BinaryPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1440,1100", $"--user-data-dir={profile}");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        return new Chromium(driver, profile);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; the failure names what was awaited and what was last seen.</summary>
    public async Task<T> WaitForAsync<T>(Func<IWebDriver, T?> read, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = default;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = read(Driver);
                if (last is not null && condition(last))
                {
                    return last;
                }
            }
            catch (WebDriverException ex)
            {
                lastError = ex;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited {timeout} for {what}; last seen: {last?.ToString() ?? "nothing"} {lastError?.Message}");
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its profile as it exits; the folder is a temporary one.
            }
        }
    }
}
