namespace NoduleScope.Detection.Candidates;

public enum CandidateSource
{
    /// <summary>Local maximum of the scale-normalised Laplacian of Gaussian (blob filter).</summary>
    Blob,

    /// <summary>A compact dense component inside the lungs (large nodules and masses).</summary>
    DenseComponent,

    /// <summary>A thick dense region enclosed by lung inside a lung's hull, found by <see cref="MassFinder"/> even when
    /// it joins the mediastinum or chest wall (masses over ~3 cm).</summary>
    Mass,
}
