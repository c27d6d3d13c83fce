using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NoduleScope.Service.Review;
using NoduleScope.Reporting.Findings;
using SkiaSharp;

namespace NoduleScope.Cli.Tests.Review;

/// <summary>
/// Pixel checks of the review page's nodule marks, shared by the page's tests against <c>nodulescope review</c> and
/// against the service (linked into NoduleScope.Service.Tests).
/// </summary>
public static class ReviewPageChecks
{
    public const int CanvasSize = 640;

    /// <summary>Debian's Chromium, which Playwright drives (no downloaded browser).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Where the tests leave their screenshots and timings: review-screenshots/ next to the test binaries.</summary>
    public static string Shots
    {
        get
        {
            string shots = Path.Combine(AppContext.BaseDirectory, "review-screenshots");
            Directory.CreateDirectory(shots);
            return shots;
        }
    }

    /// <summary>Skips the test when Chromium or the built page is missing.</summary>
    public static void RequireBrowserAndBundle()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing (apt-get install chromium)");
        }

        if (ReviewWebRoot.Find() is null)
        {
            Assert.Skip("the review page is not built (run web/build.sh; needs node and npm)");
        }
    }

    /// <summary>Steps through the findings with J and checks each one's mark on the axial slice through its centre.</summary>
    public static async Task CheckEveryMark(IPage page, FindingsDocument findings, string shots, string name)
    {
        var canvas = page.Locator("#ct");
        for (int i = 0; i < findings.Findings.Count; i++)
        {
            var f = findings.Findings[i];
            if (i > 0)
            {
                await page.Keyboard.PressAsync("j");
            }

            await page.WaitForSelectorAsync($"body[data-selected='{f.Id}']");
            string slice = ((int)Math.Round(f.CenterVoxel[2])).ToString(CultureInfo.InvariantCulture);
            Assert.Equal(slice, await canvas.GetAttributeAsync("data-index"));
            await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{slice}']");
            CheckSelectedMark(await canvas.ScreenshotAsync(), f, findings.Input, coronal: false, Path.Combine(shots, $"{name}-mark-{f.Id}.png"));
        }
    }

    /// <summary>
    /// The selected finding's box is the only cyan (#00ffff) on the canvas: it must be there, centred on the middle of
    /// the finding's bounding box, no bigger than that box plus a margin, and around the finding's centre voxel. The
    /// expected positions follow the page's fit rule (zoom 1, no pan: the image scaled to the canvas keeping mm
    /// proportions and centred) and are computed here from findings.json alone.
    /// </summary>
    public static void CheckSelectedMark(byte[] png, FindingsNodule finding, FindingsInput input, bool coronal, string savePath)
    {
        File.WriteAllBytes(savePath, png);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(CanvasSize, bitmap.Width);
        int rowAxis = coronal ? 2 : 1;
        double s = Math.Min(CanvasSize / (input.Size[0] * input.Spacing[0]), CanvasSize / (input.Size[rowAxis] * input.Spacing[rowAxis]));
        (double X, double Y) Canvas(double[] voxel) => CanvasPoint(voxel, input, coronal);

        var lo = Canvas(WorldToVoxel(finding.BoundsMinWorld, input));
        var hi = Canvas(WorldToVoxel(finding.BoundsMaxWorld, input));
        var (ex, ey) = ((lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2);
        double margin = (Math.Max(input.Spacing[0], input.Spacing[rowAxis]) * s) + 3;
        double reachX = (Math.Abs(hi.X - lo.X) / 2) + margin, reachY = (Math.Abs(hi.Y - lo.Y) / 2) + margin;

        long count = 0;
        double sx = 0, sy = 0, minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 60 && c.Green > 200 && c.Blue > 200)
                {
                    count++;
                    sx += x;
                    sy += y;
                    (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
                }
            }
        }

        Assert.True(count > 20, $"finding #{finding.Id}: no selected mark on the canvas (expected around {ex:0}, {ey:0}); see {savePath}");
        double cx = sx / count, cy = sy / count;
        Assert.True(Math.Abs(cx - ex) <= 3 && Math.Abs(cy - ey) <= 3,
            $"finding #{finding.Id}: mark centred at ({cx:0.0}, {cy:0.0}), expected ({ex:0.0}, {ey:0.0}); see {savePath}");
        Assert.True(ex - minX <= reachX && maxX - ex <= reachX && ey - minY <= reachY && maxY - ey <= reachY,
            $"finding #{finding.Id}: mark spans x {minX}..{maxX}, y {minY}..{maxY}, more than the bounding box around ({ex:0}, {ey:0}); see {savePath}");
        var centre = Canvas(finding.CenterVoxel);
        Assert.True(centre.X > minX && centre.X < maxX && centre.Y > minY && centre.Y < maxY,
            $"finding #{finding.Id}: centre ({centre.X:0}, {centre.Y:0}) outside its mark; see {savePath}");
    }

    /// <summary>Where the page draws a voxel (x, y, z) at zoom 1 and no pan: the image scaled to the canvas keeping mm
    /// proportions and centred; coronal rows run from the head down.</summary>
    public static (double X, double Y) CanvasPoint(double[] voxel, FindingsInput input, bool coronal)
    {
        int rowAxis = coronal ? 2 : 1;
        double s = Math.Min(CanvasSize / (input.Size[0] * input.Spacing[0]), CanvasSize / (input.Size[rowAxis] * input.Spacing[rowAxis]));
        double ox = (CanvasSize - (input.Size[0] * input.Spacing[0] * s)) / 2;
        double oy = (CanvasSize - (input.Size[rowAxis] * input.Spacing[rowAxis] * s)) / 2;
        double row = coronal ? input.Size[2] - 1 - voxel[2] : voxel[1];
        return (ox + ((voxel[0] + 0.5) * input.Spacing[0] * s), oy + ((row + 0.5) * input.Spacing[rowAxis] * s));
    }

    public static double[] WorldToVoxel(double[] world, FindingsInput input)
    {
        double[] d = [world[0] - input.Origin[0], world[1] - input.Origin[1], world[2] - input.Origin[2]];
        return [.. Enumerable.Range(0, 3).Select(a => ((d[0] * input.Direction[a * 3]) + (d[1] * input.Direction[(a * 3) + 1]) + (d[2] * input.Direction[(a * 3) + 2])) / input.Spacing[a])];
    }

    /// <summary>Scrolls 40 slices with the keyboard, each step waiting until Cornerstone has rendered the slice, and
    /// writes the page's own timings to the test output.</summary>
    public static async Task RecordTimings(IPage page, string shots, FindingsInput input, string what)
    {
        await page.EvaluateAsync("() => { window.reviewMetrics.renderTimesMs.length = 0; }");
        int index = int.Parse((await page.GetAttributeAsync("#ct", "data-index"))!, CultureInfo.InvariantCulture);
        int step = index + 20 < input.Size[2] ? 1 : -1;
        double scrollStart = await page.EvaluateAsync<double>("() => performance.now()");
        for (int k = 0; k < 40; k++)
        {
            bool forward = k < 20;
            await page.Keyboard.PressAsync((step > 0) == forward ? "ArrowDown" : "ArrowUp");
            index += forward ? step : -step;
            await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{index}']");
        }

        double scrollMs = await page.EvaluateAsync<double>($"() => new Promise(r => requestAnimationFrame(() => r(performance.now() - {scrollStart.ToString(CultureInfo.InvariantCulture)})))");
        using var metrics = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.reviewMetrics)"));
        double firstImage = metrics.RootElement.GetProperty("firstImageMs").GetDouble();
        string renderer = metrics.RootElement.GetProperty("renderer").GetString() ?? "unknown renderer";
        double allSlices = metrics.RootElement.GetProperty("allSlicesMs").GetDouble();
        double[] renders = [.. metrics.RootElement.GetProperty("renderTimesMs").EnumerateArray().Select(e => e.GetDouble()).Order()];
        Assert.True(renders.Length >= 40, $"expected a render per slice step, got {renders.Length}");
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"review page (Cornerstone3D, {renderer}), {what} {input.Size[0]}x{input.Size[1]}x{input.Size[2]}: first image {firstImage:0} ms after opening the study; all slices {allSlices:0} ms; slice render median {renders[renders.Length / 2]:0.00} ms, max {renders[^1]:0.00} ms over {renders.Length} renders; 40 slice steps {scrollMs:0} ms ({scrollMs / 40:0.0} ms per slice from key press to rendered slice, including Playwright input)");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(shots, "timings.txt"), summary + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
    }
}
