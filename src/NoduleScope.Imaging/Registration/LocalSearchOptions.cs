namespace NoduleScope.Imaging.Registration;

public sealed record LocalSearchOptions
{
    /// <summary>Half the edge of the cube compared around the point (a 40 mm cube by default).</summary>
    public double HalfSizeMm { get; init; } = 20;

    /// <summary>Largest shift tried along each axis.</summary>
    public double SearchRadiusMm { get; init; } = 8;

    /// <summary>HU are clipped to [MinHu, MaxHu] (a lung window: air to soft tissue; bone does not dominate).</summary>
    public float MinHu { get; init; } = -1000;

    public float MaxHu { get; init; } = 100;
}
