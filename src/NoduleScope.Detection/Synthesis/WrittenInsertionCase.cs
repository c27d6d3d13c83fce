namespace NoduleScope.Detection.Synthesis;

/// <summary>Where an <see cref="InsertionCase"/> was written and the SeriesInstanceUID its annotation rows name.</summary>
public sealed record WrittenInsertionCase(string SeriesInstanceUid, string SeriesFolder, string AnnotationsPath, string SidecarPath);
