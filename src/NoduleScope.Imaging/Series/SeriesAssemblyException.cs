namespace NoduleScope.Imaging.Series;

/// <summary>The instances of a series do not form one consistent volume (gap, mixed sizes, no CT found, ...).</summary>
public sealed class SeriesAssemblyException : Exception
{
    public SeriesAssemblyException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
