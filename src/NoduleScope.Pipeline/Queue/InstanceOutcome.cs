namespace NoduleScope.Pipeline.Queue;

/// <summary>What recording an instance changed.</summary>
public enum InstanceOutcome
{
    /// <summary>An instance not seen before.</summary>
    New,

    /// <summary>A known SOP Instance UID with other content (sent again, corrected): the new file replaces the old one.</summary>
    Replaced,

    /// <summary>The same content again (a retransmission): nothing changes and the study is not reopened.</summary>
    Duplicate,
}
