using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Reporting.Tests.Evaluation;

public sealed class LunaCsvReaderTests
{
    [Fact]
    public void ReadsAnnotationsWithCrLfTrailingWhitespaceAndBlankLines()
    {
        const string Text = "seriesuid,coordX,coordY,coordZ,diameter_mm \r\n1.2.3,-128.5,-175.25,-298.0,5.65  \r\n\r\n 1.2.4 ,1e1,2,3,4\r\n";

        var annotations = LunaCsvReader.ReadAnnotations(new StringReader(Text), "a.csv");

        Assert.Equal([new NoduleAnnotation("1.2.3", -128.5, -175.25, -298.0, 5.65), new NoduleAnnotation("1.2.4", 10, 2, 3, 4)], annotations);
    }

    [Fact]
    public void FindsColumnsByNameInAnyOrder()
    {
        const string Text = "probability,seriesuid,coordZ,coordY,coordX,extra\n0.25,9.9,3,2,1,x\n";

        var predictions = LunaCsvReader.ReadPredictions(new StringReader(Text), "p.csv");

        Assert.Equal(new CandidatePrediction("9.9", 1, 2, 3, 0.25), Assert.Single(predictions));
    }

    [Fact]
    public void ReadsAFileWithAByteOrderMarkUnderAnyCulture()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nodulescope-luna-{Guid.NewGuid():N}.csv");
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            File.WriteAllText(path, "seriesuid,coordX,coordY,coordZ,probability\n1.2,0.5,1.5,2.5,0.125\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            var predictions = LunaCsvReader.ReadPredictions(path);

            Assert.Equal(new CandidatePrediction("1.2", 0.5, 1.5, 2.5, 0.125), Assert.Single(predictions));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
            File.Delete(path);
        }
    }

    [Fact]
    public void ExcludedFindingsMayHaveDiameterMinusOneButAnnotationsMayNot()
    {
        const string Text = "seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1,2,3,-1\n";

        Assert.Equal(-1, Assert.Single(LunaCsvReader.ReadExcludedAnnotations(new StringReader(Text), "e.csv")).DiameterMm);
        var error = Assert.Throws<LunaCsvFormatException>(() => LunaCsvReader.ReadAnnotations(new StringReader(Text), "a.csv"));
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("diameter_mm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1,2,3,4\n1.2,abc,2,3,4\n", 3, "coordX 'abc' is not a finite number")]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1,2,3\n", 2, "expected 5 comma-separated fields")]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1,2,NaN,4\n", 2, "coordZ 'NaN'")]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n,1,2,3,4\n", 2, "seriesuid is empty")]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,\"1,5\",2,3,4\n", 2, "expected 5")]
    [InlineData("seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2,1;5,2,3,4\n", 2, "coordX '1;5'")]
    [InlineData("1.2,1,2,3,4\n", 1, "the header has no column 'seriesuid'")]
    [InlineData("seriesuid,coordX,coordY,coordZ\n", 1, "no column 'diameter_mm'")]
    [InlineData("seriesuid,coordX,coordX,coordY,coordZ,diameter_mm\n", 1, "'coordX' appears twice")]
    [InlineData("", 0, "empty file")]
    public void MalformedAnnotationsNameFileAndLine(string text, int line, string problem)
    {
        var error = Assert.Throws<LunaCsvFormatException>(() => LunaCsvReader.ReadAnnotations(new StringReader(text), "ann.csv"));

        Assert.Equal("ann.csv", error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(line > 0 ? $"ann.csv, line {line}: " : "ann.csv: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedPredictionNamesFileAndLine()
    {
        const string Text = "seriesuid,coordX,coordY,coordZ,probability\r\n1.2,1,2,3,0.5\r\n1.2,1,2,3,high\r\n";

        var error = Assert.Throws<LunaCsvFormatException>(() => LunaCsvReader.ReadPredictions(new StringReader(Text), "pred.csv"));

        Assert.Equal("pred.csv, line 3: probability 'high' is not a finite number", error.Message);
    }

    [Fact]
    public void HeaderOnlyPredictionsAreEmpty()
    {
        Assert.Empty(LunaCsvReader.ReadPredictions(new StringReader("seriesuid,coordX,coordY,coordZ,probability\n"), "p.csv"));
    }

    [Theory]
    [InlineData("1.2.3\r\n1.2.4\r\n")]
    [InlineData("seriesuid\n1.2.3\n\n1.2.4  \n")]
    [InlineData("SeriesUID,other\n1.2.3,x\n1.2.4,y\n")]
    public void ReadsSeriesUidsWithOrWithoutHeader(string text)
    {
        Assert.Equal(["1.2.3", "1.2.4"], LunaCsvReader.ReadSeriesUids(new StringReader(text), "s.csv"));
    }

    [Fact]
    public void DuplicateOrMissingSeriesUidsAreErrors()
    {
        var duplicate = Assert.Throws<LunaCsvFormatException>(() => LunaCsvReader.ReadSeriesUids(new StringReader("1.2\n1.3\n1.2\n"), "s.csv"));
        Assert.Equal("s.csv, line 3: series '1.2' is listed twice (first on line 1)", duplicate.Message);

        var empty = Assert.Throws<LunaCsvFormatException>(() => LunaCsvReader.ReadSeriesUids(new StringReader("seriesuid\n"), "s.csv"));
        Assert.Equal("s.csv: no series UIDs in the file", empty.Message);
    }

    [Fact]
    public void MissingFileIsReportedByTheFileSystem()
    {
        Assert.Throws<FileNotFoundException>(() => LunaCsvReader.ReadAnnotations(Path.Combine(Path.GetTempPath(), "no-such-nodulescope-file.csv")));
    }
}
