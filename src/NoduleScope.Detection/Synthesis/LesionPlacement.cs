namespace NoduleScope.Detection.Synthesis;

/// <summary>Where in the lung an inserted nodule may go; combine flags to allow several kinds.</summary>
[Flags]
public enum LesionPlacement
{
    None = 0,

    /// <summary>Deep in the lung: at least radius + 5 mm from the lung boundary, clear of vessels.</summary>
    Parenchyma = 1,

    /// <summary>Touching the pleura: centre about one radius inside the lung boundary.</summary>
    Juxtapleural = 2,

    /// <summary>Next to a vessel: dense lung tissue 1–2 mm from the nodule surface.</summary>
    Juxtavascular = 4,

    All = Parenchyma | Juxtapleural | Juxtavascular,
}
