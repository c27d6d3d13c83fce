using NoduleScope.Imaging;

namespace NoduleScope.Detection.Synthesis;

/// <summary>A background CT with nodules blended in, the nodules placed, and why any requested nodule was left out.</summary>
public sealed record InsertionCase(CtVolume Volume, IReadOnlyList<InsertedNodule> Nodules, IReadOnlyList<string> Warnings);
