namespace NoduleScope.Pipeline.Queue;

/// <summary>A study is open while instances arrive, closed after an inactivity timeout; a late instance reopens it.</summary>
public enum StudyState
{
    Open,
    Closed,
}
