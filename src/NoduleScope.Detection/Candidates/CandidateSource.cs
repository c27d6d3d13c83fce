namespace NoduleScope.Detection.Candidates;

public enum CandidateSource
{
    /// <summary>Local maximum of the scale-normalised Laplacian of Gaussian (blob filter).</summary>
    Blob,

    /// <summary>A compact dense component inside the lungs (large nodules and masses).</summary>
    DenseComponent,
}
