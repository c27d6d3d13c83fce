namespace NoduleScope.Detection.Synthesis;

/// <summary>Which side of the patient-level <see cref="LidcSplit"/> a nodule falls on.</summary>
public enum LidcSplitPart
{
    /// <summary>Kept for the reported benchmark numbers only.</summary>
    HeldOut,

    /// <summary>May be used to tune and train.</summary>
    Tuning,
}
