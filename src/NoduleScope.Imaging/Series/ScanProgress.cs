namespace NoduleScope.Imaging.Series;

public sealed record ScanProgress(int FilesDone, int FilesTotal);
