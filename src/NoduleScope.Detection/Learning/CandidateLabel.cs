namespace NoduleScope.Detection.Learning;

public enum CandidateLabel
{
    /// <summary>Not on any lesion.</summary>
    Negative,

    /// <summary>On a nodule placed in the scan (the thing to find).</summary>
    Nodule,

    /// <summary>On a real lesion of the background scan that is not part of the ground truth: neither right nor wrong.</summary>
    Excluded,
}
