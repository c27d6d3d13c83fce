namespace NoduleScope.Pipeline.Processing;

/// <summary>The instances of a study cannot be analysed as they are (no usable CT series, inconsistent series):
/// processing them again would fail the same way, so the job fails without retries.</summary>
public sealed class StudyInputException : Exception
{
    public StudyInputException(string message)
        : base(message)
    {
    }

    public StudyInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
